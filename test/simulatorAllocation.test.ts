// The simulator's allocation modes, quotes, deallocate/cancel lists and tracking, over HTTP: the
// state rules the node's tests rely on, and the 400s for requests the node must never send.
import {
	CARRIER_SERVICE_REFS,
	RULES_SERVICE,
	SEEDED_REFS,
	SERVICE_GROUP_REFS,
	startSimulator,
	type Simulator,
} from './simulator';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const [REF_A, REF_B] = SEEDED_REFS.allocatable;

// Loose on purpose: tests poke at arbitrary JSON answers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(method: string, path: string, body?: unknown, rawBody?: string) {
	const response = await fetch(`${sim.url}${path}`, {
		method,
		headers: {
			'ocp-apim-subscription-key': sim.apiKey,
			...(body !== undefined || rawBody !== undefined
				? { 'content-type': 'application/json' }
				: {}),
		},
		body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	const text = await response.text();
	return { status: response.status, json: (text ? JSON.parse(text) : undefined) as Json };
}

const stateOf = (reference: string) => sim.getConsignment(reference)?.ConsignmentState;

describe('simulator: allocation modes', () => {
	it('allocates by the rules with RULES_SERVICE, writing the legs on the record', async () => {
		const answer = await call('PUT', '/allocation/allocate', { ConsignmentReferences: [REF_A] });
		expect(answer.status).toBe(200);
		expect(answer.json).toHaveLength(1);
		expect(sim.getConsignment(REF_A)).toMatchObject({
			ConsignmentState: 'Allocated',
			Allocation: { MpdCarrierServiceReference: RULES_SERVICE },
			ConsignmentLegs: [{ Leg: 1, TrackingReferences: [expect.stringMatching(/^TRK/)] }],
		});
	});

	it('allocates with the cheapest service of a group, and refuses unknown and disabled groups', async () => {
		const body = (group: string) => ({
			ConsignmentReferences: [REF_A],
			MpdCarrierServiceGroupReference: group,
		});
		expect(
			(await call('PUT', '/allocation/allocatewithservicegroup', body('nope'))).json.Code,
		).toBe('ServiceGroupNotFound');
		expect(
			(await call('PUT', '/allocation/allocatewithservicegroup', body(SERVICE_GROUP_REFS.disabled)))
				.json.Code,
		).toBe('ServiceGroupDisabled');
		expect(
			(
				await call('PUT', '/allocation/allocatewithservicegroup', {
					ConsignmentReferences: [REF_A],
				})
			).json.Details[0].Target,
		).toBe('MpdCarrierServiceGroupReference');
		await call('PUT', '/allocation/allocatewithservicegroup', body(SERVICE_GROUP_REFS.standardUk));
		expect(sim.getConsignment(REF_A)?.Allocation).toMatchObject({
			MpdCarrierServiceReference: CARRIER_SERVICE_REFS.dpdNextDay,
			CarrierServiceGroupReference: SERVICE_GROUP_REFS.standardUk,
		});
	});

	it('answers the cheapest-quote call with one summary object, and 404 for an unknown reference', async () => {
		const answer = await call('PUT', `/allocation/${REF_A}/allocatewithcheapestquote`);
		expect(answer.json).toMatchObject({ StatusCode: 200, CarrierName: 'DPD' });
		expect((await call('PUT', '/allocation/nope/allocatewithcheapestquote')).status).toBe(404);
		expect((await call('PUT', '/allocation/%E0%A4%A/allocatewithcheapestquote')).status).toBe(400);
	});

	it('answers a per-reference refusal in the style asked for', async () => {
		sim.addConsignment({ reference: 'EC-000-CAN-009', state: 'Cancelled' });
		const path = '/allocation/EC-000-CAN-009/allocatewithcheapestquote';
		expect((await call('PUT', path)).json).toEqual([]);
		sim.setBehaviour({ allocationFailure: 'statusCode' });
		expect((await call('PUT', path)).json).toMatchObject({ StatusCode: 409 });
		sim.setBehaviour({ allocationFailure: 'badRequest' });
		const refused = await call('PUT', path);
		expect(refused.status).toBe(400);
		expect(refused.json.Details[0].Target).toBe('consignmentReference');
	});
});

describe('simulator: quotes', () => {
	it('quotes every enabled service, keeps the quotes on the consignment, and lets one be used', async () => {
		const { json } = await call('GET', `/quotes/consignment/${REF_A}`);
		expect(json.Quotes.map((quote: Json) => quote.MpdCarrierServiceReference)).toHaveLength(3);
		expect(json.UnqualifiedServices).toEqual([
			expect.objectContaining({
				MpdCarrierServiceReference: CARRIER_SERVICE_REFS.parcelforceExpress24Disabled,
			}),
		]);
		const ups = json.Quotes.find(
			(quote: Json) => quote.MpdCarrierServiceReference === CARRIER_SERVICE_REFS.upsExpressSaver,
		);
		const other = await call('PUT', `/allocation/${REF_B}/allocatewithquote/${ups.QuoteReference}`);
		expect(other.json.Code).toBe('QuoteNotFound');
		const used = await call('PUT', `/allocation/${REF_A}/allocatewithquote/${ups.QuoteReference}`);
		expect(used.json).toEqual([expect.objectContaining({ CarrierName: 'UPS' })]);
		expect((await call('GET', `/quotes/consignment/${REF_A}`)).json.Code).toBe(
			'InvalidConsignmentState',
		);
	});

	it('lets quotes expire after quoteLifetimeMs', async () => {
		sim.setBehaviour({ quoteLifetimeMs: 0 });
		const { json } = await call('GET', `/quotes/consignment/${REF_A}`);
		const answer = await call(
			'PUT',
			`/allocation/${REF_A}/allocatewithquote/${json.Quotes[0].QuoteReference}`,
		);
		expect(answer.status).toBe(400);
		expect(answer.json).toMatchObject({
			Code: 'QuoteExpired',
			Message: expect.stringContaining('expired at'),
		});
		expect(stateOf(REF_A)).toBe('Unallocated');
		expect(() => sim.setBehaviour({ quoteLifetimeMs: -1 })).toThrow('quoteLifetimeMs');
	});

	it('gives an ineligible consignment no quote, every service unqualified with its reason', async () => {
		const { json } = await call('GET', `/quotes/consignment/${SEEDED_REFS.ineligible}`);
		expect(json.Quotes).toEqual([]);
		expect(json.Message).toContain('No carrier service');
		expect(json.UnqualifiedServices).toHaveLength(4);
		expect((await call('GET', '/quotes/consignment/nope')).status).toBe(404);
	});
});

describe('simulator: deallocate and cancel lists', () => {
	const allocate = (references: string[]) =>
		call('PUT', '/allocation/allocate', { ConsignmentReferences: references });

	it('deallocates from Allocated or Manifested only, erasing the allocation', async () => {
		await allocate([REF_A]);
		sim.addConsignment({ reference: 'EC-000-MAN-009', state: 'Manifested' });
		const { json } = await call('PUT', '/consignments/deallocatelist', [
			REF_A,
			'EC-000-MAN-009',
			REF_B,
		]);
		expect(json.map((result: Json) => [result.Data, result.IsSuccess])).toEqual([
			[REF_A, true],
			['EC-000-MAN-009', true],
			[REF_B, false],
		]);
		expect(sim.getConsignment(REF_A)).toMatchObject({
			ConsignmentState: 'Unallocated',
			Allocation: null,
		});
		expect(sim.getConsignment(REF_A)).not.toHaveProperty('ConsignmentLegs');
	});

	it('cancels before manifesting only; Cancelled is final', async () => {
		sim.addConsignment({ reference: 'EC-000-MAN-010', state: 'Manifested' });
		const { json } = await call('PUT', '/consignments/cancellist', [
			REF_A,
			'EC-000-MAN-010',
			REF_A,
		]);
		expect(json.map((result: Json) => [result.Data, result.IsSuccess])).toEqual([
			[REF_A, true],
			['EC-000-MAN-010', false],
			[REF_A, false],
		]);
		expect(json[2].Message).toContain('already cancelled');
		expect((await allocate([REF_A])).json).toEqual([]);
		expect(stateOf(REF_A)).toBe('Cancelled');
	});

	it('answers refusals per listFailure, a 400 changing nothing', async () => {
		sim.setBehaviour({ listFailure: 'omit' });
		expect((await call('PUT', '/consignments/cancellist', [REF_A, 'nope'])).json).toHaveLength(1);
		sim.reset();
		sim.setBehaviour({ listFailure: 'badRequest' });
		const refused = await call('PUT', '/consignments/cancellist', [REF_A, 'nope']);
		expect(refused.status).toBe(400);
		expect(refused.json.Details).toEqual([expect.objectContaining({ Target: '[1]' })]);
		expect(stateOf(REF_A)).toBe('Unallocated');
		expect(() => sim.setBehaviour({ listFailure: 'sometimes' as never })).toThrow('listFailure');
	});

	it.each([
		['an object', { ConsignmentReferences: [REF_A] }],
		['an empty list', []],
		['a list of numbers', [1]],
		[
			'101 references',
			Array.from({ length: 101 }, (_, n) => `EC-000-000-${String(n).padStart(3, '0')}`),
		],
	])('refuses %s as the body', async (_case, body) => {
		expect((await call('PUT', '/consignments/deallocatelist', body)).status).toBe(400);
	});

	it('refuses a body that is not JSON', async () => {
		expect((await call('PUT', '/consignments/cancellist', undefined, '{')).status).toBe(400);
	});
});

describe('simulator: tracking', () => {
	it('has no tracking before allocation, no events when allocated, and events up to the state', async () => {
		expect((await call('GET', `/tracking/${REF_A}`)).status).toBe(404);
		await call('PUT', '/allocation/allocate', { ConsignmentReferences: [REF_A] });
		expect(
			(await call('GET', `/tracking/${REF_A}`)).json.TrackedPackages[0].Legs[0].Events,
		).toEqual([]);
		sim.addConsignment({ reference: 'EC-000-TRN-009', state: 'InTransit' });
		const { json } = await call('GET', '/tracking/EC-000-TRN-009');
		expect(json.TrackedPackages[0].Legs[0].Events.map((event: Json) => event.Code)).toEqual([
			'MANIFESTED',
			'INTRANSIT',
		]);
		expect((await call('GET', '/tracking/nope')).status).toBe(404);
	});
});
