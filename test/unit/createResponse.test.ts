import {
	describeCreateRejection,
	readCreateAnswer,
	referenceFromHref,
	targetInWords,
} from '../../nodes/SortedPro/helpers/createResponse';

const sent = {
	Addresses: [
		{ AddressType: 'Origin', ShippingLocationReference: 'SORTED9' },
		{ AddressType: 'Destination', Postcode: 'M1' },
	],
	Packages: [{ PackageSizeReference: 'HUGE' }],
};

describe('readCreateAnswer', () => {
	it('reads the documented link list', () => {
		expect(
			readCreateAnswer([
				{ Rel: 'Link', Href: 'https://api.electioapp.com/consignments/EC-000-05B-MMA' },
			]),
		).toEqual({
			reference: 'EC-000-05B-MMA',
			links: [{ Rel: 'Link', Href: 'https://api.electioapp.com/consignments/EC-000-05B-MMA' }],
		});
	});

	it.each([
		[{ ApiLinks: [{ rel: 'detail', href: 'https://x/consignments/EC-1-2/' }] }, 'EC-1-2'],
		[{ Href: 'https://x/Consignments/EC-000-05B-MMA?x=1' }, 'EC-000-05B-MMA'],
		[{ Reference: ' EC-000-111-222 ' }, 'EC-000-111-222'],
		['"EC-000-111-222"', 'EC-000-111-222'],
		['https://x/consignments/EC-000-111-333', 'EC-000-111-333'],
		[
			[
				{ Rel: 'label', Href: 'https://x/labels/EC-9' },
				{ Rel: 'Link', Href: 'https://x/consignments/EC-9' },
			],
			'EC-9',
		],
	])('reads %j', (body, reference) => {
		expect(readCreateAnswer(body).reference).toBe(reference);
	});

	it.each([
		[[]],
		[''],
		[{}],
		[null],
		['hello'],
		[[{ Href: 'https://x/consignments/%E0' }]],
		[[{ Href: 42 }]],
	])('finds no reference in %j', (body) => {
		expect(readCreateAnswer(body).reference).toBeUndefined();
	});

	it('rejects what cannot be a reference', () => {
		expect(referenceFromHref('https://x/consignments/a b')).toBeUndefined();
		expect(referenceFromHref(undefined)).toBeUndefined();
	});
});

describe('targetInWords', () => {
	it.each([
		['Packages[1].Weight.Value', 'package 2, weight'],
		['Packages[0].Value.Currency.IsoCode', 'package 1, value, currency'],
		['Addresses[1].Postcode', 'destination address, postcode'],
		['Addresses[5].Town', 'address 6, town'],
		['Packages[0].Items[2].Sku', 'package 1, item 3, Sku'],
		['Tags[0]', 'tags 1'],
		['ShippingDate', 'shipping date'],
	])('%s is "%s"', (target, words) => {
		expect(targetInWords(target, sent)).toBe(words);
	});
});

describe('describeCreateRejection', () => {
	it('names an unknown shipping location', () => {
		const rejection = describeCreateRejection(
			{
				Code: 'ShippingLocationNotFound',
				Message: 'Shipping location SORTED9 not found',
				Details: [
					{
						Target: 'Addresses[0].ShippingLocationReference',
						Message: 'Shipping location SORTED9 not found',
					},
				],
			},
			sent,
		);
		expect(rejection.message).toBe('SortedPRO has no shipping location SORTED9 in this account');
		expect(rejection.explanation).toContain(
			'The origin address, shipping location: Shipping location SORTED9 not found.',
		);
		expect(rejection.explanation).toContain(
			'Sandbox and production accounts have different locations',
		);
	});

	it('names an unknown package size', () => {
		expect(
			describeCreateRejection(
				{ Code: 'PackageSizeNotFoundForCustomer', Message: 'Package size HUGE not found' },
				sent,
			).message,
		).toBe('SortedPRO has no package size HUGE in this account');
		expect(
			describeCreateRejection({ Message: 'Invalid package size' }, { Packages: [] }).message,
		).toBe('SortedPRO did not accept a package size (none given)');
	});

	it('speaks of the country', () => {
		expect(describeCreateRejection({ Code: 'CountryNotFound' }, sent).message).toBe(
			'SortedPRO did not accept the destination country',
		);
	});

	it('says what was rejected otherwise, with or without details', () => {
		expect(describeCreateRejection({ Message: 'Bad thing' }, sent)).toEqual({
			message: 'SortedPRO rejected the consignment: Bad thing',
			explanation: 'Correct the fields named above and run the node again. Nothing was created.',
		});
		expect(describeCreateRejection('', undefined).message).toBe(
			'SortedPRO rejected the consignment',
		);
		expect(
			describeCreateRejection({ Details: [{ Message: 'No target here!' }, 'junk'] }, sent)
				.explanation,
		).toMatch(/^No target here!\n/);
	});
});
