import { runSortedPro, searchCarrierServices } from '../harness/n8n';
import { SEED_CARRIER_SERVICES, faults, startSimulator, type Simulator } from '../simulator';
import { credentialsFor, everythingShown, jsonOf, rejectionOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const list = (parameters: Record<string, unknown> = {}, onError?: 'continueRegularOutput') =>
	runSortedPro(
		{ resource: 'carrierService', operation: 'list', returnAll: true, ...parameters },
		{ credentials: credentialsFor(sim), onError },
	);

describe('List Carrier Services', () => {
	it('outputs one item per carrier service with the API field names, and sends the credential headers', async () => {
		const items = await list();
		expect(jsonOf(items)).toEqual(
			SEED_CARRIER_SERVICES.map((service) => ({
				...service,
				StatusName: expect.any(String),
				IsEnabled: expect.any(Boolean),
			})),
		);
		expect(
			items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 })),
		).toBe(true);
		expect(sim.requests).toHaveLength(1);
		const [request] = sim.requests;
		expect(request).toMatchObject({ method: 'GET', path: '/carrierservices', rawBody: '' });
		expect(request.headers).toMatchObject({
			'ocp-apim-subscription-key': sim.apiKey,
			'electio-api-version': '1.1',
			accept: 'application/json',
		});
	});

	it.each(['bareArray', 'wrapper'] as const)(
		'accepts the %s answer shape',
		async (carrierServices) => {
			sim.setBehaviour({ carrierServices });
			expect(jsonOf(await list()).map((service) => service.Reference)).toEqual(
				SEED_CARRIER_SERVICES.map((service) => service.Reference),
			);
		},
	);

	it.each(['notFound', 'empty'] as const)(
		'outputs zero items when the account has no services (%s)',
		async (carrierServices) => {
			sim.setBehaviour({ carrierServices });
			expect(await list()).toEqual([]);
		},
	);

	it('gives a readable status (StatusName, IsEnabled) right after the numeric Status', async () => {
		sim.inject({
			method: 'GET',
			path: '/carrierservices',
			status: 200,
			body: [
				{ Reference: 'MPD_A', Name: 'A', Status: 3, Type: 'Scheduled' },
				{ Reference: 'MPD_B', Name: 'B', Status: 2 },
				{ Reference: 'MPD_C', Name: 'C', Status: 'Requested' },
				{ Reference: 'MPD_D', Name: 'D' },
			],
		});
		const services = jsonOf(await list());
		expect(services.map((service) => [service.StatusName, service.IsEnabled])).toEqual([
			['Enabled', true],
			['Disabled', false],
			['Requested', false],
			[null, null],
		]);
		expect(Object.keys(services[0])).toEqual([
			'Reference',
			'Name',
			'Status',
			'StatusName',
			'IsEnabled',
			'Type',
		]);
	});

	it('applies Limit when Return All is off', async () => {
		expect(await list({ returnAll: false, limit: 2 })).toHaveLength(2);
		expect(await list({ returnAll: false, limit: 50 })).toHaveLength(SEED_CARRIER_SERVICES.length);
	});

	it('tolerates a trailing slash in a custom base URL', async () => {
		const items = await runSortedPro(
			{ resource: 'carrierService', operation: 'list', returnAll: true },
			{ credentials: credentialsFor(sim, { baseUrl: `${sim.url}//` }) },
		);
		expect(items).toHaveLength(SEED_CARRIER_SERVICES.length);
		expect(sim.requests[0].path).toBe('/carrierservices');
	});
});

