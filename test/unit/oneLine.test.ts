import { errorReadingProblem, oneLineProblem, readsAsOneLine } from '../harness/oneLine';

describe('the one-line reading check every suite applies to errors', () => {
	it('accepts sentences, colon introductions and inline lists', () => {
		expect(
			readsAsOneLine(
				'Not allocated (2): EC-1, reason; EC-2, reason.\nAllocated: none.\n\nTurn on the option.',
			),
		).toBe(true);
		expect(readsAsOneLine('Outcome unknown:\nEC-1, EC-2.')).toBe(true);
		expect(readsAsOneLine(undefined)).toBe(true);
		expect(readsAsOneLine('')).toBe(true);
	});

	it('refuses lines that run into the next, list lines and a missing final full stop', () => {
		expect(oneLineProblem('only letters are allowed\nNothing was sent.')).toContain('runs into');
		expect(oneLineProblem('Failed:\n- EC-1: reason\n- EC-2: reason')).toContain('list line');
		expect(oneLineProblem('Check the values sent')).toContain('ends without a full stop');
		expect(oneLineProblem(42)).toContain('not text');
	});

	it('checks an error: a one-line message and a description that reads as one line', () => {
		expect(errorReadingProblem({ message: 'Title', description: 'Fine.' })).toBeUndefined();
		expect(errorReadingProblem({ message: 'Two\nlines', description: 'Fine.' })).toContain(
			'line break',
		);
		expect(errorReadingProblem({ message: 'Title', description: 'a\nb.' })).toContain('Title');
		expect(errorReadingProblem(undefined)).toBeUndefined();
	});
});
