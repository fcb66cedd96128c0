import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runSortedPro } from '../harness/n8n';
import { CARRIER_SERVICE_REFS, faults, startSimulator, type Simulator } from '../simulator';
import { credentialsFor, everythingShown, jsonOf, rejectionOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const LOCATION = 'SL-MAIN-WAREHOUSE';

const destination = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'ada@example.com',
	telephone: '07700 900123',
	companyName: 'Analytical Engines Ltd',
	addressLine1: '13 Porter Street',
	addressLine2: 'Pressington',
	town: 'Manchester',
	region: 'Greater Manchester',
	postcode: 'M1 5WG',
	countryCode: 'gb',
	specialInstructions: 'Gate code 4454',
};

const onePackage = {
	weight: 1.5,
	length: 30,
	width: 20,
	height: 10,
	description: 'T-shirts',
	value: 25,
};

function parameters(overrides: Record<string, unknown> = {}): INodeParameters {
	return {
		resource: 'consignment',
		operation: 'create',
		shippingLocation: { __rl: true, mode: 'list', value: LOCATION },
		destination,
		packages: { package: [onePackage] },
		additionalFields: {},
		options: {},
		...overrides,
	} as INodeParameters;
}

const create = (
	overrides: Record<string, unknown> = {},
	items?: INodeExecutionData[],
	onError?: 'continueRegularOutput',
) => runSortedPro(parameters(overrides), { credentials: credentialsFor(sim), items, onError });

const bodyOf = (request: { body: unknown }) => request.body as Record<string, unknown>;

const posts = () =>
	sim.requests.filter((r) => r.method === 'POST' && r.path.toLowerCase() === '/consignments');

