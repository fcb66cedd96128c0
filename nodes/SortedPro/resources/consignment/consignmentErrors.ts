import type { IExecuteSingleFunctions, NodeApiError } from 'n8n-workflow';

import { describeErrorResponse } from '../../helpers/apiError';
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

/**
 * An error answer that needed a look-up of the consignment to be understood, when the look-up
 * failed too: both answers' words and Correlation IDs stay, since support may need either.
 */
export function errorForFailedLookUp(
	context: IExecuteSingleFunctions,
	response: SortedProResponse,
	lookUp: SortedProResponse,
	action: string,
	reference: string,
	hint: string,
): NodeApiError {
	const lookUpDescribed = describeErrorResponse(lookUp, `look up consignment ${reference}`);
	return errorForResponse(
		context,
		response,
		action,
		[
			`${hint} Looking up consignment ${reference} to tell why failed too: ${lookUpDescribed.message}.`,
			lookUpDescribed.description,
		].join('\n'),
	);
}
