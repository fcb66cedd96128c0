/**
 * What the trigger remembers between polls, in the workflow's static data: the end of the last
 * window it searched and the consignments it already emitted. Pure functions over plain objects,
 * so the rules (overlap, pruning, a fresh start when the watch changes) are tested on their own.
 */

/**
 * Each window starts this long before the previous one ended. It absorbs clock differences
 * between n8n and SortedPRO and changes that SortedPRO makes searchable a little late; what the
 * overlap finds again is recognised by the seen-set.
 */
export const OVERLAP_MS = 5 * 60 * 1000;

/** An upper bound on the seen-set, so a busy account's static data stays small. */
export const MAX_SEEN = 5000;

/** How far back "Fetch Test Event" looks for the most recent matching consignment. */
export const TEST_EVENT_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

const VERSION = 1;

export interface TriggerState {
	version: number;
	/** What was watched when this state was written; another watch starts afresh. */
	watch: string;
	/** When watching began (ISO date-time): no window reaches back before it. */
	startedAt: string;
	/** End of the last window searched (ISO date-time). */
	since: string;
	/** Seen-set: event key to the time (ms) it was emitted. */
	seen: Record<string, number>;
}

export interface PollWindow {
	start: number;
	end: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stable description of the watched states and filters (order and case of states ignored). */
export function watchSignature(
	states: string[],
	filters: Record<string, string | undefined>,
): string {
	const watched = [...new Set(states.map((s) => s.trim()).filter(Boolean))].sort();
	const filterPart = Object.keys(filters)
		.sort()
		.filter((key) => filters[key])
		.map((key) => `${key}=${filters[key]}`);
	return JSON.stringify([watched, filterPart]);
}

/** The stored state, or undefined when there is none yet, it is unreadable or was for another watch. */
export function readState(raw: unknown, watch: string): TriggerState | undefined {
	if (!isObject(raw) || raw.version !== VERSION || raw.watch !== watch) return undefined;
	for (const name of ['since', 'startedAt'])
		if (typeof raw[name] !== 'string' || Number.isNaN(Date.parse(raw[name] as string)))
			return undefined;
	const seen: Record<string, number> = {};
	if (isObject(raw.seen)) {
		for (const [key, at] of Object.entries(raw.seen)) if (typeof at === 'number') seen[key] = at;
	}
	return {
		version: VERSION,
		watch,
		startedAt: raw.startedAt as string,
		since: raw.since as string,
		seen,
	};
}

/** A first activation (or a changed watch) starts from now: history is not replayed. */
export function initialState(watch: string, now: number): TriggerState {
	const at = new Date(now).toISOString();
	return { version: VERSION, watch, startedAt: at, since: at, seen: {} };
}

/**
 * The window to search: from a little before the last window ended up to now. After an n8n
 * restart `since` is the last saved one, so the window covers the whole time n8n was down.
 */
export function pollWindow(state: TriggerState, now: number): PollWindow {
	// A clock that moved backwards must not produce an empty or inverted window.
	const since = Math.min(Date.parse(state.since), now);
	const startedAt = Math.min(Date.parse(state.startedAt), since);
	return { start: Math.max(since - OVERLAP_MS, startedAt), end: now };
}

export function testEventWindow(now: number): PollWindow {
	return { start: now - TEST_EVENT_LOOKBACK_MS, end: now };
}

/**
 * One key per visit of a consignment to a state. When the summary says when the state was
 * reached, a later visit has another key and is emitted again; without that date, a repeat
 * visit inside the overlap looks like the same one.
 */
export function eventKey(reference: string, state: string, reachedAt?: number): string {
	return `${reference}|${state}|${reachedAt ?? ''}`;
}

export function hasSeen(state: TriggerState, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(state.seen, key);
}

/**
 * The state after a completed poll: the window's end becomes `since`, the emitted keys join
 * the seen-set, and keys too old to be found again by a later window are dropped. Beyond
 * MAX_SEEN the oldest go first.
 */
export function advanceState(
	state: TriggerState,
	window: PollWindow,
	emittedKeys: string[],
	now: number,
): TriggerState {
	const seen: Record<string, number> = { ...state.seen };
	for (const key of emittedKeys) seen[key] = now;
	// A later window starts OVERLAP_MS before this one's end; twice that leaves a margin.
	const keepAfter = window.end - 2 * OVERLAP_MS;
	let entries = Object.entries(seen).filter(([, at]) => at >= keepAfter);
	if (entries.length > MAX_SEEN) {
		entries = entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_SEEN);
	}
	return {
		version: VERSION,
		watch: state.watch,
		startedAt: state.startedAt,
		since: new Date(window.end).toISOString(),
		seen: Object.fromEntries(entries),
	};
}
