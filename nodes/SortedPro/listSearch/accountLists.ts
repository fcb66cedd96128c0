import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import {
	choiceMatches,
	extractList,
	toLocationChoice,
	toPackageSizeChoice,
	type Entry,
} from '../helpers/accountLists';
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
 * One of the account's lists (`/shippinglocations`, `/packagesizes`). Neither has search or
 * paging. A 404 means none (or, in accounts where the endpoint is gone, none to offer): zero
 * entries, so a typed-in reference always remains the way through.
 */
export async function fetchAccountList(
	context: IExecuteSingleFunctions | ILoadOptionsFunctions,
	options: Partial<IHttpRequestOptions>,
	url: string,
	action: string,
): Promise<Entry[]> {
	const response = await sendToSortedPro.call(context, { ...options, method: 'GET', url }, action);
	if (response.statusCode === 404) return [];
	if (!isSuccess(response)) throw errorForResponse(context, response, action);
	const unusable = unusableListReason(response.body);
	if (unusable) throw errorForUnusableResponse(context, action, unusable);
	return extractList(response.body);
}

async function editorOptions(
	context: ILoadOptionsFunctions,
): Promise<Partial<IHttpRequestOptions>> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return { baseURL: baseUrlFor(credentials.environment, credentials.baseUrl), json: true };
}

/** The shipping-location picker: name, reference, town and postcode; the value is the reference. */
export async function searchShippingLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const locations = await fetchAccountList(
		this,
		await editorOptions(this),
		'/shippinglocations',
		'list shipping locations',
	);
	const results = locations
		.map(toLocationChoice)
		.filter((choice) => choice !== undefined)
		.filter((choice) => choiceMatches(choice, filter));
	return { results };
}

/** The package-size dropdown of a package, with "none" first (weight and dimensions instead). */
export async function getPackageSizes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const sizes = await fetchAccountList(
		this,
		await editorOptions(this),
		'/packagesizes',
		'list package sizes',
	);
	const choices = sizes.map(toPackageSizeChoice).filter((choice) => choice !== undefined);
	return [
		{ name: 'None (Weight and Dimensions Below)', value: '' },
		...choices.map(({ name, value, description }) => ({ name, value, description })),
	];
}
