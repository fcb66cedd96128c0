import {
	describeNotDone,
	describeOtherItems,
	describeProgress,
	inlineReasons,
	type BulkOutcome,
	type BulkWords,
} from '../../nodes/SortedPro/helpers/bulkOutcome';
import { oneLineProblem } from '../harness/oneLine';

const ALLOCATE: BulkWords = {
	verb: 'allocated',
	noun: 'allocation',
	subject: ' with S',
	outputFailedOption: 'Output Failed Allocations',
};
const done = (reference: string): BulkOutcome => ({ reference, status: 'done' });
const failed = (reference: string, reason = 'not eligible'): BulkOutcome => ({
	reference,
	status: 'failed',
	reason,
});
const pending = (reference: string): BulkOutcome => ({ reference, status: 'pending', reason: 'p' });

/** n8n's error panel joins the lines of a description with spaces. */
const asShown = (text: string) => text.replace(/\n+/g, ' ');

describe('inlineReasons', () => {
	it('lists references with their reason, sharing a reason once', () => {
		expect(inlineReasons([failed('EC-1', 'a.'), failed('EC-2', 'b'), failed('EC-3', 'a')])).toBe(
			'EC-1, EC-3 (a); EC-2 (b).',
		);
		expect(inlineReasons([{ reference: 'EC-1' }])).toBe('EC-1.');
	});
});

describe('describeNotDone', () => {
	it('names every failed and pending reference and lists the done ones', () => {
		const { message, description } = describeNotDone(
			[done('EC-1'), failed('EC-2'), pending('EC-3')],
			ALLOCATE,
		);
		expect(message).toBe('2 of 3 consignments were not allocated with S');
		expect(description).toContain('Not allocated (1): EC-2 (not eligible).');
		expect(description).toContain('Not finished yet (1)');
		expect(description).toContain('EC-3.');
		expect(description).toContain('Allocated (1), these stay allocated: EC-1.');
		expect(description).toContain('"Output Failed Allocations"');
	});

	it('puts a single failure in the message, and says when none were done', () => {
		expect(describeNotDone([failed('EC-9', 'wrong state.')], ALLOCATE).message).toBe(
			'Consignment EC-9 was not allocated with S: wrong state',
		);
		expect(describeNotDone([pending('EC-9')], ALLOCATE).message).toBe(
			'The allocation of consignment EC-9 with S has not finished yet',
		);
		expect(describeNotDone([failed('EC-1'), failed('EC-2')], ALLOCATE).description).toContain(
			'Allocated: none.',
		);
		expect(describeNotDone([failed('EC-1'), done('EC-2')], ALLOCATE).message).toBe(
			'1 of 2 consignments was not allocated with S',
		);
	});

	it('reads as sentences once n8n joins its lines', () => {
		const { description } = describeNotDone(
			[done('EC-1'), failed('EC-2'), pending('EC-3')],
			ALLOCATE,
		);
		for (const line of description.split('\n')) expect(line).toMatch(/[.]$/);
		expect(asShown(description)).not.toMatch(/[a-z0-9] [A-Z][a-z]+ \(\d+\)/);
	});
});

describe('describeProgress', () => {
	it('accounts for every reference when a later request is refused', () => {
		const text = describeProgress(
			[done('EC-1'), failed('EC-2', 'r')],
			['EC-3'],
			false,
			['EC-4'],
			'allocated',
		);
		expect(text).toContain('Allocated (these stay allocated): EC-1.');
		expect(text).toContain('Not allocated: EC-2 (r).');
		expect(text).toContain('Not allocated, SortedPRO refused the request: EC-3.');
		expect(text).toContain('Not sent because of the error: EC-4.');
		expect(describeProgress([failed('EC-2')], [], false, [], 'allocated')).toContain(
			'(these stay allocated): none.',
		);
		expect(describeProgress([done('EC-1')], ['EC-2'], false, [], 'manifested')).toContain(
			'Manifested (these stay manifested): EC-1.',
		);
	});

	it('says nothing was done when the first request is refused', () => {
		expect(describeProgress([], ['EC-1'], false, ['EC-2'], 'allocated')).toBe(
			'Nothing was allocated. Consignments not allocated: EC-1, EC-2.',
		);
	});

	it('asks to check the state when the failed request may have gone through', () => {
		expect(describeProgress([], ['EC-1', 'EC-2'], true, [], 'allocated')).toBe(
			'Outcome unknown, check their state with Consignment > Get before running again: EC-1, EC-2.',
		);
	});
});

describe('describeOtherItems', () => {
	it('names the references of the other input items, or says nothing when there are none', () => {
		expect(describeOtherItems(['EC-7', 'EC-8'])).toContain(
			'not in the output because the node stopped: EC-7, EC-8.',
		);
		expect(describeOtherItems([])).toBeUndefined();
	});
});

describe('every description reads as one line once n8n drops its line breaks', () => {
	const mixes: BulkOutcome[][] = [
		[failed('EC-1')],
		[pending('EC-1')],
		[done('EC-1'), failed('EC-2', 'Reason without a full stop'), pending('EC-3')],
		[failed('EC-1', 'First sentence. Second sentence.'), failed('EC-2')],
	];
	it.each(mixes)('describeNotDone %#', (...results) => {
		expect(oneLineProblem(describeNotDone(results, ALLOCATE).description)).toBeUndefined();
	});

	it('describeProgress and describeOtherItems', () => {
		for (const mayHaveWorked of [true, false]) {
			for (const settled of [[], [done('EC-1'), failed('EC-2')]]) {
				const text = describeProgress(settled, ['EC-3'], mayHaveWorked, ['EC-4'], 'allocated');
				expect(oneLineProblem(text)).toBeUndefined();
			}
		}
		expect(oneLineProblem(describeOtherItems(['EC-9', 'EC-10']))).toBeUndefined();
	});
});
