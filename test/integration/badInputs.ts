/**
 * The bad-input table: hostile or mistaken values for every kind of field, each run through
 * every operation it applies to by badInput.test.ts. Expected outcomes:
 *
 * - `refused`: a clear error before any request (the simulator receives nothing);
 * - `ok`: a correct result (the check says what correct is);
 * - `sortedProRefuses`: sent, and SortedPRO's refusal reaches the user clearly, naming the value;
 * - `unreachable`: sent nowhere the simulator listens (a loopback address it does not serve),
 *   and the network error is clear;
 * - `sent`: legitimate but answered by whatever listens there (a base URL path): the requests go
 *   where asked, and the outcome, an error or an output, is clear.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	CARRIER_SERVICE_REFS,
	SEEDED_REFS,
	SERVICE_GROUP_REFS,
	makeConsignmentReference,
} from '../simulator';

export type Expectation = 'refused' | 'ok' | 'sortedProRefuses' | 'unreachable' | 'sent';

/** What a value is for; an operation takes the kinds it has a field for. */
export type FieldKind =
	| 'references'
	| 'carrierService'
	| 'baseUrl'
	| 'labelFormat'
	| 'limit'
	| 'jsonBody'
	| 'serviceGroup'
	| 'quoteReference';

export type OperationKind = 'bulk' | 'single' | 'none';

export interface BadInput {
	name: string;
	kind: FieldKind;
	/** The parameter value (an expression starts with "="), or for baseUrl a function of the simulator's URL. */
	value: string | number | ((simulatorUrl: string) => string);
	/** The input item's JSON, for expressions. */
	json?: IDataObject;
	/** By kind of operation: one taking a list of references, one taking one, or none. */
	expect: Expectation | Partial<Record<OperationKind, Expectation>>;
	/** Text the error must contain (the offending value, shown visibly). */
	mentions?: string;
	/** Text that must appear nowhere (a password, say). */
	secret?: string;
	/** For `ok` on a reference input: the references the output must have, in order. */
	outputReferences?: string[];
	/** Requests that must have reached the simulator, as a path prefix (a base URL path). */
	pathPrefix?: string;
}

const [OK_1, OK_2] = SEEDED_REFS.allocatable;
const TEN_MB = 10 * 1024 * 1024;
const SERVICE = CARRIER_SERVICE_REFS.royalMailTracked48;
const GROUP = SERVICE_GROUP_REFS.valuableGoods;

/** 10 000 references nobody has seen, so auto-created Unallocated. */
export const TEN_THOUSAND = Array.from({ length: 10_000 }, (_, n) =>
	makeConsignmentReference(200_000 + n),
);

const refused = 'refused' as const;
const oneOrRefused = { bulk: 'ok', single: 'refused' } as const;