describe('errors from SortedPRO', () => {
	it('explains a rejected key (gateway 401) and never shows the key', async () => {
		sim.inject(faults.gateway401);
		const error = await rejectionOf(list());
		expect(error.message).toBe('SortedPRO rejected the API key');
		expect(error.description).toContain('Access denied due to invalid subscription key');
		expect(error.description).toContain('Sandbox and production keys differ');
		expect(error.httpCode).toBe('401');
		expect(everythingShown(error)).not.toContain(sim.apiKey);
	});

	it('explains a wrong key sent to the simulator itself', async () => {
		const error = await rejectionOf(
			runSortedPro(
				{ resource: 'carrierService', operation: 'list', returnAll: true },
				{ credentials: credentialsFor(sim, { apiKey: 'wrong-key-123' }) },
			),
		);
		expect(error.message).toBe('SortedPRO rejected the API key');
		expect(everythingShown(error)).not.toContain('wrong-key-123');
	});

	it('says how long to wait on 429 and points to Retry On Fail', async () => {
		sim.inject(faults.throttled(30));
		const error = await rejectionOf(list());
		expect(error.message).toContain('too many requests');
		expect(error.description).toContain('wait 30 seconds');
		expect(error.description).toContain('Retry On Fail');
	});

	it('asks for a minute when 429 comes without Retry-After', async () => {
		sim.inject({ status: 429, body: { statusCode: 429, message: 'Rate limit is exceeded.' } });
		expect((await rejectionOf(list())).description).toContain('Wait a minute');
	});

	it('reports a 500 as a temporary failure with the correlation ID', async () => {
		sim.inject(faults.serverError);
		const error = await rejectionOf(list());
		expect(error.message).toBe('SortedPRO failed while trying to list carrier services (HTTP 500)');
		expect(error.description).toMatch(/Correlation ID: [0-9a-f-]{36}/);
		expect(error.description).toContain('usually temporary');
	});

	it('survives an empty error body', async () => {
		sim.inject(faults.emptyBody(503));
		const error = await rejectionOf(list());
		expect(error.message).toContain('HTTP 503');
		expect(error.description).toContain('gave no further details');
	});

	it('survives an HTML error page, quoting its text', async () => {
		sim.inject(faults.nonJson(502));
		const error = await rejectionOf(list());
		expect(error.message).toContain('HTTP 502');
		expect(error.description).not.toContain('<');
	});

	it('outputs an error item instead of stopping when On Error is Continue', async () => {
		sim.inject(faults.serverError);
		const items = await list({}, 'continueRegularOutput');
		expect(items).toHaveLength(1);
		expect(items[0].error?.message).toContain('HTTP 500');
	});

	it('reports a slow SortedPRO as not answering in time', async () => {
		sim.setBehaviour({ delayMs: 1500 });
		const error = await rejectionOf(list({ requestOptions: { timeout: 200 } }));
		expect(error.message).toBe(
			'SortedPRO did not answer in time when trying to list carrier services',
		);
		expect(error.description).toContain('Retry On Fail');
	});

	it('reports an unreachable SortedPRO as a failure that may be retried', async () => {
		const down = await startSimulator();
		const url = down.url;
		await down.close();
		const error = await rejectionOf(
			runSortedPro(
				{ resource: 'carrierService', operation: 'list', returnAll: true },
				{ credentials: credentialsFor(sim, { baseUrl: url }) },
			),
		);
		expect(error.message).toBe('Could not reach SortedPRO to list carrier services');
		expect(error.description).toContain('Retry On Fail');
		expect(everythingShown(error)).not.toContain(sim.apiKey);
	});
});

describe('2xx answers without a usable list', () => {
	it("reports the wrapper's own Success: false instead of an empty list", async () => {
		sim.inject({
			path: '/carrierservices',
			status: 200,
			body: { Success: false, ErrorMessage: 'Carrier cache unavailable', MpdCarrierServices: null },
		});
		const error = await rejectionOf(list());
		expect(error.message).toBe(
			'SortedPRO gave an unusable answer when trying to list carrier ' +
				'services: SortedPRO reported a failure: Carrier cache unavailable',
		);
	});

	it('reports an HTML page answered with 200, in the list and in the picker', async () => {
		sim.inject({
			path: '/carrierservices',
			status: 200,
			body: '<html><body>Maintenance</body></html>',
			contentType: 'text/html',
			times: 2,
		});
		expect((await rejectionOf(list())).message).toContain(
			'the answer was not JSON ("Maintenance")',
		);
		expect((await rejectionOf(searchCarrierServices(credentialsFor(sim)))).message).toContain(
			'not JSON',
		);
	});
});

