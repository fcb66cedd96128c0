/**
 * Search Consignments for the trigger: the query for one watched state and window, reading a
 * page whatever shape it comes in, when paging is done, and turning a consignment summary into
 * the trigger's output item. Several facts about the search are UNKNOWN (whether `Count` is the
 * total or the page size, the sort order, the largest page); every reading here works with each.
 */

import { eventKey, type PollWindow } from './pollState';
import { stateInfo, stateName } from './states';

/** The page size asked for; SortedPRO's largest allowed `take` is UNKNOWN. */
export const PAGE_SIZE = 100;

/** A guard against a server that never returns an empty page; 20,000 consignments per state. */
export const MAX_PAGES = 200;

/** "Fetch Test Event" needs one consignment, not the whole month: 1,000 per state at most. */
export const TEST_EVENT_MAX_PAGES = 10;

export interface SearchFilters {
	shippingLocationReference?: string;
	carrierService?: string;
	customerReference?: string;
}

export type Summary = Record<string, unknown>;

export interface SearchPage {
	summaries: Summary[];
	/** `Count` when the answer has one: the total, or perhaps just this page's size. */
	count?: number;
}

export interface ConsignmentEvent {
	key: string;
	reference: string;
	/** When the consignment reached the state (ms), if the summary says. */
	reachedAt?: number;
	json: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Reads a field by name whatever its case, as SortedPRO's JSON casing is not guaranteed. */
function field(object: Record<string, unknown>, name: string): unknown {
	if (name in object) return object[name];
	const lower = name.toLowerCase();
	const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
	return key === undefined ? undefined : object[key];
}

export function normaliseFilters(raw: unknown): SearchFilters {
	const input = isObject(raw) ? raw : {};
	const filters: SearchFilters = {};
	for (const name of [
		'shippingLocationReference',
		'carrierService',
		'customerReference',
	] as const) {
		const value = text(input[name]);
		if (value) filters[name] = value;
	}
	return filters;
}

export function searchUrl(skip: number, take = PAGE_SIZE): string {
	return `/consignments/${take}/${skip}`;
}

/** Query string values for one state and window; dates as ISO 8601 date-times in UTC. */
export function searchQuery(
	state: string,
	window: PollWindow,
	filters: SearchFilters,
): Record<string, string> {
	const query: Record<string, string> = {
		state,
		startFrom: new Date(window.start).toISOString(),
		endAt: new Date(window.end).toISOString(),
	};
	if (filters.shippingLocationReference)
		query.shippingLocationReference = filters.shippingLocationReference;
	if (filters.carrierService) query.carrierService = filters.carrierService;
	if (filters.customerReference) query.referenceProvidedByCustomer = filters.customerReference;
	return query;
}

/**
 * The summaries of one page: `{ Count, ConsignmentSummaries }` as documented, a bare array of
 * summaries, or an array holding that wrapper (a third-party client models it so). Returns a
 * reason instead when the answer cannot be a search result.
 */
export function readSearchPage(body: unknown): SearchPage | { unusable: string } {
	if (body === undefined || body === null || body === '') return { summaries: [] };
	let wrapper: unknown = body;
	if (Array.isArray(body)) {
		const [first] = body;
		if (body.length === 1 && isObject(first) && Array.isArray(field(first, 'ConsignmentSummaries')))
			wrapper = first;
		else return { summaries: body.filter(isObject) };
	}
	if (!isObject(wrapper)) return { unusable: 'the answer is not JSON' };
	const summaries = field(wrapper, 'ConsignmentSummaries');
	if (summaries === null || summaries === undefined) {
		const count = field(wrapper, 'Count');
		if (count === 0) return { summaries: [], count: 0 };
		return { unusable: 'the answer has no ConsignmentSummaries list' };
	}
	if (!Array.isArray(summaries)) return { unusable: 'ConsignmentSummaries is not a list' };
	const count = field(wrapper, 'Count');
	return {
		summaries: summaries.filter(isObject),
		count: typeof count === 'number' && Number.isFinite(count) ? count : undefined,
	};
}

/**
 * Whether another page must be read after this one. An empty page ends the search. A `Count`
 * larger than the page proves it is the total, and then it decides. Otherwise (no Count, or one
 * equal to the page's size) nothing is assumed about the largest page SortedPRO serves: the
 * next page is read until one comes back empty.
 */
export function hasMorePages(page: SearchPage, skip: number): boolean {
	const length = page.summaries.length;
	if (length === 0) return false;
	if (page.count !== undefined && page.count > length) return skip + length < page.count;
	return true;
}

export function summaryReference(summary: Summary): string | undefined {
	return text(field(summary, 'Reference')) ?? text(field(summary, 'ConsignmentReference'));
}

function dateMs(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	// A date-time without an offset is taken as UTC, which is what SortedPRO's examples use.
	const raw = value.trim();
	const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) || !raw.includes('T') ? raw : `${raw}Z`;
	const ms = Date.parse(withZone);
	return Number.isNaN(ms) ? undefined : ms;
}

