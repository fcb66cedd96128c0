import {
	hasMorePages,
	matchesFilters,
	mostRecent,
	normaliseFilters,
	orderEvents,
	reachedAt,
	readSearchPage,
	searchQuery,
	searchUrl,
	toEvent,
	type ConsignmentEvent,
} from '../../nodes/SortedProTrigger/helpers/consignmentEvents';
import { stateName } from '../../nodes/SortedProTrigger/helpers/states';

const failed = (reference: string, date: string, extra: Record<string, unknown> = {}) => ({
	Reference: reference,
	State: 'AllocationFailed',
	ConsignmentReferenceProvidedByCustomer: 'ORDER-1',
	DateCreated: '2026-12-01T09:00:00+00:00',
	FailedAllocationAttemptedAllocationDate: date,
	FailedAllocationMessage: 'No service can meet the delivery promise',
	FailedAllocationMpdCarrierServiceReference: 'MPD_RMDTPS48HNAUT',
	FailedAllocationMpdCarrierServiceName: 'Tracked 48',
	...extra,
});

describe('search request', () => {
	it('puts take and skip in the path and the terms in the query', () => {
		expect(searchUrl(200)).toBe('/consignments/100/200');
		const window = {
			start: Date.parse('2026-12-03T12:00:00Z'),
			end: Date.parse('2026-12-03T12:06:00Z'),
		};
		expect(
			searchQuery('AllocationFailed', window, {
				carrierService: 'MPD_X',
				customerReference: 'ORDER-7',
				shippingLocationReference: 'SL-1',
			}),
		).toEqual({
			state: 'AllocationFailed',
			startFrom: '2026-12-03T12:00:00.000Z',
			endAt: '2026-12-03T12:06:00.000Z',
			carrierService: 'MPD_X',
			referenceProvidedByCustomer: 'ORDER-7',
			shippingLocationReference: 'SL-1',
		});
		expect(Object.keys(searchQuery('Delivered', window, {}))).toEqual([
			'state',
			'startFrom',
			'endAt',
		]);
	});

	it('trims filters and drops empty ones', () => {
		expect(
			normaliseFilters({ carrierService: '  MPD_X ', customerReference: '', other: 'x' }),
		).toEqual({
			carrierService: 'MPD_X',
		});
		expect(normaliseFilters(undefined)).toEqual({});
	});
});

describe('readSearchPage', () => {
	it('reads the documented wrapper, a bare array and an array holding the wrapper', () => {
		const summaries = [failed('EC-1', '2026-12-03T12:00:00Z')];
		expect(readSearchPage({ Count: 1, ConsignmentSummaries: summaries })).toEqual({
			summaries,
			count: 1,
		});
		expect(readSearchPage({ count: 3, consignmentSummaries: summaries })).toEqual({
			summaries,
			count: 3,
		});
		expect(readSearchPage(summaries)).toEqual({ summaries });
		expect(readSearchPage([{ Count: 1, ConsignmentSummaries: summaries }])).toEqual({
			summaries,
			count: 1,
		});
	});

	it('reads an empty answer as no matches', () => {
		expect(readSearchPage(undefined)).toEqual({ summaries: [] });
		expect(readSearchPage({ Count: 0, ConsignmentSummaries: null })).toEqual({
			summaries: [],
			count: 0,
		});
		expect(readSearchPage([])).toEqual({ summaries: [] });
	});

	it('gives a reason for answers that cannot be search results', () => {
		expect(readSearchPage('<html>Bad gateway</html>')).toEqual({
			unusable: 'the answer is not JSON',
		});
		expect(readSearchPage({ Message: 'hello' })).toEqual({
			unusable: 'the answer has no ConsignmentSummaries list',
		});
		expect(readSearchPage({ ConsignmentSummaries: 'x' })).toEqual({
			unusable: 'ConsignmentSummaries is not a list',
		});
	});
});

describe('hasMorePages', () => {
	const page = (length: number, count?: number) => ({
		summaries: Array.from({ length }, (_, i) => ({ Reference: `EC-${i}` })),
		count,
	});

	it('stops at an empty page', () => {
		expect(hasMorePages(page(0, 500), 0)).toBe(false);
	});

	it('follows a Count that is clearly the total', () => {
		expect(hasMorePages(page(100, 250), 0)).toBe(true);
		expect(hasMorePages(page(100, 250), 100)).toBe(true);
		expect(hasMorePages(page(50, 250), 200)).toBe(false);
	});

	it('reads on when Count may be the page size or is missing, even after a short page', () => {
		expect(hasMorePages(page(40, 40), 0)).toBe(true);
		expect(hasMorePages(page(7), 80)).toBe(true);
	});
});