describe('the key never travels in clear text', () => {
	it('does not follow a redirect, so the key never reaches where it points', async () => {
		const elsewhere = await startSimulator({ apiKey: 'another-key' });
		try {
			sim.inject({
				path: '/carrierservices',
				status: 307,
				headers: { Location: `${elsewhere.url}/carrierservices` },
				body: '',
			});
			const error = await rejectionOf(list());
			expect(error.message).toBe(
				'SortedPRO answered with a redirect (HTTP 307) when trying to list carrier services; it was not followed',
			);
			expect(error.description).toContain(`pointed elsewhere to ${new URL(elsewhere.url).host}`);
			expect(elsewhere.requests).toHaveLength(0);
		} finally {
			await elsewhere.close();
		}
	});

	it('redacts the key if an answer echoes it back', async () => {
		sim.inject({
			path: '/carrierservices',
			status: 502,
			body: `<html>Bad gateway for key ${sim.apiKey}</html>`,
			contentType: 'text/html',
		});
		const error = await rejectionOf(list());
		expect(error.description).toContain('Bad gateway for key ***');
		expect(everythingShown(error)).not.toContain(sim.apiKey);
	});

	it.each(['http://sortedpro.example.com', 'ftp://127.0.0.1', 'not a url', ''])(
		'refuses the custom base URL "%s" before sending',
		async (baseUrl) => {
			const error = await rejectionOf(
				runSortedPro(
					{ resource: 'carrierService', operation: 'list', returnAll: true },
					{ credentials: credentialsFor(sim, { baseUrl }) },
				),
			);
			expect(error.message).toMatch(/base URL|clear text/i);
			expect(everythingShown(error)).not.toContain(sim.apiKey);
			expect(sim.requests).toHaveLength(0);
		},
	);

	it('allows plain http to this machine by name', async () => {
		const items = await runSortedPro(
			{ resource: 'carrierService', operation: 'list', returnAll: true },
			{ credentials: credentialsFor(sim, { baseUrl: sim.url.replace('127.0.0.1', 'localhost') }) },
		);
		expect(items.length).toBeGreaterThan(0);
	});
});

describe('carrier service picker (list search)', () => {
	it('lists every service with name, carrier and reference, value being the Reference, enabled ones first', async () => {
		const { results } = await searchCarrierServices(credentialsFor(sim));
		expect(results).toHaveLength(SEED_CARRIER_SERVICES.length);
		expect(results[0]).toEqual({
			name: 'Tracked 48 (Royal Mail) - MPD_RMDTPS48HNAUT',
			value: 'MPD_RMDTPS48HNAUT',
			description: 'Royal Mail Tracked 48',
		});
		expect(results[results.length - 1].name).toMatch(/^\[Disabled\] /);
		expect(sim.requests[0].headers['ocp-apim-subscription-key']).toBe(sim.apiKey);
	});

	it('puts disabled services last, the marker first so a narrow picker cannot cut it off', async () => {
		sim.inject({
			method: 'GET',
			path: '/carrierservices',
			status: 200,
			body: [
				{ Reference: 'MPD_OFF', Name: 'Old Service', CarrierName: 'DPD', Status: 2 },
				{ Reference: 'MPD_ON', Name: 'Next Day', CarrierName: 'DPD', Status: 3 },
			],
		});
		const { results } = await searchCarrierServices(credentialsFor(sim), 'dpd');
		expect(results.map((result) => result.name)).toEqual([
			'Next Day (DPD) - MPD_ON',
			'[Disabled] Old Service (DPD) - MPD_OFF',
		]);
		expect(results[1].description).toContain('Disabled in SortedPRO');
	});

	it('filters on name, carrier or reference, case-insensitively', async () => {
		expect(
			(await searchCarrierServices(credentialsFor(sim), 'royal')).results.map(
				(result) => result.value,
			),
		).toEqual(['MPD_RMDTPS48HNAUT']);
		expect(
			(await searchCarrierServices(credentialsFor(sim), 'edc5_ups')).results.map(
				(result) => result.value,
			),
		).toEqual(['EDC5_UPSHEXDCS']);
		expect((await searchCarrierServices(credentialsFor(sim), 'no such service')).results).toEqual(
			[],
		);
	});

	it('shows an empty list when the account has none, for both 404 and bare arrays', async () => {
		sim.setBehaviour({ carrierServices: 'notFound' });
		expect((await searchCarrierServices(credentialsFor(sim))).results).toEqual([]);
		sim.setBehaviour({ carrierServices: 'bareArray' });
		expect((await searchCarrierServices(credentialsFor(sim))).results).toHaveLength(
			SEED_CARRIER_SERVICES.length,
		);
	});

	it('explains a failure instead of showing an empty list', async () => {
		sim.inject(faults.gateway401);
		const error = await rejectionOf(searchCarrierServices(credentialsFor(sim)));
		expect(error.message).toBe('SortedPRO rejected the API key');
		expect(everythingShown(error)).not.toContain(sim.apiKey);
	});
});
