import {
	describeErrorResponse,
	describeNetworkFailure,
	parseBody,
	readApiError,
	retryAfterSeconds,
} from '../../nodes/SortedPro/helpers/apiError';
import { oneLineProblem } from '../harness/oneLine';

const proError = {
	Code: 'InvalidCarrierService',
	Message: 'Carrier service MPD_NOPE not found',
	CorrelationId: 'f94c7dbc-c542-40b9-b6da-bd98aa110939',
	Details: [
		{ Code: 'NotFound', Target: 'MpdCarrierServiceReference', Message: 'MPD_NOPE is unknown' },
		{ Message: 'second' },
		'junk',
	],
};

describe('parseBody', () => {
	it('parses JSON text and buffers, keeps other text, and maps blanks to undefined', () => {
		expect(parseBody('{"a":1}')).toEqual({ a: 1 });
		expect(parseBody(Buffer.from('[1]'))).toEqual([1]);
		expect(parseBody('<html>oops</html>')).toBe('<html>oops</html>');
		expect(parseBody('  ')).toBeUndefined();
		expect(parseBody(null)).toBeUndefined();
		expect(parseBody({ a: 1 })).toEqual({ a: 1 });
	});
});

describe('readApiError', () => {
	it('reads PRO error bodies', () => {
		expect(readApiError(proError)).toEqual({
			message: 'Carrier service MPD_NOPE not found',
			code: 'InvalidCarrierService',
			correlationId: 'f94c7dbc-c542-40b9-b6da-bd98aa110939',
			details: ['MpdCarrierServiceReference: MPD_NOPE is unknown', 'second'],
		});
	});

	it('reads gateway bodies and other casings', () => {
		expect(readApiError({ statusCode: 401, message: 'Access denied' }).message).toBe(
			'Access denied',
		);
		expect(readApiError('{"ErrorMessage":"bad"}').message).toBe('bad');
	});

	it('turns an HTML page into a short plain excerpt', () => {
		const fields = readApiError(
			`<html><style>p{}</style><body><h1>502 Bad Gateway</h1>${'x'.repeat(400)}</body></html>`,
		);
		expect(fields.text?.startsWith('502 Bad Gateway')).toBe(true);
		expect(fields.text?.length).toBeLessThanOrEqual(200);
		expect(readApiError('<p></p>').text).toBeUndefined();
	});

	it('tolerates anything else', () => {
		expect(readApiError(undefined)).toEqual({ details: [] });
		expect(readApiError([1, 2])).toEqual({ details: [] });
	});
});

describe('retryAfterSeconds', () => {
	it('reads seconds or an HTTP date, case-insensitively', () => {
		expect(retryAfterSeconds({ 'Retry-After': '30' })).toBe(30);
		expect(retryAfterSeconds({ 'retry-after': ['7'] })).toBe(7);
		const now = Date.parse('2026-11-26T12:00:00Z');
		expect(retryAfterSeconds({ 'retry-after': 'Thu, 26 Nov 2026 12:00:45 GMT' }, now)).toBe(45);
		expect(retryAfterSeconds({ 'retry-after': 'soon' })).toBeUndefined();
		expect(retryAfterSeconds(undefined)).toBeUndefined();
	});
});

describe('describeErrorResponse', () => {
	it('words a 400 with the API message, details, code and correlation ID', () => {
		const described = describeErrorResponse(
			{ statusCode: 400, body: proError },
			'allocate consignments',
		);
		expect(described.message).toBe(
			'SortedPRO rejected the request to allocate consignments: Carrier service MPD_NOPE not found',
		);
		expect(described.description).toContain(
			'Details (2): MpdCarrierServiceReference: MPD_NOPE is unknown; second.',
		);
		expect(described.description).toContain('Error code: InvalidCarrierService.');
		expect(described.description).toContain(
			'Correlation ID: f94c7dbc-c542-40b9-b6da-bd98aa110939 (quote it when contacting Sorted support)',
		);
		expect(described.correlationId).toBe(proError.CorrelationId);
	});

	it.each([
		[401, 'SortedPRO rejected the API key', 'Sandbox and production keys differ'],
		[403, 'SortedPRO refused access when trying to do it', 'permission'],
		[404, 'SortedPRO could not find what was asked for when trying to do it', 'Check the node'],
		[409, 'SortedPRO could not do it', 'Check the values sent'],
		[429, 'too many requests', 'Wait a minute'],
		[500, 'SortedPRO failed while trying to do it (HTTP 500)', 'usually temporary'],
		[418, 'SortedPRO answered HTTP 418 when trying to do it', 'Check the node'],
	])('words HTTP %i', (statusCode, message, hint) => {
		const described = describeErrorResponse({ statusCode, body: '' }, 'do it');
		expect(described.message).toContain(message);
		expect(described.description).toContain(hint);
		expect(described.description).toContain(`gave no further details (HTTP ${statusCode})`);
	});

	it('quotes what the gateway said for a 401 and how long to wait for a 429', () => {
		expect(
			describeErrorResponse(
				{ statusCode: 401, body: { statusCode: 401, message: 'Access denied' } },
				'x',
			).description,
		).toContain('SortedPRO said: Access denied');
		expect(
			describeErrorResponse({ statusCode: 429, headers: { 'retry-after': '1' } }, 'x').description,
		).toContain('wait 1 second before');
	});
});

describe('every description reads as one line once n8n drops its line breaks', () => {
	const bodies: Array<[string, unknown]> = [
		['PRO error', proError],
		[
			'PRO error without full stops',
			{ Message: 'not found', Code: 'X', Details: [{ Message: 'a' }] },
		],
		['gateway', { statusCode: 429, message: 'Rate limit is exceeded' }],
		['HTML page', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
		['empty', ''],
	];
	const statuses = [301, 400, 401, 403, 404, 409, 418, 422, 429, 500, 502, 503];
	it.each(bodies)('%s', (_name, body) => {
		for (const statusCode of statuses) {
			const described = describeErrorResponse(
				{ statusCode, body, headers: { location: 'https://elsewhere.example/x' } },
				'do it',
			);
			expect([statusCode, oneLineProblem(described.description)]).toEqual([statusCode, undefined]);
			expect(described.message).not.toContain('\n');
		}
	});

	it.each(['ETIMEDOUT', 'ENOTFOUND', 'ECONNREFUSED', 'EPROTO', undefined])('network %s', (code) => {
		expect(oneLineProblem(describeNetworkFailure(code, 'list').description)).toBeUndefined();
	});
});

describe('describeNetworkFailure', () => {
	it('distinguishes time-outs, unknown hosts and refused connections, always suggesting a retry', () => {
		expect(describeNetworkFailure('ETIMEDOUT', 'list').message).toBe(
			'SortedPRO did not answer in time when trying to list',
		);
		expect(describeNetworkFailure('ENOTFOUND', 'list').description).toContain(
			'host name could not be resolved',
		);
		const refused = describeNetworkFailure('ECONNREFUSED', 'list');
		expect(refused.message).toBe('Could not reach SortedPRO to list');
		expect(refused.description).toContain('Retry On Fail');
		expect(refused.description).toContain('econnrefused');
		expect(describeNetworkFailure(undefined, 'list').description).not.toContain('code');
	});
});
