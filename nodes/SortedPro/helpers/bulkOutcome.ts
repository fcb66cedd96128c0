/**
 * The outcome of one consignment in a bulk operation (allocate, manifest, deallocate, cancel...),
 * and the words an error uses when some of them did not succeed. Every reference passed in ends
 * up in exactly one outcome.
 *
 * n8n's error panel shows a description with its line breaks replaced by spaces, so every line
 * here is a sentence of its own that ends with a full stop, and lists are written inline.
 */

export type BulkOutcome =
	| {
			reference: string;
			status: 'done';
			/** What SortedPRO said about it (an allocation summary, say); becomes the output item. */
			summary?: Record<string, unknown>;
			message?: string;
			consignmentState?: string;
	  }
	| {
			reference: string;
			status: 'failed';
			/** Includes SortedPRO's Message and Correlation ID when an error answer gave them. */
			reason: string;
			consignmentState?: string;
			/** Of the error answer the reason came from, when it had one. */
			correlationId?: string;
	  }
	/** Accepted (HTTP 202) or still in progress: neither done nor failed. */
	| { reference: string; status: 'pending'; reason: string };

/** How an operation's outcomes are spoken of. */
export interface BulkWords {
	/** What success is called: "allocated", "manifested", "cancelled". */
	verb: string;
	/** The act itself, for "the allocation of consignment X has not finished yet". */
	noun: string;
	/** Appended after the verb in messages, e.g. " with MPD_X"; empty when nothing to add. */
	subject: string;
	/** The display name of the option that outputs failures instead of failing. */
	outputFailedOption: string;
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function capitalised(text: string): string {
	return `${text[0].toUpperCase()}${text.slice(1)}`;
}

/** A reason as part of a longer sentence: no final full stop of its own. */
function clause(reason: string): string {
	return reason.trim().replace(/[.\s]+$/, '');
}

/**
 * `EC-1, EC-2 (reason one); EC-3 (reason two).`: references that share a reason are listed
 * together, so a request that failed for a hundred consignments reads as one clause.
 */
export function inlineReasons(
	entries: ReadonlyArray<{ reference: string; reason?: string }>,
): string {
	const byReason = new Map<string, string[]>();
	for (const { reference, reason } of entries) {
		const key = reason ? clause(reason) : '';
		byReason.set(key, [...(byReason.get(key) ?? []), reference]);
	}
	const clauses = [...byReason].map(([reason, references]) =>
		reason ? `${references.join(', ')} (${reason})` : references.join(', '),
	);
	return `${clauses.join('; ')}.`;
}

/**
 * The error for an item in which some references did not succeed: every one with its reason,
 * and the ones that did, since they stay done while the workflow stops.
 */
export function describeNotDone(
	results: readonly BulkOutcome[],
	words: BulkWords,
): { message: string; description: string } {
	const failed = results.filter((result) => result.status === 'failed');
	const pending = results.filter((result) => result.status === 'pending');
	const done = results.filter((result) => result.status === 'done');
	const notDone = failed.length + pending.length;
	const { verb, noun, subject } = words;

	let message: string;
	if (results.length === 1 && failed.length === 1) {
		message = `Consignment ${failed[0].reference} was not ${verb}${subject}: ${clause(failed[0].reason)}`;
	} else if (results.length === 1 && pending.length === 1) {
		message = `The ${noun} of consignment ${pending[0].reference}${subject} has not finished yet`;
	} else {
		const were = notDone === 1 ? 'was' : 'were';
		message = `${notDone} of ${plural(results.length, 'consignment')} ${were} not ${verb}${subject}`;
	}

	const lines: string[] = [];
	if (failed.length) lines.push(`Not ${verb} (${failed.length}): ${inlineReasons(failed)}`);
	if (pending.length) {
		lines.push(
			`Not finished yet (${pending.length}), SortedPRO accepted them but had not finished: ` +
				`${pending.map((result) => result.reference).join(', ')}.`,
			`Check their state later with Consignment > Get; they may still be ${verb}.`,
		);
	}
	lines.push(
		done.length
			? `${capitalised(verb)} (${done.length}), these stay ${verb}: ${done.map((result) => result.reference).join(', ')}.`
			: `${capitalised(verb)}: none.`,
	);
	lines.push(
		'To let the workflow continue and get one item per consignment with its outcome, ' +
			`turn on the option "${words.outputFailedOption}".`,
	);
	return { message, description: lines.join('\n') };
}

/**
 * Added to a request-level error (bad key, throttling, an outage) so that every reference of the
 * item is accounted for: those settled by earlier requests of a long list, those of the request
 * that failed, and those never sent. A refused request (4xx) changed nothing; after a time-out
 * or a 5xx the outcome of the request is unknown and the operator must check before re-running.
 */
export function describeProgress(
	done: readonly BulkOutcome[],
	failedRequest: readonly string[],
	failedRequestMayHaveWorked: boolean,
	notSent: readonly string[],
	verb: string,
): string {
	if (done.length === 0 && !failedRequestMayHaveWorked) {
		return `Nothing was ${verb}. Consignments not ${verb}: ${[...failedRequest, ...notSent].join(', ')}.`;
	}
	const succeeded = done
		.filter((result) => result.status === 'done')
		.map((result) => result.reference);
	const other = done.flatMap((result) =>
		result.status === 'done' ? [] : [{ reference: result.reference, reason: result.reason }],
	);
	const lines: string[] = [];
	if (done.length) {
		lines.push(
			`${capitalised(verb)} (these stay ${verb}): ${succeeded.length ? succeeded.join(', ') : 'none'}.`,
		);
	}
	if (other.length) lines.push(`Not ${verb}: ${inlineReasons(other)}`);
	if (failedRequest.length) {
		lines.push(
			failedRequestMayHaveWorked
				? `Outcome unknown, check their state with Consignment > Get before running again: ${failedRequest.join(', ')}.`
				: `Not ${verb}, SortedPRO refused the request: ${failedRequest.join(', ')}.`,
		);
	}
	if (notSent.length) lines.push(`Not sent because of the error: ${notSent.join(', ')}.`);
	return lines.join('\n');
}

/**
 * The node stops at the first failed item, and n8n then shows no item's output. The other items
 * were sent too, so their references are named here rather than lost.
 */
export function describeOtherItems(otherItemReferences: readonly string[]): string | undefined {
	if (otherItemReferences.length === 0) return undefined;
	return [
		'The other input items of this run were started too (unless their values were rejected before sending), ' +
			`and are not in the output because the node stopped: ${otherItemReferences.join(', ')}.`,
		"Check their state with Consignment > Get, or set the node's On Error " +
			'setting to Continue to get an item per input item.',
	].join('\n');
}
