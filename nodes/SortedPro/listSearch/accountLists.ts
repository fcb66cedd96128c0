import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import {
	choiceMatches,
	extractList,
	toLocationChoice,
	toPackageSizeChoice,
} from '../helpers/accountLists';
import { fetchEditorList } from './fetchList';

/** The shipping-location picker: name, reference, town and postcode; the value is the reference. */
export async function searchShippingLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await fetchEditorList(this, '/shippinglocations', 'list shipping locations');
	const results = extractList(body)
		.map(toLocationChoice)
		.filter((choice) => choice !== undefined)
		.filter((choice) => choiceMatches(choice, filter));
	return { results };
}

/** The package-size dropdown of a package, with "none" first (weight and dimensions instead). */
export async function getPackageSizes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const body = await fetchEditorList(this, '/packagesizes', 'list package sizes');
	const choices = extractList(body)
		.map(toPackageSizeChoice)
		.filter((choice) => choice !== undefined);
	return [
		{ name: 'None (Weight and Dimensions Below)', value: '' },
		...choices.map(({ name, value, description }) => ({ name, value, description })),
	];
}
