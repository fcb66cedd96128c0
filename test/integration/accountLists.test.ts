import type { INodeParameters, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { callEditorMethod, runSortedPro } from '../harness/n8n';
import {
	SEED_PACKAGE_SIZES,
	SEED_SHIPPING_LOCATIONS,
	faults,
	startSimulator,
	type Simulator,
} from '../simulator';
import { credentialsFor, rejectionOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const list = (resource: string, parameters: Record<string, unknown> = {}) =>
	runSortedPro({ resource, operation: 'list', ...parameters } as INodeParameters, {
		credentials: credentialsFor(sim),
	});

const createForm = {
	resource: 'consignment',
	operation: 'create',
	shippingLocation: { __rl: true, mode: 'list', value: '' },
} as unknown as INodeParameters;

describe.each([
	['shippingLocation', '/shippinglocations', SEED_SHIPPING_LOCATIONS],
	['packageSize', '/packagesizes', SEED_PACKAGE_SIZES],
])('%s > List', (resource, path, seed) => {
	it('outputs one item per entry as SortedPRO returns it', async () => {
		const items = await list(resource, { returnAll: true });
		expect(items.map((item) => item.json.Reference)).toEqual(seed.map((entry) => entry.Reference));
		expect(items[0].json).toEqual(seed[0]);
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${path}`]);
	});

	it('stops at the limit', async () => {
		expect(await list(resource, { returnAll: false, limit: 1 })).toHaveLength(1);
	});

	it('outputs nothing on a 404', async () => {
		sim.inject({ method: 'GET', path, status: 404 });
		expect(await list(resource, { returnAll: true })).toHaveLength(0);
	});

	it('reads a wrapper object holding the list', async () => {
		sim.inject({ method: 'GET', path, status: 200, body: { Items: seed } });
		expect(await list(resource, { returnAll: true })).toHaveLength(seed.length);
	});

	it('fails with SortedPRO words on a 500', async () => {
		sim.inject({ ...faults.serverError, method: 'GET', path });
		const error = await rejectionOf(list(resource, { returnAll: true }));
		expect(error.httpCode).toBe('500');
		expect(error.description).toMatch(/Correlation ID/);
	});
});

describe('the shipping-location picker', () => {
	const search = (filter?: string) =>
		callEditorMethod(
			'listSearch',
			'searchShippingLocations',
			credentialsFor(sim),
			createForm,
			'shippingLocation',
			filter,
		) as Promise<INodeListSearchResult>;

	it('shows name, reference, town and postcode; the value is the reference', async () => {
		const { results } = await search();
		expect(results).toEqual([
			{
				name: 'Main warehouse (SL-MAIN-WAREHOUSE) - Manchester M17 1RY',
				value: 'SL-MAIN-WAREHOUSE',
				description: 'Unit 4, Trafford Park, Manchester M17 1RY',
			},
			{
				name: 'Returns centre (SL-RETURNS) - Leeds LS11 5AB',
				value: 'SL-RETURNS',
				description: '12 Canal Street, Leeds LS11 5AB',
			},
		]);
	});

	it('filters on any part of it', async () => {
		expect((await search('leeds')).results.map((r) => r.value)).toEqual(['SL-RETURNS']);
		expect((await search('M17')).results.map((r) => r.value)).toEqual(['SL-MAIN-WAREHOUSE']);
	});

	it('reads locations whose address is nested', async () => {
		sim.inject({
			method: 'GET',
			path: '/shippinglocations',
			status: 200,
			body: [{ Reference: 'X1', Name: 'Shop', Address: { Town: 'York', Postcode: 'YO1 7HH' } }],
		});
		expect((await search()).results[0].name).toBe('Shop (X1) - York YO1 7HH');
	});
});

describe('the package-size dropdown', () => {
	it('offers none first, then each size with its measures', async () => {
		const options = (await callEditorMethod(
			'loadOptions',
			'getPackageSizes',
			credentialsFor(sim),
			createForm,
			'packages.package[0].packageSizeReference',
		)) as INodePropertyOptions[];
		expect(options.map((option) => [option.name, option.value])).toEqual([
			['None (Weight and Dimensions Below)', ''],
			['Small box (SMALL-BOX) - 30 x 20 x 10 cm, 2 kg [default]', 'SMALL-BOX'],
			['Large box (LARGE-BOX) - 60 x 40 x 40 cm, 15 kg', 'LARGE-BOX'],
		]);
	});
});
