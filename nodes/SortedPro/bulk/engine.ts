/**
 * The one engine behind every operation that sends a list of consignment references (allocate in
 * every mode, manifest, deallocate, cancel). An operation describes its endpoint, its body and how
 * to read one consignment's outcome (see BulkOperation); this file does the rest:
 *
 * - the references of every input item of one run that go to the same request are combined
 *   (combine.ts), then sent at most 100 per request;
 * - a 400 that blames particular consignments fails just those, and the rest are sent again;
 * - consignments the response says nothing about, and reported failures, are looked up on the
 *   consignment record (a re-run of work already done counts as done);
 * - after a time-out or a 5xx, each consignment of that request is looked up; nothing is ever
 *   sent again on the engine's own, so a cancel is never repeated behind the user's back
 *   (after a 400 naming some consignments, only the others, which it refused, are sent again);
 * - endpoints that take one consignment in the path go one request per reference, and a refusal
 *   there (a 4xx about the consignment) is that consignment's failure, not the run's;
 * - a consignment done but missing details only its record holds can be completed from it;
 * - each input item gets exactly what it would get alone: its own items, or its own error
 *   accounting for every reference it passed in.
 *
 * Why requests go through our own transport rather than the routing engine's: docs/adr/0001.
 */
import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { reasonsByReference } from '../helpers/allocationSummary';
import { readApiError, reasonWithSupportContext } from '../helpers/apiError';
import {
	describeNotDone,
	describeOtherItems,
	describeProgress,
	type BulkOutcome,
	type BulkWords,
} from '../helpers/bulkOutcome';
import { MAX_REFERENCES_PER_REQUEST, chunk } from '../helpers/consignmentReferences';
import { errorForResponse, isSuccess, sendToSortedPro, type SortedProResponse } from '../transport';
import { combineWithOtherItems, type CombinedItem } from './combine';

export interface BulkRequest {
	method: IHttpRequestMethods;
	url: string;
	body?: IHttpRequestOptions['body'];
}

/** What one bulk operation is; everything else is the engine's. */
export interface BulkOperation {
	/** Completes "when trying to ...", e.g. "allocate consignments with carrier service MPD_X". */
	action: string;
	words: BulkWords;
	/** The boolean parameter that outputs failures instead of failing the item. */
	outputFailedParameter: string;
	/** The request for these references (never more than `referencesPerRequest`). */
	request(references: string[]): BulkRequest;
	/** 100 for list endpoints; 1 for endpoints that take one reference in the path. */
	referencesPerRequest?: number;
	/** One outcome per reference of a 2xx response, undefined where it says nothing. */
	readResponse(references: string[], body: unknown): Array<BulkOutcome | undefined>;
	/** What the consignment's own record (`GET /consignments/{ref}`) says happened. */
	readConsignment(reference: string, consignment: unknown): BulkOutcome;
	/** The reason given to each reference of a request answered 202 Accepted. */
	pendingReason: string;
	/** The output item of one outcome. */
	toJson(outcome: BulkOutcome): Record<string, unknown>;
	/**
	 * Whether a consignment reported done still lacks details only its record has (the carrier
	 * service chosen by allocation rules, say); those are looked up and passed to `completeDone`.
	 */
	needsCompleting?(outcome: DoneOutcome): boolean;
	completeDone?(outcome: DoneOutcome, consignment: unknown): BulkOutcome;
	/** What the user can do about a failure, added to its reason (e.g. "get a new quote"). */
	advise?(reason: string, consignmentState: string | undefined): string | undefined;
	/** Extra words for a request-level refusal, e.g. naming a service group that does not exist. */
	explainRefusal?(response: SortedProResponse): { message?: string; hint?: string } | undefined;
}

export type DoneOutcome = Extract<BulkOutcome, { status: 'done' }>;

/**
 * For endpoints that take one consignment in the path, a refusal is about that consignment. These
 * statuses are about the request or the account instead, and stop the run like any list request.
 */
