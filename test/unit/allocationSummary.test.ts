import {
	extractSummaries,
	isSuccessfulSummary,
	matchAllocationSummaries,
	reasonsByReference,
	referenceOfSummary,
	trackingReferencesOf,
} from '../../nodes/SortedPro/helpers/allocationSummary';

const allocated = (reference: string, extra: Record<string, unknown> = {}) => ({
	StatusCode: 200,
	ApiLinks: [
		{ Rel: 'detail', Href: `https://api.electioapp.com/consignments/${reference}` },
		{ Rel: 'label', Href: `https://api.electioapp.com/labels/${reference}` },
	],
	Description: `Consignment ${reference} has been successfully allocated with Carrier X Next Day Super`,
	ConsignmentLegs: [{ Leg: 1, TrackingReferences: ['TRK1'], CarrierName: 'Carrier X' }],
	CarrierName: 'Carrier X',
	...extra,
});

describe('referenceOfSummary', () => {
	it('reads the detail link first, case-insensitively, decoding the segment', () => {
		const summary = {
			ApiLinks: [{ Rel: 'Detail', Href: 'https://x/consignments/ec-000-05a-z6s/' }],
			Description: 'about EC-OTHER',
		};
		expect(referenceOfSummary(summary, ['EC-OTHER', 'EC-000-05A-Z6S'])).toBe('EC-000-05A-Z6S');
		expect(
			referenceOfSummary(
				{ ApiLinks: [{ Rel: 'detail', Href: 'https://x/consignments/EC%2D1?x=1' }] },
				['EC-1'],
			),
		).toBe('EC-1');
	});

	it('falls back to other links, then to a whole-word mention in Description', () => {
		expect(
			referenceOfSummary({ ApiLinks: [{ Rel: 'label', Href: 'https://x/labels/EC-2' }] }, ['EC-2']),
		).toBe('EC-2');
		expect(
			referenceOfSummary({ Description: 'Consignment EC-1-2-30 allocated' }, [
				'EC-1-2-3',
				'EC-1-2-30',
			]),
		).toBe('EC-1-2-30');
		expect(
			referenceOfSummary({ Description: 'Consignment EC-1-2-30 allocated' }, ['EC-1-2-3']),
		).toBeUndefined();
	});

	it('tolerates malformed links', () => {
		expect(
			referenceOfSummary(
				{ ApiLinks: [{ Rel: 'detail' }, { Href: 'https://x/%E0%A4%A' }] as never },
				['EC-1'],
			),
		).toBeUndefined();
	});
});

describe('extractSummaries', () => {
	it('accepts a bare array, a wrapper or a single summary, and nothing else', () => {
		expect(extractSummaries([allocated('EC-1'), 'junk'])).toHaveLength(1);
		expect(extractSummaries({ AllocationSummaries: [allocated('EC-1')] })).toHaveLength(1);
		expect(extractSummaries(allocated('EC-1'))).toHaveLength(1);
		expect(extractSummaries('')).toEqual([]);
		expect(extractSummaries({ other: 1 })).toEqual([]);
	});
});

describe('isSuccessfulSummary', () => {
	it('treats 2xx and a missing status as success, anything else as failure', () => {
		expect(isSuccessfulSummary({ StatusCode: 200 })).toBe(true);
		expect(isSuccessfulSummary({ StatusCode: '201' })).toBe(true);
		expect(isSuccessfulSummary({})).toBe(true);
		expect(isSuccessfulSummary({ StatusCode: 422 })).toBe(false);
		expect(isSuccessfulSummary({ StatusCode: 'BadRequest' })).toBe(false);
	});
});