describe('Consignment > Create with fields', () => {
	it('sends the v1.1 body built from the fields and outputs the new reference', async () => {
		const [item] = await create({
			additionalFields: {
				customerReference: ' #1001 ',
				shippingDate: '2026-12-04T09:00:00',
				requiredDeliveryDate: '2026-12-07',
				deliverExactlyOnDate: true,
				tags: 'Fragile, Gift',
				direction: 'Outbound',
				metadata: {
					pair: [
						{ key: 'Channel', value: 'Shopify', type: 'string' },
						{ key: 'Items', value: '3', type: 'number' },
						{ key: 'Paid', value: 'true', type: 'boolean' },
					],
				},
			},
		});
		expect(posts()).toHaveLength(1);
		const [request] = posts();
		expect(request.headers['electio-api-version']).toBe('1.1');
		expect(request.body).toEqual({
			ConsignmentReferenceProvidedByCustomer: '#1001',
			ShippingDate: '2026-12-04T09:00:00',
			RequiredDeliveryDate: { Date: '2026-12-07', IsToBeExactlyOnTheDateSpecified: true },
			Direction: 'Outbound',
			Tags: ['Fragile', 'Gift'],
			MetaData: [
				{ KeyValue: 'Channel', StringValue: 'Shopify' },
				{ KeyValue: 'Items', IntValue: 3 },
				{ KeyValue: 'Paid', BoolValue: true },
			],
			Addresses: [
				{ AddressType: 'Origin', ShippingLocationReference: LOCATION },
				{
					AddressType: 'Destination',
					Contact: {
						FirstName: 'Ada',
						LastName: 'Lovelace',
						Email: 'ada@example.com',
						Telephone: '07700 900123',
					},
					CompanyName: 'Analytical Engines Ltd',
					AddressLine1: '13 Porter Street',
					AddressLine2: 'Pressington',
					Town: 'Manchester',
					Region: 'Greater Manchester',
					Postcode: 'M1 5WG',
					Country: { IsoCode: { TwoLetterCode: 'GB' } },
					SpecialInstructions: 'Gate code 4454',
				},
			],
			Packages: [
				{
					Description: 'T-shirts',
					Weight: { Value: 1.5, Unit: 'Kg' },
					Dimensions: { Unit: 'Cm', Width: 20, Length: 30, Height: 10 },
					Value: { Amount: 25, Currency: { IsoCode: 'GBP' } },
				},
			],
		});
		const reference = item.json.ConsignmentReference as string;
		expect(reference).toMatch(/^EC-200-\d{3}-\d{3}$/);
		expect(item.json).toEqual({
			ConsignmentReference: reference,
			Created: true,
			ConsignmentReferenceProvidedByCustomer: '#1001',
			ApiLinks: [{ Rel: 'Link', Href: `${sim.url}/consignments/${reference}` }],
		});
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(sim.getConsignment(reference)?.ConsignmentState).toBe('Unallocated');
	});

	it('creates a consignment that can then be allocated, labelled and manifested', async () => {
		const [created] = await create();
		const reference = created.json.ConsignmentReference as string;
		const run = (operationParameters: Record<string, unknown>) =>
			runSortedPro({ resource: 'consignment', ...operationParameters } as INodeParameters, {
				credentials: credentialsFor(sim),
			});
		const [allocated] = await run({
			operation: 'allocateWithCarrierService',
			carrierService: { __rl: true, mode: 'id', value: CARRIER_SERVICE_REFS.royalMailTracked48 },
			consignmentReferences: reference,
		});
		expect(allocated.json).toMatchObject({ ConsignmentReference: reference, Allocated: true });
		const [label] = await run({ operation: 'getLabel', consignmentReference: reference });
		expect(label.json).toMatchObject({
			ConsignmentReference: reference,
			ContentType: 'application/pdf',
		});
		const [manifested] = await run({ operation: 'manifest', consignmentReferences: reference });
		expect(manifested.json).toMatchObject({ ConsignmentReference: reference, Manifested: true });
		expect(sim.getConsignment(reference)?.ConsignmentState).toBe('Manifested');
	});

	it('understands shop-style numbers and converts units to Kg and Cm', async () => {
		await create({
			packages: {
				package: [
					{
						...onePackage,
						weight: '1,5',
						length: '300 mm',
						width: '20cm',
						height: 10,
						value: '£12.50',
					},
					{
						...onePackage,
						weight: '750',
						weightUnit: 'G',
						dimensionUnit: 'In',
						length: 10,
						width: '4,5',
						height: 2,
						value: '12.50 EUR',
						currency: 'EUR',
					},
				],
			},
		});
		const [first, second] = bodyOf(posts()[0]).Packages as Array<Record<string, unknown>>;
		expect(first).toMatchObject({
			Weight: { Value: 1.5, Unit: 'Kg' },
			Dimensions: { Unit: 'Cm', Length: 30, Width: 20, Height: 10 },
			Value: { Amount: 12.5, Currency: { IsoCode: 'GBP' } },
		});
		expect(second).toMatchObject({
			Weight: { Value: 0.75, Unit: 'Kg' },
			Dimensions: { Unit: 'Cm', Length: 25.4, Width: 11.43, Height: 5.08 },
			Value: { Amount: 12.5, Currency: { IsoCode: 'EUR' } },
		});
	});

	it('sends a package size instead of weight and dimensions', async () => {
		await create({
			packages: { package: [{ packageSizeReference: 'SMALL-BOX', description: 'Mug', value: 8 }] },
		});
		expect(bodyOf(posts()[0]).Packages).toEqual([
			{
				PackageSizeReference: 'SMALL-BOX',
				Description: 'Mug',
				Value: { Amount: 8, Currency: { IsoCode: 'GBP' } },
			},
		]);
		expect(posts()).toHaveLength(1);
	});

	it('takes a whole list of packages from an expression', async () => {
		const [item] = await create(
			{
				packagesInput: 'json',
				packagesJson:
					'={{ $json.parcels.map(p => ({ weight: p.grams + " g", length: ' +
					'p.dims[0], width: p.dims[1], height: p.dims[2], description: p.title, ' +
					'value: p.price, currency: "GBP" })) }}',
			},
			[
				{
					json: {
						parcels: [
							{ grams: 1200, dims: [30, 20, 10], title: 'Boots', price: '79.00' },
							{ grams: 300, dims: [20, 15, 5], title: 'Socks', price: 6 },
						],
					},
				},
			],
		);
		expect(item.json.Created).toBe(true);
		expect(
			(bodyOf(posts()[0]).Packages as Array<{ Weight: unknown; Description: string }>).map((p) => [
				p.Description,
				p.Weight,
			]),
		).toEqual([
			['Boots', { Value: 1.2, Unit: 'Kg' }],
			['Socks', { Value: 0.3, Unit: 'Kg' }],
		]);
	});

	it('creates one consignment per input item, each output paired with its item', async () => {
		const items = await create({ additionalFields: { customerReference: '={{ $json.order }}' } }, [
			{ json: { order: 'A-1' } },
			{ json: { order: 'A-2' } },
			{ json: { order: 'A-3' } },
		]);
		expect(posts()).toHaveLength(3);
		expect(
			items.map((item) => [item.json.ConsignmentReferenceProvidedByCustomer, item.pairedItem]),
		).toEqual([
			['A-1', { item: 0 }],
			['A-2', { item: 1 }],
			['A-3', { item: 2 }],
		]);
		expect(new Set(items.map((item) => item.json.ConsignmentReference)).size).toBe(3);
	});
});