const NOT_ABOUT_THE_CONSIGNMENT = new Set([401, 403, 407, 408, 429]);

const LOOKUP_CONCURRENCY = 5;

/** The transport settings n8n put on the request (base URL, time-out, proxy...), nothing else. */
export function transportOptions(requestData: DeclarativeRestApiSettings.ResultOptions) {
	const { baseURL, timeout, proxy, skipSslCertificateValidation, allowedDomains } =
		requestData.options as IHttpRequestOptions;
	return { baseURL, timeout, proxy, skipSslCertificateValidation, allowedDomains, json: true };
}
export type TransportOptions = ReturnType<typeof transportOptions>;

/** Runs `task` over `items`, a few at a time, so a long list does not flood SortedPRO. */
async function fewAtATime<T, U>(items: readonly T[], task: (item: T) => Promise<U>): Promise<U[]> {
	const done: U[] = [];
	for (const batch of chunk(items, LOOKUP_CONCURRENCY))
		done.push(...(await Promise.all(batch.map(task))));
	return done;
}

/** `GET /consignments/{ref}`; undefined when no response came. */
async function lookUp(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	reference: string,
): Promise<SortedProResponse | undefined> {
	try {
		return await sendToSortedPro.call(
			context,
			{ ...options, method: 'GET', url: `/consignments/${encodeURIComponent(reference)}` },
			`look up consignment ${reference}`,
		);
	} catch {
		return undefined;
	}
}

/**
 * What a look-up says about a consignment the response left out or failed. A failure the response
 * already explained keeps its reason unless the record shows the work done after all.
 */
function explain(
	operation: BulkOperation,
	reference: string,
	response: SortedProResponse | undefined,
	previous?: BulkOutcome,
): BulkOutcome {
	if (!response || !isSuccess(response)) {
		if (previous) return previous;
		const verb = operation.words.verb;
		// Support needs the look-up's own words and Correlation ID as much as the request's.
		const correlationId = readApiError(response?.body).correlationId;
		if (response?.statusCode === 404) {
			return {
				reference,
				status: 'failed',
				reason: reasonWithSupportContext(
					'SortedPRO has no consignment with this reference: check it for typos, ' +
						'and that it belongs to this account and environment.',
					response.body,
				),
				correlationId,
			};
		}
		const why = response ? `HTTP ${response.statusCode}` : 'no response';
		return {
			reference,
			status: 'failed',
			reason: reasonWithSupportContext(
				`SortedPRO did not say whether it was ${verb}, and looking up the consignment failed too (${why}).`,
				response?.body,
			),
			correlationId,
		};
	}
	const found = operation.readConsignment(reference, response.body);
	if (previous?.status !== 'failed' || found.status !== 'failed') return found;
	return { ...previous, consignmentState: found.consignmentState };
}

interface RequestFailure {
	error: Error & { description?: string | null };
	/** References of the request that failed. */
	inFlight: string[];
	/** After a time-out or a 5xx nobody knows whether SortedPRO acted on the request. */
	mayHaveWorked: boolean;
}