/** When the summary says the consignment reached `state`, in ms; undefined when it does not say. */
export function reachedAt(summary: Summary, state: string): number | undefined {
	for (const name of stateInfo(state)?.dateFields ?? []) {
		const ms = dateMs(field(summary, name));
		if (ms !== undefined) return ms;
	}
	return undefined;
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Applies the filters to a summary too, for fields the summary carries: SortedPRO might ignore
 * a search term or match it partially (UNKNOWN), and the trigger must not emit what the user
 * filtered out. A field the summary does not carry is left to SortedPRO's search.
 */
export function matchesFilters(summary: Summary, filters: SearchFilters): boolean {
	if (filters.carrierService) {
		const services = ['MpdCarrierServiceReference', 'FailedAllocationMpdCarrierServiceReference']
			.map((name) => text(field(summary, name)))
			.filter((value): value is string => value !== undefined);
		if (services.length && !services.some((s) => sameText(s, filters.carrierService ?? '')))
			return false;
	}
	if (filters.customerReference) {
		const reference = text(field(summary, 'ConsignmentReferenceProvidedByCustomer'));
		if (reference !== undefined && !sameText(reference, filters.customerReference)) return false;
	}
	if (filters.shippingLocationReference) {
		const location = text(field(summary, 'ShippingLocationReference'));
		if (location !== undefined && !sameText(location, filters.shippingLocationReference))
			return false;
	}
	return true;
}

/** The failure message that belongs to the state, if any. */
function failureMessage(summary: Summary, state: string): string | null {
	if (state === 'AllocationFailed') return text(field(summary, 'FailedAllocationMessage')) ?? null;
	if (state === 'ManifestFailed') return text(field(summary, 'FailedManifestMessage')) ?? null;
	return null;
}

/**
 * The output item for a summary found by searching `watchedState`, or undefined when it cannot
 * be one (no reference, or SortedPRO says it is in another state than the one searched).
 */
export function toEvent(summary: Summary, watchedState: string): ConsignmentEvent | undefined {
	const reference = summaryReference(summary);
	if (!reference) return undefined;
	const reported = stateName(field(summary, 'State') ?? field(summary, 'ConsignmentState'));
	// A search that ignored the state term must not make the trigger report a state not reached.
	if (reported !== undefined && !sameText(reported, watchedState)) return undefined;
	const at = reachedAt(summary, watchedState);
	const service =
		text(field(summary, 'MpdCarrierServiceReference')) ??
		text(field(summary, 'FailedAllocationMpdCarrierServiceReference'));
	const serviceName =
		text(field(summary, 'MpdCarrierServiceName')) ??
		text(field(summary, 'FailedAllocationMpdCarrierServiceName'));
	const json: Record<string, unknown> = {
		ConsignmentReference: reference,
		State: watchedState,
		StateReachedAt: at === undefined ? null : new Date(at).toISOString(),
		ConsignmentReferenceProvidedByCustomer:
			text(field(summary, 'ConsignmentReferenceProvidedByCustomer')) ?? null,
		CarrierServiceReference: service ?? null,
		CarrierServiceName: serviceName ?? null,
		FailureMessage: failureMessage(summary, watchedState),
	};
	// The whole summary follows, as SortedPRO sent it; the fields above keep their meaning.
	for (const [name, value] of Object.entries(summary)) if (!(name in json)) json[name] = value;
	return { key: eventKey(reference, watchedState, at), reference, reachedAt: at, json };
}

function sortTime(event: ConsignmentEvent): number {
	if (event.reachedAt !== undefined) return event.reachedAt;
	return dateMs(event.json.DateCreated) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * Oldest first, so a workflow sees consignments in the order they reached their states (the
 * search's own order is UNKNOWN). One event per key: a consignment found twice in one poll
 * (two pages overlapping while it changed) is emitted once.
 */
export function orderEvents(events: ConsignmentEvent[]): ConsignmentEvent[] {
	const unique = new Map<string, ConsignmentEvent>();
	for (const event of events) if (!unique.has(event.key)) unique.set(event.key, event);
	return [...unique.values()].sort(
		(a, b) =>
			sortTime(a) - sortTime(b) ||
			(a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0),
	);
}

/** The most recent of the events, for "Fetch Test Event". */
export function mostRecent(events: ConsignmentEvent[]): ConsignmentEvent | undefined {
	const ordered = orderEvents(events);
	const dated = ordered.filter((event) => sortTime(event) !== Number.MAX_SAFE_INTEGER);
	return dated[dated.length - 1] ?? ordered[ordered.length - 1];
}