describe('Consignment > Create: checks before anything is sent', () => {
	it.each([
		[
			'no shipping location',
			{ shippingLocation: { __rl: true, mode: 'list', value: '' } },
			/^Shipping Location is missing/,
		],
		[
			'no postcode',
			{ destination: { ...destination, postcode: '' } },
			/^Destination > Postcode is missing/,
		],
		[
			'no address line',
			{ destination: { ...destination, addressLine1: undefined } },
			/^Destination > Address Line 1 is missing/,
		],
		[
			'a country name instead of a code',
			{ destination: { ...destination, countryCode: 'United Kingdom' } },
			/^Destination > Country Code "United Kingdom" is not an ISO 3166 two-letter country code/,
		],
		[
			'an unknown currency',
			{ packages: { package: [{ ...onePackage, currency: 'POUNDS' }] } },
			/^Package 1 > Currency "POUNDS" is not an ISO 4217 currency code/,
		],
		[
			'an ambiguous weight',
			{ packages: { package: [{ ...onePackage, weight: '1,500' }] } },
			/^Package 1 > Weight "1,500" is ambiguous: it could be 1.5 or 1500/,
		],
		[
			'a weight that is not a number',
			{ packages: { package: [{ ...onePackage, weight: 'heavy' }] } },
			/^Package 1 > Weight "heavy" is not a number/,
		],
		[
			'a negative dimension',
			{ packages: { package: [{ ...onePackage, height: -2 }] } },
			/^Package 1 > Height -2 is not a positive number/,
		],
		['no package', { packages: {} }, /^Packages has none/],
		[
			'a package with neither size nor weight and dimensions',
			{ packages: { package: [{ description: 'Mug', value: 3 }] } },
			new RegExp(
				'^4 problems with the consignment, the first: Package 1 > Weight is 0: ' +
					'give the weight and all three dimensions, or pick a Package Size instead$',
			),
		],
		[
			'Packages (List) that is not a list',
			{ packagesInput: 'json', packagesJson: '42' },
			/^Packages \(List\) \S*42\S* is not a list of packages/,
		],
		[
			'a JSON body that is not an object',
			{ specifyBody: 'json', jsonBody: '[1, 2]' },
			/^JSON Body \[1,2\] is not a JSON object/,
		],
		[
			'a JSON body in the version 1 shape',
			{
				specifyBody: 'json',
				jsonBody: JSON.stringify({
					Addresses: [
						{ AddressType: 'Origin', ShippingLocationReference: LOCATION },
						{
							AddressType: 'Destination',
							AddressLine1: 'x',
							Postcode: 'M1 1AA',
							Country: { IsoCode: { TwoLetterCode: 'GB' } },
						},
					],
					Packages: [
						{
							Description: 'Socks',
							Weight: { Kg: 0.5 },
							Dimensions: { Width: 10, Length: 10, Height: 10 },
							Value: { Amount: 5, Currency: { IsoCode: 'GBP' } },
						},
					],
				}),
			},
			/^2 problems with the consignment, the first: JSON Body > Packages\[0\]\.Weight uses the version 1 shape/,
		],
	])('rejects %s, naming the field, the item and the value', async (_case, overrides, message) => {
		const error = await rejectionOf(create(overrides));
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/^Item 0 of the input has \d+ problems?: /);
		expect(error.description).toMatch(/Nothing was sent to SortedPRO\.$/);
		expect(sim.requests).toHaveLength(0);
	});

	it('lists every problem of an item inline', async () => {
		const error = await rejectionOf(
			create({
				destination: { ...destination, postcode: '', countryCode: 'XX' },
				packages: { package: [{ ...onePackage, weight: '2 stone' }] },
			}),
		);
		expect(error.message).toMatch(/^3 problems with the consignment/);
		expect(error.description).toContain('Item 0 of the input has 3 problems: ');
		expect(error.description).toContain('Destination > Country Code "XX" is not an ISO 3166');
		expect(error.description).toContain('Destination > Postcode is missing');
		expect(error.description).toContain(
			'Package 1 > Weight "2 stone" has a unit "stone" that is not a weight unit',
		);
		expect(error.description?.replace(/\n/g, ' ')).not.toMatch(/\.\./);
	});

	it('with On Error: Continue, fails only the bad item and creates the others', async () => {
		const items = await create(
			{ destination: { ...destination, postcode: '={{ $json.postcode }}' } },
			[
				{ json: { postcode: 'M1 5WG' } },
				{ json: { postcode: '' } },
				{ json: { postcode: 'BS1 4DJ' } },
			],
			'continueRegularOutput',
		);
		expect(items).toHaveLength(3);
		expect(items[0].json.Created).toBe(true);
		expect(items[1].error?.message).toBe(
			"Destination > Postcode is missing: the recipient's postcode is required",
		);
		expect(items[2].json.Created).toBe(true);
		expect(posts()).toHaveLength(2);
	});

	it('needs no postcode for a country without postcodes', async () => {
		await create({ destination: { ...destination, postcode: '', countryCode: 'HK' } });
		expect(posts()).toHaveLength(1);
	});
});