describe('events', () => {
	it('shapes a summary: reference, state, when, failure, service, then every field as sent', () => {
		const event = toEvent(
			failed('EC-1', '2026-12-03T12:00:00.5+00:00', { Extra: 1 }),
			'AllocationFailed',
		);
		expect(event?.key).toBe(`EC-1|AllocationFailed|${Date.parse('2026-12-03T12:00:00.500Z')}`);
		expect(event?.json).toMatchObject({
			ConsignmentReference: 'EC-1',
			State: 'AllocationFailed',
			StateReachedAt: '2026-12-03T12:00:00.500Z',
			ConsignmentReferenceProvidedByCustomer: 'ORDER-1',
			CarrierServiceReference: 'MPD_RMDTPS48HNAUT',
			CarrierServiceName: 'Tracked 48',
			FailureMessage: 'No service can meet the delivery promise',
			Reference: 'EC-1',
			Extra: 1,
		});
		expect(Object.keys(event?.json ?? {}).slice(0, 3)).toEqual([
			'ConsignmentReference',
			'State',
			'StateReachedAt',
		]);
	});

	it('reads a state sent as a number and refuses a summary in another state or without reference', () => {
		expect(
			toEvent(failed('EC-1', '2026-12-03T12:00:00Z', { State: 2 }), 'AllocationFailed')?.json.State,
		).toBe('AllocationFailed');
		expect(
			toEvent(failed('EC-1', '2026-12-03T12:00:00Z', { State: 'Delivered' }), 'AllocationFailed'),
		).toBeUndefined();
		expect(toEvent({ State: 'AllocationFailed' }, 'AllocationFailed')).toBeUndefined();
		expect(stateName('17')).toBe('Delivered');
		expect(stateName('allocationfailed')).toBe('AllocationFailed');
	});

	it('takes the state date from the field that belongs to the state, as UTC when no offset is given', () => {
		expect(reachedAt({ DeliveryDate: '2026-12-03T10:00:00' }, 'Delivered')).toBe(
			Date.parse('2026-12-03T10:00:00Z'),
		);
		expect(reachedAt({ AllocationDate: '2026-12-03T10:00:00Z' }, 'Delivered')).toBeUndefined();
		expect(reachedAt({ FailedManifestTimeStamp: 'soon' }, 'ManifestFailed')).toBeUndefined();
		expect(reachedAt({}, 'Manifested')).toBeUndefined();
	});

	it('has no failure message for states that are not failures', () => {
		const event = toEvent(
			{ Reference: 'EC-2', State: 'Delivered', FailedAllocationMessage: 'old' },
			'Delivered',
		);
		expect(event?.json.FailureMessage).toBeNull();
		expect(event?.json.StateReachedAt).toBeNull();
	});

	it('orders oldest first, undated last, and keeps one event per key', () => {
		const events = [
			toEvent(failed('EC-B', '2026-12-03T12:00:02Z'), 'AllocationFailed'),
			toEvent({ Reference: 'EC-U', State: 'Manifested' }, 'Manifested'),
			toEvent(failed('EC-A', '2026-12-03T12:00:01Z'), 'AllocationFailed'),
			toEvent(failed('EC-B', '2026-12-03T12:00:02Z'), 'AllocationFailed'),
		] as ConsignmentEvent[];
		expect(orderEvents(events).map((e) => e.reference)).toEqual(['EC-A', 'EC-B', 'EC-U']);
		expect(mostRecent(events)?.reference).toBe('EC-B');
		expect(mostRecent([])).toBeUndefined();
	});
});

describe('matchesFilters', () => {
	const summary = failed('EC-1', '2026-12-03T12:00:00Z');

	it('checks the fields the summary carries, case-insensitively and exactly', () => {
		expect(matchesFilters(summary, { carrierService: 'mpd_rmdtps48hnaut' })).toBe(true);
		expect(matchesFilters(summary, { carrierService: 'MPD_OTHER' })).toBe(false);
		expect(matchesFilters(summary, { customerReference: 'order-1' })).toBe(true);
		expect(matchesFilters(summary, { customerReference: 'ORDER-10' })).toBe(false);
	});

	it('leaves a field the summary does not carry to the search', () => {
		expect(matchesFilters(summary, { shippingLocationReference: 'SL-1' })).toBe(true);
		expect(
			matchesFilters({ Reference: 'EC-1' }, { carrierService: 'MPD_X', customerReference: 'A' }),
		).toBe(true);
		expect(
			matchesFilters(
				{ ...summary, ShippingLocationReference: 'SL-2' },
				{ shippingLocationReference: 'SL-1' },
			),
		).toBe(false);
	});
});
