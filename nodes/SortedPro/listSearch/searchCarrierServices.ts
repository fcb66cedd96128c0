import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { baseUrlFor } from '../helpers/baseUrl';
import {
	disabledLast,
	extractCarrierServices,
	matchesFilter,
	toServiceChoice,
	unusableListReason,
} from '../helpers/carrierServices';
import {
	CREDENTIAL_TYPE,
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
} from '../transport';

/**
 * The carrier-service picker. SortedPRO has no search or paging on this endpoint, so the whole
 * list is fetched and filtered here; enabled services come first, disabled ones last, marked.
 */
export async function searchCarrierServices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const action = 'list carrier services';
	const answer = await sendToSortedPro.call(
		this,
		{
			method: 'GET',
			baseURL: baseUrlFor(credentials.environment, credentials.baseUrl),
			url: '/carrierservices',
		},
		action,
	);
	if (answer.statusCode === 404) return { results: [] };
	if (!isSuccess(answer)) throw errorForResponse(this, answer, action);
	const unusable = unusableListReason(answer.body);
	if (unusable) throw errorForUnusableResponse(this, action, unusable);

	const services = disabledLast(
		extractCarrierServices(answer.body).filter((service) => matchesFilter(service, filter)),
	);
	const results = services.map(toServiceChoice).filter((choice) => choice !== undefined);
	return { results };
}