describe('Consignment > Create with a JSON body', () => {
	const body = {
		ConsignmentReferenceProvidedByCustomer: 'J-1',
		Addresses: [
			{ AddressType: 'Origin', ShippingLocationReference: LOCATION },
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
	};

	it('sends the body as given', async () => {
		const [item] = await create({ specifyBody: 'json', jsonBody: JSON.stringify(body) });
		expect(posts()[0].body).toEqual(body);
		expect(item.json).toMatchObject({
			Created: true,
			ConsignmentReferenceProvidedByCustomer: 'J-1',
		});
	});

	it('takes an object from an expression', async () => {
		await create({ specifyBody: 'json', jsonBody: '={{ $json.consignment }}' }, [
			{ json: { consignment: body } },
		]);
		expect(posts()[0].body).toEqual(body);
	});
});

describe('Consignment > Create: what SortedPRO rejects', () => {
	it('names a shipping location the account does not have', async () => {
		const error = await rejectionOf(
			create({ shippingLocation: { __rl: true, mode: 'id', value: 'SORTED9' } }),
		);
		expect(error.message).toBe('SortedPRO has no shipping location SORTED9 in this account');
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain(
			'The origin address, shipping location: Shipping location SORTED9 not found.',
		);
		expect(error.description).toContain('Pick the location from the Shipping Location list');
		expect(error.description).toMatch(/Correlation ID: [0-9a-f-]{36}/);
	});

	it('names a package size the account does not have', async () => {
		const error = await rejectionOf(
			create({
				packages: { package: [{ packageSizeReference: 'HUGE', description: 'x', value: 1 }] },
			}),
		);
		expect(error.message).toBe('SortedPRO has no package size HUGE in this account');
	});

	it("puts SortedPRO's other complaints in the form's words", async () => {
		sim.inject({
			method: 'POST',
			path: '/consignments',
			status: 400,
			body: {
				Code: 'InvalidRequest',
				Message: 'The request is invalid',
				CorrelationId: 'c0ffee00-0000-4000-8000-000000000000',
				Details: [
					{
						Code: 'Invalid',
						Target: 'Packages[0].Weight.Value',
						Message: 'Too heavy for the account',
					},
				],
			},
		});
		const error = await rejectionOf(create());
		expect(error.message).toBe(
			"SortedPRO rejected the consignment's package 1, weight: Too heavy for the account",
		);
		expect(error.description).toContain('The package 1, weight: Too heavy for the account.');
		expect(error.description).toContain('c0ffee00-0000-4000-8000-000000000000');
	});

	it('says a consignment may exist after a 500, and that a re-run with Reuse Existing is safe', async () => {
		sim.inject({ ...faults.serverError, method: 'POST', path: '/consignments' });
		const error = await rejectionOf(create());
		expect(error.httpCode).toBe('500');
		expect(error.description).toContain('may or may not have been created');
	});

	it('says so after a time-out too', async () => {
		sim.inject({ method: 'POST', path: '/consignments', status: 201, body: [], delayMs: 2000 });
		const error = await rejectionOf(create({ requestOptions: { timeout: 300 } }));
		expect(error.message).toMatch(/did not answer in time/);
		expect(error.description).toContain('may or may not have been created');
	});

	it('finds the consignment by its customer reference when the answer holds no reference', async () => {
		// Stands for a create whose answer was empty: the consignment exists, the answer says nothing.
		const [made] = await create({ additionalFields: { customerReference: 'NOREF-1' } });
		sim.clearRequests();
		sim.inject({ method: 'POST', path: '/consignments', status: 201, body: '' });
		const [item] = await create({ additionalFields: { customerReference: 'NOREF-1' } });
		expect(item.json).toMatchObject({
			ConsignmentReference: made.json.ConsignmentReference,
			Created: true,
		});
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /consignments',
			'GET /consignments/getConsignmentReferences',
			`GET /consignments/${String(made.json.ConsignmentReference)}`,
		]);
	});

	it('says the consignment was probably created when the answer holds no reference', async () => {
		sim.inject({ method: 'POST', path: '/consignments', status: 201, body: '' });
		const error = await rejectionOf(create());
		expect(error.message).toBe(
			'SortedPRO accepted the consignment (HTTP 201) but its answer held no consignment reference',
		);
		expect(error.description).toContain('The consignment was probably created');
	});

	it('does not claim a consignment was accepted when a page that is not JSON answered', async () => {
		sim.inject({ ...faults.htmlPage(200), method: 'POST', path: '/consignments' });
		const error = await rejectionOf(create());
		expect(error.message).toContain('Could not tell whether SortedPRO created the consignment');
		expect(error.message).not.toContain('accepted');
		expect(error.description).toContain('Reuse Existing');
	});

	it('never shows the API key', async () => {
		const error = await rejectionOf(
			create({ shippingLocation: { __rl: true, mode: 'id', value: 'SORTED9' } }),
		);
		expect(everythingShown(error)).not.toContain(sim.apiKey);
	});
});

