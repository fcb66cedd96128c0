/**
 * What a consignment fetched after an allocation says about that allocation. Used when
 * SortedPRO left a consignment out of its answer without a word: the consignment itself tells
 * whether it was allocated after all (a re-run, or a retry after a time-out), is still being
 * allocated, or why it failed.
 */

import { PENDING_REASON } from './allocationReport';
import type { BulkOutcome } from './bulkOutcome';

/** States in which a consignment has an allocation (SortedPRO's JSON names). */
const ALLOCATED_OR_LATER = new Set(
	[
		'Allocated',
		'ReadyToShip',
		'Manifesting',
		'Manifested',
		'ManifestFailed',
		'Dispatched',
		'InTransit',
		'OutForDelivery',
		'Delivered',
	].map((state) => state.toLowerCase()),
);

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function interpretConsignment(
	reference: string,
	consignment: unknown,
	carrierService?: string,
): BulkOutcome {
	const body = isObject(consignment) ? consignment : {};
	const state = text(body.ConsignmentState);
	const normalisedState = state?.toLowerCase() ?? '';

	if (normalisedState === 'allocating')
		return { reference, status: 'pending', reason: PENDING_REASON };

	if (ALLOCATED_OR_LATER.has(normalisedState)) {
		const allocation = isObject(body.Allocation) ? body.Allocation : {};
		// The record's field for the service was never documented; both plausible names are read.
		const service =
			text(allocation.MpdCarrierServiceReference) ?? text(allocation.CarrierServiceReference);
		if (carrierService && service && service.toUpperCase() !== carrierService.toUpperCase()) {
			return {
				reference,
				status: 'failed',
				reason: `It is already allocated with another carrier service (${service}, state ${state}). Deallocate it in SortedPRO first to change the service.`,
				consignmentState: state,
			};
		}
		if (!service && normalisedState !== 'allocated') {
			return {
				reference,
				status: 'failed',
				reason: `It is already in state ${state}, so it cannot be allocated again.`,
				consignmentState: state,
			};
		}
		const description = service
			? `Consignment ${reference} was already allocated with ${service} (state ${state}).`
			: `Consignment ${reference} is already allocated; SortedPRO's record does not say with which carrier service.`;
		return { reference, status: 'done', summary: { ...allocation, Description: description } };
	}

	const failed = isObject(body.FailedAllocation) ? body.FailedAllocation : undefined;
	const failedWith = text(failed?.MpdCarrierServiceReference);
	const message = text(failed?.Message);
	// A FailedAllocation left over from an attempt with another service says nothing about this one.
	const current =
		normalisedState === 'allocationfailed' &&
		message &&
		(!failedWith || !carrierService || failedWith.toUpperCase() === carrierService.toUpperCase());
	if (current) return { reference, status: 'failed', reason: message, consignmentState: state };

	return {
		reference,
		status: 'failed',
		reason: `SortedPRO did not allocate it and gave no reason${state ? ` (the consignment is in state ${state})` : ''}. Open it in SortedPRO to see why, or try another carrier service.`,
		consignmentState: state,
	};
}
