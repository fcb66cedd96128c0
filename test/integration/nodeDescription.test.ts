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
		['consignment', 'allocate', 'Allocate using rules'],
		['consignment', 'allocateWithServiceGroup', 'Allocate with service group'],
		['consignment', 'allocateWithCheapestQuote', 'Allocate with cheapest quote'],
		['consignment', 'getQuotes', 'Get quotes'],
		['consignment', 'allocateWithQuote', 'Allocate with quote'],
		['consignment', 'deallocate', 'Deallocate consignments'],
		['consignment', 'cancel', 'Cancel consignments'],
		['consignment', 'getTracking', 'Get tracking'],
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
			'Allocate using allocation rules',
			'Allocate with carrier service',
			'Allocate with the cheapest quote',
			'Allocate with a quote',
			'Allocate with a carrier service group',
			'Cancel consignments',
			'Create a consignment',
			'Deallocate consignments',
			'Get a consignment',
			'Get the label of a consignment',
			'Get quotes for a consignment',
			'Get tracking events of a consignment',
			'Manifest consignments',
			'List package sizes',
			'List shipping locations',
		]);
		expect(description.usableAsTool).toBe(true);
	});

	it('says in the Cancel operation that cancelling is final', () => {
		const cancel = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options ?? [])
			.find((option) => 'value' in option && option.value === 'cancel');
		expect(cancel && 'description' in cancel ? cancel.description : '').toMatch(
			/for good.*cannot reinstate/,
		);
	});
});