export const BAD_INPUTS: BadInput[] = [
	// Consignment references: blanks.
	{ name: 'empty', kind: 'references', value: '', expect: refused },
	{ name: 'whitespace only', kind: 'references', value: '  \t  ', expect: refused },
	{ name: 'new lines only', kind: 'references', value: '\n\r\n\n', expect: refused },
	{ name: 'separators only', kind: 'references', value: ' , ; ,\n', expect: refused },
	{ name: 'an empty list', kind: 'references', value: '={{ [] }}', expect: refused },
	{ name: 'null from an expression', kind: 'references', value: '={{ null }}', expect: refused },
	{
		name: 'a missing field from an expression',
		kind: 'references',
		value: '={{ $json.missing }}',
		expect: refused,
	},
	// Look-alikes and invisible characters.
	{
		name: 'Cyrillic Е in ЕC-',
		kind: 'references',
		value: `\u0415C-000-05A-Z6S`,
		expect: refused,
		mentions: 'U+0415',
	},
	{
		name: 'Cyrillic С in EС-',
		kind: 'references',
		value: `E\u0421-000-05A-Z6S`,
		expect: refused,
		mentions: 'U+0421',
	},
	{
		name: 'Greek Ε in ΕC-',
		kind: 'references',
		value: `\u0395C-000-05A-Z6S`,
		expect: refused,
		mentions: 'U+0395',
	},
	{
		name: 'fullwidth letters',
		kind: 'references',
		value: '\uFF25\uFF23-000-05A-Z6S',
		expect: refused,
		mentions: 'U+FF25',
	},
	{
		name: 'a zero-width space inside',
		kind: 'references',
		value: 'EC-000-05A\u200B-Z6S',
		expect: refused,
		mentions: 'U+200B',
	},
	{
		name: 'a soft hyphen inside',
		kind: 'references',
		value: 'EC-000\u00AD-05A-Z6S',
		expect: refused,
		mentions: 'U+00AD',
	},
	{
		name: 'a right-to-left override',
		kind: 'references',
		value: '\u202EEC-000-05A-Z6S',
		expect: refused,
		mentions: 'U+202E',
	},
	{
		name: 'a NUL character',
		kind: 'references',
		value: 'EC-000-05A-Z6S\u0000',
		expect: refused,
		mentions: 'U+0000',
	},
	{
		name: 'terminal escape codes',
		kind: 'references',
		value: '\u001b[31mEC-000-05A-Z6S',
		expect: refused,
		mentions: 'U+001B',
	},
	{
		name: 'a backspace character',
		kind: 'references',
		value: 'EC-000-05A-Z6S\u0008',
		expect: refused,
		mentions: 'U+0008',
	},
	{
		name: 'a no-break space between two references',
		kind: 'references',
		value: `${OK_1}\u00A0${OK_2}`,
		expect: oneOrRefused,
		outputReferences: [OK_1, OK_2],
	},
	// Path and URL characters: a reference goes into paths (Get, Get Label).
	{ name: 'a leading ../', kind: 'references', value: `../${OK_1}`, expect: refused },
	{ name: 'a path with ..', kind: 'references', value: `${OK_1}/../../labels`, expect: refused },
	{ name: 'a slash', kind: 'references', value: 'EC-000/05A-Z6S', expect: refused },
	{ name: 'an encoded slash %2F', kind: 'references', value: `..%2F${OK_1}`, expect: refused },
	{ name: 'a query ?', kind: 'references', value: `${OK_1}?format=PDF`, expect: refused },
	{ name: 'a fragment #', kind: 'references', value: `${OK_1}#top`, expect: refused },
	{ name: 'a backslash', kind: 'references', value: 'EC-000\\05A-Z6S', expect: refused },
	{ name: 'a double quote', kind: 'references', value: `${OK_1}"`, expect: refused },
	{ name: 'HTML', kind: 'references', value: '<script>alert(1)</script>', expect: refused },
	// Sizes.
	{
		name: 'a 51-character reference',
		kind: 'references',
		value: `EC-${'A'.repeat(48)}`,
		expect: refused,
	},
	{ name: 'a 10 MB string', kind: 'references', value: 'E'.repeat(TEN_MB), expect: refused },
	{ name: '10 MB of spaces', kind: 'references', value: ' '.repeat(TEN_MB), expect: refused },
	{
		name: '10 000 references',
		kind: 'references',
		value: TEN_THOUSAND.join('\n'),
		expect: oneOrRefused,
		outputReferences: TEN_THOUSAND,
	},
	// Types from expressions.
	{
		name: 'a number',
		kind: 'references',
		value: '={{ 12345 }}',
		expect: 'sortedProRefuses',
		mentions: '12345',
	},
	{ name: 'NaN', kind: 'references', value: '={{ NaN }}', expect: refused },
	{ name: 'Infinity', kind: 'references', value: '={{ Infinity }}', expect: refused },
	{ name: 'a boolean', kind: 'references', value: '={{ true }}', expect: refused },
	{
		name: 'a whole item',
		kind: 'references',
		value: '={{ $json }}',
		json: { order: 'A-1', total: 5 },
		expect: refused,
		mentions: 'order',
	},
	{
		name: 'an object holding the reference',
		kind: 'references',
		value: '={{ $json.consignment }}',
		json: { consignment: { Reference: OK_1 } },
		expect: refused,
	},
	{
		name: 'nested arrays',
		kind: 'references',
		value: '={{ $json.refs }}',
		json: { refs: [[OK_1, [OK_2]], []] },
		expect: oneOrRefused,
		outputReferences: [OK_1, OK_2],
	},
	{
		name: 'one reference deep in arrays',
		kind: 'references',
		value: '={{ $json.refs }}',
		json: { refs: [[[OK_1]]] },
		expect: 'ok',
		outputReferences: [OK_1],
	},
	{
		name: 'nulls in a list',
		kind: 'references',
		value: '={{ $json.refs }}',
		json: { refs: [null, OK_1, null] },
		expect: 'ok',
		outputReferences: [OK_1],
	},
	{
		name: 'an object in a list of good references',
		kind: 'references',
		value: '={{ $json.refs }}',
		json: { refs: [OK_1, { Reference: OK_2 }] },
		expect: refused,
	},
	{
		name: 'the same reference in two cases',
		kind: 'references',
		value: `${OK_1}, ${OK_1.toLowerCase()}`,
		expect: 'ok',
		outputReferences: [OK_1],
	},

	// Carrier service references (Allocate With Carrier Service).
	{ name: 'empty', kind: 'carrierService', value: '', expect: refused },
	{ name: 'whitespace only', kind: 'carrierService', value: '   ', expect: refused },
	{ name: 'spaces around', kind: 'carrierService', value: `  ${SERVICE}  `, expect: 'ok' },
	{ name: 'a new line after', kind: 'carrierService', value: `${SERVICE}\n`, expect: 'ok' },
	{
		name: 'a space inside',
		kind: 'carrierService',
		value: 'MPD RMDTPS48HNAUT',
		expect: 'sortedProRefuses',
		mentions: 'MPD RMDTPS48HNAUT',
	},
	{ name: 'a path', kind: 'carrierService', value: `${SERVICE}/../x`, expect: refused },
	{
		name: 'a Cyrillic М',
		kind: 'carrierService',
		value: '\u041CPD_RMDTPS48HNAUT',
		expect: refused,
		mentions: 'PD_RMDTPS48HNAUT',
	},
	{ name: 'a NUL character', kind: 'carrierService', value: `${SERVICE}\u0000`, expect: refused },
	{ name: 'two references', kind: 'carrierService', value: `${SERVICE},MPD_X`, expect: refused },
	{ name: 'a 10 MB string', kind: 'carrierService', value: 'M'.repeat(TEN_MB), expect: refused },
	{
		name: 'a number',
		kind: 'carrierService',
		value: '={{ 42 }}',
		expect: 'sortedProRefuses',
		mentions: '42',
	},
	{
		name: 'an object',
		kind: 'carrierService',
		value: '={{ $json }}',
		json: { a: 1 },
		expect: refused,
	},
	{ name: 'null', kind: 'carrierService', value: '={{ null }}', expect: refused },

	// Carrier service groups (Allocate With Service Group).
	{ name: 'empty', kind: 'serviceGroup', value: '', expect: refused },
	{ name: 'whitespace only', kind: 'serviceGroup', value: '  \t ', expect: refused },
	{ name: 'spaces around', kind: 'serviceGroup', value: `  ${GROUP}  `, expect: 'ok' },
	{
		name: 'a space inside',
		kind: 'serviceGroup',
		value: 'valuable Goods',
		// A code is typed by whoever set the group up: only SortedPRO knows whether it has spaces.
		expect: 'sortedProRefuses',
		mentions: 'valuable Goods',
	},
	{ name: 'a path', kind: 'serviceGroup', value: `${GROUP}/../x`, expect: refused },
	{ name: 'a query', kind: 'serviceGroup', value: `${GROUP}?x=1`, expect: refused },
	{ name: 'a NUL character', kind: 'serviceGroup', value: `${GROUP}\u0000`, expect: refused },
	{ name: 'a 10 MB string', kind: 'serviceGroup', value: 'G'.repeat(TEN_MB), expect: refused },
	{
		name: 'an unknown group',
		kind: 'serviceGroup',
		value: 'NO-SUCH-GROUP',
		expect: 'sortedProRefuses',
		mentions: 'NO-SUCH-GROUP',
	},
	{
		name: 'an object',
		kind: 'serviceGroup',
		value: '={{ $json }}',
		json: { a: 1 },
		expect: refused,
	},
	{ name: 'null', kind: 'serviceGroup', value: '={{ null }}', expect: refused },

	// Quote references (Allocate With Quote). A value of "quote" stands for a quote just given.
	{ name: 'empty', kind: 'quoteReference', value: '', expect: refused },
	{ name: 'whitespace only', kind: 'quoteReference', value: ' \n ', expect: refused },
	{ name: 'spaces around', kind: 'quoteReference', value: ' quote ', expect: 'ok' },
	{ name: 'in braces', kind: 'quoteReference', value: '{quote}', expect: 'ok' },
	{
		name: 'not a GUID',
		kind: 'quoteReference',
		value: 'cheapest',
		expect: refused,
		mentions: 'cheapest',
	},
	{
		name: 'a GUID with a path',
		kind: 'quoteReference',
		value: 'quote/../../consignments',
		expect: refused,
	},
	{ name: 'two GUIDs', kind: 'quoteReference', value: 'quote,quote', expect: refused },
	{
		name: 'a GUID nobody issued',
		kind: 'quoteReference',
		value: '3f2b8c1e-5d4a-4f7b-9e21-6c0d8a9b1e2f',
		expect: 'sortedProRefuses',
	},
	{ name: 'a number', kind: 'quoteReference', value: '={{ 42 }}', expect: refused },
	{
		name: 'an object',
		kind: 'quoteReference',
		value: '={{ $json }}',
		json: { a: 1 },
		expect: refused,
	},
	{ name: 'null', kind: 'quoteReference', value: '={{ null }}', expect: refused },
	{ name: 'a 10 MB string', kind: 'quoteReference', value: 'q'.repeat(TEN_MB), expect: refused },

	// The credential's base URL (every operation).
	{
		name: 'a user name and password',
		kind: 'baseUrl',
		value: (url) => url.replace('http://', 'http://admin:hunter2secret@'),
		expect: refused,
		secret: 'hunter2secret',
	},
	{
		name: 'a user name',
		kind: 'baseUrl',
		value: (url) => url.replace('http://', 'http://admin@'),
		expect: refused,
	},
	{
		name: 'a path',
		kind: 'baseUrl',
		value: (url) => `${url}/sortedpro`,
		expect: 'sent',
		pathPrefix: '/sortedpro/',
	},
	{ name: 'a trailing slash', kind: 'baseUrl', value: (url) => `${url}/`, expect: 'ok' },
	{ name: 'upper case', kind: 'baseUrl', value: (url) => url.toUpperCase(), expect: 'ok' },
	{ name: 'a query', kind: 'baseUrl', value: (url) => `${url}?tenant=1`, expect: refused },
	{ name: 'a fragment', kind: 'baseUrl', value: (url) => `${url}#section`, expect: refused },
	{
		name: 'plain http to a remote host',
		kind: 'baseUrl',
		value: 'http://api.electioapp.com',
		expect: refused,
	},
	{
		name: 'plain http to a private address',
		kind: 'baseUrl',
		value: 'http://10.0.0.1',
		expect: refused,
	},
	{ name: 'ftp', kind: 'baseUrl', value: 'ftp://127.0.0.1', expect: refused },
	{ name: 'javascript:', kind: 'baseUrl', value: 'javascript:alert(1)', expect: refused },
	{ name: 'empty', kind: 'baseUrl', value: '', expect: refused },
	{ name: 'whitespace only', kind: 'baseUrl', value: '   ', expect: refused },
	{ name: 'https:// alone', kind: 'baseUrl', value: 'https://', expect: refused },
	{
		name: 'a space in the host',
		kind: 'baseUrl',
		value: 'http://127.0.0.1 .example',
		expect: refused,
	},
	{
		name: 'a 10 MB string',
		kind: 'baseUrl',
		value: `https://${'a'.repeat(TEN_MB)}`,
		expect: refused,
	},
	{
		name: 'decimal loopback http://2130706433',
		kind: 'baseUrl',
		value: (url) => url.replace('127.0.0.1', '2130706433'),
		expect: 'ok',
	},
	{
		name: 'hex loopback http://0x7f000001',
		kind: 'baseUrl',
		value: (url) => url.replace('127.0.0.1', '0x7f000001'),
		expect: 'ok',
	},
	{
		name: 'short loopback http://127.1',
		kind: 'baseUrl',
		value: (url) => url.replace('127.0.0.1', '127.1'),
		expect: 'ok',
	},
	{
		name: 'IPv6 loopback http://[::1]',
		kind: 'baseUrl',
		value: (url) => url.replace('127.0.0.1', '[::1]'),
		expect: 'unreachable',
	},
	{
		name: 'IPv4-mapped IPv6 http://[::ffff:7f00:1]',
		kind: 'baseUrl',
		value: (url) => url.replace('127.0.0.1', '[::ffff:7f00:1]'),
		expect: refused,
	},
	{
		name: 'IPv4-mapped IPv6 dotted http://[::ffff:127.0.0.1]',
		kind: 'baseUrl',
		value: (url) => url.replace('127.0.0.1', '[::ffff:127.0.0.1]'),
		expect: refused,
	},
	{
		name: 'a look-alike host localhost.evil.example',
		kind: 'baseUrl',
		value: (url) => url.replace('127.0.0.1', 'localhost.evil.example'),
		expect: refused,
	},
	{
		name: 'a loopback-looking host 127.0.0.1.nip.io',
		kind: 'baseUrl',
		value: (url) => url.replace('127.0.0.1', '127.0.0.1.nip.io'),
		expect: refused,
	},
	{
		name: 'a remote host behind @',
		kind: 'baseUrl',
		value: (url) => `${url}@evil.example`,
		expect: refused,
	},
	{
		name: 'the unspecified address http://0.0.0.0',
		kind: 'baseUrl',
		value: (url) => url.replace('127.0.0.1', '0.0.0.0'),
		expect: refused,
	},

	// Label format (Get Label).
	{
		name: 'an unknown format',
		kind: 'labelFormat',
		value: 'GIF',
		expect: refused,
		mentions: 'GIF',
	},
	{ name: 'lower case', kind: 'labelFormat', value: 'png', expect: 'ok' },
	{ name: 'spaces around', kind: 'labelFormat', value: ' PDF ', expect: 'ok' },
	{
		name: 'an object',
		kind: 'labelFormat',
		value: '={{ $json }}',
		json: { a: 1 },
		expect: refused,
	},
	{ name: 'a path', kind: 'labelFormat', value: '../PDF', expect: refused },

	// Limit (Carrier Service > List).
	{ name: 'zero', kind: 'limit', value: 0, expect: refused },
	{ name: 'negative', kind: 'limit', value: -3, expect: refused },
	{ name: 'text', kind: 'limit', value: '={{ "many" }}', expect: refused },
	{ name: 'a huge number', kind: 'limit', value: 1e12, expect: 'ok' },

	// Create's JSON body (the rows apply when the node has a Create operation with a jsonBody field).
	{ name: 'an array', kind: 'jsonBody', value: '[{"Packages": []}]', expect: refused },
	{ name: 'empty', kind: 'jsonBody', value: '', expect: refused },
	{ name: 'not JSON', kind: 'jsonBody', value: '{"Packages": [', expect: refused },
	{ name: 'null', kind: 'jsonBody', value: 'null', expect: refused },
	{ name: 'a number', kind: 'jsonBody', value: '42', expect: refused },
	{ name: 'an empty object', kind: 'jsonBody', value: '{}', expect: refused },
	{
		name: 'a 10 MB string',
		kind: 'jsonBody',
		value: JSON.stringify({ Reference: 'x'.repeat(TEN_MB) }),
		expect: refused,
	},
];
