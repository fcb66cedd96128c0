/**
 * Pairing SortedPRO's allocation summaries with the consignment references that were sent.
 *
 * An allocation summary carries no consignment-reference field: the reference is the last path
 * segment of its `detail` link, and it also appears in `Description`. How a consignment that
 * could not be allocated shows up was never documented, so every plausible shape is handled:
 * missing from the answer, or present with a non-2xx `StatusCode`.
 */

export interface ApiLink {
	Rel?: string;
	Href?: string;
}

export interface AllocationSummary {
	StatusCode?: number | string;
	ApiLinks?: ApiLink[];
	Description?: string;
	[field: string]: unknown;
}

export type AllocationOutcome =
	| { reference: string; status: 'allocated'; summary: AllocationSummary }
	/** A per-consignment 202: accepted, not finished. */
	| { reference: string; status: 'pending'; summary: AllocationSummary }
	/** `reason` is undefined when SortedPRO said nothing; the caller looks it up on the consignment. */
	| { reference: string; status: 'failed'; reason?: string; summary?: AllocationSummary };

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Finds the summaries in an answer: a bare array, a wrapper object holding one, or one summary. */
export function extractSummaries(body: unknown): AllocationSummary[] {
	if (Array.isArray(body)) return body.filter(isObject) as AllocationSummary[];
	if (!isObject(body)) return [];
	for (const value of Object.values(body)) {
		if (
			Array.isArray(value) &&
			value.some(
				(entry) =>
					isObject(entry) &&
					('ApiLinks' in entry || 'Description' in entry || 'StatusCode' in entry),
			)
		) {
			return value.filter(isObject) as AllocationSummary[];
		}
	}
	if ('ApiLinks' in body || 'Description' in body || 'StatusCode' in body)
		return [body as AllocationSummary];
	return [];
}

