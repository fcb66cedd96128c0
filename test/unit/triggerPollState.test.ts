import {
	MAX_SEEN,
	OVERLAP_MS,
	TEST_EVENT_LOOKBACK_MS,
	advanceState,
	eventKey,
	hasSeen,
	initialState,
	pollWindow,
	readState,
	testEventWindow,
	watchSignature,
} from '../../nodes/SortedProTrigger/helpers/pollState';

const T0 = Date.parse('2026-12-03T12:00:00.000Z');
const MINUTE = 60 * 1000;

describe('watchSignature', () => {
	it('ignores the order and repeats of states and empty filters', () => {
		expect(
			watchSignature(['Delivered', 'AllocationFailed', 'Delivered'], { carrierService: '' }),
		).toBe(watchSignature(['AllocationFailed', 'Delivered'], {}));
	});

	it('differs when a filter or a state differs', () => {
		const base = watchSignature(['AllocationFailed'], {});
		expect(watchSignature(['AllocationFailed'], { carrierService: 'X' })).not.toBe(base);
		expect(watchSignature(['Delivered'], {})).not.toBe(base);
	});
});

describe('readState', () => {
	const watch = watchSignature(['AllocationFailed'], {});

	it('reads back what initialState wrote, after a trip through JSON', () => {
		const state = initialState(watch, T0);
		expect(readState(JSON.parse(JSON.stringify(state)), watch)).toEqual(state);
	});

	it('starts afresh for another watch, another version or damaged data', () => {
		const state = initialState(watch, T0);
		expect(readState(state, watchSignature(['Delivered'], {}))).toBeUndefined();
		expect(readState({ ...state, version: 2 }, watch)).toBeUndefined();
		expect(readState({ ...state, since: 'yesterday' }, watch)).toBeUndefined();
		expect(readState({ ...state, startedAt: undefined }, watch)).toBeUndefined();
		expect(readState(undefined, watch)).toBeUndefined();
		expect(readState({}, watch)).toBeUndefined();
	});

	it('drops seen entries that are not timestamps', () => {
		const state = { ...initialState(watch, T0), seen: { a: T0, b: 'x', c: null } };
		expect(readState(state, watch)?.seen).toEqual({ a: T0 });
	});
});

describe('pollWindow', () => {
	const state = (since: number, startedAt = since - 60 * MINUTE) => ({
		...initialState('w', startedAt),
		since: new Date(since).toISOString(),
	});

	it('starts OVERLAP_MS before the last window ended and ends now', () => {
		expect(pollWindow(state(T0), T0 + MINUTE)).toEqual({
			start: T0 - OVERLAP_MS,
			end: T0 + MINUTE,
		});
	});

	it('never reaches back before watching began', () => {
		expect(pollWindow(initialState('w', T0), T0 + MINUTE)).toEqual({ start: T0, end: T0 + MINUTE });
		expect(pollWindow(state(T0 + MINUTE, T0), T0 + 2 * MINUTE).start).toBe(T0);
	});

	it('covers a whole downtime after a restart', () => {
		const window = pollWindow(state(T0), T0 + 5 * 60 * MINUTE);
		expect(window.end - window.start).toBe(5 * 60 * MINUTE + OVERLAP_MS);
	});

	it('stays a proper window when the clock moved backwards', () => {
		const window = pollWindow(state(T0), T0 - MINUTE);
		expect(window.start).toBeLessThan(window.end);
	});

	it('looks 30 days back for a test event', () => {
		expect(testEventWindow(T0)).toEqual({ start: T0 - TEST_EVENT_LOOKBACK_MS, end: T0 });
	});
});

describe('advanceState', () => {
	const first = initialState('w', T0);

	it('moves since to the window end and remembers the emitted keys', () => {
		const window = { start: T0, end: T0 + MINUTE };
		const next = advanceState(
			first,
			window,
			[eventKey('EC-1', 'AllocationFailed', T0 + 10)],
			T0 + MINUTE,
		);
		expect(next.since).toBe(new Date(T0 + MINUTE).toISOString());
		expect(next.startedAt).toBe(first.startedAt);
		expect(hasSeen(next, eventKey('EC-1', 'AllocationFailed', T0 + 10))).toBe(true);
		expect(hasSeen(next, eventKey('EC-1', 'AllocationFailed', T0 + 11))).toBe(false);
		expect(hasSeen(next, eventKey('EC-1', 'Delivered', T0 + 10))).toBe(false);
	});

	it('keeps keys while a later window can still find them, and drops them after', () => {
		let state = advanceState(first, { start: T0, end: T0 + MINUTE }, ['old'], T0 + MINUTE);
		const at = (minutes: number) => T0 + minutes * MINUTE;
		state = advanceState(
			state,
			{ start: at(1), end: at(1) + 2 * OVERLAP_MS },
			[],
			at(1) + 2 * OVERLAP_MS,
		);
		expect(hasSeen(state, 'old')).toBe(true);
		state = advanceState(
			state,
			{ start: at(2), end: at(2) + 2 * OVERLAP_MS },
			[],
			at(2) + 2 * OVERLAP_MS,
		);
		expect(hasSeen(state, 'old')).toBe(false);
	});

	it(`holds at most ${MAX_SEEN} keys, dropping the oldest first`, () => {
		const seen = Object.fromEntries(Array.from({ length: MAX_SEEN }, (_, i) => [`k${i}`, T0 + i]));
		const state = { ...first, seen };
		const next = advanceState(
			state,
			{ start: T0, end: T0 + MINUTE },
			['new1', 'new2'],
			T0 + MAX_SEEN,
		);
		expect(Object.keys(next.seen)).toHaveLength(MAX_SEEN);
		expect(hasSeen(next, 'new1')).toBe(true);
		expect(hasSeen(next, 'k0')).toBe(false);
		expect(hasSeen(next, 'k1')).toBe(false);
		expect(hasSeen(next, `k${MAX_SEEN - 1}`)).toBe(true);
	});

	it('does not change the state it was given', () => {
		const copy = JSON.parse(JSON.stringify(first));
		advanceState(first, { start: T0, end: T0 + MINUTE }, ['x'], T0 + MINUTE);
		expect(first).toEqual(copy);
	});
});
