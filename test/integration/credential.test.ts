import { SortedProApi } from '../../credentials/SortedProApi.credentials';
import {
	PRODUCTION_BASE_URL,
	SANDBOX_BASE_URL,
	baseUrlFor,
} from '../../nodes/SortedPro/helpers/baseUrl';
import { testCredential, type CredentialTestResult } from '../harness/n8n';
import { oneLineProblem } from '../harness/oneLine';
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

	it('says SortedPRO failed, and what to do, when it is down', async () => {
		sim.inject(faults.serverError);
		const result = await testCredential(credentialsFor(sim));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'SortedPRO failed while trying to test the credential (HTTP 500)',
		);
		expect(result.message).toContain('usually temporary');
		expect(oneLineProblem(result.message)).toBeUndefined();
	});
});

describe('credential test: a base URL that does not lead to SortedPRO', () => {
	const expectActionable = (result: CredentialTestResult, ...phrases: string[]) => {
		expect(result.status).toBe('Error');
		for (const phrase of phrases) expect(result.message).toContain(phrase);
		expect(result.message).not.toMatch(/^(ECONNREFUSED|EPROTO|Not Found)$/);
		expect(oneLineProblem(result.message)).toBeUndefined();
		expect(result.message).not.toContain(sim.apiKey);
	};

	it('nothing listening (ECONNREFUSED): says so, with the host and what to check', async () => {
		const port = await closedPort();
		const result = await testCredential(
			credentialsFor(sim, { baseUrl: `http://127.0.0.1:${port}` }),
		);
		expectActionable(
			result,
			`Could not reach SortedPRO to test the credential at 127.0.0.1:${port}`,
			'Nothing is listening at that address',
			'host and port',
		);
	});

	it('a base URL with an extra path (404): names the path and the URL without it', async () => {
		const result = await testCredential(credentialsFor(sim, { baseUrl: `${sim.url}/api/v1.1/` }));
		expectActionable(
			result,
			'has no /shippinglocations (HTTP 404)',
			'It ends in "/api/v1.1"',
			`e.g. ${sim.url}`,
		);
		expect(sim.requests.map((request) => request.path)).toEqual(['/api/v1.1/shippinglocations']);
	});

	it('https to a plain-http server (EPROTO): says the server does not speak https', async () => {
		const result = await testCredential(
			credentialsFor(sim, { baseUrl: sim.url.replace('http://', 'https://') }),
		);
		expectActionable(result, 'does not speak https', 'http:// if it runs on this machine');
	});

	it.each([
		['127.0.0.1:3000', '"127.0.0.1:3000" is not a valid URL: it needs https:// in front'],
		['sortedpro proxy', '"sortedpro proxy" is not a valid URL'],
		['https://user:secret@', '"https://" is not a valid URL'],
	])(
		'an address that is not a URL (%s) is quoted as typed, and nothing is sent',
		async (baseUrl, quoted) => {
			const result = await testCredential(credentialsFor(sim, { baseUrl }));
			expectActionable(result, quoted);
			expect(result.message).not.toContain('/shippinglocations');
			expect(result.message).not.toContain('secret');
			expect(sim.requests).toHaveLength(0);
		},
	);

	it('a web page instead of the API (200, not JSON): does not report success', async () => {
		sim.inject({
			method: 'GET',
			path: '/shippinglocations',
			status: 200,
			body: '<html>Welcome</html>',
			contentType: 'text/html',
		});
		expectActionable(await testCredential(credentialsFor(sim)), 'not as SortedPRO does');
	});

	it('a redirect: not followed, and the key is never sent on', async () => {
		sim.inject({
			method: 'GET',
			path: '/shippinglocations',
			status: 302,
			headers: { location: 'https://elsewhere.example.com/login' },
			body: '',
		});
		expectActionable(
			await testCredential(credentialsFor(sim)),
			'redirect',
			'to elsewhere.example.com',
			'never sent on',
		);
		expect(sim.requests).toHaveLength(1);
	});
});

/** An address on this machine that nothing listens on: a simulator's, once it is closed. */
async function closedPort(): Promise<string> {
	const gone = await startSimulator();
	await gone.close();
	return new URL(gone.url).port;
}

describe('base URL by environment', () => {
	it.each([
		[{ environment: 'production' }, PRODUCTION_BASE_URL],
		[{ environment: 'sandbox' }, SANDBOX_BASE_URL],
		[
			{ environment: 'custom', baseUrl: ' https://proxy.example.com/sortedpro// ' },
			'https://proxy.example.com/sortedpro',
		],
	])(
		'%j resolves to %s for the node, the credential test and the list search alike',
		async (credentials, expected) => {
			const signed = await new SortedProApi().authenticate(
				{ apiKey: 'k', ...credentials },
				{
					url: '/carrierservices',
				},
			);
			expect(signed.baseURL).toBe(expected);
			expect(
				baseUrlFor(credentials.environment, (credentials as { baseUrl?: string }).baseUrl),
			).toBe(expected);
		},
	);
});
