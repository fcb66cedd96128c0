/** Pure-helper checks behind the bad-input table (test/integration/badInputs.ts). */
import { baseUrlShapeReason, unsafeBaseUrlReason } from '../../nodes/SortedPro/helpers/baseUrl';
import {
	parseConsignmentReferences,
	visible,
} from '../../nodes/SortedPro/helpers/consignmentReferences';

describe('unsafeBaseUrlReason', () => {
	it('refuses a user name or password without echoing them', () => {
		const reason = unsafeBaseUrlReason('https://admin:hunter2@proxy.example/x');
		expect(reason).toContain('user name or password');
		expect(reason).not.toContain('hunter2');
		expect(reason).not.toContain('admin');
		expect(unsafeBaseUrlReason('http://admin@127.0.0.1:5678')).toContain('user name or password');
	});

	it('refuses a URL too long to be an address, without quoting it', () => {
		const reason = unsafeBaseUrlReason(`https://${'a'.repeat(5000)}`);
		expect(reason).toContain('5008 characters');
		expect(reason?.length).toBeLessThan(200);
	});

	it.each([
		['http://2130706433:5678', undefined],
		['http://0x7f000001:5678', undefined],
		['http://127.1:5678', undefined],
		['http://[::1]:5678', undefined],
	])('treats %s as this machine (the URL parser makes it 127.0.0.1 or ::1)', (url, reason) => {
		expect(unsafeBaseUrlReason(url)).toBe(reason);
	});

	it.each([
		'http://[::ffff:7f00:1]:5678',
		'http://0.0.0.0:5678',
		'http://localhost.evil.example',
		'http://127.0.0.1.nip.io',
		'http://127.0.0.1:5678@evil.example',
	])('refuses plain http to %s', (url) => {
		expect(unsafeBaseUrlReason(url)).toMatch(/http/);
	});
});

describe('baseUrlShapeReason', () => {
	it.each([
		'https://proxy.example?tenant=1',
		'https://proxy.example#top',
		'https://proxy.example/?',
	])('refuses %s, which would swallow the request path', (url) => {
		expect(baseUrlShapeReason(url)).toContain('query (?) or fragment (#)');
	});

	it('accepts a path', () => {
		expect(baseUrlShapeReason('https://proxy.example/sortedpro')).toBeUndefined();
	});
});

describe('references with invisible or look-alike characters', () => {
	it.each([
		['\u0415C-000-05A-Z6S', 'Е (U+0415)'],
		['EC-000-05A\u200B-Z6S', 'U+200B'],
		['EC-000-05A-Z6S\u0000', 'U+0000'],
		['\u202EEC-000-05A-Z6S', 'U+202E'],
	])('names the character of %j by code point', (input, shown) => {
		const { rejected } = parseConsignmentReferences(input);
		expect(rejected).toHaveLength(1);
		expect(rejected[0].reason).toContain(shown);
		expect(visible(rejected[0].value)).toBe(rejected[0].value);
		expect(rejected[0].value).not.toMatch(/\p{Cc}|[\u200b\u202e]/u);
	});

	it('shows control characters in a value as [U+XXXX]', () => {
		expect(visible('A\u0007B\u200BC')).toBe('A[U+0007]B[U+200B]C');
	});
});
