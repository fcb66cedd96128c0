/**
 * What the editor shows around the node: its Docs link, the package's Report issue link, the
 * hints under the credential fields, the words of the carrier-service modes, and the aliases the
 * node panel search matches (n8n's node creator searches `displayName` and `codex.alias`).
 */
import { SortedProApi } from '../../credentials/SortedProApi.credentials';
import codex from '../../nodes/SortedPro/SortedPro.node.json';
import triggerCodex from '../../nodes/SortedProTrigger/SortedProTrigger.node.json';
import { DOCUMENTATION_URL, SortedPro } from '../../nodes/SortedPro/SortedPro.node';
import packageJson from '../../package.json';

const node = new SortedPro().description;
const credential = new SortedProApi();

describe('documentation and issue links', () => {
	it('the node Docs link opens the README, in the node and in its codex alike', () => {
		expect(DOCUMENTATION_URL).toBe(packageJson.homepage);
		expect(DOCUMENTATION_URL).toMatch(/^https:\/\/github\.com\/.+#readme$/);
		expect(node.documentationUrl).toBe(DOCUMENTATION_URL);
		expect(codex.resources.primaryDocumentation.map((doc) => doc.url)).toEqual([DOCUMENTATION_URL]);
	});

	it("the trigger's Docs link opens the README at its own section", () => {
		const readme = packageJson.homepage.replace(/#readme$/, '');
		expect(triggerCodex.resources.primaryDocumentation.map((doc) => doc.url)).toEqual([
			`${readme}#sortedpro-trigger`,
		]);
	});

	it("the credential keeps Sorted's own API documentation", () => {
		expect(credential.documentationUrl).toMatch(/^https:\/\/docs\.sorted\.com\//);
		expect(codex.resources.credentialDocumentation[0].url).toBe(credential.documentationUrl);
	});

	it('Report issue has somewhere to go: package.json names the issue tracker', () => {
		expect(packageJson.bugs.url).toMatch(/^https:\/\/github\.com\/.+\/issues$/);
	});
});

describe('help in sight: hints under the credential fields', () => {
	const field = (name: string) => credential.properties.find((property) => property.name === name);

	it('says where the API key is, under the API Key field', () => {
		expect(field('apiKey')?.hint).toContain('Settings > Users & Roles > User Accounts');
		expect(field('apiKey')?.hint).toContain('Show API Key');
	});

	it('gives the https rule under the Base URL field', () => {
		expect(field('baseUrl')?.hint).toContain('https://');
		expect(field('baseUrl')?.hint).toContain('only for this machine');
	});
});

describe("the carrier-service modes in the editor's words", () => {
	const carrierService = node.properties.find((property) => property.name === 'carrierService');

	it('calls every typed mode "By ID", as n8n labels a mode named id', () => {
		const modes = carrierService?.modes ?? [];
		expect(modes.map((mode) => [mode.name, mode.displayName])).toEqual([
			['list', 'From List'],
			['id', 'By ID'],
		]);
		const idModes = node.properties.flatMap((property) =>
			(property.modes ?? []).filter((mode) => mode.name === 'id'),
		);
		expect(idModes.length).toBeGreaterThan(2);
		expect(new Set(idModes.map((mode) => mode.displayName))).toEqual(new Set(['By ID']));
	});
});

describe('node panel search', () => {
	it.each([
		'allocate',
		'parcel',
		'courier',
		'delivery',
		'tracking',
		'dispatch',
		'despatch',
		'shipment',
	])('finds the node for "%s"', (word) => {
		expect(codex.alias.map((alias) => alias.toLowerCase())).toContain(word);
	});

	it('the codex names the node type n8n gives the installed package', () => {
		expect(codex.node).toBe(`n8n-nodes-sortedpro.${node.name}`);
	});
});
