import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { sortedProApiTest } from './credentialTest/sortedProApiTest';
import { searchCarrierServices } from './listSearch/searchCarrierServices';
import { carrierServiceDescription } from './resources/carrierService';
import { consignmentDescription } from './resources/consignment';

export const DOCUMENTATION_URL =
	'https://github.com/n8n-nodes-sortedpro/n8n-nodes-sortedpro#readme';

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
		// The editor's Docs link: the README explains every operation; Sorted's API pages stay on
		// the credential. n8n has one link per node, so there are no per-operation anchors.
		documentationUrl: DOCUMENTATION_URL,
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sortedProApi', required: true, testedBy: 'sortedProApiTest' }],
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
		credentialTest: { sortedProApiTest },
	};
}
