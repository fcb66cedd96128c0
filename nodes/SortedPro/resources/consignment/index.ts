import type { INodeProperties } from 'n8n-workflow';

import {
	allocateWithCarrierServiceFields,
	allocateWithCarrierServiceOperation,
} from './allocateWithCarrierService';
import { createFields, createOperation } from './create';
import { getFields, getOperation } from './get';
import { getLabelFields, getLabelOperation } from './getLabel';
import { manifestFields, manifestOperation } from './manifest';

export const consignmentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['consignment'] } },
		options: [
			allocateWithCarrierServiceOperation,
			createOperation,
			getOperation,
			getLabelOperation,
			manifestOperation,
		],
		default: 'allocateWithCarrierService',
	},
	...allocateWithCarrierServiceFields,
	...createFields,
	...getFields,
	...getLabelFields,
	...manifestFields,
];
