import { PENDING_REASON, toAllocationJson } from '../../nodes/SortedPro/helpers/allocationReport';
import type { BulkOutcome } from '../../nodes/SortedPro/helpers/bulkOutcome';

const allocated = (reference: string): BulkOutcome => ({
	reference,
	status: 'done',
	summary: {
		StatusCode: 200,
		CarrierName: 'Carrier X',
		ConsignmentLegs: [{ TrackingReferences: ['T1'] }],
	},
});
const pending = (reference: string): BulkOutcome => ({
	reference,
	status: 'pending',
	reason: PENDING_REASON,
});

describe('toAllocationJson', () => {
	it('leads with the reference, the outcome, the carrier and the tracking references, then the rest of the summary', () => {
		const json = toAllocationJson(allocated('EC-1'));
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
			toAllocationJson({
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
		expect(toAllocationJson(pending('EC-3'))).toMatchObject({
			Allocated: false,
			AllocationStatus: 'Pending',
			FailureReason: PENDING_REASON,
		});
	});
});
