import type { IExecuteSingleFunctions, NodeApiError } from 'n8n-workflow';

import { errorForResponse, type SortedProResponse } from '../../transport';

/** A 404 for a consignment, worded so that the reference and what to check are in sight. */
export function errorForUnknownConsignment(
	context: IExecuteSingleFunctions,
	response: SortedProResponse,
	action: string,
	reference: string,
): NodeApiError {
	return errorForResponse(
		context,
		response,
		action,
		'Check the reference for typos, and that the consignment belongs to the account and environment of the credential.',
		`SortedPRO has no consignment ${reference}`,
	);
}
