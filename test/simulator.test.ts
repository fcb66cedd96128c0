import {
	startSimulator,
	faults,
	CARRIER_SERVICE_REFS,
	SEEDED_REFS,
	SEEDED_INELIGIBLE_REASON,
	AUTO_INELIGIBLE_REASON,
	DEFAULT_API_KEY,
	DEFAULT_BEHAVIOUR,
	makeConsignmentReference,
	type Simulator,
} from './simulator';

const KEY_HEADER = 'ocp-apim-subscription-key';
const ALLOCATE = '/allocation/allocatewithcarrierservice';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const [REF_A, REF_B] = SEEDED_REFS.allocatable;
const REF_INELIGIBLE = SEEDED_REFS.ineligible;
const RM48 = CARRIER_SERVICE_REFS.royalMailTracked48;

// Loose on purpose: tests poke at arbitrary JSON answers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface CallOptions {
	method?: string;
	body?: unknown;
	rawBody?: string;
	key?: string | null;
	headers?: Record<string, string>;
}

let sim: Simulator;

async function call(path: string, options: CallOptions = {}) {
	const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
	const key = options.key === undefined ? sim.apiKey : options.key;
	if (key !== null) headers[KEY_HEADER] = key;
	let body: string | undefined = options.rawBody;
	if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}
	const response = await fetch(`${sim.url}${path}`, {
		method: options.method ?? 'GET',
		headers,
		body,
	});
	const text = await response.text();
	let json: Json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

function allocate(references: string[], service = RM48) {
	return call(ALLOCATE, {
		method: 'PUT',
		body: { MpdCarrierServiceReference: service, ConsignmentReferences: references },
	});
}

