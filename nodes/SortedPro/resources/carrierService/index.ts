import type { INodeProperties } from 'n8n-workflow';

import { listFields, listOperation } from './list';

export const carrierServiceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['carrierService'] } },
		options: [listOperation],
		default: 'list',
	},
	...listFields,
];
