/**
 * Deallocate and Cancel, the two bulk operations that undo: what a consignment's record says
 * about either, and the output item for one consignment. Both read the `WithMessage` results of
 * their list endpoints like Manifest does (see manifestResults.ts).
 */

import type { BulkOutcome, BulkWords } from './bulkOutcome';

export interface LifecycleKind {
	/** The output's boolean: `Deallocated`, `Cancelled`. */
	flag: string;
	/** The output's status key: `DeallocationStatus`, `CancellationStatus`. */
	statusKey: string;
	/** The name of the Output Failed option inside `options`. */
	outputFailedParameter: string;
	words: BulkWords;
	pendingReason: string;
	readConsignment(reference: string, consignment: unknown): BulkOutcome;
	advise(reason: string, state: string | undefined): string | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stateOf(consignment: unknown): string | undefined {
	const state = isObject(consignment) ? consignment.ConsignmentState : undefined;
	return typeof state === 'string' && state.trim() ? state.trim() : undefined;
}

const is = (state: string | undefined, ...names: string[]) =>
	names.some((name) => name.toLowerCase() === state?.toLowerCase());

export const DEALLOCATABLE_STATES = ['Allocated', 'Manifested', 'ManifestFailed'];

function deallocationAdvice(_reason: string, state: string | undefined): string | undefined {
	if (!state || is(state, 'Unallocated', 'AllocationFailed', ...DEALLOCATABLE_STATES))
		return undefined;
	if (is(state, 'Cancelled', 'Cancelling'))
		return 'It is cancelled, so it has no allocation to undo.';
	return (
		`It is in state ${state}: only consignments in state ` +
		`${DEALLOCATABLE_STATES.join(', ').replace(/, (?=[^,]*$)/, ' or ')} ` +
		`can be deallocated, so once a carrier has it, it stays allocated.`
	);
}

export const deallocation: LifecycleKind = {
	flag: 'Deallocated',
	statusKey: 'DeallocationStatus',
	outputFailedParameter: 'outputFailedDeallocations',
	words: {
		verb: 'deallocated',
		noun: 'deallocation',
		subject: '',
		outputFailedOption: 'Output Failed Deallocations',
	},
	pendingReason:
		'SortedPRO accepted the deallocation (HTTP 202 Accepted) but had not ' +
		"finished it. Check the consignment's state with Consignment > Get.",
	readConsignment(reference, consignment) {
		const state = stateOf(consignment);
		if (is(state, 'Unallocated', 'AllocationFailed')) {
			return {
				reference,
				status: 'done',
				message: `Consignment ${reference} is not allocated (state ${state}).`,
				consignmentState: state,
			};
		}
		const advice = deallocationAdvice('', state);
		return {
			reference,
			status: 'failed',
			reason:
				advice ??
				`SortedPRO did not deallocate it and gave no reason${state ? ` (it is still in state ${state})` : ''}.`,
			consignmentState: state,
		};
	},
	advise: deallocationAdvice,
};

function cancellationAdvice(_reason: string, state: string | undefined): string | undefined {
	if (
		!state ||
		is(state, 'Cancelled', 'Cancelling', 'Unallocated', 'AllocationFailed', 'Allocated')
	)
		return undefined;
	return (
		`It is in state ${state}: SortedPRO may refuse to cancel a consignment ` +
		`once it is manifested or with the carrier. Ask the carrier or Sorted ` +
		`support to stop it.`
	);
}

export const cancellation: LifecycleKind = {
	flag: 'Cancelled',
	statusKey: 'CancellationStatus',
	outputFailedParameter: 'outputFailedCancellations',
	words: {
		verb: 'cancelled',
		noun: 'cancellation',
		subject: '',
		outputFailedOption: 'Output Failed Cancellations',
	},
	pendingReason:
		'SortedPRO accepted the cancellation (HTTP 202 Accepted) but had not ' +
		'finished it: the consignment is probably in state Cancelling. Check ' +
		'its state with Consignment > Get; do not cancel it again.',
	readConsignment(reference, consignment) {
		const state = stateOf(consignment);
		if (is(state, 'Cancelled')) {
			return {
				reference,
				status: 'done',
				message: `Consignment ${reference} is cancelled.`,
				consignmentState: state,
			};
		}
		if (is(state, 'Cancelling'))
			return { reference, status: 'pending', reason: cancellation.pendingReason };
		return {
			reference,
			status: 'failed',
			reason:
				cancellationAdvice('', state) ??
				`SortedPRO did not cancel it and gave no reason${state ? ` (it is in state ${state})` : ''}.`,
			consignmentState: state,
		};
	},
	advise: cancellationAdvice,
};

/** One output item: every key always present, null where unknown. */
export function toLifecycleJson(
	kind: LifecycleKind,
	outcome: BulkOutcome,
): Record<string, unknown> {
	return {
		ConsignmentReference: outcome.reference,
		[kind.flag]: outcome.status === 'done',
		[kind.statusKey]:
			outcome.status === 'done' ? kind.flag : outcome.status === 'pending' ? 'Pending' : 'Failed',
		FailureReason: outcome.status === 'done' ? null : outcome.reason,
		Message: outcome.status === 'done' ? (outcome.message ?? null) : null,
		ConsignmentState: outcome.status === 'pending' ? null : (outcome.consignmentState ?? null),
	};
}
