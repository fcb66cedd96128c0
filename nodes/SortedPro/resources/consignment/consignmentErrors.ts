import type { IExecuteSingleFunctions, NodeApiError } from 'n8n-workflow';

import { describeErrorResponse, readApiError } from '../../helpers/apiError';
import { otherConsignmentNamed } from '../../helpers/consignmentReferences';
import {
	errorForResponse,
	errorForUnusableResponse,
	type SortedProResponse,
} from '../../transport';

/**
 * An error answer about another consignment than asked is no answer about this one: "not found"
 * must not be claimed for a consignment SortedPRO was never asked about.
 */
export function errorIfAboutOtherConsignment(
	context: IExecuteSingleFunctions,
	response: SortedProResponse,
	action: string,
	reference: string,
): NodeApiError | undefined {
	const { message, details } = readApiError(response.body);
	const other = otherConsignmentNamed([message, ...details], reference);
	if (other === null) return undefined;
	return errorForUnusableResponse(
		context,
		action,
		`the answer was about consignment ${other}, not ${reference}`,
		response.body,
	);
}

/** A 404 for a consignment, worded so that the reference and what to check are in sight. */
export function errorForUnknownConsignment(
	context: IExecuteSingleFunctions,
	response: SortedProResponse,
	action: string,
	reference: string,
): NodeApiError {
	const aboutOther = errorIfAboutOtherConsignment(context, response, action, reference);
	if (aboutOther) return aboutOther;
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
