import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { baseUrlFor } from '../helpers/baseUrl';
import { unusableListReason } from '../helpers/carrierServices';
import {
	CREDENTIAL_TYPE,
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
} from '../transport';

/**
 * The body of one of SortedPRO's list endpoints (`/carrierservices`, `/servicegroups`,
 * `/shippinglocations`, `/packagesizes`). None has search or paging, so callers filter the whole
 * list. A 404 means none (or an account without the endpoint): `undefined`, which every list
 * extractor reads as zero entries, so a typed-in reference always remains the way through.
 */
export async function fetchList(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	options: Partial<IHttpRequestOptions>,
	url: string,
	action: string,
	unusable: (body: unknown) => string | undefined = unusableListReason,
): Promise<unknown> {
	const response = await sendToSortedPro.call(context, { ...options, method: 'GET', url }, action);
	if (response.statusCode === 404) return undefined;
	if (!isSuccess(response)) throw errorForResponse(context, response, action);
	const reason = unusable(response.body);
	if (reason) throw errorForUnusableResponse(context, action, reason);
	return response.body;
}

/** `fetchList` from the editor (list search, options), which has no request data to send with. */
export async function fetchEditorList(
	context: ILoadOptionsFunctions,
	url: string,
	action: string,
	unusable?: (body: unknown) => string | undefined,
): Promise<unknown> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const options = { baseURL: baseUrlFor(credentials.environment, credentials.baseUrl), json: true };
	return await fetchList(context, options, url, action, unusable);
}