function lastPathSegment(href: string): string | undefined {
	const path = href.split(/[?#]/)[0].replace(/\/+$/, '');
	const segment = path.slice(path.lastIndexOf('/') + 1);
	if (!segment) return undefined;
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Which of `candidates` a summary is about: the `detail` link first, then any link, then a
 * whole-word mention in `Description`. Comparison ignores case because SortedPRO treats paths
 * case-insensitively.
 */
export function referenceOfSummary(
	summary: AllocationSummary,
	candidates: readonly string[],
): string | undefined {
	const byUpper = new Map(candidates.map((reference) => [reference.toUpperCase(), reference]));
	const links = Array.isArray(summary.ApiLinks) ? summary.ApiLinks.filter(isObject) : [];
	const ordered = [
		...links.filter((link) => String(link.Rel ?? '').toLowerCase() === 'detail'),
		...links.filter((link) => String(link.Rel ?? '').toLowerCase() !== 'detail'),
	];
	for (const link of ordered) {
		if (typeof link.Href !== 'string') continue;
		const segment = lastPathSegment(link.Href);
		const match = segment && byUpper.get(segment.toUpperCase());
		if (match) return match;
	}
	if (typeof summary.Description === 'string') {
		// Longest first, so `EC-1-2-30` is not mistaken for `EC-1-2-3`.
		const longestFirst = [...candidates].sort((a, b) => b.length - a.length);
		for (const reference of longestFirst) {
			if (
				new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(reference)}($|[^A-Za-z0-9_-])`, 'i').test(
					summary.Description,
				)
			) {
				return reference;
			}
		}
	}
	return undefined;
}

/** Whether a summary names some consignment: a link, or a reference-like word in Description. */
function namesAConsignment(summary: AllocationSummary): boolean {
	const links = Array.isArray(summary.ApiLinks) ? summary.ApiLinks.filter(isObject) : [];
	if (links.some((link) => typeof link.Href === 'string' && lastPathSegment(link.Href)))
		return true;
	return typeof summary.Description === 'string' && /\bEC-[A-Z0-9]+-/i.test(summary.Description);
}

/** A missing `StatusCode` means success: the documented example of a success always has 200. */
export function isSuccessfulSummary(summary: AllocationSummary): boolean {
	if (summary.StatusCode === undefined || summary.StatusCode === null || summary.StatusCode === '')
		return true;
	const code = Number(summary.StatusCode);
	return Number.isFinite(code) && code >= 200 && code < 300;
}

/**
 * One outcome per reference sent, in the order sent. Summaries that name none of the
 * references are paired with the last unanswered reference only when exactly one of each is
 * left, which is unambiguous; otherwise they are ignored rather than guessed.
 */
export function matchAllocationSummaries(
	references: readonly string[],
	body: unknown,
): AllocationOutcome[] {
	const summaries = extractSummaries(body);
	const byReference = new Map<string, AllocationSummary>();
	const unmatched: AllocationSummary[] = [];
	for (const summary of summaries) {
		const reference = referenceOfSummary(summary, references);
		if (reference && !byReference.has(reference)) byReference.set(reference, summary);
		// A repeat, or a summary about another consignment, is about nothing that was sent.
		else if (!reference && !namesAConsignment(summary)) unmatched.push(summary);
	}
	const unanswered = references.filter((reference) => !byReference.has(reference));
	if (unanswered.length === 1 && unmatched.length === 1)
		byReference.set(unanswered[0], unmatched[0]);

	return references.map((reference): AllocationOutcome => {
		const summary = byReference.get(reference);
		if (!summary) return { reference, status: 'failed' };
		if (Number(summary.StatusCode) === 202) return { reference, status: 'pending', summary };
		if (isSuccessfulSummary(summary)) return { reference, status: 'allocated', summary };
		const reason =
			typeof summary.Description === 'string' && summary.Description.trim()
				? summary.Description.trim()
				: `SortedPRO answered status ${String(summary.StatusCode)} for this consignment without a reason`;
		return { reference, status: 'failed', reason, summary };
	});
}

/** Tracking references of every leg, flattened, because that is what the next node usually needs. */
export function trackingReferencesOf(summary: AllocationSummary): string[] {
	const legs = Array.isArray(summary.ConsignmentLegs) ? summary.ConsignmentLegs : [];
	const references: string[] = [];
	// A consignment's own Allocation record lists them at the top level.
	if (Array.isArray(summary.TrackingReferences)) {
		for (const tracking of summary.TrackingReferences)
			if (typeof tracking === 'string' && tracking) references.push(tracking);
	}
	for (const leg of legs) {
		if (!isObject(leg) || !Array.isArray(leg.TrackingReferences)) continue;
		for (const tracking of leg.TrackingReferences)
			if (typeof tracking === 'string' && tracking) references.push(tracking);
	}
	// A record may list the same reference both ways.
	return [...new Set(references)];
}

/**
 * Reads a 400 answer that rejects a whole request. PRO points at the consignment that caused it
 * with `Target: "ConsignmentReferences[i]"` (or `[i]` when the body is a bare array); returns those
 * per-reference reasons (empty when the 400 is about the request itself, such as an unknown carrier
 * service).
 */
export function reasonsByReference(
	references: readonly string[],
	errorBody: unknown,
): Map<string, string> {
	const reasons = new Map<string, string>();
	if (!isObject(errorBody)) return reasons;
	const details = Array.isArray(errorBody.Details) ? errorBody.Details : [];
	for (const detail of details) {
		if (!isObject(detail)) continue;
		const message = typeof detail.Message === 'string' ? detail.Message.trim() : '';
		const target = typeof detail.Target === 'string' ? detail.Target : '';
		// A list endpoint whose body is the bare array of references names them `[i]`.
		const indexed = /(?:^|ConsignmentReferences)\[(\d+)\]/i.exec(target);
		let reference: string | undefined;
		if (indexed) reference = references[Number(indexed[1])];
		if (!reference)
			reference = references.find((candidate) => target.toUpperCase() === candidate.toUpperCase());
		if (!reference && message) reference = referenceOfSummary({ Description: message }, references);
		if (reference && message && !reasons.has(reference)) reasons.set(reference, message);
	}
	// Some answers name the consignment only in the top-level message.
	const message = typeof errorBody.Message === 'string' ? errorBody.Message.trim() : '';
	if (reasons.size === 0 && message) {
		const reference = referenceOfSummary({ Description: message }, references);
		if (reference) reasons.set(reference, message);
	}
	return reasons;
}
