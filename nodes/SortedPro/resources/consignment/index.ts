import type { INodeProperties } from 'n8n-workflow';

import { allocateInChunks, manifestInChunks } from '../../shared/bulkOperations';
import { downloadLabel, getConsignment } from '../../shared/hooks';
import { allocateWithCarrierServiceDescription } from './allocateWithCarrierService';
import { consignmentGetDescription } from './get';
import { consignmentGetLabelDescription } from './getLabel';
import { consignmentManifestDescription } from './manifest';

const showOnlyForConsignments = { resource: ['consignment'] };

export const consignmentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForConsignments },
		options: [
			{
				name: 'Allocate With Carrier Service',
				value: 'allocateWithCarrierService',
				action: 'Allocate with carrier service',
				description: 'Allocate consignments to a specific carrier service',
				routing: {
					request: {
						method: 'PUT',
						url: '/allocation/allocatewithcarrierservice',
						headers: { 'Content-Type': 'application/json' },
					},
					// The executor splits long lists into requests of at most 100 and merges the answers.
					send: { paginate: true },
					operations: { pagination: allocateInChunks },
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a consignment',
				description: 'Get a consignment with its state, allocation and any failed allocation',
				routing: {
					request: { method: 'GET', url: '/consignments' },
					// The executor owns the request so that "not found" names the reference.
					send: { paginate: true },
					operations: { pagination: getConsignment },
				},
			},
			{
				name: 'Get Label',
				value: 'getLabel',
				action: 'Get the label of a consignment',
				description: 'Download the shipping label of an allocated consignment as a file',
				routing: {
					request: { method: 'GET', url: '/labels' },
					// The executor turns SortedPRO's base64 file into n8n binary data.
					send: { paginate: true },
					operations: { pagination: downloadLabel },
				},
			},
			{
				name: 'Manifest',
				value: 'manifest',
				action: 'Manifest consignments',
				description: 'Manifest allocated consignments, handing them over to their carriers',
				routing: {
					request: {
						method: 'PUT',
						url: '/consignments/manifest',
						headers: { 'Content-Type': 'application/json' },
					},
					// The executor splits long lists into requests of at most 100 and merges the answers.
					send: { paginate: true },
					operations: { pagination: manifestInChunks },
				},
			},
		],
		default: 'allocateWithCarrierService',
	},
	...allocateWithCarrierServiceDescription,
	...consignmentGetDescription,
	...consignmentGetLabelDescription,
	...consignmentManifestDescription,
];
