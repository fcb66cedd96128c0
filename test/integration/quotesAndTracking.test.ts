import type { INodeParameters } from 'n8n-workflow';

import { runSortedPro } from '../harness/n8n';
import {
	CARRIER_SERVICE_REFS,
	SEEDED_INELIGIBLE_REASON,
	SEEDED_REFS,
	faults,
	startSimulator,
	type Simulator,
} from '../simulator';
import { allocateFirst, credentialsFor, everythingShown, jsonOf, rejectionOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const [OK_1] = SEEDED_REFS.allocatable;
const INELIGIBLE = SEEDED_REFS.ineligible;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const run = (
	operation: string,
	consignmentReference: unknown,
	options: Record<string, unknown> = {},
) =>
	runSortedPro(
		{ resource: 'consignment', operation, consignmentReference, options } as INodeParameters,
		{ credentials: credentialsFor(sim) },
	);

describe('Consignment > Get Quotes', () => {
	it('outputs one item per quote, cheapest first, then the services that could not quote and why', async () => {
		const items = await run('getQuotes', OK_1);
		expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /quotes/consignment/${OK_1}`,
		]);
		expect(
			jsonOf(items).map((json) => [
				json.MpdCarrierServiceReference,
				json.Available,
				json.PriceGross,
			]),
		).toEqual([
			[CARRIER_SERVICE_REFS.dpdNextDay, true, 3.49],
			[CARRIER_SERVICE_REFS.royalMailTracked48, true, 3.95],
			[CARRIER_SERVICE_REFS.upsExpressSaver, true, 9.8],
			[CARRIER_SERVICE_REFS.parcelforceExpress24Disabled, false, 12.5],
		]);
		expect(items[0].json).toMatchObject({
			ConsignmentReference: OK_1,
			QuoteReference: expect.stringMatching(GUID),
			MpdCarrierServiceName: 'Next Day',
			CarrierReference: 'DPD',
			PriceNet: 2.91,
			Currency: 'GBP',
			ExpiryDate: expect.any(String),
			EarliestDeliveryDate: expect.any(String),
			ExclusionReason: null,
			QuoteRequestReference: expect.stringMatching(GUID),
		});
		expect(items[3].json).toMatchObject({
			QuoteReference: null,
			ExclusionReason: 'The carrier service is disabled',
		});
		// Every item has the same keys, in the same order.
		expect(new Set(items.map((item) => Object.keys(item.json).join()))).toHaveProperty('size', 1);
		expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	it('leaves out the services that could not quote with the option off', async () => {
		const items = await run('getQuotes', OK_1, { includeUnavailableServices: false });
		expect(items.every((item) => item.json.Available === true)).toBe(true);
		expect(items).toHaveLength(3);
	});

	it('fails naming every service and its reason when no service can quote', async () => {
		const error = await rejectionOf(run('getQuotes', INELIGIBLE));
		expect(error.message).toBe(`No carrier service could quote for ${INELIGIBLE}`);
		expect(error.description).toContain(
			`${CARRIER_SERVICE_REFS.royalMailTracked48} (${SEEDED_INELIGIBLE_REASON})`,
		);
		expect(error.description).toContain(
			'SortedPRO said: No carrier service can quote for this consignment.',
		);
	});

	it('says an allocated consignment gets no quotes, and what to do', async () => {
		await allocateFirst(sim, [OK_1]);
		const error = await rejectionOf(run('getQuotes', OK_1));
		expect(error.message).toContain('SortedPRO rejected the request to get quotes');
		expect(error.description).toContain('state Allocated');
		expect(error.description).toContain('deallocate it first');
	});

	it('names an unknown consignment', async () => {
		const error = await rejectionOf(run('getQuotes', 'EC-zz-unknown'));
		expect(error.message).toBe('SortedPRO has no consignment EC-zz-unknown');
	});

	it('takes one reference only, and checks it before sending', async () => {
		expect((await rejectionOf(run('getQuotes', `${OK_1}, ${INELIGIBLE}`))).message).toBe(
			'Get Quotes takes one consignment reference, got 2',
		);
		expect((await rejectionOf(run('getQuotes', ''))).message).toBe(
			'No consignment reference given',
		);
		expect(sim.requests).toHaveLength(0);
	});

	it('turns an answer that is not JSON into an error, without the key', async () => {
		sim.inject({
			method: 'GET',
			path: '/quotes',
			status: 200,
			body: 'OK',
			contentType: 'text/plain',
		});
		const error = await rejectionOf(run('getQuotes', OK_1));
		expect(error.message).toContain('unusable answer');
		sim.inject(faults.gateway401);
		expect(everythingShown(await rejectionOf(run('getQuotes', OK_1)))).not.toContain(sim.apiKey);
	});
});

describe('Consignment > Get Tracking', () => {
	it('outputs the events of every package, newest first, with carrier, code, time, location and signature', async () => {
		sim.addConsignment({ reference: 'EC-000-DLV-001', state: 'Delivered' });
		const items = await run('getTracking', 'EC-000-DLV-001');
		expect(sim.requests.map((request) => request.path)).toEqual(['/tracking/EC-000-DLV-001']);
		expect(jsonOf(items).map((json) => json.Code)).toEqual([
			'DELIVERED',
			'OUTFORDELIVERY',
			'INTRANSIT',
			'MANIFESTED',
		]);
		expect(items[0].json).toEqual({
			ConsignmentReference: 'EC-000-DLV-001',
			PackageReference: 'EP-000-DLV-001',
			Leg: 1,
			CarrierServiceName: expect.any(String),
			TimeStamp: expect.any(String),
			Code: 'DELIVERED',
			Description: 'Delivered',
			Location: 'Bristol',
			SignedBy: 'A. Lovelace',
			Message: null,
		});
	});

	it('gives an allocated consignment without events one item saying so', async () => {
		await allocateFirst(sim, [OK_1]);
		const items = await run('getTracking', OK_1);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			ConsignmentReference: OK_1,
			Code: null,
			TimeStamp: null,
			Message: 'SortedPRO has no tracking events for it yet.',
		});
	});

	it('tells "no tracking yet" (a 404 for a known consignment) from an unknown consignment', async () => {
		const items = await run('getTracking', OK_1);
		expect(items[0].json).toMatchObject({
			Code: null,
			Message: expect.stringContaining('no tracking for this consignment yet (state Unallocated)'),
		});
		expect(sim.requests.map((request) => request.path)).toEqual([
			`/tracking/${OK_1}`,
			`/consignments/${OK_1}`,
		]);
		const error = await rejectionOf(run('getTracking', 'EC-zz-unknown'));
		expect(error.message).toBe('SortedPRO has no consignment EC-zz-unknown');
	});

	it('turns an answer that is not JSON into an error', async () => {
		sim.inject({
			method: 'GET',
			path: '/tracking',
			status: 200,
			body: 'OK',
			contentType: 'text/plain',
		});
		const error = await rejectionOf(run('getTracking', OK_1));
		expect(error.message).toBe(
			`SortedPRO gave an unusable answer when trying to get the tracking ` +
				`events of consignment ${OK_1}: the answer was not JSON`,
		);
	});

	it('reports a server error with its status', async () => {
		sim.inject({ ...faults.serverError, path: '/tracking' });
		const error = await rejectionOf(run('getTracking', OK_1));
		expect(error.message).toContain('HTTP 500');
		expect(error.description).toMatch(/Correlation ID: [0-9a-f-]{36}/);
	});
});
