import {
	parseDecimal,
	parseDimensionCm,
	parseMoney,
	parseWeightKg,
	toCm,
	toKg,
} from '../../nodes/SortedPro/helpers/quantities';

describe('parseDecimal', () => {
	it.each([
		['12', 12],
		['1.5', 1.5],
		['1,5', 1.5],
		['0,500', 0.5],
		['1.500', 1.5],
		['1.234,5', 1234.5],
		['1,234.5', 1234.5],
		['1,500,000', 1500000],
		['1.500.000', 1500000],
		[',5', 0.5],
		['-2,25', -2.25],
	])('reads %j as %d', (text, value) => {
		expect(parseDecimal(text)).toEqual({ ok: true, value });
	});

	it.each([
		['1,500', /ambiguous: it could be 1.5 or 1500/],
		['12,345', /ambiguous: it could be 12.345 or 12345/],
		['abc', /is not a number/],
		['1.2.3', /separators and is not a number/],
		['1,2.3,4', /mixes dots and commas/],
		['1.234,5,6', /mixes dots and commas/],
		['', /is not a number/],
		['1,', /is not a number/],
	])('rejects %j', (text, reason) => {
		const parsed = parseDecimal(text);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.reason).toMatch(reason);
	});
});

describe('weights and dimensions', () => {
	it.each([
		[1.5, 'Kg', 1.5],
		['2 kg', 'Kg', 2],
		['2KGS', 'Kg', 2],
		['500 g', 'Kg', 0.5],
		['500', 'G', 0.5],
		['1 lb', 'Kg', 0.453592],
		['16 oz', 'Kg', 0.453592],
		['2 kilograms', 'G', 2],
		['1,25 kg.', 'Kg', 1.25],
	] as const)('weight %j in %s is %d kg', (raw, unit, kg) => {
		expect(parseWeightKg(raw, unit)).toEqual({ ok: true, value: kg });
	});

	it.each([
		[0, /not a positive number/],
		['-1', /not a positive number/],
		['2 stone', /unit "stone" that is not a weight unit/],
		[Number.NaN, /not a number/],
		[{ Value: 1 }, /not a number/],
		['1,500 g', /ambiguous/],
	])('rejects weight %j', (raw, reason) => {
		const parsed = parseWeightKg(raw, 'Kg');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.reason).toMatch(reason);
	});

	it.each([
		['300mm', 'Cm', 30],
		['12"', 'Cm', 30.48],
		['1.2 m', 'Cm', 120],
		[10, 'In', 25.4],
		['4 cms', 'Mm', 4],
	] as const)('dimension %j in %s is %d cm', (raw, unit, cm) => {
		expect(parseDimensionCm(raw, unit)).toEqual({ ok: true, value: cm });
	});

	it('rejects a weight unit for a dimension', () => {
		expect(parseDimensionCm('2 kg', 'Cm')).toEqual({
			ok: false,
			reason: 'has a unit "kg" that is not a length unit',
		});
	});

	it('converts without floating-point noise', () => {
		expect(toKg(0.1 + 0.2, 'Kg')).toBe(0.3);
		expect(toCm(33, 'Mm')).toBe(3.3);
	});
});

describe('parseMoney', () => {
	it.each([
		[12.5, { amount: 12.5 }],
		[0, { amount: 0 }],
		['12,50', { amount: 12.5 }],
		['£12.50', { amount: 12.5, currency: 'GBP' }],
		['12.50 eur', { amount: 12.5, currency: 'EUR' }],
		['€ 3', { amount: 3, currency: 'EUR' }],
		['$9.99', { amount: 9.99, currency: '$' }],
	])('reads %j', (raw, money) => {
		expect(parseMoney(raw)).toEqual({ ok: true, value: money });
	});

	it.each([
		[-1, /negative/],
		['-1', /negative/],
		['GBP 1 EUR', /not an amount of money/],
		['free', /not an amount of money/],
		[true, /not a number/],
		[Number.POSITIVE_INFINITY, /not a number/],
		['1,500', /ambiguous/],
	])('rejects %j', (raw, reason) => {
		const parsed = parseMoney(raw);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.reason).toMatch(reason);
	});
});