describe('Consignment > Create: Reuse Existing and Return Consignment', () => {
	const reuse = (customerReference: string, options: Record<string, unknown> = {}) =>
		create({
			additionalFields: { customerReference },
			options: { reuseExisting: true, ...options },
		});

	it('outputs the existing consignment on a re-run and creates nothing', async () => {
		const [first] = await reuse('#2001');
		expect(first.json.Created).toBe(true);
		sim.clearRequests();
		const [again] = await reuse('#2001');
		expect(again.json).toEqual({
			ConsignmentReference: first.json.ConsignmentReference,
			Created: false,
			ConsignmentReferenceProvidedByCustomer: '#2001',
			ConsignmentState: 'Unallocated',
			ApiLinks: [
				{ Rel: 'Link', Href: `${sim.url}/consignments/${String(first.json.ConsignmentReference)}` },
			],
		});
		expect(posts()).toHaveLength(0);
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /consignments/getConsignmentReferences',
			`GET /consignments/${String(first.json.ConsignmentReference)}`,
		]);
		expect(sim.requests[0].query).toEqual({ referenceProvidedByCustomer: '#2001' });
	});

	it('matches the customer reference exactly even when the search matches parts', async () => {
		sim.setBehaviour({ customerReferenceSearch: 'partial' });
		const [long] = await reuse('#30011');
		const [short] = await reuse('#3001');
		expect(short.json.Created).toBe(true);
		expect(short.json.ConsignmentReference).not.toBe(long.json.ConsignmentReference);
		expect(posts()).toHaveLength(2);
	});

	it('creates when the search answers 404 for no match', async () => {
		sim.setBehaviour({ customerReferenceSearch: 'notFound' });
		const [item] = await reuse('#4001');
		expect(item.json.Created).toBe(true);
	});

	it('creates one consignment for items of one run that share a customer reference', async () => {
		const items = await create(
			{
				additionalFields: { customerReference: '={{ $json.order }}' },
				options: { reuseExisting: true },
			},
			[{ json: { order: 'S-1' } }, { json: { order: 'S-1' } }, { json: { order: 'S-2' } }],
		);
		expect(posts()).toHaveLength(2);
		expect(jsonOf(items).map((json) => json.Created)).toEqual([true, false, true]);
		expect(items[1].json.ConsignmentReference).toBe(items[0].json.ConsignmentReference);
	});

	it('needs a customer reference', async () => {
		const error = await rejectionOf(create({ options: { reuseExisting: true } }));
		expect(error.message).toBe('Reuse Existing needs a Customer Reference');
		expect(sim.requests).toHaveLength(0);
	});

	it('creates nothing when the check itself fails', async () => {
		sim.inject({
			...faults.serverError,
			method: 'GET',
			path: '/consignments/getconsignmentreferences',
		});
		const error = await rejectionOf(reuse('#5001'));
		expect(error.description).toContain('Nothing was created');
		expect(posts()).toHaveLength(0);
	});

	it('skips listed consignments it cannot read as a match, then creates', async () => {
		sim.inject({
			method: 'GET',
			path: '/consignments/getconsignmentreferences',
			status: 200,
			body: ['EC-404', { Reference: 'EC-000-05A-Z6S' }, 7],
		});
		const [item] = await reuse('#7001');
		expect(item.json.Created).toBe(true);
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /consignments/getConsignmentReferences',
			'GET /consignments/EC-404',
			'GET /consignments/EC-000-05A-Z6S',
			'POST /consignments',
		]);
	});

	it('refuses a search answer that is not a list, creating nothing', async () => {
		sim.inject({
			method: 'GET',
			path: '/consignments/getconsignmentreferences',
			status: 200,
			body: {},
		});
		const error = await rejectionOf(reuse('#7002'));
		expect(error.message).toMatch(/unusable answer .* not a list of references/);
		expect(posts()).toHaveLength(0);
	});

	it('refuses a search that lists too many consignments to check', async () => {
		const many = Array.from({ length: 51 }, (_, n) => `EC-300-000-${String(n).padStart(3, '0')}`);
		sim.inject({
			method: 'GET',
			path: '/consignments/getconsignmentreferences',
			status: 200,
			body: many,
		});
		const error = await rejectionOf(reuse('#7'));
		expect(error.message).toBe('SortedPRO listed 51 consignments for customer reference #7');
		expect(posts()).toHaveLength(0);
	});

	it('outputs the whole consignment with Return Consignment', async () => {
		const [item] = await create({
			additionalFields: { customerReference: '#6001' },
			options: { returnConsignment: true },
		});
		expect(item.json).toMatchObject({
			ConsignmentReference: item.json.Reference,
			Created: true,
			ConsignmentState: 'Unallocated',
			ConsignmentReferenceProvidedByCustomer: '#6001',
		});
		expect(item.json.Packages).toHaveLength(1);
		expect(sim.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
	});

	it('still outputs the reference when reading the consignment back fails', async () => {
		sim.inject({ ...faults.serverError, method: 'GET', path: '/consignments/' });
		const [item] = await create({ options: { returnConsignment: true } });
		expect(item.json.Created).toBe(true);
		expect(item.json.ConsignmentReference).toMatch(/^EC-/);
		expect(item.json.ReturnConsignmentError).toContain('reading it back failed (HTTP 500)');
	});
});
