import {
	buildCreateBody,
	checkJsonBody,
	customerReferenceOf,
	customerReferenceOfBody,
	describeProblem,
	readPackageList,
	readTags,
	showValue,
	type CreateFields,
} from '../../nodes/SortedPro/helpers/consignmentBody';
import { countryCode, currencyCode } from '../../nodes/SortedPro/helpers/isoCodes';

const fields = (overrides: Partial<CreateFields> = {}): CreateFields => ({
	shippingLocation: 'Sorted1',
	destination: { addressLine1: '13 Porter Street', postcode: 'M1 5WG', countryCode: 'GB' },
	packages: [{ weight: 0.5, length: 10, width: 10, height: 10, description: 'Socks', value: 5.99 }],
	additionalFields: {},
	...overrides,
});

function problemsOf(built: ReturnType<typeof buildCreateBody>): string[] {
	return built.ok ? [] : built.problems.map(describeProblem);
}

describe('buildCreateBody', () => {
	it('builds the published minimal example', () => {
		expect(buildCreateBody(fields())).toEqual({
			ok: true,
			body: {
				Addresses: [
					{ AddressType: 'Origin', ShippingLocationReference: 'Sorted1' },
					{
						AddressType: 'Destination',
						AddressLine1: '13 Porter Street',
						Postcode: 'M1 5WG',
						Country: { IsoCode: { TwoLetterCode: 'GB' } },
					},
				],
				Packages: [
					{
						Description: 'Socks',
						Weight: { Value: 0.5, Unit: 'Kg' },
						Dimensions: { Unit: 'Cm', Width: 10, Length: 10, Height: 10 },
						Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } },
					},
				],
			},
		});
	});

	it('takes numbers for text fields (a zip code from a sheet) and UK for GB', () => {
		const built = buildCreateBody(
			fields({ destination: { addressLine1: '1 Main St', postcode: 90210, countryCode: ' uk ' } }),
		);
		expect(built.ok && built.body.Addresses).toEqual([
			expect.anything(),
			{
				AddressType: 'Destination',
				AddressLine1: '1 Main St',
				Postcode: '90210',
				Country: { IsoCode: { TwoLetterCode: 'GB' } },
			},
		]);
	});

	it('sends a package size with an actual weight, and no dimensions', () => {
		const built = buildCreateBody(
			fields({
				packages: [{ packageSizeReference: 'BOX', weight: '2,5 kg', description: 'x', value: 1 }],
			}),
		);
		expect(built.ok && built.body.Packages).toEqual([
			{
				PackageSizeReference: 'BOX',
				Description: 'x',
				Weight: { Value: 2.5, Unit: 'Kg' },
				Value: { Amount: 1, Currency: { IsoCode: 'GBP' } },
			},
		]);
	});

	it('with a package size, wants all three dimensions or none', () => {
		const built = buildCreateBody(
			fields({
				packages: [{ packageSizeReference: 'BOX', length: 3, description: 'x', value: 1 }],
			}),
		);
		expect(problemsOf(built)).toEqual([
			'Package 1 > Width is missing: give all three dimensions, or none to use the package size',
			'Package 1 > Height is missing: give all three dimensions, or none to use the package size',
		]);
	});

	it('reads metadata of every type, and dates and tags', () => {
		const built = buildCreateBody(
			fields({
				additionalFields: {
					customerReference: 'R1',
					tags: ' a, b ,,c\nd',
					requiredDeliveryDate: '2026-12-24',
					direction: 'Inbound',
					metadata: {
						pair: [
							{ key: 'Weight', value: '1.5', type: 'number' },
							{ key: 'When', value: '2026-12-01T10:00:00Z', type: 'dateTime' },
							{ key: 'Gift', value: false, type: 'boolean' },
							{ key: 'Note', value: 12 },
							{ key: '', value: '' },
						],
					},
				},
			}),
		);
		expect(built.ok && built.body).toMatchObject({
			ConsignmentReferenceProvidedByCustomer: 'R1',
			Tags: ['a', 'b', 'c', 'd'],
			RequiredDeliveryDate: { Date: '2026-12-24', IsToBeExactlyOnTheDateSpecified: false },
			Direction: 'Inbound',
			MetaData: [
				{ KeyValue: 'Weight', DecimalValue: 1.5 },
				{ KeyValue: 'When', DateTimeValue: '2026-12-01T10:00:00Z' },
				{ KeyValue: 'Gift', BoolValue: false },
				{ KeyValue: 'Note', StringValue: '12' },
			],
		});
	});

	it('names every problem of the additional fields', () => {
		const built = buildCreateBody(
			fields({
				additionalFields: {
					customerReference: { order: 1 },
					shippingDate: 'next tuesday',
					deliverExactlyOnDate: true,
					direction: 'Sideways',
					metadata: {
						pair: [
							{ key: '', value: 'orphan' },
							{ key: 'N', value: 'many', type: 'number' },
							{ key: 'B', value: 'yes', type: 'boolean' },
							{ key: 'T', value: 'x', type: 'colour' },
						],
					},
				},
			}),
		);
		expect(problemsOf(built)).toEqual([
			'Customer Reference {"order":1} is not text',
			'Shipping Date "next tuesday" is not a date (use an ISO date such as 2026-12-24 or 2026-12-24T09:00:00Z)',
			'Deliver Exactly on Date is on, but no Required Delivery Date is given',
			'Direction "Sideways" is not Outbound or Inbound',
			'Metadata 1 > Key is missing',
			'Metadata 2 > Value "many" is not a number',
			'Metadata 3 > Value "yes" is not true or false',
			'Metadata 4 > Type "colour" is not one of string, number, boolean, dateTime',
		]);
	});

	it('names every problem of the destination and the packages', () => {
		const built = buildCreateBody(
			fields({
				shippingLocation: 'bad/ref',
				destination: { email: 'not-an-email', countryCode: 'ZZ', firstName: ['A'] },
				packages: [
					{
						weight: '1 kg',
						weightUnit: 'stone',
						dimensionUnit: 'furlong',
						length: 1,
						width: 1,
						height: 1,
						value: '$5',
						currency: 'GBP',
					},
					{
						weight: 1,
						length: 1,
						width: 1,
						height: 1,
						description: 'x',
						value: '5 EUR',
						currency: 'GBP',
					},
					{ weight: 1, length: 1, width: 1, height: 1, description: 'x', value: '5 XYZ' },
					{ weight: 1, length: 1, width: 1, height: 1, description: 'x', value: 'lots' },
				],
			}),
		);
		expect(problemsOf(built)).toEqual([
			'Shipping Location "bad/ref" is not a shipping location reference',
			'Destination > First Name ["A"] is not text',
			'Destination > Email "not-an-email" is not an email address',
			'Destination > Country Code "ZZ" is not an ISO 3166 two-letter country ' +
				"code (such as GB, IE, FR, US); map the order's country code, not its " +
				'country name',
			"Destination > Address Line 1 is missing: the recipient's street address is required",
			"Destination > Postcode is missing: the recipient's postcode is required",
			'Package 1 > Description is missing: SortedPRO requires a description of the contents (e.g. "T-shirts")',
			'Package 1 > Weight Unit "stone" is not a unit the node knows (Kg, G, Lb, Oz)',
			'Package 1 > Dimension Unit "furlong" is not a unit the node knows (Cm, Mm, M, In)',
			'Package 1 > Value "$5" is in dollars but the currency is GBP',
			'Package 2 > Value "5 EUR" is in EUR but the currency is GBP',
			'Package 3 > Value "5 XYZ" names a currency "XYZ" that is not an ISO 4217 code',
			'Package 4 > Value "lots" is not an amount of money',
		]);
	});

	it('takes the currency written in the value when none is set', () => {
		const built = buildCreateBody(
			fields({
				packages: [{ weight: 1, length: 1, width: 1, height: 1, description: 'x', value: '€5' }],
			}),
		);
		expect(built.ok && built.body.Packages).toMatchObject([
			{ Value: { Amount: 5, Currency: { IsoCode: 'EUR' } } },
		]);
	});

	it('says the list was empty when packages come from a list', () => {
		expect(problemsOf(buildCreateBody(fields({ packages: [], packagesFrom: 'list' })))).toEqual([
			'Packages is an empty list: the expression gave no package',
		]);
	});

	it('reads the customer reference', () => {
		expect(customerReferenceOf({ customerReference: ' #1 ' })).toBe('#1');
		expect(customerReferenceOf({})).toBeUndefined();
		expect(customerReferenceOfBody({ consignmentreferenceprovidedbycustomer: 'X' })).toBe('X');
	});
});

