import { field, isObject, text } from '../../nodes/SortedPro/helpers/readJson';

describe('readJson', () => {
	it('tells plain objects from arrays and null', () => {
		expect(isObject({ a: 1 })).toBe(true);
		expect(isObject([])).toBe(false);
		expect(isObject(null)).toBe(false);
		expect(isObject('x')).toBe(false);
	});

	it('reads a field whatever the casing of its key', () => {
		expect(field({ QuoteReference: 'Q-1' }, 'quotereference')).toBe('Q-1');
		expect(field({ quoteReference: 'Q-1' }, 'QuoteReference')).toBe('Q-1');
		expect(field({ Other: 1 }, 'QuoteReference')).toBeUndefined();
		expect(field(['QuoteReference'], 'QuoteReference')).toBeUndefined();
	});

	it('gives trimmed text or null', () => {
		expect(text('  MPD_X  ')).toBe('MPD_X');
		expect(text(12.5)).toBe('12.5');
		expect(text('   ')).toBeNull();
		expect(text(undefined)).toBeNull();
		expect(text(true)).toBeNull();
	});
});
