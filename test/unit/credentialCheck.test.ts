import {
	checkNetworkFailure,
	checkTestResponse,
} from '../../nodes/SortedPro/helpers/credentialCheck';
import { oneLineProblem } from '../harness/oneLine';

const BASE = 'https://proxy.example.com';

describe('checkTestResponse', () => {
	it('passes a JSON answer, and only a JSON answer', () => {
		expect(checkTestResponse(BASE, { statusCode: 200, body: { ShippingLocations: [] } })).toEqual({
			ok: true,
			message: 'Connection successful!',
		});
		expect(checkTestResponse(BASE, { statusCode: 200, body: '[]' }).ok).toBe(true);
		expect(checkTestResponse(BASE, { statusCode: 200, body: '<html></html>' }).message).toContain(
			'proxy.example.com answered, but not as SortedPRO does',
		);
	});

	it.each([
		[401, undefined, 'sandbox and production keys differ'],
		[403, undefined, "check the user's permissions"],
		[404, `${BASE}/sortedpro`, 'It ends in "/sortedpro"'],
		[405, BASE, 'Check that it is the address of the SortedPRO API'],
		[429, BASE, 'too many requests'],
		[502, BASE, 'usually temporary'],
	])('HTTP %i is one actionable line', (statusCode, baseUrl, phrase) => {
		const check = checkTestResponse(baseUrl ?? BASE, { statusCode, body: '' });
		expect(check.ok).toBe(false);
		expect(check.message).toContain(phrase);
		expect(check.message).not.toContain('\n');
		expect(oneLineProblem(check.message)).toBeUndefined();
	});
});

describe('checkNetworkFailure', () => {
	it.each([
		['ECONNREFUSED', 'Nothing is listening at that address'],
		['EPROTO', 'does not speak https'],
		['ERR_SSL_WRONG_VERSION_NUMBER', 'does not speak https'],
		['ENOTFOUND', 'host name could not be resolved'],
		['ECONNABORTED', 'did not answer in time'],
		[undefined, 'usually temporary'],
	])('%s', (code, phrase) => {
		const check = checkNetworkFailure(BASE, code);
		expect(check).toEqual({ ok: false, message: expect.stringContaining(phrase) });
		expect(check.message).toContain('proxy.example.com');
		expect(check.message).not.toContain('Retry On Fail');
		expect(check.message).not.toContain("node's request options");
		expect(oneLineProblem(check.message)).toBeUndefined();
	});
});
