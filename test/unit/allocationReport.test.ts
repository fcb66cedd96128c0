import {
	ALLOCATED_ITEM_KEYS,
	PENDING_REASON,
	toAllocationJson,
} from '../../nodes/SortedPro/helpers/allocationReport';
import type { BulkOutcome } from '../../nodes/SortedPro/helpers/bulkOutcome';
import {
	completeAllocation,
	interpretConsignment,
} from '../../nodes/SortedPro/helpers/consignmentState';

const SERVICE = 'MPD_RMDTPS48HNAUT';

const allocated = (reference: string): BulkOutcome => ({
	reference,
	status: 'done',
	summary: {
		StatusCode: 200,
		CarrierName: 'Carrier X',
		CarrierServiceReference: 'CX_NDS',
		ConsignmentLegs: [{ TrackingReferences: ['T1'], CarrierReference: 'CX' }],
	},
});
const pending = (reference: string): BulkOutcome => ({
	reference,
	status: 'pending',
	reason: PENDING_REASON,
});

describe('toAllocationJson', () => {
	it('leads with the same keys on every allocated item, null where unknown, then the rest of the summary', () => {
		const json = toAllocationJson(allocated('EC-1'), SERVICE);
		expect(Object.keys(json)).toEqual([...ALLOCATED_ITEM_KEYS, 'StatusCode']);
		expect(json).toEqual({
			ConsignmentReference: 'EC-1',
			Allocated: true,
			AllocationStatus: 'Allocated',
			FailureReason: null,
			MpdCarrierServiceReference: SERVICE,
			MpdCarrierServiceName: null,
			CarrierReference: 'CX',
			CarrierName: 'Carrier X',
			CarrierServiceReference: 'CX_NDS',
			CarrierServiceName: null,
			TrackingReferences: ['T1'],
			ConsignmentLegs: [{ TrackingReferences: ['T1'], CarrierReference: 'CX' }],
			AllocationDate: null,
			Description: null,
			StatusCode: 200,
		});
	});

	it('gives a first run and a re-run the same leading keys, with the Service Code in MpdCarrierServiceReference', () => {
		const firstRun = toAllocationJson(allocated('EC-1'), SERVICE);
		const record = {
			ConsignmentState: 'Allocated',
			Allocation: {
				MpdCarrierServiceReference: SERVICE,
				MpdCarrierServiceName: 'Tracked 48',
				AllocationDate: '2026-01-01T10:00:00Z',
			},
			ConsignmentLegs: [{ Leg: 1, TrackingReferences: ['T9'], CarrierName: 'Royal Mail' }],
		};
		const reRun = toAllocationJson(interpretConsignment('EC-1', record, SERVICE), SERVICE);
		const leading = (json: Record<string, unknown>) =>
			Object.keys(json).slice(0, ALLOCATED_ITEM_KEYS.length);
		expect(leading(reRun)).toEqual(leading(firstRun));
		expect(reRun).toMatchObject({
			MpdCarrierServiceReference: SERVICE,
			MpdCarrierServiceName: 'Tracked 48',
			CarrierName: 'Royal Mail',
			TrackingReferences: ['T9'],
			AllocationDate: '2026-01-01T10:00:00Z',
			Description: expect.stringContaining('already allocated'),
		});
	});

	it('never lets a summary field overwrite the outcome', () => {
		const json = toAllocationJson({
			reference: 'EC-1',
			status: 'done',
			summary: { ConsignmentReference: 'OTHER', Allocated: 'no', FailureReason: 'x' },
		});
		expect(json).toMatchObject({
			ConsignmentReference: 'EC-1',
			Allocated: true,
			FailureReason: null,
		});
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

describe('completeAllocation', () => {
	it('adds what only the record says, keeping what the summary said', () => {
		const done = allocated('EC-1') as Extract<BulkOutcome, { status: 'done' }>;
		const completed = completeAllocation(done, {
			ConsignmentState: 'Allocated',
			Allocation: {
				MpdCarrierServiceReference: 'MPD_DPD',
				CarrierName: 'Record name',
				CarrierServiceGroupReference: 'SGREF01',
				Price: null,
			},
		});
		expect(completed).toMatchObject({
			status: 'done',
			consignmentState: 'Allocated',
			summary: {
				MpdCarrierServiceReference: 'MPD_DPD',
				CarrierName: 'Carrier X',
				CarrierServiceGroupReference: 'SGREF01',
			},
		});
		expect(toAllocationJson(completed).MpdCarrierServiceReference).toBe('MPD_DPD');
	});

	it('leaves the outcome alone when the record is not allocated', () => {
		const done = allocated('EC-1') as Extract<BulkOutcome, { status: 'done' }>;
		expect(completeAllocation(done, { ConsignmentState: 'Unallocated' })).toBe(done);
		expect(completeAllocation(done, 'not json')).toBe(done);
	});
});
