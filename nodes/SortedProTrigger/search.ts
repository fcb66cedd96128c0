import { NodeApiError, type IHttpRequestOptions, type IPollFunctions } from 'n8n-workflow';

import { describeErrorResponse } from '../SortedPro/helpers/apiError';
import {
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
	type SortedProResponse,
} from '../SortedPro/transport';
import {
	MAX_PAGES,
	PAGE_SIZE,
	hasMorePages,
	matchesFilters,
	readSearchPage,
	searchQuery,
	searchUrl,
	summaryReference,
	toEvent,
	type ConsignmentEvent,
	type SearchFilters,
} from './helpers/consignmentEvents';
import type { PollWindow } from './helpers/pollState';

export const SEARCH_ACTION = 'search consignments';

/** A poll that could not finish for a reason that goes away by itself (throttling, an outage). */
export interface SkippedSearch {
	skipped: string;
	httpCode?: string;
}

export interface SearchOptions {
	baseURL: string;
	state: string;
	window: PollWindow;
	filters: SearchFilters;
	/** Throw on temporary failures too (Fetch Test Event), rather than skipping the poll. */
	throwOnTemporary: boolean;
	/** Pages to read at most (default MAX_PAGES). */
	maxPages?: number;
}

/** The answer, or the error the transport threw when there was none (or nothing was sent). */
async function send(
	context: IPollFunctions,
	options: IHttpRequestOptions,
): Promise<{ response: SortedProResponse } | { failure: Error }> {
	try {
		return { response: await sendToSortedPro.call(context, options, SEARCH_ACTION) };
	} catch (error) {
		return { failure: error as Error };
	}
}

function isTemporary(statusCode: number): boolean {
	return statusCode === 429 || statusCode >= 500;
}

/**
 * Every consignment in `state` whose change falls in the window, page after page. A 401, 403 or
 * 400 throws (n8n shows it; nothing is emitted). A 429, a 5xx, no answer at all or an unusable
 * answer ends the search as skipped, so the poll can leave everything as it was and the next
 * one searches the same window again.
 */
export async function searchState(
	this: IPollFunctions,
	options: SearchOptions,
): Promise<{ events: ConsignmentEvent[] } | SkippedSearch> {
	const { baseURL, state, window, filters, throwOnTemporary, maxPages = MAX_PAGES } = options;
	const events: ConsignmentEvent[] = [];
	let skip = 0;
	let previousPage = '';
	for (let pages = 0; pages < maxPages; pages++) {
		const sent = await send(this, {
			method: 'GET',
			baseURL,
			url: searchUrl(skip),
			qs: searchQuery(state, window, filters),
		});
		if ('failure' in sent) {
			// The transport words a missing answer (refused, timed out) as a NodeApiError.
			if (sent.failure instanceof NodeApiError && !throwOnTemporary)
				return { skipped: sent.failure.message.replace(/\.$/, '') };
			throw sent.failure;
		}
		const response = sent.response;
		// Search answers 200 or 404 (SDK); a 404 is read as "nothing matches".
		if (response.statusCode === 404) return { events };
		if (!isSuccess(response)) {
			if (isTemporary(response.statusCode) && !throwOnTemporary) {
				return {
					skipped: describeErrorResponse(response, SEARCH_ACTION).message,
					httpCode: String(response.statusCode),
				};
			}
			throw errorForResponse(this, response, SEARCH_ACTION);
		}
		const page = readSearchPage(response.body);
		if ('unusable' in page) {
			if (!throwOnTemporary)
				return { skipped: `SortedPRO gave an unusable answer: ${page.unusable}` };
			throw errorForUnusableResponse(this, SEARCH_ACTION, page.unusable);
		}
		const references = page.summaries.map((summary) => summaryReference(summary) ?? '').join(',');
		if (references && references === previousPage) {
			this.logger.warn(
				`SortedPRO Trigger "${this.getNode().name}": SortedPRO returned the same page of ` +
					`${state} consignments twice; paging stopped there.`,
				{ workflowId: this.getWorkflow().id },
			);
			return { events };
		}
		previousPage = references;
		for (const summary of page.summaries) {
			if (!matchesFilters(summary, filters)) continue;
			const event = toEvent(summary, state);
			if (event) events.push(event);
		}
		if (!hasMorePages(page, skip)) return { events };
		skip += page.summaries.length;
	}
	if (maxPages === MAX_PAGES) {
		this.logger.warn(
			`SortedPRO Trigger "${this.getNode().name}": more than ${MAX_PAGES * PAGE_SIZE} ${state} ` +
				'consignments in one window; only those were read. Check SortedPRO for the others.',
			{ workflowId: this.getWorkflow().id },
		);
	}
	return { events };
}
