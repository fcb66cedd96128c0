import { SortedProTrigger } from '../../nodes/SortedProTrigger/SortedProTrigger.node';
import { CONSIGNMENT_STATES } from '../../nodes/SortedProTrigger/helpers/states';
import codex from '../../nodes/SortedProTrigger/SortedProTrigger.node.json';
import pkg from '../../package.json';
import { evaluateForTrigger } from '../harness/poll';

const description = new SortedProTrigger().description;

describe('trigger description', () => {
	it('is a polling trigger with the public names and the shared credential', () => {
		expect(description).toMatchObject({
			name: 'sortedProTrigger',
			displayName: 'SortedPRO Trigger',
			polling: true,
			group: ['trigger'],
			inputs: [],
			credentials: [{ name: 'sortedProApi', required: true }],
		});
		const names = description.properties.map((property) => property.name);
		expect(names).toEqual(['event', 'states', 'filters']);
		const event = description.properties.find((property) => property.name === 'event');
		expect(event?.default).toBe('consignmentStateChanged');
		const filters = description.properties.find((property) => property.name === 'filters');
		expect((filters?.options ?? []).map((option) => option.name).sort()).toEqual([
			'carrierService',
			'customerReference',
			'shippingLocationReference',
		]);
	});

	it('offers the states of the brief, with Allocation Failed by default', () => {
		const states = description.properties.find((property) => property.name === 'states');
		const values = (states?.options ?? []).map((option) => ('value' in option ? option.value : ''));
		for (const state of [
			'AllocationFailed',
			'ManifestFailed',
			'Allocated',
			'Manifested',
			'Delivered',
			'DeliveryFailed',
		])
			expect(values).toContain(state);
		expect(values).toHaveLength(CONSIGNMENT_STATES.length);
		expect(states?.default).toEqual(['AllocationFailed']);
	});

	it('has a light and a dark icon, a codex naming the node, and is registered in package.json', () => {
		const icon = description.icon as { light: string; dark: string };
		expect(icon.light).toMatch(/^file:.+\.svg$/);
		expect(icon.dark).toMatch(/^file:.+\.svg$/);
		expect(icon.light).not.toBe(icon.dark);
		expect(codex.node).toBe('n8n-nodes-sortedpro.sortedProTrigger');
		expect(pkg.n8n.nodes).toContain('dist/nodes/SortedProTrigger/SortedProTrigger.node.js');
	});

	it('shows the watched states as its subtitle', async () => {
		expect(
			await evaluateForTrigger(description.subtitle as string, {
				states: ['AllocationFailed', 'Delivered'],
			}),
		).toBe('Consignment reached AllocationFailed, Delivered');
	});
});
