import type { IExecuteSingleFunctions } from 'n8n-workflow';

import type { TransportOptions } from '../../bulk/engine';
import { isSuccess, sendToSortedPro, type SortedProResponse } from '../../transport';
import {
	errorForFailedLookUp,
	errorForUnknownConsignment,
	errorIfAboutOtherConsignment,
} from './consignmentErrors';

/**
 * A 404 about one consignment means either "nothing yet" or "no such consignment": its record
 * tells which. The consignment's state if it exists (undefined when SortedPRO gives none), else
 * the unknown-consignment error for `notFound`. A look-up that fails for another reason says so,
 * with both answers and `hint`, rather than claiming there is no such consignment.
 */
export async function stateAfterNotFound(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	reference: string,
	notFound: SortedProResponse,
	action: string,
	hint: string,
): Promise<string | undefined> {
	const aboutOther = errorIfAboutOtherConsignment(context, notFound, action, reference);
	if (aboutOther) throw aboutOther;
	const consignment = await sendToSortedPro.call(
		context,
		{ ...options, method: 'GET', url: `/consignments/${encodeURIComponent(reference)}` },
		`look up consignment ${reference}`,
	);
	if (consignment.statusCode === 404)
		throw errorForUnknownConsignment(context, notFound, action, reference);
	if (!isSuccess(consignment))
		throw errorForFailedLookUp(context, notFound, consignment, action, reference, hint);
	const state = (consignment.body as { ConsignmentState?: unknown } | undefined)?.ConsignmentState;
	return typeof state === 'string' ? state : undefined;
}
