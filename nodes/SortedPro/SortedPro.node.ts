import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { searchCarrierServices } from './listSearch/searchCarrierServices';
import { carrierServiceDescription } from './resources/carrierService';
import { consignmentDescription } from './resources/consignment';

export class SortedPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SortedPRO',
		name: 'sortedPro',
		icon: { light: 'file:sortedpro.svg', dark: 'file:sortedpro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { list: "List carrier services", allocateWithCarrierService: "Allocate with carrier service", get: "Get consignment", getLabel: "Get label", manifest: "Manifest consignments" }[$parameter["operation"]] ?? $parameter["operation"] }}',
		description:
			'Allocate and manifest consignments, get them and their labels, and list carrier services in SortedPRO (formerly Electio)',
		defaults: { name: 'SortedPRO' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sortedProApi', required: true }],
		// No baseURL here: the credential adds it as it signs each request (docs/adr/0004).
		requestDefaults: {
			json: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Carrier Service', value: 'carrierService' },
					{ name: 'Consignment', value: 'consignment' },
				],
				default: 'consignment',
			},
			...carrierServiceDescription,
			...consignmentDescription,
		],
	};

	methods = {
		listSearch: { searchCarrierServices },
	};
}
