import {
	QUOTE_REFERENCE,
	adviceForQuoteFailure,
	describeUnavailable,
	extractQuoteResult,
	quotedForOtherConsignment,
	toQuoteItems,
} from '../../nodes/SortedPro/helpers/quotes';

const rate = (gross: number) => ({
	Net: gross / 1.2,
	Gross: gross,
	VatAmount: 0,
	Currency: { IsoCode: 'GBP' },
});

// Shaped like the published example of getting quotes for an existing consignment.
const result = {
	QuoteRequestReference: 'a1a1a1a1-0000-4000-8000-000000000000',
	Message: null,
	Quotes: [
		{
			QuoteReference: 'q2',
			MpdCarrierServiceReference: 'MPD_B',
			MpdCarrierService: 'Service B',
			CarrierReference: 'B',
			Price: rate(9.5),
			ExpiryDate: '2026-01-02T00:00:00Z',
		},
		{
			QuoteReference: 'q1',
			MpdCarrierServiceReference: 'MPD_A',
			Price: { Gross: '4.5', Currency: 'EUR' },
		},
		{ QuoteReference: 'q3' },
	],
	UnqualifiedServices: [
		{
			Available: false,
			MpdCarrierService: { Reference: 'MPD_C', Name: 'Service C' },
			ExclusionReason: 'Too heavy.',
			Rates: [rate(20)],
		},
		{ MpdCarrierServiceReference: 'MPD_D' },
	],
};

describe('quotes', () => {
	it('reads the QuoteResult, a bare list of quotes, or nothing usable', () => {
		expect(extractQuoteResult(result)).toMatchObject({
			quotes: expect.any(Array),
			unqualified: expect.any(Array),
			quoteRequestReference: result.QuoteRequestReference,
			message: null,
		});
		expect(extractQuoteResult([{ QuoteReference: 'q' }]).quotes).toHaveLength(1);
		expect(extractQuoteResult('x')).toEqual({
			quotes: [],
			unqualified: [],
			quoteRequestReference: null,
			message: null,
		});
	});

	it('flattens each quote, cheapest first (no price last), then each service that could not quote', () => {
		const items = toQuoteItems('EC-1', extractQuoteResult(result));
		expect(items.map((item) => [item.QuoteReference, item.PriceGross, item.Available])).toEqual([
			['q1', 4.5, true],
			['q2', 9.5, true],
			['q3', null, true],
			[null, 20, false],
			[null, null, false],
		]);
		expect(items[0]).toMatchObject({ Currency: 'EUR', MpdCarrierServiceReference: 'MPD_A' });
		expect(items[1]).toMatchObject({
			ConsignmentReference: 'EC-1',
			MpdCarrierServiceName: 'Service B',
			CarrierReference: 'B',
			Currency: 'GBP',
			ExpiryDate: '2026-01-02T00:00:00Z',
			Quote: result.Quotes[0],
		});
		expect(items[3]).toMatchObject({
			MpdCarrierServiceReference: 'MPD_C',
			MpdCarrierServiceName: 'Service C',
			ExclusionReason: 'Too heavy.',
		});
		expect(items[4].ExclusionReason).toContain('no reason');
		expect(
			toQuoteItems('EC-1', extractQuoteResult(result), { includeUnavailable: false }),
		).toHaveLength(3);
	});

	it('lists the services that could not quote inline', () => {
		expect(describeUnavailable(extractQuoteResult(result))).toBe('MPD_C (Too heavy); MPD_D.');
		expect(describeUnavailable(extractQuoteResult({}))).toBe('');
	});

	it('accepts GUIDs as quote references, with or without braces or hyphens', () => {
		for (const guid of [
			'3f2b8c1e-5d4a-4f7b-9e21-6c0d8a9b1e2f',
			'{3F2B8C1E-5D4A-4F7B-9E21-6C0D8A9B1E2F}',
			'3f2b8c1e5d4a4f7b9e216c0d8a9b1e2f',
		])
			expect(QUOTE_REFERENCE.test(guid)).toBe(true);
		for (const other of ['', 'q1', '3f2b8c1e-5d4a-4f7b-9e21', 'EC-000-05A-Z6S'])
			expect(QUOTE_REFERENCE.test(other)).toBe(false);
	});

	it('advises on expired and unknown quotes only', () => {
		expect(adviceForQuoteFailure('Quote X expired at 10:00')).toContain('Quotes expire');
		expect(adviceForQuoteFailure('Quote X was not found')).toContain('this same consignment');
		expect(adviceForQuoteFailure('The carrier cannot meet the promise')).toBeUndefined();
	});
});

describe('a mixed-up quote answer', () => {
	const quote = (QuoteReference: string, ConsignmentReference: string) => ({
		QuoteReference,
		ConsignmentReference,
		MpdCarrierServiceReference: 'MPD_X',
		Price: rate(3),
	});

	it('offers a quote repeated in the answer once', () => {
		const repeated = extractQuoteResult({
			Quotes: [quote('q-1', 'EC-000-05A-Z6S'), quote('Q-1', 'EC-000-05A-Z6S')],
			UnqualifiedServices: [
				{ MpdCarrierServiceReference: 'MPD_Y', ExclusionReason: 'disabled' },
				{ MpdCarrierServiceReference: 'MPD_Y', ExclusionReason: 'disabled' },
			],
		});
		expect(repeated.quotes).toHaveLength(1);
		expect(repeated.unqualified).toHaveLength(1);
		expect(extractQuoteResult([quote('q-1', 'a'), quote('q-1', 'a')]).quotes).toHaveLength(1);
	});

	it('keeps services that could not quote apart when their reasons differ or they have no reference', () => {
		const result = extractQuoteResult({
			Quotes: [],
			UnqualifiedServices: [
				{ MpdCarrierServiceReference: 'MPD_Y', ExclusionReason: 'disabled' },
				{ MpdCarrierServiceReference: 'MPD_Y', ExclusionReason: 'too heavy' },
				{ MpdCarrierService: 'Next Day', ExclusionReason: 'too heavy' },
				{ MpdCarrierService: 'Tracked 48', ExclusionReason: 'too heavy' },
			],
		});
		expect(result.unqualified).toHaveLength(4);
	});

	it('names the consignment quotes are about when it is not the one asked', () => {
		const answer = extractQuoteResult({ Quotes: [quote('q-1', 'EC-900-05A-Z6S')] });
		expect(quotedForOtherConsignment(answer, 'EC-000-05A-Z6S')).toBe('EC-900-05A-Z6S');
		expect(quotedForOtherConsignment(answer, 'ec-900-05a-z6s')).toBeNull();
		expect(quotedForOtherConsignment(extractQuoteResult({ Quotes: [{}] }), 'EC-1')).toBeNull();
	});
});