describe('readPackageList', () => {
	it('reads the field names in any case, and the API objects', () => {
		expect(
			readPackageList([
				{ Weight: 2, WEIGHTUNIT: 'g', Description: 'a', PackageSize: 'BOX' },
				{
					Weight: { Value: 1, Unit: 'Kg' },
					Dimensions: { Unit: 'Cm', Length: 1, Width: 2, Height: 3 },
					Value: { Amount: 4, Currency: { IsoCode: 'EUR' } },
					Other: 'ignored',
				},
			]),
		).toEqual({
			ok: true,
			packages: [
				{ weight: 2, weightUnit: 'g', description: 'a', packageSizeReference: 'BOX' },
				{
					weight: 1,
					weightUnit: 'Kg',
					length: 1,
					width: 2,
					height: 3,
					dimensionUnit: 'Cm',
					value: 4,
					currency: 'EUR',
				},
			],
		});
	});

	it('reads JSON text, one object, and nothing', () => {
		expect(readPackageList('[{"weight": 1}]')).toEqual({ ok: true, packages: [{ weight: 1 }] });
		expect(readPackageList({ weight: 1 })).toEqual({ ok: true, packages: [{ weight: 1 }] });
		expect(readPackageList('  ')).toEqual({ ok: true, packages: [] });
	});

	it.each([
		['{not json', 'Packages (List) "{not json" is not JSON'],
		[42, 'Packages (List) 42 is not a list of packages'],
		[[{ weight: 1 }, 'box'], 'Packages (List) entry 2 "box" is not an object'],
	])('rejects %j', (raw, message) => {
		const list = readPackageList(raw);
		expect(list.ok).toBe(false);
		if (!list.ok) expect(describeProblem(list.problem)).toContain(message);
	});
});

