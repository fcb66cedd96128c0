/**
 * What every Allocate operation outputs for one consignment, whichever mode allocated it.
 */

import { trackingReferencesOf } from './allocationSummary';
import type { BulkOutcome } from './bulkOutcome';

export const PENDING_REASON =
	'SortedPRO accepted the allocation request (HTTP 202 Accepted) but had not finished it: the consignment is probably still in state Allocating. Check its state with Consignment > Get before fetching labels.';

/** Summary fields an operator looks at first; n8n's table takes its columns from the first item. */
const LEADING_SUMMARY_FIELDS = [
	'CarrierName',
	'CarrierServiceName',
	'CarrierReference',
	'CarrierServiceReference',
];

/**
 * One output item's JSON for one reference; field names follow SortedPRO's own. Every item has
 * `FailureReason` (null when allocated) so that IF and Filter nodes can test it on any item.
 */
export function toAllocationJson(result: BulkOutcome): Record<string, unknown> {
	if (result.status === 'done') {
		const summary = result.summary ?? {};
		const leading: Record<string, unknown> = {};
		for (const field of LEADING_SUMMARY_FIELDS)
			if (field in summary) leading[field] = summary[field];
		const json: Record<string, unknown> = {
			ConsignmentReference: result.reference,
			Allocated: true,
			AllocationStatus: 'Allocated',
			FailureReason: null,
			...leading,
			TrackingReferences: trackingReferencesOf(summary),
			...summary,
		};
		// Set again so that a summary field of the same name can never overwrite the outcome.
		Object.assign(json, {
			ConsignmentReference: result.reference,
			Allocated: true,
			AllocationStatus: 'Allocated',
			FailureReason: null,
		});
		return json;
	}
	return {
		ConsignmentReference: result.reference,
		Allocated: false,
		AllocationStatus: result.status === 'pending' ? 'Pending' : 'Failed',
		FailureReason: result.reason,
		...(result.status === 'failed' && result.consignmentState
			? { ConsignmentState: result.consignmentState }
			: {}),
	};
}
