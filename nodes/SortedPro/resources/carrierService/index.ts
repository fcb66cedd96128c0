import type { INodeProperties } from 'n8n-workflow';

import { listCarrierServices } from '../../shared/hooks';
import { carrierServiceListDescription } from './list';

const showOnlyForCarrierServices = { resource: ['carrierService'] };

export const carrierServiceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForCarrierServices },
		options: [
			{
				name: 'List',
				value: 'list',
				action: 'List carrier services',
				description: 'List the carrier services configured on the SortedPRO account',
				routing: {
					request: { method: 'GET', url: '/carrierservices' },
					// The executor owns the request so that a 404 (no services) becomes zero items.
					send: { paginate: true },
					operations: { pagination: listCarrierServices },
				},
			},
		],
		default: 'list',
	},
	...carrierServiceListDescription,
];