describe('checkJsonBody', () => {
	const good = {
		Addresses: [
			{ AddressType: 'Origin', ShippingLocationReference: 'Sorted1' },
			{
				AddressType: 'Destination',
				AddressLine1: 'x',
				Postcode: 'M1',
				Country: { IsoCode: { TwoLetterCode: 'GB' } },
			},
		],
		Packages: [
			{
				Description: 'Socks',
				Weight: { Value: 0.5, Unit: 'Kg' },
				Dimensions: { Unit: 'Cm', Width: 10, Length: 10, Height: 10 },
				Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } },
			},
		],
	};

	it('accepts the published example, as an object or as text', () => {
		expect(checkJsonBody(good)).toEqual({ ok: true, body: good });
		expect(checkJsonBody(JSON.stringify(good))).toEqual({ ok: true, body: good });
	});

	it.each([
		['not JSON', '{', 'JSON Body "{" is not valid JSON'],
		['a list', [], 'JSON Body [] is not a JSON object {...}'],
		['no addresses', { Packages: good.Packages }, 'JSON Body > Addresses is missing'],
		[
			'no origin',
			{ ...good, Addresses: [good.Addresses[1]] },
			'JSON Body > Addresses has no Origin address',
		],
		[
			'no destination',
			{ ...good, Addresses: [good.Addresses[0]] },
			'JSON Body > Addresses has no Destination address',
		],
		[
			'an origin without a location',
			{ ...good, Addresses: [{ AddressType: 'Origin' }, good.Addresses[1]] },
			'JSON Body > Addresses[0].ShippingLocationReference is missing',
		],
		[
			'a bad location',
			{
				...good,
				Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'a/b' }, good.Addresses[1]],
			},
			'JSON Body > Addresses[0].ShippingLocationReference "a/b" is not a shipping location reference',
		],
		[
			'a lower-case country',
			{
				...good,
				Addresses: [
					good.Addresses[0],
					{ ...good.Addresses[1], Country: { IsoCode: { TwoLetterCode: 'gb' } } },
				],
			},
			'JSON Body > Addresses[1].Country.IsoCode.TwoLetterCode "gb" is not an ISO 3166 two-letter country code',
		],
		[
			'an address that is not an object',
			{ ...good, Addresses: [good.Addresses[0], good.Addresses[1], 3] },
			'JSON Body > Addresses[2] 3 is not an object',
		],
		['no packages', { ...good, Packages: [] }, 'JSON Body > Packages is missing or empty'],
		[
			'a package that is not an object',
			{ ...good, Packages: ['x'] },
			'JSON Body > Packages[0] "x" is not an object',
		],
		[
			'a v1 weight',
			{ ...good, Packages: [{ ...good.Packages[0], Weight: { Kg: 1 } }] },
			'JSON Body > Packages[0].Weight uses the version 1 shape',
		],
		[
			'dimensions without a unit',
			{
				...good,
				Packages: [{ ...good.Packages[0], Dimensions: { Width: 1, Length: 1, Height: 1 } }],
			},
			'JSON Body > Packages[0].Dimensions.Unit is missing',
		],
		[
			'a text weight',
			{ ...good, Packages: [{ ...good.Packages[0], Weight: { Value: '1', Unit: 'Kg' } }] },
			'JSON Body > Packages[0].Weight.Value "1" is not a number',
		],
		[
			'a weight without a unit',
			{ ...good, Packages: [{ ...good.Packages[0], Weight: { Value: 1 } }] },
			'JSON Body > Packages[0].Weight.Unit is missing',
		],
		[
			'a weight that is not an object',
			{ ...good, Packages: [{ ...good.Packages[0], Weight: 1 }] },
			'JSON Body > Packages[0].Weight 1 is not an object',
		],
		[
			'dimensions that are not an object',
			{ ...good, Packages: [{ ...good.Packages[0], Dimensions: '10x10x10' }] },
			'JSON Body > Packages[0].Dimensions "10x10x10" is not an object',
		],
		[
			'neither size nor measures',
			{ ...good, Packages: [{ Description: 'x', Value: good.Packages[0].Value }] },
			'JSON Body > Packages[0] has neither a PackageSizeReference nor both Weight and Dimensions',
		],
		[
			'a negative value',
			{
				...good,
				Packages: [{ ...good.Packages[0], Value: { Amount: -1, Currency: { IsoCode: 'GBP' } } }],
			},
			'JSON Body > Packages[0].Value.Amount -1 is negative',
		],
		[
			'a bad currency',
			{
				...good,
				Packages: [{ ...good.Packages[0], Value: { Amount: 1, Currency: { IsoCode: 'gbp' } } }],
			},
			'JSON Body > Packages[0].Value.Currency.IsoCode "gbp" is not an ISO 4217 currency code',
		],
		[
			'no value',
			{ ...good, Packages: [{ ...good.Packages[0], Value: undefined }] },
			'JSON Body > Packages[0].Value is missing',
		],
		[
			'no description',
			{ ...good, Packages: [{ ...good.Packages[0], Description: ' ' }] },
			'JSON Body > Packages[0].Description is missing',
		],
	])('rejects %s', (_case, body, message) => {
		const built = checkJsonBody(body);
		expect(built.ok).toBe(false);
		if (!built.ok) expect(built.problems.map(describeProblem).join(' | ')).toContain(message);
	});

	it('needs no postcode where the country has none', () => {
		const hk = {
			...good,
			Addresses: [
				good.Addresses[0],
				{
					AddressType: 'Destination',
					AddressLine1: 'x',
					Country: { IsoCode: { TwoLetterCode: 'HK' } },
				},
			],
		};
		expect(checkJsonBody(hk).ok).toBe(true);
	});
});

describe('small readers', () => {
	it('reads tags from a list or text', () => {
		expect(readTags(['a', ' ', 2, null])).toEqual(['a', '2']);
		expect(readTags(undefined)).toEqual([]);
	});

	it('shows values shortly', () => {
		expect(showValue('x'.repeat(100))).toHaveLength(80);
		expect(showValue(undefined)).toBe('nothing');
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		expect(showValue(circular)).toBe('[object Object]');
	});

	it('knows ISO codes', () => {
		expect(countryCode('ie')).toBe('IE');
		expect(countryCode('GBR')).toBeUndefined();
		expect(currencyCode(' usd ')).toBe('USD');
		expect(currencyCode('POUND')).toBeUndefined();
	});
});
