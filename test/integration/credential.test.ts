import { BASE_URL_EXPRESSION } from '../../credentials/SortedProApi.credentials';
import {
	PRODUCTION_BASE_URL,
	SANDBOX_BASE_URL,
	baseUrlFor,
} from '../../nodes/SortedPro/helpers/baseUrl';
import { evaluateWithCredentials, testCredential } from '../harness/n8n';
import { faults, startSimulator, type Simulator } from '../simulator';
import { credentialsFor } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

describe('credential test', () => {
	it('passes with a valid key, calling GET /shippinglocations with the credential headers', async () => {
		expect(await testCredential(credentialsFor(sim))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/shippinglocations' });
		expect(sim.requests[0].headers).toMatchObject({
			'ocp-apim-subscription-key': sim.apiKey,
			'electio-api-version': '1.1',
			accept: 'application/json',
		});
	});

	it('says the key was rejected, and that sandbox and production keys differ', async () => {
		const result = await testCredential(credentialsFor(sim, { apiKey: 'not-the-key' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('SortedPRO rejected the API key');
		expect(result.message).toContain('sandbox and production keys differ');
		expect(result.message).not.toContain('not-the-key');
	});

	it('tolerates a key pasted with surrounding spaces or a line break', async () => {
		expect((await testCredential(credentialsFor(sim, { apiKey: ` ${sim.apiKey}\n` }))).status).toBe(
			'OK',
		);
	});

	it('explains a 403 too', async () => {
		sim.inject({ status: 403, body: { Message: 'Forbidden' } });
		expect((await testCredential(credentialsFor(sim))).message).toContain('refused access');
	});

	it('works with a trailing slash in the custom base URL', async () => {
		expect((await testCredential(credentialsFor(sim, { baseUrl: `${sim.url}/` }))).status).toBe(
			'OK',
		);
		expect(sim.requests[0].path).toBe('/shippinglocations');
	});

	it('refuses to send the key over plain http to a remote host', async () => {
		const result = await testCredential(
			credentialsFor(sim, { baseUrl: 'http://sortedpro.example.com' }),
		);
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('clear text') });
		expect(result.message).not.toContain(sim.apiKey);
	});

	it('fails plainly when SortedPRO is down', async () => {
		sim.inject(faults.serverError);
		expect(await testCredential(credentialsFor(sim))).toEqual({
			status: 'Error',
			message: 'Received HTTP status code: 500',
		});
	});
});

describe('base URL by environment', () => {
	it.each([
		[{ environment: 'production' }, PRODUCTION_BASE_URL],
		[{ environment: 'sandbox' }, SANDBOX_BASE_URL],
		[
			{ environment: 'custom', baseUrl: ' https://proxy.example.com/sortedpro// ' },
			'https://proxy.example.com/sortedpro',
		],
		[{ environment: 'custom', baseUrl: '' }, ''],
	])(
		'%j resolves to %s in n8n expressions and in the list search alike',
		async (credentials, expected) => {
			expect(
				await evaluateWithCredentials(BASE_URL_EXPRESSION, {
					apiKey: 'k',
					...credentials,
				} as never),
			).toBe(expected);
			expect(
				baseUrlFor(credentials.environment, (credentials as { baseUrl?: string }).baseUrl),
			).toBe(expected);
		},
	);
});
