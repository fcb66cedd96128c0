import type { BulkOutcome } from '../../nodes/SortedPro/helpers/bulkOutcome';
import {
	cancellation,
	deallocation,
	toLifecycleJson,
} from '../../nodes/SortedPro/helpers/lifecycle';
import { matchManifestResults } from '../../nodes/SortedPro/helpers/manifestResults';

const record = (state?: string) => (state ? { ConsignmentState: state } : {});

describe('deallocation', () => {
	it('counts a consignment without an allocation as done, and names the states that cannot be deallocated', () => {
		expect(deallocation.readConsignment('EC-1', record('Unallocated'))).toMatchObject({
			status: 'done',
			consignmentState: 'Unallocated',
		});
		expect(deallocation.readConsignment('EC-1', record('AllocationFailed')).status).toBe('done');
		expect(deallocation.readConsignment('EC-1', record('Allocated'))).toMatchObject({
			status: 'failed',
			reason:
				'SortedPRO did not deallocate it and gave no reason (it is still in state Allocated).',
		});
		expect(deallocation.readConsignment('EC-1', record('InTransit'))).toMatchObject({
			reason: expect.stringContaining(
				'only consignments in state Allocated, Manifested or ManifestFailed can be deallocated',
			),
		});
		expect(deallocation.readConsignment('EC-1', record('Cancelled')).status).toBe('failed');
		expect(deallocation.readConsignment('EC-1', 'x')).toMatchObject({
			reason: 'SortedPRO did not deallocate it and gave no reason.',
		});
	});

	it('advises only where the state explains the failure', () => {
		expect(deallocation.advise('r', 'Delivered')).toContain('state Delivered');
		expect(deallocation.advise('r', 'Cancelled')).toContain('cancelled');
		expect(deallocation.advise('r', 'Manifested')).toBeUndefined();
		expect(deallocation.advise('r', undefined)).toBeUndefined();
	});
});

describe('cancellation', () => {
	it('counts Cancelled as done, Cancelling as pending, and says why others failed', () => {
		expect(cancellation.readConsignment('EC-1', record('Cancelled')).status).toBe('done');
		expect(cancellation.readConsignment('EC-1', record('Cancelling')).status).toBe('pending');
		expect(cancellation.readConsignment('EC-1', record('Unallocated'))).toMatchObject({
			reason: 'SortedPRO did not cancel it and gave no reason (it is in state Unallocated).',
		});
		expect(cancellation.readConsignment('EC-1', record('Manifested'))).toMatchObject({
			reason: expect.stringContaining('once it is manifested'),
		});
		expect(cancellation.advise('r', 'Allocated')).toBeUndefined();
	});
});

describe('toLifecycleJson', () => {
	it('gives every item the same keys, null where unknown', () => {
		const done: BulkOutcome = { reference: 'EC-1', status: 'done', message: 'ok' };
		const failed: BulkOutcome = {
			reference: 'EC-2',
			status: 'failed',
			reason: 'r',
			consignmentState: 'InTransit',
		};
		const pending: BulkOutcome = { reference: 'EC-3', status: 'pending', reason: 'p' };
		expect(toLifecycleJson(cancellation, done)).toEqual({
			ConsignmentReference: 'EC-1',
			Cancelled: true,
			CancellationStatus: 'Cancelled',
			FailureReason: null,
			Message: 'ok',
			ConsignmentState: null,
		});
		expect(toLifecycleJson(deallocation, failed)).toEqual({
			ConsignmentReference: 'EC-2',
			Deallocated: false,
			DeallocationStatus: 'Failed',
			FailureReason: 'r',
			Message: null,
			ConsignmentState: 'InTransit',
		});
		expect(toLifecycleJson(deallocation, pending)).toMatchObject({
			DeallocationStatus: 'Pending',
			FailureReason: 'p',
		});
	});

	it('reads WithMessage results with the operation own words for a failure without a reason', () => {
		expect(
			matchManifestResults(
				['EC-1'],
				[{ IsSuccess: false, Data: 'EC-1' }],
				'not cancelled, no reason',
			),
		).toEqual([{ reference: 'EC-1', status: 'failed', reason: 'not cancelled, no reason' }]);
	});
});