async function control(path: string, method = 'GET', body?: unknown) {
	const response = await fetch(`${sim.url}/__sim${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json: Json = await response.json();
	return { status: response.status, json };
}

function expectProError(json: Json) {
	expect(typeof json.Code).toBe('string');
	expect(typeof json.Message).toBe('string');
	expect(json.CorrelationId).toMatch(UUID);
	expect(Array.isArray(json.Details)).toBe(true);
}

function detailHref(summary: Json): string | undefined {
	return summary.ApiLinks?.find((link: Json) => link.Rel === 'detail')?.Href;
}

beforeAll(async () => {
	sim = await startSimulator();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => {
	sim.reset();
});

describe('startup', () => {
	it('listens on a local URL without a trailing slash and uses the obviously fake default key', () => {
		expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
		expect(sim.port).toBeGreaterThan(0);
		expect(sim.apiKey).toBe(DEFAULT_API_KEY);
		expect(sim.behaviour).toEqual(DEFAULT_BEHAVIOUR);
	});

	it('accepts a custom key and can start without seeded consignments', async () => {
		const other = await startSimulator({ apiKey: 'another-fake-key', seed: false });
		try {
			expect(other.apiKey).toBe('another-fake-key');
			expect(other.getConsignment(REF_A)).toBeUndefined();
			const response = await fetch(`${other.url}/shippinglocations`, {
				headers: { [KEY_HEADER]: 'another-fake-key' },
			});
			expect(response.status).toBe(200);
		} finally {
			await other.close();
		}
	});

	it('closes promptly even while an answer is being delayed', async () => {
		const other = await startSimulator();
		other.setBehaviour({ delayMs: 60_000 });
		const pending = fetch(`${other.url}/shippinglocations`, {
			headers: { [KEY_HEADER]: other.apiKey },
		}).then(
			() => 'answered',
			() => 'failed',
		);
		// Wait until the request has arrived so close() has a socket to tear down.
		while (other.requests.length === 0) await fetch(`${other.url}/__sim/health`);
		const started = Date.now();
		await other.close();
		expect(await pending).toBe('failed');
		expect(Date.now() - started).toBeLessThan(2000);
	});
});

describe('authentication', () => {
	it('answers 401 with the gateway body when the key is missing or wrong, and records both', async () => {
		const missing = await call('/shippinglocations', { key: null });
		expect(missing.status).toBe(401);
		expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(missing.json).toEqual({
			statusCode: 401,
			message: expect.stringContaining('missing subscription key'),
		});

		const wrong = await call('/shippinglocations', { key: 'not-the-key' });
		expect(wrong.status).toBe(401);
		expect(wrong.json).toEqual({
			statusCode: 401,
			message: expect.stringContaining('invalid subscription key'),
		});

		expect(sim.requests.map((r) => r.headers[KEY_HEADER])).toEqual([undefined, 'not-the-key']);
	});

	it('accepts the right key', async () => {
		const ok = await call('/shippinglocations');
		expect(ok.status).toBe(200);
		expect(ok.json.length).toBeGreaterThanOrEqual(1);
		expect(ok.json[0]).toEqual(
			expect.objectContaining({ Reference: expect.any(String), Name: expect.any(String) }),
		);
		expect(ok.json[0].Address).toBeDefined();
	});
});

describe('GET /carrierservices', () => {
	it('returns the wrapper by default, including a service whose Status is a name', async () => {
		const { status, json } = await call('/carrierservices');
		expect(status).toBe(200);
		expect(json.Success).toBe(true);
		expect(json.ErrorMessage).toBeNull();
		const refs = json.MpdCarrierServices.map((s: Json) => s.Reference);
		expect(refs).toEqual(expect.arrayContaining(Object.values(CARRIER_SERVICE_REFS)));
		expect(
			json.MpdCarrierServices.find((s: Json) => s.Reference === 'EDC5_UPSHEXDCS').Description,
		).toBe('UPS Express Saver');
		const disabled = json.MpdCarrierServices.find(
			(s: Json) => s.Reference === CARRIER_SERVICE_REFS.parcelforceExpress24Disabled,
		);
		expect(disabled.Status).toBe('Disabled');
		expect(json.MpdCarrierServices[0].Journey[0].CarrierService.Reference).toBe('RMDTPS48HNAUT');
	});

	it('can return a bare array', async () => {
		sim.setBehaviour({ carrierServices: 'bareArray' });
		const { status, json } = await call('/carrierservices');
		expect(status).toBe(200);
		expect(Array.isArray(json)).toBe(true);
		expect(json[0].Reference).toBe(RM48);
	});

	it('can answer 404 with a PRO error body', async () => {
		sim.setBehaviour({ carrierServices: 'notFound' });
		const { status, json } = await call('/carrierservices');
		expect(status).toBe(404);
		expectProError(json);
	});

	it('can return an empty wrapper', async () => {
		sim.setBehaviour({ carrierServices: 'empty' });
		const { status, json } = await call('/carrierservices');
		expect(status).toBe(200);
		expect(json).toEqual({ ErrorMessage: null, Success: true, MpdCarrierServices: [] });
	});

	it('does not let the listing behaviour affect allocation', async () => {
		sim.setBehaviour({ carrierServices: 'notFound' });
		const { status, json } = await allocate([REF_A]);
		expect(status).toBe(200);
		expect(json).toHaveLength(1);
	});
});

describe('behaviour settings', () => {
	it('rejects unknown fields and values', () => {
		expect(() => sim.setBehaviour({ carrierService: 'wrapper' } as never)).toThrow(/unknown field/);
		expect(() => sim.setBehaviour({ allocationFailure: 'explode' } as never)).toThrow(
			/allocationFailure/,
		);
		expect(() => sim.setBehaviour({ delayMs: -1 })).toThrow(/delayMs/);
		expect(sim.behaviour).toEqual(DEFAULT_BEHAVIOUR);
	});

	it('returns a copy, so mutating it changes nothing', () => {
		const copy = sim.behaviour as { delayMs: number };
		copy.delayMs = 999;
		expect(sim.behaviour.delayMs).toBe(0);
	});
});

describe('PUT /allocation/allocatewithcarrierservice', () => {
	it('allocates and answers summaries shaped like the documented example', async () => {
		const { status, json } = await allocate([REF_A, REF_B]);
		expect(status).toBe(200);
		expect(json).toHaveLength(2);
		const [first] = json;
		expect(first).toEqual({
			StatusCode: 200,
			ApiLinks: [
				{ Rel: 'detail', Href: `${sim.url}/consignments/${REF_A}` },
				{ Rel: 'label', Href: `${sim.url}/labels/${REF_A}` },
			],
			Description: expect.stringMatching(
				new RegExp(
					`^Consignment ${REF_A} has been successfully allocated with Royal Mail ` +
						`Tracked 48 for shipping on \\d\\d/\\d\\d/\\d{4} 17:00:00 \\+00:00$`,
				),
			),
			ConsignmentLegs: [
				{
					Leg: 1,
					TrackingReferences: [expect.stringMatching(/^TRK\d{8}$/)],
					CarrierReference: 'ROYAL_MAIL',
					CarrierServiceReference: null,
					CarrierName: 'Royal Mail',
				},
			],
			CarrierReference: 'ROYAL_MAIL',
			CarrierName: 'Royal Mail',
			CarrierServiceReference: 'RMDTPS48HNAUT',
			CarrierServiceName: 'Tracked 48',
		});
		expect(detailHref(json[1])).toBe(`${sim.url}/consignments/${REF_B}`);
	});

	it('gives the same tracking reference for the same consignment and service every time', async () => {
		const first = await allocate([REF_A]);
		sim.reset();
		const second = await allocate([REF_A]);
		expect(second.json[0].ConsignmentLegs[0].TrackingReferences).toEqual(
			first.json[0].ConsignmentLegs[0].TrackingReferences,
		);
	});

	it('stores the allocation on the consignment', async () => {
		const { json: summaries } = await allocate([REF_A]);
		const { status, json } = await call(`/consignments/${REF_A}`);
		expect(status).toBe(200);
		expect(json.Reference).toBe(REF_A);
		expect(json.ConsignmentState).toBe('Allocated');
		expect(json.FailedAllocation).toBeNull();
		expect(json.Allocation).toEqual(
			expect.objectContaining({
				MpdCarrierServiceReference: RM48,
				CarrierName: 'Royal Mail',
				TrackingReferences: summaries[0].ConsignmentLegs[0].TrackingReferences,
			}),
		);
		expect(json.Packages[0].Reference).toMatch(/^EP-/);
		expect(sim.getConsignment(REF_A)?.ConsignmentState).toBe('Allocated');
	});

	it('omits failures by default and records the reason on the consignment', async () => {
		const { status, json } = await allocate([REF_A, REF_INELIGIBLE, 'EC-000-000-F01', 'NOT-A-REF']);
		expect(status).toBe(200);
		expect(json.map(detailHref)).toEqual([`${sim.url}/consignments/${REF_A}`]);

		const failed = await call(`/consignments/${REF_INELIGIBLE}`);
		expect(failed.json.ConsignmentState).toBe('AllocationFailed');
		expect(failed.json.Allocation).toBeNull();
		expect(failed.json.FailedAllocation).toEqual({
			MpdCarrierServiceReference: RM48,
			MpdCarrierServiceName: 'Tracked 48',
			AttemptedAllocationDate: expect.any(String),
			Message: SEEDED_INELIGIBLE_REASON,
		});
		expect(sim.getConsignment('EC-000-000-F01')?.FailedAllocation?.Message).toBe(
			AUTO_INELIGIBLE_REASON,
		);
	});

	it('can report failures as entries with a non-2xx StatusCode and no carrier fields', async () => {
		sim.setBehaviour({ allocationFailure: 'statusCode' });
		sim.addConsignment({ reference: 'EC-000-MAN-001', state: 'Manifested' });
		const { status, json } = await allocate([REF_A, REF_INELIGIBLE, 'EC-000-MAN-001', 'NOT-A-REF']);
		expect(status).toBe(200);
		expect(json.map((s: Json) => s.StatusCode)).toEqual([200, 422, 409, 404]);
		const [, ineligible, wrongState, missing] = json;
		expect(ineligible).toEqual({
			StatusCode: 422,
			ApiLinks: [{ Rel: 'detail', Href: `${sim.url}/consignments/${REF_INELIGIBLE}` }],
			Description: expect.stringContaining(REF_INELIGIBLE),
		});
		expect(ineligible.Description).toContain(SEEDED_INELIGIBLE_REASON);
		expect(wrongState.Description).toContain('Manifested');
		expect(missing.Description).toContain('Consignment NOT-A-REF not found');
		expect(sim.getConsignment(REF_INELIGIBLE)?.ConsignmentState).toBe('AllocationFailed');
	});

	it('can reject the whole request with 400 and allocate nothing', async () => {
		sim.setBehaviour({ allocationFailure: 'badRequest' });
		const { status, json } = await allocate([REF_A, REF_INELIGIBLE, 'EC-000-000-F02']);
		expect(status).toBe(400);
		expectProError(json);
		expect(json.Details).toEqual([
			{
				Code: expect.any(String),
				Target: 'ConsignmentReferences[1]',
				Message: SEEDED_INELIGIBLE_REASON,
			},
			{
				Code: expect.any(String),
				Target: 'ConsignmentReferences[2]',
				Message: AUTO_INELIGIBLE_REASON,
			},
		]);
		expect(sim.getConsignment(REF_A)?.ConsignmentState).toBe('Unallocated');
		expect(sim.getConsignment(REF_INELIGIBLE)?.ConsignmentState).toBe('Unallocated');

		const clean = await allocate([REF_A]);
		expect(clean.status).toBe(200);
		expect(clean.json).toHaveLength(1);
	});

	it('can leave out ApiLinks so the reference is only in Description', async () => {
		sim.setBehaviour({ summaryLinks: false, allocationFailure: 'statusCode' });
		const { json } = await allocate([REF_A, REF_INELIGIBLE]);
		expect(json).toHaveLength(2);
		for (const summary of json) expect(summary).not.toHaveProperty('ApiLinks');
		expect(json[0].Description).toContain(REF_A);
		expect(json[1].Description).toContain(REF_INELIGIBLE);
	});

	it('can answer 202 Accepted and leave consignments Allocating', async () => {
		sim.setBehaviour({ allocationAccepted: true });
		const { status, text } = await allocate([REF_A, REF_INELIGIBLE]);
		expect(status).toBe(202);
		expect(text).toBe('');
		const { json } = await call(`/consignments/${REF_A}`);
		expect(json.ConsignmentState).toBe('Allocating');
		expect(json.Allocation).toBeNull();
		expect(sim.getConsignment(REF_INELIGIBLE)?.ConsignmentState).toBe('AllocationFailed');
	});

	it('allocates a repeated reference once; the repeat fails as already allocated', async () => {
		sim.setBehaviour({ allocationFailure: 'statusCode' });
		const { json } = await allocate([REF_A, REF_A]);
		expect(json.map((s: Json) => s.StatusCode)).toEqual([200, 409]);
		expect(json[1].Description).toContain('Allocated');
	});

	it('allows retrying an AllocationFailed consignment but not an Allocated one', async () => {
		sim.addConsignment({ reference: 'EC-000-RTY-001', state: 'AllocationFailed' });
		const retry = await allocate(['EC-000-RTY-001']);
		expect(retry.json).toHaveLength(1);
		const again = await allocate(['EC-000-RTY-001']);
		expect(again.json).toEqual([]);
	});

	it.each([
		['a body that is not JSON', { rawBody: '{not json' }],
		['a missing service reference', { body: { ConsignmentReferences: [REF_A] } }],
		['missing consignment references', { body: { MpdCarrierServiceReference: RM48 } }],
		[
			'an empty reference list',
			{ body: { MpdCarrierServiceReference: RM48, ConsignmentReferences: [] } },
		],
		[
			'a non-string reference',
			{ body: { MpdCarrierServiceReference: RM48, ConsignmentReferences: [42] } },
		],
	])('answers 400 for %s', async (_name, options) => {
		const { status, json } = await call(ALLOCATE, { method: 'PUT', ...options });
		expect(status).toBe(400);
		expectProError(json);
	});

	it('refuses more than 100 references but accepts exactly 100', async () => {
		const refs = Array.from({ length: 101 }, (_, i) => makeConsignmentReference(i));
		const tooMany = await allocate(refs);
		expect(tooMany.status).toBe(400);
		expectProError(tooMany.json);
		expect(tooMany.json.Code).toBe('TooManyConsignments');

		const hundred = await allocate(refs.slice(0, 100));
		expect(hundred.status).toBe(200);
		expect(hundred.json).toHaveLength(100);
	});

	it('refuses an unknown service reference, matching case-sensitively', async () => {
		for (const service of ['NO_SUCH_SERVICE', RM48.toLowerCase()]) {
			const { status, json } = await allocate([REF_A], service);
			expect(status).toBe(400);
			expectProError(json);
			expect(json.Details[0].Target).toBe('MpdCarrierServiceReference');
			expect(json.Message).toContain(service);
		}
		expect(sim.getConsignment(REF_A)?.ConsignmentState).toBe('Unallocated');
	});

	it('refuses a disabled service', async () => {
		const { status, json } = await allocate(
			[REF_A],
			CARRIER_SERVICE_REFS.parcelforceExpress24Disabled,
		);
		expect(status).toBe(400);
		expectProError(json);
		expect(json.Code).toBe('CarrierServiceDisabled');
	});

	it('allocates with the other enabled services', async () => {
		const dpd = await allocate([REF_A], CARRIER_SERVICE_REFS.dpdNextDay);
		expect(dpd.json[0].CarrierName).toBe('DPD');
		const ups = await allocate([REF_B], CARRIER_SERVICE_REFS.upsExpressSaver);
		expect(ups.json[0].Description).toContain('UPS Express Saver');
	});
});

describe('GET /consignments/{ref}', () => {
	it('returns seeded consignments', async () => {
		const { status, json } = await call(`/consignments/${REF_A}`);
		expect(status).toBe(200);
		expect(json).toEqual(
			expect.objectContaining({
				Reference: REF_A,
				ConsignmentState: 'Unallocated',
				Allocation: null,
				FailedAllocation: null,
			}),
		);
	});

	it('auto-creates well-formed references, ineligible when the last group starts with F', async () => {
		const good = makeConsignmentReference(7);
		const bad = makeConsignmentReference(7, { ineligible: true });
		expect(good).toMatch(/^EC-\w{3}-\w{3}-[0-9]{3}$/);
		expect(bad).toMatch(/^EC-\w{3}-\w{3}-F\w{2}$/);
		expect(sim.getConsignment(good)).toBeUndefined();

		expect((await call(`/consignments/${good}`)).json.ConsignmentState).toBe('Unallocated');
		const { json } = await allocate([good, bad]);
		expect(json).toHaveLength(1);
		expect(sim.getConsignment(bad)?.FailedAllocation?.Message).toBe(AUTO_INELIGIBLE_REASON);
	});

	it('answers 404 with a PRO error for malformed or lowercase references', async () => {
		for (const ref of ['NOPE', 'ec-000-05a-z6s']) {
			const { status, json } = await call(`/consignments/${ref}`);
			expect(status).toBe(404);
			expectProError(json);
			expect(json.Message).toContain(ref);
		}
	});

	it('URL-decodes the reference', async () => {
		sim.addConsignment({ reference: 'ORDER/42 #1' });
		const { status, json } = await call(`/consignments/${encodeURIComponent('ORDER/42 #1')}`);
		expect(status).toBe(200);
		expect(json.Reference).toBe('ORDER/42 #1');
	});
});

describe('routing', () => {
	it('matches paths case-insensitively and ignores query strings', async () => {
		expect((await call('/CarrierServices?foo=bar')).status).toBe(200);
		expect((await call('/ShippingLocations')).status).toBe(200);
		expect((await call(`/Consignments/${REF_A}`)).status).toBe(200);
		const { status } = await call('/Allocation/AllocateWithCarrierService', {
			method: 'PUT',
			body: { MpdCarrierServiceReference: RM48, ConsignmentReferences: [REF_A] },
		});
		expect(status).toBe(200);
	});

	it('answers 404 with a PRO error for unknown paths and 405 for a wrong method', async () => {
		const unknown = await call('/nothing/here');
		expect(unknown.status).toBe(404);
		expectProError(unknown.json);

		const wrongMethod = await call('/carrierservices', { method: 'POST', body: {} });
		expect(wrongMethod.status).toBe(405);
		expectProError(wrongMethod.json);
	});

	it('gives every error a fresh CorrelationId', async () => {
		const first = await call('/nothing');
		const second = await call('/nothing');
		expect(first.json.CorrelationId).not.toBe(second.json.CorrelationId);
	});
});

describe('faults', () => {
	it('gateway401 answers once, even with a valid key, then normal service resumes', async () => {
		sim.inject(faults.gateway401);
		const first = await call('/shippinglocations');
		expect(first.status).toBe(401);
		expect(first.json).toEqual({
			statusCode: 401,
			message:
				'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
		});
		expect((await call('/shippinglocations')).status).toBe(200);
	});

	it('after lets the first matching requests through', async () => {
		sim.inject({ ...faults.serverError, path: '/shippinglocations', after: 2 });
		expect((await call('/shippinglocations')).status).toBe(200);
		expect((await call('/carrierservices')).status).toBe(200);
		expect((await call('/shippinglocations')).status).toBe(200);
		expect((await call('/shippinglocations')).status).toBe(500);
		expect((await call('/shippinglocations')).status).toBe(200);
		expect(() => sim.inject({ ...faults.serverError, after: -1 })).toThrow(TypeError);
	});

	it('throttled sends 429 with Retry-After', async () => {
		sim.inject(faults.throttled(7));
		const { status, headers, json } = await call('/carrierservices');
		expect(status).toBe(429);
		expect(headers.get('retry-after')).toBe('7');
		expect(json).toEqual({
			statusCode: 429,
			message: 'Rate limit is exceeded. Try again in 7 seconds.',
		});
	});

	it('serverError sends a PRO error body with a CorrelationId', async () => {
		sim.inject(faults.serverError);
		const { status, json } = await call('/carrierservices');
		expect(status).toBe(500);
		expectProError(json);
	});

	it('emptyBody sends nothing, still labelled JSON', async () => {
		sim.inject(faults.emptyBody(503));
		const { status, text, headers } = await call('/carrierservices');
		expect(status).toBe(503);
		expect(text).toBe('');
		expect(headers.get('content-type')).toContain('application/json');
	});

	it('nonJson sends an HTML page', async () => {
		sim.inject(faults.nonJson(502));
		const { status, text, headers } = await call('/carrierservices');
		expect(status).toBe(502);
		expect(headers.get('content-type')).toContain('text/html');
		expect(text).toContain('<html>');
	});

	it('matches on method and case-insensitive path prefix, in the order added', async () => {
		sim.inject({ method: 'PUT', path: '/ALLOCATION', status: 503 });
		sim.inject({ path: '/carrierservices', status: 418, body: { first: true } });
		sim.inject({ path: '/carrierservices', status: 419, body: { second: true } });
		expect((await call('/shippinglocations')).status).toBe(200);
		expect((await call('/carrierservices')).json).toEqual({ first: true });
		expect((await call('/carrierservices')).json).toEqual({ second: true });
		expect((await call('/carrierservices')).status).toBe(200);
		expect((await allocate([REF_A])).status).toBe(503);
		// The faulted request must not have been applied.
		expect(sim.getConsignment(REF_A)?.ConsignmentState).toBe('Unallocated');
	});

	it('honours times, Infinity and clearFaults', async () => {
		sim.inject({ ...faults.serverError, times: 2 });
		expect((await call('/shippinglocations')).status).toBe(500);
		expect((await call('/shippinglocations')).status).toBe(500);
		expect((await call('/shippinglocations')).status).toBe(200);

		sim.inject({ ...faults.throttled(1), times: Infinity });
		for (let i = 0; i < 5; i++) expect((await call('/shippinglocations')).status).toBe(429);
		sim.clearFaults();
		expect((await call('/shippinglocations')).status).toBe(200);
	});

	it('sends custom headers, raw string bodies and content types', async () => {
		sim.inject({
			status: 200,
			body: 'plain words',
			contentType: 'text/plain',
			headers: { 'x-sim': 1 },
		});
		const { status, text, headers } = await call('/carrierservices');
		expect(status).toBe(200);
		expect(text).toBe('plain words');
		expect(headers.get('content-type')).toBe('text/plain');
		expect(headers.get('x-sim')).toBe('1');
	});

	it('validates faults when injected', () => {
		expect(() => sim.inject({ status: 'boom' } as never)).toThrow(/status/);
		expect(() => sim.inject({ status: 500, times: 0 })).toThrow(/times/);
		expect(() => sim.inject({ status: 500, pathh: '/x' } as never)).toThrow(/unknown field/);
	});

	it('delays an answer with a fault delay or the behaviour delay', async () => {
		sim.inject({ ...faults.serverError, delayMs: 150 });
		let started = Date.now();
		expect((await call('/carrierservices')).status).toBe(500);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);

		sim.setBehaviour({ delayMs: 150 });
		started = Date.now();
		expect((await call('/carrierservices')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);

		// Control endpoints are never delayed.
		started = Date.now();
		await control('/health');
		expect(Date.now() - started).toBeLessThan(140);
	});
});

describe('request recording', () => {
	it('records API requests in order, with path as sent, query, lower-cased headers and body', async () => {
		await call('/CarrierServices?page=2&x=y', { headers: { 'Electio-API-Version': '1.1' } });
		await allocate([REF_A]);
		await call('/shippinglocations', { key: 'wrong' });
		await control('/health');

		expect(sim.requests).toHaveLength(3);
		const [get, put, rejected] = sim.requests;
		expect(get).toEqual(
			expect.objectContaining({
				method: 'GET',
				path: '/CarrierServices',
				query: { page: '2', x: 'y' },
				rawBody: '',
			}),
		);
		expect(get.body).toBeUndefined();
		expect(get.headers['electio-api-version']).toBe('1.1');
		expect(typeof get.at).toBe('number');
		expect(put.method).toBe('PUT');
		expect(put.body).toEqual({ MpdCarrierServiceReference: RM48, ConsignmentReferences: [REF_A] });
		expect(JSON.parse(put.rawBody)).toEqual(put.body);
		expect(put.headers['content-type']).toBe('application/json');
		expect(rejected.headers[KEY_HEADER]).toBe('wrong');
		expect(put.at).toBeGreaterThanOrEqual(get.at);
	});

	it('records requests answered by a fault, and clearRequests empties the same array', async () => {
		sim.inject(faults.serverError);
		await call('/carrierservices');
		const requests = sim.requests;
		expect(requests).toHaveLength(1);
		sim.clearRequests();
		expect(requests).toHaveLength(0);
		expect(sim.requests).toBe(requests);
	});

	it('keeps the raw body when it is not JSON', async () => {
		await call(ALLOCATE, { method: 'PUT', rawBody: 'garbage' });
		expect(sim.requests[0].rawBody).toBe('garbage');
		expect(sim.requests[0].body).toBeUndefined();
	});
});

describe('reset', () => {
	it('restores behaviour, clears faults and requests and re-seeds consignments', async () => {
		await allocate([REF_A]);
		sim.setBehaviour({ carrierServices: 'empty', delayMs: 5 });
		sim.inject({ ...faults.serverError, times: Infinity });
		sim.addConsignment({ reference: 'EC-000-EXT-001', state: 'Manifested' });

		sim.reset();
		expect(sim.behaviour).toEqual(DEFAULT_BEHAVIOUR);
		expect(sim.requests).toHaveLength(0);
		expect(sim.getConsignment(REF_A)?.ConsignmentState).toBe('Unallocated');
		expect(sim.getConsignment('EC-000-EXT-001')).toBeUndefined();
		expect((await call('/carrierservices')).json.MpdCarrierServices.length).toBeGreaterThan(0);
	});
});

describe('control endpoints', () => {
	it('reports health with the URL and key', async () => {
		const response = await control('/health');
		expect(response.json).toEqual({ ok: true, url: sim.url, apiKey: sim.apiKey });
	});

	it('reads and clears recorded requests', async () => {
		await call('/shippinglocations');
		const listed = (await control('/requests')).json;
		expect(listed).toHaveLength(1);
		expect(listed[0].path).toBe('/shippinglocations');
		expect((await control('/requests', 'DELETE')).status).toBe(200);
		expect(sim.requests).toHaveLength(0);
	});

	it('changes behaviour and rejects bad values with 400', async () => {
		const updated = await control('/behaviour', 'PUT', { carrierServices: 'bareArray' });
		expect(updated.status).toBe(200);
		expect(updated.json.carrierServices).toBe('bareArray');
		expect(sim.behaviour.carrierServices).toBe('bareArray');
		expect((await control('/Behaviour')).status).toBe(200);

		const bad = await control('/behaviour', 'PUT', { carrierServices: 'xml' });
		expect(bad.status).toBe(400);
		expect(bad.json.error).toMatch(/carrierServices/);
	});

	it('injects faults, including presets and "Infinity"', async () => {
		const created = await control('/inject', 'POST', {
			status: 503,
			path: '/carrierservices',
			times: 'Infinity',
		});
		expect(created.status).toBe(201);
		expect(created.json.remaining).toBe('Infinity');
		expect((await call('/carrierservices')).status).toBe(503);
		expect((await call('/carrierservices')).status).toBe(503);
		await control('/inject', 'DELETE');
		expect((await call('/carrierservices')).status).toBe(200);

		expect((await control('/inject', 'POST', { preset: 'throttled', args: [9] })).status).toBe(201);
		const throttled = await call('/carrierservices');
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('9');

		expect((await control('/inject', 'POST', { preset: 'nope' })).status).toBe(400);
		expect((await control('/inject', 'POST', { status: 'x' })).status).toBe(400);
	});

	it('adds consignments, one or many, and reads them without auto-creating', async () => {
		const one = await control('/consignments', 'POST', {
			reference: 'EC-000-CTL-001',
			state: 'Manifested',
		});
		expect(one.status).toBe(201);
		const many = await control('/consignments', 'POST', [
			{ reference: 'EC-000-CTL-002' },
			{ reference: 'EC-000-CTL-003', ineligibleReason: 'Too heavy' },
		]);
		expect(many.json.map((c: Json) => c.Reference)).toEqual(['EC-000-CTL-002', 'EC-000-CTL-003']);
		expect(sim.getConsignment('EC-000-CTL-001')?.ConsignmentState).toBe('Manifested');

		sim.setBehaviour({ allocationFailure: 'badRequest' });
		const { json } = await allocate(['EC-000-CTL-002', 'EC-000-CTL-003']);
		expect(json.Details).toEqual([
			expect.objectContaining({ Target: 'ConsignmentReferences[1]', Message: 'Too heavy' }),
		]);

		const read = await control('/consignments/EC-000-CTL-002');
		expect(read.json.Reference).toBe('EC-000-CTL-002');
		expect((await control(`/consignments/${makeConsignmentReference(99)}`)).status).toBe(404);
		expect((await control('/consignments', 'POST', { state: 'Unallocated' })).status).toBe(400);
		expect(sim.requests).toHaveLength(1);
	});

	it('resets everything', async () => {
		sim.setBehaviour({ allocationAccepted: true });
		await call('/shippinglocations');
		const response = await control('/reset', 'POST');
		expect(response.status).toBe(200);
		expect(sim.behaviour).toEqual(DEFAULT_BEHAVIOUR);
		expect(sim.requests).toHaveLength(0);
	});

	it('answers 404 for an unknown control endpoint and 400 for a non-JSON body', async () => {
		expect((await control('/nothing')).status).toBe(404);
		const bad = await fetch(`${sim.url}/__sim/behaviour`, { method: 'PUT', body: '{oops' });
		expect(bad.status).toBe(400);
	});
});

describe('addConsignment / getConsignment', () => {
	it('creates consistent objects for the given state and returns copies', () => {
		const added = sim.addConsignment({ reference: 'EC-000-ADD-001', state: 'Allocated' });
		expect(added.Allocation).not.toBeNull();
		const failed = sim.addConsignment({
			reference: 'EC-000-ADD-002',
			state: 'AllocationFailed',
			ineligibleReason: 'No',
		});
		expect(failed.FailedAllocation?.Message).toBe('No');

		const copy = sim.getConsignment('EC-000-ADD-001');
		if (copy) copy.ConsignmentState = 'Changed';
		expect(sim.getConsignment('EC-000-ADD-001')?.ConsignmentState).toBe('Allocated');
		expect(() => sim.addConsignment({ reference: '' })).toThrow();
		expect(() => sim.addConsignment({ reference: 'EC-000-ADD-003', state: 'not a state' })).toThrow(
			/state/,
		);
	});
});
