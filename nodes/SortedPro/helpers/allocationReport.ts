/**
 * What the Allocate operation outputs, and what its error says when it does not output.
 * Every reference passed in ends up in exactly one of these.
 */

import { trackingReferencesOf, type AllocationSummary } from './allocationSummary';

export type ReferenceResult =
	| { reference: string; status: 'allocated'; summary: AllocationSummary }
	| { reference: string; status: 'failed'; reason: string; consignmentState?: string }
	| { reference: string; status: 'pending'; reason: string };

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
export function toOutputJson(result: ReferenceResult): Record<string, unknown> {
	if (result.status === 'allocated') {
		const leading: Record<string, unknown> = {};
		for (const field of LEADING_SUMMARY_FIELDS)
			if (field in result.summary) leading[field] = result.summary[field];
		const json: Record<string, unknown> = {
			ConsignmentReference: result.reference,
			Allocated: true,
			AllocationStatus: 'Allocated',
			FailureReason: null,
			...leading,
			TrackingReferences: trackingReferencesOf(result.summary),
			...result.summary,
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

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The error for an item in which some references were not allocated: every failed one with
 * its reason, and the allocated ones too, since they stay allocated and the workflow stops.
 */
export function describeUnallocated(
	results: readonly ReferenceResult[],
	carrierService: string,
): { message: string; description: string } {
	const failed = results.filter((result) => result.status === 'failed');
	const pending = results.filter((result) => result.status === 'pending');
	const allocated = results.filter((result) => result.status === 'allocated');
	const notDone = failed.length + pending.length;

	let message: string;
	if (results.length === 1 && failed.length === 1) {
		message = `Consignment ${failed[0].reference} was not allocated with ${carrierService}: ${failed[0].reason}`;
	} else if (results.length === 1 && pending.length === 1) {
		message = `The allocation of consignment ${pending[0].reference} with ${carrierService} has not finished yet`;
	} else {
		message = `${notDone} of ${plural(results.length, 'consignment')} ${notDone === 1 ? 'was' : 'were'} not allocated with ${carrierService}`;
	}

	const lines: string[] = [];
	if (failed.length) {
		lines.push(`Not allocated (${failed.length}):`);
		for (const result of failed) lines.push(`- ${result.reference}: ${result.reason}`);
	}
	if (pending.length) {
		lines.push(`Not finished yet (${pending.length}), SortedPRO answered 202 Accepted:`);
		for (const result of pending) lines.push(`- ${result.reference}`);
		lines.push('Check their state later with Consignment > Get; they may still be allocated.');
	}
	lines.push(
		allocated.length
			? `Allocated (${allocated.length}), these stay allocated: ${allocated.map((result) => result.reference).join(', ')}`
			: 'Allocated: none.',
	);
	lines.push(
		'To let the workflow continue and get one item per consignment with its outcome, turn on the option "Output Failed Allocations".',
	);
	return { message, description: lines.join('\n') };
}

/** One reference's outcome, as far as a progress report needs to know it. */
export interface SettledReference {
	reference: string;
	succeeded: boolean;
	reason?: string;
}

/**
 * Added to a request-level error (bad key, throttling, an outage) so that every reference of the
 * item is accounted for: those settled by earlier requests of a long list, those of the request
 * that failed, and those never sent. A refused request (4xx) changed nothing; after a time-out
 * or a 5xx the outcome of the request is unknown and the operator must check before re-running.
 * `verb` is what success means: "allocated", "manifested".
 */
export function describeProgress(
	done: readonly SettledReference[],
	failedRequest: readonly string[],
	failedRequestMayHaveWorked: boolean,
	notSent: readonly string[],
	verb = 'allocated',
): string {
	if (done.length === 0 && !failedRequestMayHaveWorked) {
		return `Nothing was ${verb}. Consignments not ${verb}: ${[...failedRequest, ...notSent].join(', ')}`;
	}
	const succeeded = done.filter((result) => result.succeeded).map((result) => result.reference);
	const other = done.filter((result) => !result.succeeded);
	const lines: string[] = [];
	if (done.length)
		lines.push(
			`${verb[0].toUpperCase()}${verb.slice(1)} (these stay ${verb}): ${succeeded.length ? succeeded.join(', ') : 'none'}`,
		);
	if (other.length)
		lines.push(
			`Not ${verb}: ${other.map((result) => `${result.reference} (${result.reason ?? 'no reason given'})`).join('; ')}`,
		);
	if (failedRequest.length) {
		lines.push(
			failedRequestMayHaveWorked
				? `Outcome unknown, check their state with Consignment > Get before running again: ${failedRequest.join(', ')}`
				: `Not ${verb}, SortedPRO refused the request: ${failedRequest.join(', ')}`,
		);
	}
	if (notSent.length) lines.push(`Not sent because of the error: ${notSent.join(', ')}`);
	return lines.join('\n');
}

/**
 * The node stops at the first failed item, and n8n then shows no item's output. The other items
 * were sent too, so their references are named here rather than lost.
 */
export function describeOtherItems(otherItemReferences: readonly string[]): string | undefined {
	if (otherItemReferences.length === 0) return undefined;
	return [
		`The other input items of this run were started too (unless their values were rejected before sending), and are not in the output because the node stopped: ${otherItemReferences.join(', ')}`,
		"Check their state with Consignment > Get, or set the node's On Error setting to Continue to get an item per input item.",
	].join('\n');
}
