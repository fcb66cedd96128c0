import { SortedPro } from '../../nodes/SortedPro/SortedPro.node';
import { evaluateForNode } from '../harness/n8n';

const description = new SortedPro().description;

describe('node description', () => {
	it.each([
		['carrierService', 'list', 'List carrier services'],
		['shippingLocation', 'list', 'List shipping locations'],
		['packageSize', 'list', 'List package sizes'],
		['consignment', 'create', 'Create consignment'],
		['consignment', 'allocateWithCarrierService', 'Allocate with carrier service'],
		['consignment', 'get', 'Get consignment'],
		['consignment', 'getLabel', 'Get label'],
		['consignment', 'manifest', 'Manifest consignments'],
	])('shows a readable subtitle for %s > %s', async (resource, operation, subtitle) => {
		expect(await evaluateForNode(description.subtitle as string, { resource, operation })).toBe(
			subtitle,
		);
	});

	it('offers every operation with an action, for the panel and for AI agents', () => {
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options ?? []);
		expect(operations.map((option) => ('action' in option ? option.action : undefined))).toEqual([
			'List carrier services',
			'Allocate with carrier service',
			'Create a consignment',
			'Get a consignment',
			'Get the label of a consignment',
			'Manifest consignments',
			'List package sizes',
			'List shipping locations',
		]);
		expect(description.usableAsTool).toBe(true);
	});
});
