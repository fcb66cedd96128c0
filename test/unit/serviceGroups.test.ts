import {
	SERVICE_GROUP_REFERENCE,
	compareGroups,
	describeGroupRefusal,
	extractServiceGroups,
	matchesGroupFilter,
	toServiceGroupChoice,
} from '../../nodes/SortedPro/helpers/serviceGroups';

describe('service groups', () => {
	const groups = [
		{ Reference: 'valuableGoods', Name: 'Valuable goods', IsEnabled: true },
		{ Reference: 'OLD', Name: 'Old', IsEnabled: false },
		{ reference: 'SGREF01', name: 'Standard UK' },
	];

	it('reads a bare array or a wrapper holding one list', () => {
		expect(extractServiceGroups(groups)).toHaveLength(3);
		expect(extractServiceGroups({ ServiceGroups: groups, Success: true })).toHaveLength(3);
		expect(extractServiceGroups({ a: [], b: [] })).toEqual([]);
		expect(extractServiceGroups('nope')).toEqual([]);
	});

	it('describes a group by name and reference, disabled ones marked first, case-insensitive fields', () => {
		expect(toServiceGroupChoice(groups[0])).toEqual({
			name: 'Valuable goods - valuableGoods',
			value: 'valuableGoods',
		});
		expect(toServiceGroupChoice(groups[1])?.name).toBe('[disabled] Old - OLD');
		expect(toServiceGroupChoice(groups[2])?.value).toBe('SGREF01');
		expect(toServiceGroupChoice({ Reference: 'X', Name: 'X' })?.name).toBe('X');
		expect(toServiceGroupChoice({ Name: 'no reference' })).toBeUndefined();
	});

	it('filters on every word and sorts enabled groups first, then by name', () => {
		expect(groups.filter((group) => matchesGroupFilter(group, 'standard uk'))).toHaveLength(1);
		expect(groups.filter((group) => matchesGroupFilter(group, undefined))).toHaveLength(3);
		expect(
			[...groups].sort(compareGroups).map((group) => toServiceGroupChoice(group)?.value),
		).toEqual(['SGREF01', 'valuableGoods', 'OLD']);
	});

	it('accepts Service Group Codes and refuses what cannot be one', () => {
		expect(SERVICE_GROUP_REFERENCE.test('valuableGoods')).toBe(true);
		expect(SERVICE_GROUP_REFERENCE.test('SG REF.01')).toBe(true);
		expect(SERVICE_GROUP_REFERENCE.test('a/b')).toBe(false);
		expect(SERVICE_GROUP_REFERENCE.test('')).toBe(false);
	});

	it('says a refusal is about the group when SortedPRO names it, or answers 404', () => {
		const aboutGroup = describeGroupRefusal(
			400,
			{
				Message: 'Not found',
				Details: [{ Target: 'MpdCarrierServiceGroupReference', Message: 'x' }],
			},
			'G1',
		);
		expect(aboutGroup.message).toBe(
			'Carrier service group G1 was not found in SortedPRO, or cannot be used',
		);
		expect(aboutGroup.hint).toContain('(G1 was sent).');
		expect(describeGroupRefusal(404, undefined, 'G1').message).toBeDefined();
		expect(describeGroupRefusal(400, 'Service group unknown', 'G1').message).toBeDefined();
		expect(describeGroupRefusal(400, { Message: 'Something else' }, 'G1')).toEqual({
			hint: expect.stringContaining('Settings > Carrier Service Groups'),
		});
	});
});
