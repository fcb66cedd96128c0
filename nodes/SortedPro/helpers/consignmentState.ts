/**
 * What a consignment fetched after an allocation says about that allocation. Used when
 * SortedPRO left a consignment out of its answer without a word: the consignment itself tells
 * whether it was allocated after all (a re-run, or a retry after a time-out), is still being
 * allocated, or why it failed.
 */

import { PENDING_REASON } from './allocationReport';
import type { BulkOutcome } from './bulkOutcome';

/** The only states SortedPRO allocates from. */
export const ALLOCATABLE_STATES = ['Unallocated', 'AllocationFailed'];

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

/**
 * Why a consignment in `state` cannot be allocated, and what to do, for states that are neither
 * allocatable nor allocated; undefined for the others.
 */
export function adviceForAllocationState(state: string | undefined): string | undefined {
	const normalised = state?.toLowerCase() ?? '';
	if (!normalised || ALLOCATED_OR_LATER.has(normalised) || normalised === 'allocating')
		return undefined;
	if (ALLOCATABLE_STATES.some((allocatable) => allocatable.toLowerCase() === normalised))
		return undefined;
	const only = `Only consignments in state ${ALLOCATABLE_STATES.join(' or ')} can be allocated.`;
	if (normalised === 'cancelled' || normalised === 'cancelling')
		return (
			`It is ` +
			`${normalised === 'cancelled' ? 'cancelled' : 'being cancelled'}, ` +
			`which is final in SortedPRO: create a new consignment to ship this ` +
			`order. ${only}`
		);
	return `It is in state ${state}. ${only}`;
}

/** The allocation details of a consignment's record, as an allocation summary would give them. */
function allocationOf(body: Record<string, unknown>): Record<string, unknown> {
	const allocation = isObject(body.Allocation) ? { ...body.Allocation } : {};
	// The record keeps the legs (with their tracking references) at the top level.
	if (!Array.isArray(allocation.ConsignmentLegs) && Array.isArray(body.ConsignmentLegs))
		allocation.ConsignmentLegs = body.ConsignmentLegs;
	return allocation;
}

/**
 * Adds to an allocation reported done what only the consignment's record says (which carrier
 * service allocation rules chose, its Service Code, the allocation date), keeping what the
 * summary already said.
 */
export function completeAllocation(
	outcome: Extract<BulkOutcome, { status: 'done' }>,
	consignment: unknown,
): BulkOutcome {
	const body = isObject(consignment) ? consignment : {};
	const state = text(body.ConsignmentState);
	if (!ALLOCATED_OR_LATER.has(state?.toLowerCase() ?? '')) return outcome;
	const summary = outcome.summary ?? {};
	const missing = Object.entries(allocationOf(body)).filter(
		([key, value]) => value !== null && value !== undefined && summary[key] === undefined,
	);
	return {
		...outcome,
		summary: { ...summary, ...Object.fromEntries(missing) },
		consignmentState: state,
	};
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
		const allocation = allocationOf(body);
		// The record's field for the service was never documented; both plausible names are read.
		const service =
			text(allocation.MpdCarrierServiceReference) ?? text(allocation.CarrierServiceReference);
		if (carrierService && service && service.toUpperCase() !== carrierService.toUpperCase()) {
			return {
				reference,
				status: 'failed',
				reason:
					`It is already allocated with another carrier service (${service}, ` +
					`state ${state}). Deallocate it in SortedPRO first to change the service.`,
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
		return {
			reference,
			status: 'done',
			summary: { ...allocation, Description: description },
			consignmentState: state,
		};
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

	const advice = adviceForAllocationState(state);
	if (advice) return { reference, status: 'failed', reason: advice, consignmentState: state };
	const next = carrierService
		? ', or try another carrier service'
		: ': its allocation rules may allow no carrier service for it';
	return {
		reference,
		status: 'failed',
		reason:
			`SortedPRO did not allocate it and gave no ` +
			`reason${state ? ` (the consignment is in state ${state})` : ''}. Open ` +
			`it in SortedPRO to see why${next}.`,
		consignmentState: state,
	};
}
