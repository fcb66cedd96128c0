import {
	PENDING_REASON,
	describeOtherItems,
	describeProgress,
	describeUnallocated,
	toOutputJson,
	type ReferenceResult,
} from '../../nodes/SortedPro/helpers/allocationReport';

const allocated = (reference: string): ReferenceResult => ({
	reference,
	status: 'allocated',
	summary: {
		StatusCode: 200,
		CarrierName: 'Carrier X',
		ConsignmentLegs: [{ TrackingReferences: ['T1'] }],
	},
});
const failed = (reference: string, reason = 'not eligible'): ReferenceResult => ({
	reference,
	status: 'failed',
	reason,
});
const pending = (reference: string): ReferenceResult => ({
	reference,
	status: 'pending',
	reason: PENDING_REASON,
});

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
		expect(Object.keys(json).slice(0, 6)).toEqual([
			'ConsignmentReference',
			'Allocated',
			'AllocationStatus',
			'FailureReason',
			'CarrierName',
			'TrackingReferences',
		]);
	});

	it('gives failed and pending ones a reason, and the state when known', () => {
		expect(
			toOutputJson({
				reference: 'EC-2',
				status: 'failed',
				reason: 'r',
				consignmentState: 'Manifested',
			}),
		).toEqual({
			ConsignmentReference: 'EC-2',
			Allocated: false,
			AllocationStatus: 'Failed',
			FailureReason: 'r',
			ConsignmentState: 'Manifested',
		});
		expect(toOutputJson(pending('EC-3'))).toMatchObject({
			Allocated: false,
			AllocationStatus: 'Pending',
			FailureReason: PENDING_REASON,
		});
	});
});

describe('describeUnallocated', () => {
	it('names every failed and pending reference and lists the allocated ones', () => {
		const { message, description } = describeUnallocated(
			[allocated('EC-1'), failed('EC-2'), pending('EC-3')],
			'MPD_X',
		);
		expect(message).toBe('2 of 3 consignments were not allocated with MPD_X');
		expect(description).toContain('- EC-2: not eligible');
		expect(description).toContain('Not finished yet (1)');
		expect(description).toContain('- EC-3');
		expect(description).toContain('Allocated (1), these stay allocated: EC-1');
	});

	it('puts a single failure in the message, and says when none were allocated', () => {
		expect(describeUnallocated([failed('EC-9', 'wrong state')], 'S').message).toBe(
			'Consignment EC-9 was not allocated with S: wrong state',
		);
		expect(describeUnallocated([pending('EC-9')], 'S').message).toBe(
			'The allocation of consignment EC-9 with S has not finished yet',
		);
		expect(describeUnallocated([failed('EC-1'), failed('EC-2')], 'S').description).toContain(
			'Allocated: none.',
		);
		expect(describeUnallocated([failed('EC-1'), allocated('EC-2')], 'S').message).toBe(
			'1 of 2 consignments was not allocated with S',
		);
	});
});

describe('describeProgress', () => {
	it('accounts for every reference when a later request is refused', () => {
		const text = describeProgress(
			[
				{ reference: 'EC-1', succeeded: true },
				{ reference: 'EC-2', succeeded: false, reason: 'r' },
			],
			['EC-3'],
			false,
			['EC-4'],
		);
		expect(text).toContain('Allocated (these stay allocated): EC-1');
		expect(text).toContain('Not allocated: EC-2 (r)');
		expect(text).toContain('Not allocated, SortedPRO refused the request: EC-3');
		expect(text).toContain('Not sent because of the error: EC-4');
		expect(describeProgress([{ reference: 'EC-2', succeeded: false }], [], false, [])).toContain(
			'(these stay allocated): none',
		);
		expect(describeProgress([{ reference: 'EC-2', succeeded: false }], [], false, [])).toContain(
			'EC-2 (no reason given)',
		);
		expect(
			describeProgress([{ reference: 'EC-1', succeeded: true }], ['EC-2'], false, [], 'manifested'),
		).toContain('Manifested (these stay manifested): EC-1');
	});

	it('says nothing was allocated when the first request is refused', () => {
		expect(describeProgress([], ['EC-1'], false, ['EC-2'])).toBe(
			'Nothing was allocated. Consignments not allocated: EC-1, EC-2',
		);
	});

	it('asks to check the state when the failed request may have gone through', () => {
		expect(describeProgress([], ['EC-1', 'EC-2'], true, [])).toBe(
			'Outcome unknown, check their state with Consignment > Get before running again: EC-1, EC-2',
		);
	});
});

describe('describeOtherItems', () => {
	it('names the references of the other input items, or says nothing when there are none', () => {
		expect(describeOtherItems(['EC-7', 'EC-8'])).toContain(
			'not in the output because the node stopped: EC-7, EC-8',
		);
		expect(describeOtherItems([])).toBeUndefined();
	});
});
