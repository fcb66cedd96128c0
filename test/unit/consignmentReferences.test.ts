import {
	MAX_REFERENCE_LENGTH,
	chunk,
	otherConsignmentNamed,
	parseConsignmentReferences,
} from '../../nodes/SortedPro/helpers/consignmentReferences';

describe('parseConsignmentReferences', () => {
	it('takes a single reference, trimmed', () => {
		expect(parseConsignmentReferences('  EC-000-05A-Z6S \n')).toEqual({
			references: ['EC-000-05A-Z6S'],
			rejected: [],
			duplicates: [],
		});
	});

	it('splits on commas, semicolons, spaces and new lines, dropping blanks', () => {
		const parsed = parseConsignmentReferences(
			'EC-000-05A-Z6S, EC-000-083-45D;EC-000-A04-0DV\r\n\n EC-1  ,, ;',
		);
		expect(parsed.references).toEqual([
			'EC-000-05A-Z6S',
			'EC-000-083-45D',
			'EC-000-A04-0DV',
			'EC-1',
		]);
		expect(parsed.rejected).toEqual([]);
	});

	it('flattens arrays from expressions, including nested lists and lists inside elements', () => {
		const parsed = parseConsignmentReferences([
			'EC-1',
			['EC-2', 'EC-3, EC-4'],
			null,
			undefined,
			'',
			42,
		]);
		expect(parsed.references).toEqual(['EC-1', 'EC-2', 'EC-3', 'EC-4', '42']);
	});

	it('removes duplicates, keeping first-seen order, and reports them', () => {
		const parsed = parseConsignmentReferences('EC-2 EC-1 EC-2 EC-1 EC-3');
		expect(parsed.references).toEqual(['EC-2', 'EC-1', 'EC-3']);
		expect(parsed.duplicates).toEqual(['EC-2', 'EC-1']);
	});

	it('rejects characters outside letters, digits, - and _, naming them', () => {
		const parsed = parseConsignmentReferences('EC-000-05A-Z6S, EC/000#1');
		expect(parsed.references).toEqual(['EC-000-05A-Z6S']);
		expect(parsed.rejected).toEqual([
			{ value: 'EC/000#1', reason: expect.stringContaining('the characters / #') },
		]);
	});

	it('rejects absurdly long values with their length', () => {
		const long = 'A'.repeat(MAX_REFERENCE_LENGTH + 1);
		const parsed = parseConsignmentReferences(long);
		expect(parsed.rejected[0].reason).toContain(`${MAX_REFERENCE_LENGTH + 1} characters`);
		expect(parsed.rejected[0].value.length).toBeLessThan(45);
	});

	it('rejects objects mapped by mistake instead of stringifying them into references', () => {
		const parsed = parseConsignmentReferences([{ Reference: 'EC-1' }]);
		expect(parsed.references).toEqual([]);
		expect(parsed.rejected[0]).toEqual({
			value: '{"Reference":"EC-1"}',
			reason: expect.stringContaining('not text'),
		});
	});

	it('does not split a reference copied with spaces into fragments, and says what it probably is', () => {
		const parsed = parseConsignmentReferences('EC 000 05A Z6S, EC-000-083-45D');
		expect(parsed.references).toEqual(['EC-000-083-45D']);
		expect(parsed.rejected).toEqual([{ value: 'EC 000 05A Z6S', reason: expect.any(String) }]);
		const { reason } = parsed.rejected[0];
		expect(reason).toContain('read as 4 ("EC", "000", "05A", "Z6S")');
		expect(reason).toContain('probably the one reference EC-000-05A-Z6S');
	});

	it('reads "EC 000/05A" as one mangled reference, not as "000/05A"', () => {
		const parsed = parseConsignmentReferences(['EC 000/05A']);
		expect(parsed.references).toEqual([]);
		expect(parsed.rejected).toHaveLength(1);
		expect(parsed.rejected[0].value).toBe('EC 000/05A');
		expect(parsed.rejected[0].reason).toContain('probably the one reference EC-000-05A');
	});

	it('names the fragment when only some pieces cannot be references, without guessing', () => {
		const parsed = parseConsignmentReferences('EC-000-05A-Z6S EC000 EC-000-083-45D');
		expect(parsed.references).toEqual([]);
		expect(parsed.rejected[0].reason).toContain('"EC000" cannot be a reference');
		expect(parsed.rejected[0].reason).toContain('separate references with commas or new lines');
		expect(parsed.rejected[0].reason).not.toContain('probably');
	});

	it('still splits at spaces and tabs between whole references, and keeps a lone reference without "-"', () => {
		expect(parseConsignmentReferences('EC-000-05A-Z6S EC-000-083-45D\tEC-1').references).toEqual([
			'EC-000-05A-Z6S',
			'EC-000-083-45D',
			'EC-1',
		]);
		expect(parseConsignmentReferences('12345').references).toEqual(['12345']);
	});

	it('gives nothing for empty input', () => {
		expect(parseConsignmentReferences('').references).toEqual([]);
		expect(parseConsignmentReferences(undefined).references).toEqual([]);
		expect(parseConsignmentReferences([]).references).toEqual([]);
	});
});

describe('chunk', () => {
	it('splits into runs of at most the size, in order', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 100)).toEqual([]);
		expect(
			chunk(
				Array.from({ length: 250 }, (_, i) => i),
				100,
			).map((part) => part.length),
		).toEqual([100, 100, 50]);
	});

	it('refuses a size that is not a positive integer', () => {
		expect(() => chunk([1], 0)).toThrow(RangeError);
		expect(() => chunk([1], 1.5)).toThrow(RangeError);
	});
});

describe('duplicates ignore case, as SortedPRO does', () => {
	it('keeps the first spelling only', () => {
		const parsed = parseConsignmentReferences('EC-000-05A-Z6S, ec-000-05a-z6s');
		expect(parsed.references).toEqual(['EC-000-05A-Z6S']);
		expect(parsed.duplicates).toEqual(['ec-000-05a-z6s']);
	});
});

describe('otherConsignmentNamed', () => {
	it('names the consignment a message is about when it is not the one asked', () => {
		expect(
			otherConsignmentNamed(
				['No tracking information for consignment EC-900-05A-Z6S'],
				'EC-000-05A-Z6S',
			),
		).toBe('EC-900-05A-Z6S');
	});

	it('accepts a message that names the asked consignment, in any case, among others', () => {
		expect(
			otherConsignmentNamed(['EC-900-05A-Z6S', undefined, 'see ec-000-05a-z6s'], 'EC-000-05A-Z6S'),
		).toBeNull();
	});

	it('has nothing to say about a message naming no consignment', () => {
		expect(otherConsignmentNamed(['Not found', null], 'EC-000-05A-Z6S')).toBeNull();
		expect(otherConsignmentNamed([], 'EC-000-05A-Z6S')).toBeNull();
	});
});
