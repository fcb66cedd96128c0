import {
	choiceMatches,
	extractList,
	locationReference,
	toLocationChoice,
	toPackageSizeChoice,
} from '../../nodes/SortedPro/helpers/accountLists';

describe('account lists', () => {
	it('reads a bare list or a wrapper', () => {
		expect(extractList([{ Reference: 'A' }, 'x'])).toEqual([{ Reference: 'A' }]);
		expect(extractList({ ShippingLocations: [{ Reference: 'A' }] })).toEqual([{ Reference: 'A' }]);
		expect(extractList('nope')).toEqual([]);
	});

	it('describes a location from flat or nested address fields', () => {
		expect(
			toLocationChoice({ Reference: 'W1', Name: 'Warehouse', Town: 'Leeds', Postcode: 'LS1' }),
		).toEqual({
			name: 'Warehouse (W1) - Leeds LS1',
			value: 'W1',
			description: 'Leeds LS1',
		});
		expect(
			toLocationChoice({ ShippingLocationReference: 'W2', Address: { CompanyName: 'Shop' } }),
		).toEqual({
			name: 'Shop (W2)',
			value: 'W2',
			description: undefined,
		});
		expect(toLocationChoice({ Name: 'no reference' })).toBeUndefined();
		expect(locationReference({ reference: 42 })).toBe('42');
	});

	it('describes a package size', () => {
		expect(toPackageSizeChoice({ Reference: 'S', Length: 1, Width: 2, Height: 3 })).toEqual({
			name: 'S - 1 x 2 x 3 cm',
			value: 'S',
			description: undefined,
		});
		expect(
			toPackageSizeChoice({ Reference: 'T', Description: 'Tube', Weight: 1, IsDefault: 'true' })
				?.name,
		).toBe('Tube (T) - 1 kg [default]');
		expect(toPackageSizeChoice({})).toBeUndefined();
	});

	it('filters on every word', () => {
		const choice = { name: 'Main warehouse (SL-1) - Manchester M17', value: 'SL-1' };
		expect(choiceMatches(choice, 'main m17')).toBe(true);
		expect(choiceMatches(choice, 'main leeds')).toBe(false);
		expect(choiceMatches(choice, undefined)).toBe(true);
	});
});
