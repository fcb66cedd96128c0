import {
	adviceForAllocationState,
	interpretConsignment,
} from '../../nodes/SortedPro/helpers/consignmentState';

const SERVICE = 'MPD_RMDTPS48HNAUT';

describe('interpretConsignment', () => {
	it('treats a consignment already allocated with the requested service as allocated', () => {
		const result = interpretConsignment(
			'EC-1',
			{
				ConsignmentState: 'Allocated',
				Allocation: {
					MpdCarrierServiceReference: SERVICE,
					CarrierName: 'Royal Mail',
					TrackingReferences: ['T1'],
				},
			},
			'mpd_rmdtps48hnaut',
		);
		expect(result).toMatchObject({
			status: 'done',
			summary: {
				CarrierName: 'Royal Mail',
				Description: expect.stringContaining('already allocated'),
			},
		});
	});

	it('fails one allocated with another service, or in a later state without an allocation record, saying so', () => {
		expect(
			interpretConsignment(
				'EC-1',
				{ ConsignmentState: 'Manifested', Allocation: { MpdCarrierServiceReference: 'OTHER' } },
				SERVICE,
			),
		).toMatchObject({
			status: 'failed',
			reason: expect.stringContaining('another carrier service (OTHER'),
			consignmentState: 'Manifested',
		});
		expect(interpretConsignment('EC-1', { ConsignmentState: 'Dispatched' }, SERVICE)).toMatchObject(
			{ reason: expect.stringContaining('already in state Dispatched') },
		);
	});

	it('counts an allocated consignment whose record names no service as allocated, saying so', () => {
		expect(
			interpretConsignment('EC-1', { ConsignmentState: 'Allocated', Allocation: {} }, SERVICE),
		).toMatchObject({
			status: 'done',
			summary: { Description: expect.stringContaining('does not say with which carrier service') },
		});
		expect(
			interpretConsignment(
				'EC-1',
				{ ConsignmentState: 'Allocated', Allocation: { CarrierServiceReference: SERVICE } },
				SERVICE,
			).status,
		).toBe('done');
	});

	it('reports Allocating as pending', () => {
		expect(interpretConsignment('EC-1', { ConsignmentState: 'Allocating' }, SERVICE).status).toBe(
			'pending',
		);
	});

	it('uses FailedAllocation.Message only when it is about this attempt', () => {
		const failed = (service: string) => ({
			ConsignmentState: 'AllocationFailed',
			FailedAllocation: { MpdCarrierServiceReference: service, Message: 'No eligible service' },
		});
		expect(interpretConsignment('EC-1', failed(SERVICE), SERVICE)).toMatchObject({
			reason: 'No eligible service',
			consignmentState: 'AllocationFailed',
		});
		expect(interpretConsignment('EC-1', failed('OTHER'), SERVICE)).toMatchObject({
			reason: expect.stringContaining('gave no reason'),
		});
		expect(
			interpretConsignment(
				'EC-1',
				{ ConsignmentState: 'Unallocated', FailedAllocation: { Message: 'old' } },
				SERVICE,
			),
		).toMatchObject({
			reason: expect.stringContaining('state Unallocated'),
		});
	});

	it('copes with an answer that is not a consignment', () => {
		expect(interpretConsignment('EC-1', 'oops', SERVICE)).toMatchObject({
			status: 'failed',
			reason: expect.stringContaining('gave no reason.'),
		});
	});
});

describe('adviceForAllocationState', () => {
	it('explains the states that can neither be allocated nor count as allocated', () => {
		expect(adviceForAllocationState('Cancelled')).toContain('create a new consignment');
		expect(adviceForAllocationState('Cancelling')).toContain('being cancelled');
		expect(adviceForAllocationState('Deallocating')).toBe(
			'It is in state Deallocating. Only consignments in state Unallocated or AllocationFailed can be allocated.',
		);
		for (const state of [
			'Unallocated',
			'AllocationFailed',
			'Allocated',
			'Delivered',
			'Allocating',
			undefined,
		])
			expect(adviceForAllocationState(state)).toBeUndefined();
	});

	it(
		'reads a cancelled record as failed with that advice, and an ' +
			'unexplained failure without a service as a rules matter',
		() => {
			expect(interpretConsignment('EC-1', { ConsignmentState: 'Cancelled' })).toMatchObject({
				status: 'failed',
				reason: expect.stringContaining('create a new consignment'),
				consignmentState: 'Cancelled',
			});
			expect(interpretConsignment('EC-1', { ConsignmentState: 'Unallocated' }).status).toBe(
				'failed',
			);
			expect(
				(interpretConsignment('EC-1', { ConsignmentState: 'Unallocated' }) as { reason: string })
					.reason,
			).toContain('its allocation rules may allow no carrier service for it.');
		},
	);

	it('takes the tracking legs of a re-run from the top of the record', () => {
		expect(
			interpretConsignment('EC-1', {
				ConsignmentState: 'Manifested',
				Allocation: { MpdCarrierServiceReference: SERVICE },
				ConsignmentLegs: [{ TrackingReferences: ['T1'] }],
			}),
		).toMatchObject({
			status: 'done',
			summary: { ConsignmentLegs: [{ TrackingReferences: ['T1'] }] },
		});
	});
});
