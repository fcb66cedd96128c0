import type { IExecuteSingleFunctions } from 'n8n-workflow';

import type { TransportOptions } from '../../bulk/engine';
import { isSuccess, sendToSortedPro, type SortedProResponse } from '../../transport';
import { errorForUnknownConsignment } from './consignmentErrors';

/**
 * A 404 about one consignment means either "nothing yet" or "no such consignment": its record
 * tells which. The consignment's state if it exists (undefined when SortedPRO gives none), else
 * the unknown-consignment error for `notFound`.
 */
export async function stateAfterNotFound(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	reference: string,
	notFound: SortedProResponse,
	action: string,
): Promise<string | undefined> {
	const consignment = await sendToSortedPro.call(
		context,
		{ ...options, method: 'GET', url: `/consignments/${encodeURIComponent(reference)}` },
		`look up consignment ${reference}`,
	);
	if (!isSuccess(consignment))
		throw errorForUnknownConsignment(context, notFound, action, reference);
	const state = (consignment.body as { ConsignmentState?: unknown } | undefined)?.ConsignmentState;
	return typeof state === 'string' ? state : undefined;
}