/** Why a 2xx answer could not be read at all (a proxy's HTML page, a cut-off or empty body). */
function unreadableReason(body: unknown): string | undefined {
	if (body === undefined || body === null) return 'it was empty';
	if (typeof body !== 'string') return undefined;
	return /^\s*[[{]/.test(body)
		? 'it was cut off or not valid JSON'
		: "it was not JSON, perhaps a proxy's page";
}

/** An outcome still to be settled by a look-up; `unreadable` says why the answer did not tell. */
type Unexplained = { reference: string; unreadable?: string };

/** SortedPRO's own words for a refusal of one consignment, as a sentence. */
function refusalReason(response: SortedProResponse): string {
	const { message, details } = readApiError(response.body);
	// A detail often repeats the message after its target ("consignmentReference: ...").
	const said = [message, ...details.filter((entry) => !message || !entry.endsWith(message))]
		.filter((entry): entry is string => Boolean(entry))
		.map((entry) => entry.replace(/[.\s]+$/, ''))
		.join('; ');
	return said
		? `${said} (HTTP ${response.statusCode}).`
		: `SortedPRO refused it with HTTP ${response.statusCode} and gave no reason.`;
}

function refusalError(
	context: IExecuteSingleFunctions,
	response: SortedProResponse,
	operation: BulkOperation,
) {
	const explained = operation.explainRefusal?.(response);
	return errorForResponse(context, response, operation.action, explained?.hint, explained?.message);
}

/** One request, re-sent without the consignments a 400 blames. */
async function sendOneRequest(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	references: string[],
	operation: BulkOperation,
): Promise<{ outcomes: Array<BulkOutcome | Unexplained>; failure?: RequestFailure }> {
	const outcomes: Array<BulkOutcome | Unexplained> = [];
	let remaining = references;
	while (remaining.length > 0) {
		let response;
		try {
			response = await sendToSortedPro.call(
				context,
				{ ...options, ...operation.request(remaining) },
				operation.action,
			);
		} catch (error) {
			// A NodeOperationError means nothing left n8n (an unsafe base URL, say).
			const mayHaveWorked = !(error instanceof NodeOperationError);
			return { outcomes, failure: { error: error as Error, inFlight: remaining, mayHaveWorked } };
		}
		if (response.statusCode === 202) {
			const reason = operation.pendingReason;
			outcomes.push(
				...remaining.map((reference) => ({ reference, status: 'pending' as const, reason })),
			);
			break;
		}
		if (
			remaining.length === 1 &&
			(operation.referencesPerRequest ?? MAX_REFERENCES_PER_REQUEST) === 1 &&
			response.statusCode >= 400 &&
			response.statusCode < 500 &&
			!NOT_ABOUT_THE_CONSIGNMENT.has(response.statusCode)
		) {
			outcomes.push({
				reference: remaining[0],
				status: 'failed',
				reason: reasonWithSupportContext(refusalReason(response), response.body),
				correlationId: readApiError(response.body).correlationId,
			});
			break;
		}
		if (response.statusCode === 400) {
			const blamed = reasonsByReference(remaining, response.body);
			if (blamed.size === 0) {
				const error = refusalError(context, response, operation);
				return { outcomes, failure: { error, inFlight: remaining, mayHaveWorked: false } };
			}
			// Each blamed consignment keeps the whole answer's Message and Correlation ID, not just its detail.
			const { correlationId } = readApiError(response.body);
			for (const [reference, reason] of blamed) {
				outcomes.push({
					reference,
					status: 'failed',
					reason: reasonWithSupportContext(reason, response.body),
					correlationId,
				});
			}
			remaining = remaining.filter((reference) => !blamed.has(reference));
			continue;
		}
		if (!isSuccess(response)) {
			const error = refusalError(context, response, operation);
			const mayHaveWorked = response.statusCode >= 500;
			return { outcomes, failure: { error, inFlight: remaining, mayHaveWorked } };
		}
		const read = operation.readResponse(remaining, response.body);
		const unreadable = unreadableReason(response.body);
		outcomes.push(...remaining.map((reference, index) => read[index] ?? { reference, unreadable }));
		break;
	}
	return { outcomes };
}

/** Looks up each reference the response left out, and each reported failure worth checking. */
async function settleUnexplained(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	outcomes: ReadonlyArray<BulkOutcome | Unexplained>,
	operation: BulkOperation,
): Promise<BulkOutcome[]> {
	return await fewAtATime(outcomes, async (outcome) => {
		const known = 'status' in outcome ? outcome : undefined;
		if (known?.status === 'done' && operation.completeDone && operation.needsCompleting?.(known)) {
			const response = await lookUp(context, options, known.reference);
			return response && isSuccess(response) ? operation.completeDone(known, response.body) : known;
		}
		// A re-run is refused for consignments the first run already handled: the record tells.
		const recheck = known?.status === 'failed' && known.consignmentState === undefined;
		if (known && !recheck) return advised(operation, known);
		const response = await lookUp(context, options, outcome.reference);
		const found = explain(operation, outcome.reference, response, known);
		const unreadable = 'unreadable' in outcome ? outcome.unreadable : undefined;
		if (!unreadable || found.status !== 'failed' || !found.consignmentState)
			return advised(operation, found);
		// The record's reason and the operation's advice ("try another carrier service") would
		// mislead: the answer failed, not the consignment.
		const state = ` (state ${found.consignmentState})`;
		return {
			...found,
			reason:
				`SortedPRO's answer could not be read (${unreadable}) and the consignment is not ` +
				`${operation.words.verb}${state}. This is usually temporary: run the workflow again, ` +
				"or turn on Retry On Fail in the node's Settings.",
		};
	});
}

/** A failure's reason with the operation's advice added, once. */
function advised(operation: BulkOperation, outcome: BulkOutcome): BulkOutcome {
	if (outcome.status !== 'failed' || !operation.advise) return outcome;
	const advice = operation.advise(outcome.reason, outcome.consignmentState);
	if (!advice || outcome.reason.includes(advice)) return outcome;
	const reason = /[.!?]$/.test(outcome.reason.trim())
		? outcome.reason.trim()
		: `${outcome.reason.trim()}.`;
	return { ...outcome, reason: `${reason} ${advice}` };
}

export interface BulkResult {
	outcomes: Map<string, BulkOutcome>;
	/** A request-level failure, after which the references without an outcome are unsettled. */
	failure?: {
		error: RequestFailure['error'];
		mayHaveWorked: boolean;
		/** In the failed request (upper case). */
		inFlight: Set<string>;
		/** In the failed request, and not settled by a look-up either (upper case). */
		unknown: Set<string>;
		/** Upper case. */
		notSent: Set<string>;
	};
}

/** Sends every reference and settles one outcome per reference, until a request-level failure. */
export async function sendReferences(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	references: string[],
	operation: BulkOperation,
): Promise<BulkResult> {
	const outcomes = new Map<string, BulkOutcome>();
	const chunks = chunk(references, operation.referencesPerRequest ?? MAX_REFERENCES_PER_REQUEST);
	for (const [index, part] of chunks.entries()) {
		const sent = await sendOneRequest(context, options, part, operation);
		for (const outcome of await settleUnexplained(context, options, sent.outcomes, operation))
			outcomes.set(outcome.reference, outcome);
		if (!sent.failure) continue;
		const { error, inFlight, mayHaveWorked } = sent.failure;
		const unknown = new Set(inFlight.map((reference) => reference.toUpperCase()));
		if (mayHaveWorked) {
			const reason = `The request failed before SortedPRO ${operation.words.verb} it.`;
			const looked = await fewAtATime(inFlight, async (reference) => ({
				reference,
				response: await lookUp(context, options, reference),
			}));
			for (const { reference, response } of looked) {
				if (!response || !isSuccess(response)) continue;
				const previous = { reference, status: 'failed' as const, reason };
				outcomes.set(
					reference,
					advised(operation, explain(operation, reference, response, previous)),
				);
				unknown.delete(reference.toUpperCase());
			}
		}
		const notSent = new Set(
			chunks
				.slice(index + 1)
				.flat()
				.map((reference) => reference.toUpperCase()),
		);
		const inFlightKeys = new Set(inFlight.map((reference) => reference.toUpperCase()));
		return {
			outcomes,
			failure: { error, mayHaveWorked, inFlight: inFlightKeys, unknown, notSent },
		};
	}
	return { outcomes };
}

/** A copy of an error for one item: each item's error carries its own description and index. */
function errorForItem(error: RequestFailure['error'], itemIndex: number, description: string) {
	const copy = Object.create(Object.getPrototypeOf(error) as object) as RequestFailure['error'];
	for (const key of Object.getOwnPropertyNames(error)) {
		Object.defineProperty(
			copy,
			key,
			Object.getOwnPropertyDescriptor(error, key) as PropertyDescriptor,
		);
	}
	const withContext = copy as { context?: Record<string, unknown> };
	withContext.context = { ...(withContext.context ?? {}), itemIndex };
	copy.description = description;
	return copy;
}

/** A failure SortedPRO gave a Correlation ID for carries it as a field too, for support tickets. */
function withCorrelationId(json: Record<string, unknown>, outcome: BulkOutcome) {
	if (outcome.status !== 'failed' || !outcome.correlationId || 'CorrelationId' in json) return json;
	return { ...json, CorrelationId: outcome.correlationId };
}

const outcomeKeys = new WeakMap<BulkResult, Map<string, BulkOutcome>>();

/**
 * The outcomes by upper-case reference, built once per result rather than once per item: another
 * item may have spelt a reference in another case, and each item keeps its own spelling.
 */
function outcomesByKey(result: BulkResult): Map<string, BulkOutcome> {
	let byKey = outcomeKeys.get(result);
	if (!byKey) {
		byKey = new Map(
			[...result.outcomes.values()].map((outcome) => [outcome.reference.toUpperCase(), outcome]),
		);
		outcomeKeys.set(result, byKey);
	}
	return byKey;
}

/** One item's output, or its error, from the combined result. */
function resultForItem(
	item: CombinedItem,
	result: BulkResult,
	operation: BulkOperation,
	otherItemsReferences: () => string[],
): INodeExecutionData[] {
	const { context, references } = item;
	const itemIndex = context.getItemIndex();
	const otherItems = () =>
		context.continueOnFail() ? undefined : describeOtherItems(otherItemsReferences());
	const byKey = outcomesByKey(result);
	const settled = references.flatMap((reference) => {
		const outcome = byKey.get(reference.toUpperCase());
		return outcome ? [{ ...outcome, reference }] : [];
	});

	const isIn = (set: Set<string>) => (reference: string) => set.has(reference.toUpperCase());
	const failure = result.failure;
	if (
		failure &&
		references.some((ref) => isIn(failure.inFlight)(ref) || isIn(failure.notSent)(ref))
	) {
		const { error, mayHaveWorked, unknown, notSent } = failure;
		const progress = describeProgress(
			settled,
			references.filter(isIn(unknown)),
			mayHaveWorked,
			references.filter(isIn(notSent)),
			operation.words.verb,
		);
		const description = [error.description, progress, otherItems()].filter(Boolean).join('\n\n');
		throw errorForItem(error, itemIndex, description);
	}

	const outputFailed = context.getNodeParameter(operation.outputFailedParameter, false) as boolean;
	if (!outputFailed && !settled.every((outcome) => outcome.status === 'done')) {
		const { message, description } = describeNotDone(settled, operation.words);
		throw new NodeOperationError(context.getNode(), message, {
			itemIndex,
			description: [description, otherItems()].filter(Boolean).join('\n\n'),
		});
	}
	return settled.map((outcome) => ({
		json: withCorrelationId(operation.toJson(outcome), outcome) as INodeExecutionData['json'],
		pairedItem: { item: itemIndex },
	}));
}

/**
 * The pagination function of a bulk operation: this item's references join those of the other
 * items of the run that go to the same request, and the item gets its own share of the result.
 */
export async function runBulkOperation(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	references: string[],
	operation: BulkOperation,
): Promise<INodeExecutionData[]> {
	const options = transportOptions(requestData);
	const sameRequest = JSON.stringify([operation.action, operation.request([]), options.baseURL]);
	const combined = await combineWithOtherItems(
		context,
		sameRequest,
		references,
		async (all) => await sendReferences(context, options, all, operation),
	);
	return resultForItem(combined.item, combined.result, operation, combined.otherItemsReferences);
}
