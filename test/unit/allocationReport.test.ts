import { PENDING_REASON, describeProgress, describeUnallocated, toOutputJson, type ReferenceResult } from '../../nodes/SortedPro/helpers/allocationReport';

const allocated = (reference: string): ReferenceResult => ({
	reference,
	status: 'allocated',
	summary: { StatusCode: 200, CarrierName: 'Carrier X', ConsignmentLegs: [{ TrackingReferences: ['T1'] }] },
});
const failed = (reference: string, reason = 'not eligible'): ReferenceResult => ({ reference, status: 'failed', reason });
const pending = (reference: string): ReferenceResult => ({ reference, status: 'pending', reason: PENDING_REASON });

describe('toOutputJson', () => {
	it('leads with the reference, the outcome, the carrier and the tracking references, then the rest of the summary', () => {
		const json = toOutputJson(allocated('EC-1'));
		expect(json).toEqual({
			ConsignmentReference: 'EC-1',
			Allocated: true,
			AllocationStatus: 'Allocated',
			FailureReason: null,
			StatusCode: 200,
			CarrierName: 'Carrier X',
			ConsignmentLegs: [{ TrackingReferences: ['T1'] }],
			TrackingReferences: ['T1'],
		});
		expect(Object.keys(json).slice(0, 6)).toEqual(['ConsignmentReference', 'Allocated', 'AllocationStatus', 'FailureReason', 'CarrierName', 'TrackingReferences']);
	});

	it('gives failed and pending ones a reason, and the state when known', () => {
		expect(toOutputJson({ reference: 'EC-2', status: 'failed', reason: 'r', consignmentState: 'Manifested' })).toEqual({
			ConsignmentReference: 'EC-2',
			Allocated: false,
			AllocationStatus: 'Failed',
			FailureReason: 'r',
			ConsignmentState: 'Manifested',
		});
		expect(toOutputJson(pending('EC-3'))).toMatchObject({ Allocated: false, AllocationStatus: 'Pending', FailureReason: PENDING_REASON });
	});
});

describe('describeUnallocated', () => {
	it('names every failed and pending reference and lists the allocated ones', () => {
		const { message, description } = describeUnallocated([allocated('EC-1'), failed('EC-2'), pending('EC-3')], 'MPD_X');
		expect(message).toBe('2 of 3 consignments were not allocated with MPD_X');
		expect(description).toContain('- EC-2: not eligible');
		expect(description).toContain('Not finished yet (1)');
		expect(description).toContain('- EC-3');
		expect(description).toContain('Allocated (1), these stay allocated: EC-1');
	});

	it('puts a single failure in the message, and says when none were allocated', () => {
		expect(describeUnallocated([failed('EC-9', 'wrong state')], 'S').message).toBe('Consignment EC-9 was not allocated with S: wrong state');
		expect(describeUnallocated([pending('EC-9')], 'S').message).toBe('The allocation of consignment EC-9 with S has not finished yet');
		expect(describeUnallocated([failed('EC-1'), failed('EC-2')], 'S').description).toContain('Allocated: none.');
		expect(describeUnallocated([failed('EC-1'), allocated('EC-2')], 'S').message).toBe('1 of 2 consignments was not allocated with S');
	});
});

describe('describeProgress', () => {
	it('accounts for every reference when a later request fails', () => {
		const text = describeProgress([allocated('EC-1'), failed('EC-2', 'r')], ['EC-3', 'EC-4']);
		expect(text).toContain('- allocated (these stay allocated): EC-1');
		expect(text).toContain('- not allocated: EC-2 (r)');
		expect(text).toContain('- not sent because of the error: EC-3, EC-4');
		expect(describeProgress([failed('EC-2', 'r')], [])).toContain('allocated (these stay allocated): none');
	});

	it('says nothing was allocated when the first request fails', () => {
		expect(describeProgress([], ['EC-1', 'EC-2'])).toBe('Nothing was allocated. Consignments not allocated: EC-1, EC-2');
	});
});