describe('matchAllocationSummaries', () => {
	it('pairs every reference sent with its outcome, in the order sent', () => {
		const outcomes = matchAllocationSummaries(
			['EC-1', 'EC-2', 'EC-3'],
			[allocated('EC-3'), allocated('EC-1')],
		);
		expect(outcomes.map((outcome) => [outcome.reference, outcome.status])).toEqual([
			['EC-1', 'allocated'],
			['EC-2', 'failed'],
			['EC-3', 'allocated'],
		]);
		expect(outcomes[1]).toEqual({ reference: 'EC-2', status: 'failed' });
	});

	it('fails a reference whose summary has a non-2xx StatusCode, with its Description as reason', () => {
		const failed = {
			StatusCode: 422,
			Description: 'Consignment EC-2 cannot be allocated: no eligible service',
		};
		const [, second] = matchAllocationSummaries(['EC-1', 'EC-2'], [allocated('EC-1'), failed]);
		expect(second).toEqual({
			reference: 'EC-2',
			status: 'failed',
			reason: failed.Description,
			summary: failed,
		});
	});

	it('words a reason when the failed summary has no Description', () => {
		const [only] = matchAllocationSummaries(
			['EC-1'],
			[{ StatusCode: 409, ApiLinks: [{ Rel: 'detail', Href: '/consignments/EC-1' }] }],
		);
		expect(only).toMatchObject({ status: 'failed', reason: expect.stringContaining('409') });
	});

	it('pairs a summary naming nothing only when exactly one reference is unanswered', () => {
		const anonymous = { StatusCode: 200, CarrierName: 'Carrier X' };
		expect(
			matchAllocationSummaries(['EC-1', 'EC-2'], [allocated('EC-1'), anonymous])[1].status,
		).toBe('allocated');
		expect(
			matchAllocationSummaries(['EC-1', 'EC-2'], [anonymous]).map((outcome) => outcome.status),
		).toEqual(['failed', 'failed']);
	});
});

describe('trackingReferencesOf', () => {
	it('flattens tracking references of every leg, skipping junk', () => {
		expect(
			trackingReferencesOf({
				ConsignmentLegs: [
					{ TrackingReferences: ['A', 'B'] },
					{ TrackingReferences: [null, 'C'] },
					'junk',
					{},
				],
			}),
		).toEqual(['A', 'B', 'C']);
		expect(trackingReferencesOf({})).toEqual([]);
	});
});

describe('reasonsByReference: bare-array bodies', () => {
	it('reads a target "[i]" as the i-th reference sent', () => {
		const body = { Details: [{ Target: '[1]', Message: 'Consignment is delivered' }] };
		expect([...reasonsByReference(['EC-1', 'EC-2'], body)]).toEqual([
			['EC-2', 'Consignment is delivered'],
		]);
	});
});

describe('trackingReferencesOf: a record listing references twice', () => {
	it('lists each tracking reference once', () => {
		expect(
			trackingReferencesOf({
				TrackingReferences: ['T1'],
				ConsignmentLegs: [{ TrackingReferences: ['T1', 'T2'] }],
			}),
		).toEqual(['T1', 'T2']);
	});
});

describe('reasonsByReference', () => {
	it('maps Details targets ConsignmentReferences[i] to the references sent', () => {
		const body = {
			Message: 'Some consignments cannot be allocated',
			Details: [
				{ Target: 'ConsignmentReferences[1]', Message: 'Consignment is in state Allocated' },
				{ Target: 'EC-3', Message: 'Not found' },
				{ Target: 'Other', Message: 'Consignment EC-1 is cancelled' },
				{ Target: 'ConsignmentReferences[9]', Message: 'out of range' },
				'junk',
			],
		};
		expect([...reasonsByReference(['EC-1', 'EC-2', 'EC-3'], body)]).toEqual([
			['EC-2', 'Consignment is in state Allocated'],
			['EC-3', 'Not found'],
			['EC-1', 'Consignment EC-1 is cancelled'],
		]);
	});

	it('finds none in a request-level error', () => {
		const body = {
			Message: 'Unknown carrier service',
			Details: [{ Target: 'MpdCarrierServiceReference', Message: 'MPD_X not found' }],
		};
		expect(reasonsByReference(['EC-1'], body).size).toBe(0);
		expect(reasonsByReference(['EC-1'], 'not json').size).toBe(0);
	});
});

describe('per-consignment 202 and top-level messages', () => {
	it('reports a summary with StatusCode 202 as pending, not allocated', () => {
		expect(
			matchAllocationSummaries(['EC-1'], [allocated('EC-1', { StatusCode: 202 })])[0].status,
		).toBe('pending');
	});

	it('finds a consignment named only in the top-level message of a 400', () => {
		expect([
			...reasonsByReference(['EC-1', 'EC-2'], {
				Message: 'Consignment EC-2 is in state Cancelled',
			}),
		]).toEqual([['EC-2', 'Consignment EC-2 is in state Cancelled']]);
	});

	it('reads tracking references at the top level too', () => {
		expect(
			trackingReferencesOf({
				TrackingReferences: ['T9'],
				ConsignmentLegs: [{ TrackingReferences: ['T1'] }],
			}),
		).toEqual(['T9', 'T1']);
	});
});
