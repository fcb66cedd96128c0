/**
 * What every Allocate operation outputs for one consignment, whichever mode allocated it, on a
 * first run (from SortedPRO's allocation summary) and on a re-run (from the consignment's record).
 * The two sources name things differently, so every allocated item starts with the same keys,
 * null where neither source says: a mapping made on one run works on the next.
 */

import { trackingReferencesOf } from './allocationSummary';
import type { BulkOutcome } from './bulkOutcome';

export const PENDING_REASON =
	'SortedPRO accepted the allocation request (HTTP 202 Accepted) but had ' +
	'not finished it: the consignment is probably still in state ' +
	'Allocating. Check its state with Consignment > Get before fetching labels.';

/** The keys every allocated item starts with, in this order. */
export const ALLOCATED_ITEM_KEYS = [
	'ConsignmentReference',
	'Allocated',
	'AllocationStatus',
	'FailureReason',
	'MpdCarrierServiceReference',
	'MpdCarrierServiceName',
	'CarrierReference',
	'CarrierName',
	'CarrierServiceReference',
	'CarrierServiceName',
	'TrackingReferences',
	'ConsignmentLegs',
	'AllocationDate',
	'Description',
] as const;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * One output item's JSON for one reference; field names follow SortedPRO's own. Every item has
 * `FailureReason` (null when allocated) so that IF and Filter nodes can test it on any item.
 * `carrierService` is the Service Code the mode allocated with, when it names one: an allocation
 * summary's `CarrierServiceReference` is often the carrier's own code instead.
 */
export function toAllocationJson(
	result: BulkOutcome,
	carrierService?: string,
): Record<string, unknown> {
	if (result.status === 'done') {
		const summary = result.summary ?? {};
		const legs = Array.isArray(summary.ConsignmentLegs) ? summary.ConsignmentLegs : null;
		const firstLeg = legs?.find(isObject);
		const leading: Record<(typeof ALLOCATED_ITEM_KEYS)[number], unknown> = {
			ConsignmentReference: result.reference,
			Allocated: true,
			AllocationStatus: 'Allocated',
			FailureReason: null,
			MpdCarrierServiceReference:
				text(summary.MpdCarrierServiceReference) ?? carrierService ?? null,
			MpdCarrierServiceName: text(summary.MpdCarrierServiceName) ?? null,
			CarrierReference: text(summary.CarrierReference) ?? text(firstLeg?.CarrierReference) ?? null,
			CarrierName: text(summary.CarrierName) ?? text(firstLeg?.CarrierName) ?? null,
			CarrierServiceReference: text(summary.CarrierServiceReference) ?? null,
			CarrierServiceName: text(summary.CarrierServiceName) ?? null,
			TrackingReferences: trackingReferencesOf(summary),
			ConsignmentLegs: legs,
			AllocationDate: summary.AllocationDate ?? null,
			Description: text(summary.Description) ?? null,
		};
		const rest = Object.fromEntries(
			Object.entries(summary).filter(
				([key]) => !(ALLOCATED_ITEM_KEYS as readonly string[]).includes(key),
			),
		);
		return { ...leading, ...rest };
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
