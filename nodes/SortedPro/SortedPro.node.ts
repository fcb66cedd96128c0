import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { sortedProApiTest } from './credentialTest/sortedProApiTest';
import { getPackageSizes, searchShippingLocations } from './listSearch/accountLists';
import { searchCarrierServices } from './listSearch/searchCarrierServices';
import { searchServiceGroups } from './listSearch/searchServiceGroups';
import { carrierServiceDescription } from './resources/carrierService';
import { consignmentDescription } from './resources/consignment';
import { packageSizeDescription } from './resources/packageSize';
import { shippingLocationDescription } from './resources/shippingLocation';

export const DOCUMENTATION_URL =
	'https://github.com/n8n-nodes-sortedpro/n8n-nodes-sortedpro#readme';

export class SortedPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SortedPRO',
		name: 'sortedPro',
		icon: { light: 'file:sortedpro.svg', dark: 'file:sortedpro.dark.svg' },
		group: ['transform'],
		version: 1,
		// One literal, as n8n's lint reads it; hence the long line (scripts/check-lines.mjs).
		subtitle:
			'={{ $parameter["operation"] === "list" ? { carrierService: "List carrier services", shippingLocation: "List shipping locations", packageSize: "List package sizes" }[$parameter["resource"]] : { create: "Create consignment", allocateWithCarrierService: "Allocate with carrier service", get: "Get consignment", getLabel: "Get label", manifest: "Manifest consignments", allocate: "Allocate using rules", allocateWithServiceGroup: "Allocate with service group", allocateWithCheapestQuote: "Allocate with cheapest quote", getQuotes: "Get quotes", allocateWithQuote: "Allocate with quote", deallocate: "Deallocate consignments", cancel: "Cancel consignments", getTracking: "Get tracking" }[$parameter["operation"]] ?? $parameter["operation"] }}', // check-lines: one literal
		description:
			'Create, allocate, deallocate, cancel and manifest consignments, get ' +
			'them, their quotes, labels and tracking, and list carrier services, ' +
			'shipping locations and package sizes in SortedPRO (formerly Electio)',
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
					{ name: 'Package Size', value: 'packageSize' },
					{ name: 'Shipping Location', value: 'shippingLocation' },
				],
				default: 'consignment',
			},
			...carrierServiceDescription,
			...consignmentDescription,
			...packageSizeDescription,
			...shippingLocationDescription,
		],
	};

	methods = {
		listSearch: { searchCarrierServices, searchServiceGroups, searchShippingLocations },
		loadOptions: { getPackageSizes },
		credentialTest: { sortedProApiTest },
	};
}
