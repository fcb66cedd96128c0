import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import {
	disabledLast,
	extractCarrierServices,
	matchesFilter,
	toServiceChoice,
} from '../helpers/carrierServices';
import { fetchEditorList } from './fetchList';

/**
 * The carrier-service picker. SortedPRO has no search or paging on this endpoint, so the whole
 * list is fetched and filtered here; enabled services come first, disabled ones last, marked.
 */
export async function searchCarrierServices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await fetchEditorList(this, '/carrierservices', 'list carrier services');
	const services = disabledLast(
		extractCarrierServices(body).filter((service) => matchesFilter(service, filter)),
	);
	const results = services.map(toServiceChoice).filter((choice) => choice !== undefined);
	return { results };
}
