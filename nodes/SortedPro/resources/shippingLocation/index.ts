import type { INodeProperties } from 'n8n-workflow';

import { listFields, listOperation } from './list';

export const shippingLocationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shippingLocation'] } },
		options: [listOperation],
		default: 'list',
	},
	...listFields,
];
