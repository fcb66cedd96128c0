import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import {
	compareGroups,
	extractServiceGroups,
	matchesGroupFilter,
	toServiceGroupChoice,
} from '../helpers/serviceGroups';
import { fetchEditorList } from './fetchList';

/** Only a non-JSON answer is unusable here; `/servicegroups` has no `Success` wrapper to read. */
function notJson(body: unknown): string | undefined {
	return typeof body === 'string' ? 'the answer was not JSON' : undefined;
}

/**
 * The carrier-service-group picker (`GET /servicegroups`). No search or paging exists there, so
 * the whole list is fetched and filtered here. A 404 (no groups, or an account without the
 * endpoint) gives an empty list: the group can still be typed in.
 */
export async function searchServiceGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await fetchEditorList(
		this,
		'/servicegroups',
		'list carrier service groups',
		notJson,
	);
	const groups = extractServiceGroups(body)
		.filter((group) => matchesGroupFilter(group, filter))
		.sort(compareGroups);
	return { results: groups.map(toServiceGroupChoice).filter((choice) => choice !== undefined) };
}
