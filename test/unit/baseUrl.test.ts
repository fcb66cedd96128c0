import {
	PRODUCTION_BASE_URL,
	SANDBOX_BASE_URL,
	baseUrlFor,
	isLoopbackHost,
	normaliseBaseUrl,
	requestTarget,
	unsafeBaseUrlReason,
} from '../../nodes/SortedPro/helpers/baseUrl';

describe('baseUrlFor', () => {
	it('follows the environment, production by default', () => {
		expect(baseUrlFor('production', 'ignored')).toBe(PRODUCTION_BASE_URL);
		expect(baseUrlFor('sandbox', undefined)).toBe(SANDBOX_BASE_URL);
		expect(baseUrlFor(undefined, undefined)).toBe(PRODUCTION_BASE_URL);
		expect(baseUrlFor('custom', ' http://127.0.0.1:8080/// ')).toBe('http://127.0.0.1:8080');
		expect(baseUrlFor('custom', 42)).toBe('');
	});

	it('normalises trailing slashes only', () => {
		expect(normaliseBaseUrl('https://a.example/b/')).toBe('https://a.example/b');
	});
});

describe('unsafeBaseUrlReason', () => {
	it.each([
		'https://api.electioapp.com',
		'https://proxy.example.com:8443/pro',
		'http://localhost:3000',
		'http://127.0.0.1:1',
		'http://127.1.2.3',
		'http://[::1]:80',
	])('allows %s', (url) => expect(unsafeBaseUrlReason(url)).toBeUndefined());

	it.each([
		['http://api.electioapp.com', 'clear text'],
		['http://10.0.0.5', 'clear text'],
		['ftp://127.0.0.1', 'must start with https://'],
		['api.electioapp.com', 'not a valid URL'],
		['   ', 'No base URL is set'],
		['/allocation/allocatewithcarrierservice', 'No base URL is set'],
		['http://sim.localhost', 'clear text'],
		['http://user:secret@api.example.com', 'http://api.example.com uses http'],
	])('refuses %s', (url, reason) => expect(unsafeBaseUrlReason(url)).toContain(reason));

	it('refuses plain http through a proxy even to this machine', () => {
		expect(unsafeBaseUrlReason('http://127.0.0.1:1234', true)).toContain('through a proxy');
		expect(unsafeBaseUrlReason('https://127.0.0.1:1234', true)).toBeUndefined();
	});

	it('never repeats a password from the URL', () => {
		expect(unsafeBaseUrlReason('http://user:secret@api.example.com')).not.toContain('secret');
	});

	it('knows loopback hosts', () => {
		expect(isLoopbackHost('LOCALHOST')).toBe(true);
		expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false);
	});
});

describe('requestTarget', () => {
	it('joins base URL and path, and respects absolute URLs', () => {
		expect(requestTarget('https://a.example', '/x')).toBe('https://a.example/x');
		expect(requestTarget('https://a.example', 'http://b.example/y')).toBe('http://b.example/y');
		expect(requestTarget(undefined, undefined)).toBe('');
		expect(requestTarget(undefined, undefined, 'http://legacy.example/x')).toBe(
			'http://legacy.example/x',
		);
	});
});

describe('what a refused base URL quotes', () => {
	it.each([
		[
			'api.electioapp.com',
			'"api.electioapp.com" is not a valid URL: it needs https:// in front ' +
				'(http:// only for this machine), as in https://api.electioapp.com.',
		],
		['localhost:3000', '"localhost:3000" is not a valid URL: it needs https:// in front'],
		['https://', '"https://" is not a valid URL'],
		['https://user:secret@', '"https://" is not a valid URL'],
	])('%s: only what was typed', (url, quoted) => {
		const reason = unsafeBaseUrlReason(url) ?? '';
		expect(reason).toContain(quoted);
		expect(reason).not.toContain('secret');
	});
});
