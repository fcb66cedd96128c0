import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { baseUrlFor } from '../helpers/baseUrl';
import {
	compareGroups,
	extractServiceGroups,
	matchesGroupFilter,
	toServiceGroupChoice,
} from '../helpers/serviceGroups';
import {
	CREDENTIAL_TYPE,
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
} from '../transport';

/**
 * The carrier-service-group picker (`GET /servicegroups`). No search or paging exists there, so
 * the whole list is fetched and filtered here. A 404 (no groups, or an account without the
 * endpoint) gives an empty list: the group can still be typed in.
 */
export async function searchServiceGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const action = 'list carrier service groups';
	const answer = await sendToSortedPro.call(
		this,
		{
			method: 'GET',
			baseURL: baseUrlFor(credentials.environment, credentials.baseUrl),
			url: '/servicegroups',
		},
		action,
	);
	if (answer.statusCode === 404) return { results: [] };
	if (!isSuccess(answer)) throw errorForResponse(this, answer, action);
	if (typeof answer.body === 'string')
		throw errorForUnusableResponse(this, action, 'the answer was not JSON');
	const groups = extractServiceGroups(answer.body)
		.filter((group) => matchesGroupFilter(group, filter))
		.sort(compareGroups);
	return { results: groups.map(toServiceGroupChoice).filter((choice) => choice !== undefined) };
}
