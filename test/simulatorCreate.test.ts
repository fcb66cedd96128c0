import { SEED_PACKAGE_SIZES, startSimulator, type Simulator } from './simulator';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

// Loose on purpose: tests poke at arbitrary JSON answers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(path: string, method = 'GET', body?: unknown, version: string | null = '1.1') {
	const headers: Record<string, string> = {
		'ocp-apim-subscription-key': sim.apiKey,
		'content-type': 'application/json',
	};
	if (version) headers['electio-api-version'] = version;
	const response = await fetch(`${sim.url}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, json: (text ? JSON.parse(text) : undefined) as Json };
}

const minimal = () => ({
	ConsignmentReferenceProvidedByCustomer: 'ORDER-1',
	Addresses: [
		{ AddressType: 'Origin', ShippingLocationReference: 'SL-MAIN-WAREHOUSE' },
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
});

const targets = (json: Json) => (json.Details as Array<{ Target: string }>).map((d) => d.Target);

describe('simulator: POST /consignments', () => {
	it('answers 201 with the link, and stores an Unallocated consignment with what was sent', async () => {
		const created = await call('/consignments', 'POST', minimal());
		expect(created.status).toBe(201);
		expect(created.json).toEqual([{ Rel: 'Link', Href: `${sim.url}/consignments/EC-200-000-003` }]);
		const stored = sim.getConsignment('EC-200-000-003');
		expect(stored).toMatchObject({
			Reference: 'EC-200-000-003',
			ConsignmentState: 'Unallocated',
			ConsignmentReferenceProvidedByCustomer: 'ORDER-1',
			Weight: { Value: 0.5, Unit: 'Kg' },
			Value: { Amount: 5.99 },
		});
		expect((stored?.Addresses as Json[])[0]).toMatchObject({
			Town: 'Manchester',
			ShippingLocationReference: 'SL-MAIN-WAREHOUSE',
		});
		expect(stored?.Packages[0].Reference).toBe('EP-200-000-003-1');
		const again = await call('/consignments', 'POST', minimal());
		expect(again.json[0].Href).toMatch(/EC-200-000-004$/);
	});

	it('fills weight and dimensions from a package size', async () => {
		const body = minimal();
		body.Packages = [
			{ PackageSizeReference: 'LARGE-BOX', Description: 'x', Value: body.Packages[0].Value },
		] as never;
		expect((await call('/consignments', 'POST', body)).status).toBe(201);
		expect(sim.getConsignment('EC-200-000-003')?.Packages[0]).toMatchObject({
			Weight: { Value: SEED_PACKAGE_SIZES[1].Weight, Unit: 'Kg' },
			Dimensions: { Length: 60 },
		});
	});

	it('refuses the version 1 shapes', async () => {
		const body: Json = minimal();
		body.Packages[0].Weight = { Kg: 0.5 };
		body.Packages[0].Dimensions = { Width: 10, Length: 10, Height: 10 };
		body.Packages[0].Items = [{ UnitOfQuantity: 1 }];
		const rejected = await call('/consignments', 'POST', body);
		expect(rejected.status).toBe(400);
		expect(targets(rejected.json)).toEqual([
			'Packages[0].Weight',
			'Packages[0].Dimensions.Unit',
			'Packages[0].Items[0]',
		]);
		expect(sim.getConsignment('EC-200-000-003')).toBeUndefined();
	});

	it('refuses a body without the version header, as version 1 would read it', async () => {
		const rejected = await call('/consignments', 'POST', minimal(), null);
		expect(rejected.status).toBe(400);
		expect(targets(rejected.json)).toEqual(['Packages[0].Weight.Kg']);
	});

	it('names an unknown shipping location and package size', async () => {
		const body: Json = minimal();
		body.Addresses[0].ShippingLocationReference = 'SORTED9';
		body.Packages[0].PackageSizeReference = 'HUGE';
		const rejected = await call('/consignments', 'POST', body);
		expect(rejected.json).toMatchObject({
			Code: 'ShippingLocationNotFound',
			Message: 'Shipping location SORTED9 not found',
		});
		expect(targets(rejected.json)).toEqual([
			'Packages[0].PackageSizeReference',
			'Addresses[0].ShippingLocationReference',
		]);
	});

	it('checks the required fields and the enums', async () => {
		const rejected = await call('/consignments', 'POST', {
			Addresses: [{ AddressType: 'Somewhere' }, 'x'],
			Packages: [
				{
					Weight: { Value: 0, Unit: 'Lbs' },
					Dimensions: { Unit: 'In', Width: 1, Length: 1, Height: 1 },
				},
				3,
			],
			Direction: 'Up',
			Tags: 'a',
			MetaData: [{}],
			ShippingDate: 'soon',
		});
		expect(targets(rejected.json)).toEqual([
			'Packages[0].Weight.Value',
			'Packages[0].Dimensions.Unit',
			'Packages[0].Description',
			'Packages[0].Value.Amount',
			'Packages[1]',
			'Addresses',
			'Addresses',
			'Addresses[0].AddressType',
			'Addresses[0].Country.IsoCode.TwoLetterCode',
			'Addresses[0].AddressLine1',
			'Addresses[0].Postcode',
			'Addresses[1]',
			'Addresses',
			'Direction',
			'Tags',
			'MetaData',
			'ShippingDate',
		]);
	});

	it.each([
		['not JSON', '{'],
		['a list', []],
		['no packages or addresses', {}],
	])('refuses %s', async (_case, body) => {
		expect((await call('/consignments', 'POST', body)).status).toBe(400);
	});
});

describe('simulator: look-ups', () => {
	it('lists consignments by customer reference, exactly, in part, or 404', async () => {
		await call('/consignments', 'POST', minimal());
		const body = minimal();
		body.ConsignmentReferenceProvidedByCustomer = 'ORDER-10';
		await call('/consignments', 'POST', body);
		const search = (value: string) =>
			call(`/consignments/getConsignmentReferences?referenceProvidedByCustomer=${value}`);
		expect((await search('ORDER-1')).json).toEqual(['EC-200-000-003']);
		expect((await search('NONE')).json).toEqual([]);
		sim.setBehaviour({ customerReferenceSearch: 'partial' });
		expect((await search('ORDER-1')).json).toEqual(['EC-200-000-003', 'EC-200-000-004']);
		sim.setBehaviour({ customerReferenceSearch: 'notFound' });
		expect((await search('NONE')).status).toBe(404);
		expect(
			(await call('/consignments/getConsignmentReferences?State=unallocated')).json,
		).toHaveLength(5);
	});

	it('serves the package sizes', async () => {
		expect((await call('/packagesizes')).json).toEqual(SEED_PACKAGE_SIZES);
	});
});
