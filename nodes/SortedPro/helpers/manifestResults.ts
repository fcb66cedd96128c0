/**
 * Reading SortedPRO's answer to a manifest request, one `{ IsSuccess, Message, Data, ApiLinks }`
 * per consignment with the reference in `Data`, and what the node outputs for each reference.
 */

import { referenceOfSummary } from './allocationSummary';

import type { BulkOutcome } from './bulkOutcome';

export type ManifestResult = BulkOutcome;

export const MANIFEST_PENDING_REASON =
	'SortedPRO accepted the manifest request (HTTP 202 Accepted) but had ' +
	"not finished it. Check the consignment's state with Consignment > Get.";

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function field(entry: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(entry).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	return key === undefined ? undefined : entry[key];
}

function entriesOf(body: unknown): Array<Record<string, unknown>> {
	if (Array.isArray(body)) return body.filter(isObject);
	if (!isObject(body)) return [];
	// A single result is an object with IsSuccess; look for that before any list inside it (ApiLinks).
	if (field(body, 'IsSuccess') !== undefined) return [body];
	const list = Object.values(body).find((value) => Array.isArray(value) && value.some(isObject));
	return list ? (list as unknown[]).filter(isObject) : [];
}

function succeeded(entry: Record<string, unknown>): boolean {
	const flag = field(entry, 'IsSuccess');
	return flag === true || (typeof flag === 'string' && flag.toLowerCase() === 'true');
}

/**
 * One result per reference sent; undefined where the answer says nothing about it. Other list
 * endpoints answering `WithMessage` results (deallocate, cancel) read the same way, with their
 * own `noReason`.
 */
export function matchManifestResults(
	references: readonly string[],
	body: unknown,
	noReason = 'SortedPRO did not manifest it and gave no reason',
): Array<ManifestResult | undefined> {
	const byUpper = new Map(references.map((reference) => [reference.toUpperCase(), reference]));
	const found = new Map<string, ManifestResult>();
	const anonymousFailures: string[] = [];
	for (const entry of entriesOf(body)) {
		const data = text(field(entry, 'Data'));
		const message = text(field(entry, 'Message'));
		const reference =
			(data && byUpper.get(data.toUpperCase())) ??
			referenceOfSummary(
				{ ApiLinks: field(entry, 'ApiLinks') as never, Description: message },
				references,
			);
		if (!reference) {
			if (!succeeded(entry) && message) anonymousFailures.push(message);
			continue;
		}
		if (found.has(reference)) continue;
		found.set(
			reference,
			succeeded(entry)
				? { reference, status: 'done', message }
				: {
						reference,
						status: 'failed',
						reason: message ?? noReason,
					},
		);
	}
	// A failure naming no consignment (the whole request failed) is the reason for every one left unanswered.
	if (anonymousFailures.length === 1) {
		for (const reference of references)
			if (!found.has(reference))
				found.set(reference, { reference, status: 'failed', reason: anonymousFailures[0] });
	}
	return references.map((reference) => found.get(reference));
}

const MANIFESTED_OR_LATER = new Set([
	'manifested',
	'dispatched',
	'intransit',
	'outfordelivery',
	'delivered',
]);

/** What a consignment's own record says about a manifest the answer left out. */
export function interpretManifestState(reference: string, consignment: unknown): ManifestResult {
	const state = isObject(consignment) ? text(consignment.ConsignmentState) : undefined;
	const normalised = state?.toLowerCase() ?? '';
	if (MANIFESTED_OR_LATER.has(normalised)) {
		return {
			reference,
			status: 'done',
			message: `Consignment ${reference} is manifested (state ${state}).`,
			consignmentState: state,
		};
	}
	if (normalised === 'manifesting')
		return { reference, status: 'pending', reason: MANIFEST_PENDING_REASON };
	const why =
		normalised === 'manifestfailed'
			? 'SortedPRO could not manifest it (state ManifestFailed)'
			: `SortedPRO did not manifest it and gave no reason`;
	return {
		reference,
		status: 'failed',
		reason:
			`${why}${state && normalised !== 'manifestfailed' ? ` (the consignment is in state ${state})` : ''}. ` +
			`Only allocated consignments can be manifested.`,
		consignmentState: state,
	};
}

export function toManifestJson(result: ManifestResult): Record<string, unknown> {
	return {
		ConsignmentReference: result.reference,
		Manifested: result.status === 'done',
		ManifestStatus:
			result.status === 'done' ? 'Manifested' : result.status === 'pending' ? 'Pending' : 'Failed',
		FailureReason: result.status === 'done' ? null : result.reason,
		...(result.status === 'done' && result.message ? { Message: result.message } : {}),
		...(result.status !== 'pending' && result.consignmentState
			? { ConsignmentState: result.consignmentState }
			: {}),
	};
}
