import type { INodeProperties } from 'n8n-workflow';

import { allocateInChunks, getConsignment } from '../../shared/hooks';
import { allocateWithCarrierServiceDescription } from './allocateWithCarrierService';
import { consignmentGetDescription } from './get';

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
					request: { method: 'GET' },
					// The executor owns the request so that "not found" names the reference.
					send: { paginate: true },
					operations: { pagination: getConsignment },
				},
			},
		],
		default: 'allocateWithCarrierService',
	},
	...allocateWithCarrierServiceDescription,
	...consignmentGetDescription,
];
