/**
 * Sending a list of consignment references to a bulk endpoint (allocate, manifest): at most 100
 * per request, a 400 that blames particular consignments fails just those and the rest are sent
 * again, references the answer says nothing about are looked up, and an error that stops the
 * item accounts for every reference, including those of the other input items.
 */
import {
	NodeOperationError,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { reasonsByReference } from '../helpers/allocationSummary';
import { describeOtherItems, describeProgress } from '../helpers/allocationReport';
import {
	MAX_REFERENCES_PER_REQUEST,
	chunk,
	parseConsignmentReferences,
} from '../helpers/consignmentReferences';
import { errorForResponse, isSuccess, sendToSortedPro, type SortedProResponse } from '../transport';

export type Unexplained = { reference: string; status: 'unexplained' };

export interface BulkOperation<R extends { reference: string }> {
	/** Completes "when trying to ...". */
	action: string;
	/** What success is called in messages: "allocated", "manifested". */
	verb: string;
	/** The request body for these references. */
	bodyFor(references: string[]): Record<string, unknown>;
	/** Results of a 2xx answer, one per reference; `unexplained` where it says nothing. */
	readAnswer(references: string[], body: unknown): Array<R | Unexplained>;
	failed(reference: string, reason: string): R;
	/** For a 202: accepted, not finished. */
	pending(reference: string): R;
	/**
	 * What the consignment's own record (`GET /consignments/{ref}`, undefined if unanswered) says
	 * happened. `previous` is the failure the answer reported, when a failure is checked again.
	 */
	explain(reference: string, answer: SortedProResponse | undefined, previous?: R): R;
	/**
	 * Whether a reported failure is worth checking on the consignment: a re-run (Retry On Fail, or
	 * a second execution) is refused for consignments the first run already handled, which then
	 * count as done rather than failed.
	 */
	recheck(result: R): boolean;
	succeeded(result: R): boolean;
	reasonOf(result: R): string | undefined;
}

const LOOKUP_CONCURRENCY = 5;

/** `GET /consignments/{ref}`; undefined when no answer came. */
async function lookUp(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	reference: string,
): Promise<SortedProResponse | undefined> {
	const { baseURL, timeout, proxy, skipSslCertificateValidation, allowedDomains } = requestOptions;
	try {
		return await sendToSortedPro.call(
			context,
			{
				method: 'GET',
				baseURL,
				url: `/consignments/${encodeURIComponent(reference)}`,
				timeout,
				proxy,
				skipSslCertificateValidation,
				allowedDomains,
			},
			`look up consignment ${reference}`,
		);
	} catch {
		return undefined;
	}
}

/** Runs `task` over `items`, a few at a time, so a long list does not flood SortedPRO. */
async function fewAtATime<T, U>(items: readonly T[], task: (item: T) => Promise<U>): Promise<U[]> {
	const done: U[] = [];
	for (const batch of chunk(items, LOOKUP_CONCURRENCY))
		done.push(...(await Promise.all(batch.map(task))));
	return done;
}

/** Looks up each reference the answer left out, and each reported failure worth checking. */
async function explainUnexplained<R extends { reference: string }>(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	results: ReadonlyArray<R | Unexplained>,
	operation: BulkOperation<R>,
): Promise<R[]> {
	const isUnexplained = (result: R | Unexplained): result is Unexplained =>
		'status' in result && result.status === 'unexplained';
	return await fewAtATime(results, async (result) => {
		if (!isUnexplained(result) && !operation.recheck(result)) return result;
		const answer = await lookUp(context, requestOptions, result.reference);
		return operation.explain(result.reference, answer, isUnexplained(result) ? undefined : result);
	});
}

/**
 * After a time-out or a 5xx nobody knows whether SortedPRO acted on the request: each
 * consignment says. Those whose record cannot be read stay unknown.
 */
async function settleInFlight<R extends { reference: string }>(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	references: readonly string[],
	operation: BulkOperation<R>,
): Promise<{ settled: R[]; unknown: string[] }> {
	const answers = await fewAtATime(references, async (reference) => ({
		reference,
		answer: await lookUp(context, requestOptions, reference),
	}));
	const settled: R[] = [];
	const unknown: string[] = [];
	for (const { reference, answer } of answers) {
		if (answer && isSuccess(answer)) {
			settled.push(
				operation.explain(
					reference,
					answer,
					operation.failed(reference, `The request failed before SortedPRO ${operation.verb} it.`),
				),
			);
		} else unknown.push(reference);
	}
	return { settled, unknown };
}

interface RequestFailure {
	error: Error & { description?: string | null };
	/** References of the request that failed. */
	inFlight: string[];
	/** After a time-out or a 5xx nobody knows whether SortedPRO acted on the request. */
	mayHaveWorked: boolean;
}

/** One request of at most 100 references, re-sent without the consignments a 400 blames. */
async function sendOneRequest<R extends { reference: string }>(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	references: string[],
	operation: BulkOperation<R>,
): Promise<{ results: Array<R | Unexplained>; failure?: RequestFailure }> {
	const results: Array<R | Unexplained> = [];
	let remaining = references;
	while (remaining.length > 0) {
		let answer;
		try {
			answer = await sendToSortedPro.call(
				context,
				{ ...requestOptions, body: operation.bodyFor(remaining) },
				operation.action,
			);
		} catch (error) {
			// A NodeOperationError means nothing left n8n (an unsafe base URL, say).
			return {
				results,
				failure: {
					error: error as Error,
					inFlight: remaining,
					mayHaveWorked: !(error instanceof NodeOperationError),
				},
			};
		}
		if (answer.statusCode === 202) {
			results.push(...remaining.map((reference) => operation.pending(reference)));
			break;
		}
		if (answer.statusCode === 400) {
			const blamed = reasonsByReference(remaining, answer.body);
			if (blamed.size === 0) {
				return {
					results,
					failure: {
						error: errorForResponse(context, answer, operation.action),
						inFlight: remaining,
						mayHaveWorked: false,
					},
				};
			}
			for (const [reference, reason] of blamed) results.push(operation.failed(reference, reason));
			remaining = remaining.filter((reference) => !blamed.has(reference));
			continue;
		}
		if (!isSuccess(answer)) {
			return {
				results,
				failure: {
					error: errorForResponse(context, answer, operation.action),
					inFlight: remaining,
					mayHaveWorked: answer.statusCode >= 500,
				},
			};
		}
		results.push(...operation.readAnswer(remaining, answer.body));
		break;
	}
	return { results };
}

/**
 * The references the other input items of this run asked for, so that an error stopping the
 * node can name them. Evaluated from the parameter as the routing engine would for each item.
 */
function otherItemsReferences(context: IExecuteSingleFunctions, parameterName: string): string[] {
	try {
		const count = Number(
			context.evaluateExpression('{{ $input.all().length }}', context.getItemIndex()),
		);
		if (!Number.isInteger(count) || count < 2) return [];
		const raw = context.getNode().parameters[parameterName];
		const own = context.getItemIndex();
		const references: unknown[] = [];
		for (let index = 0; index < count; index++) {
			if (index === own) continue;
			references.push(
				typeof raw === 'string' && raw.startsWith('=')
					? context.evaluateExpression(raw.slice(1), index)
					: raw,
			);
		}
		return parseConsignmentReferences(references).references;
	} catch {
		return [];
	}
}

/**
 * For an error that stops the node: the references of the other input items, which n8n will
 * not output. Nothing under On Error: Continue, where they are output.
 */
export function otherItemsNote(context: IExecuteSingleFunctions): string | undefined {
	return context.continueOnFail()
		? undefined
		: describeOtherItems(otherItemsReferences(context, 'consignmentReferences'));
}

/**
 * Sends every reference and returns one result per reference, in input order. A request-level
 * error is thrown with a description accounting for every reference of the run.
 */
export async function sendReferencesInBulk<R extends { reference: string }>(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	references: string[],
	operation: BulkOperation<R>,
): Promise<R[]> {
	const results: R[] = [];
	const chunks = chunk(references, MAX_REFERENCES_PER_REQUEST);
	for (const [index, part] of chunks.entries()) {
		const sent = await sendOneRequest(context, requestOptions, part, operation);
		results.push(...(await explainUnexplained(context, requestOptions, sent.results, operation)));
		if (sent.failure) {
			const { error, inFlight, mayHaveWorked } = sent.failure;
			let unsettled = inFlight;
			if (mayHaveWorked) {
				const { settled, unknown } = await settleInFlight(
					context,
					requestOptions,
					inFlight,
					operation,
				);
				results.push(...settled);
				unsettled = unknown;
			}
			const progress = results.map((result) => ({
				reference: result.reference,
				succeeded: operation.succeeded(result),
				reason: operation.reasonOf(result),
			}));
			error.description = [
				error.description,
				describeProgress(
					progress,
					unsettled,
					mayHaveWorked,
					chunks.slice(index + 1).flat(),
					operation.verb,
				),
				otherItemsNote(context),
			]
				.filter(Boolean)
				.join('\n\n');
			throw error;
		}
	}
	// A retried 400 reorders the answers; output follows the input, and no reference goes missing.
	const byReference = new Map(results.map((result) => [result.reference, result]));
	return references.map(
		(reference) =>
			byReference.get(reference) ??
			operation.failed(reference, 'SortedPRO gave no outcome for this consignment.'),
	);
}
