import type { INodeProperties } from 'n8n-workflow';

import { listFields, listOperation } from './list';

export const packageSizeDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['packageSize'] } },
		options: [listOperation],
		default: 'list',
	},
	...listFields,
];
