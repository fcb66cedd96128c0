import type { INodeProperties } from 'n8n-workflow';

import {
	allocateWithCarrierServiceFields,
	allocateWithCarrierServiceOperation,
} from './allocateWithCarrierService';
import { createFields, createOperation } from './create';
import { getOperation } from './get';
import { getLabelFields, getLabelOperation } from './getLabel';
import { manifestFields, manifestOperation } from './manifest';
import { consignmentReferenceField, consignmentReferencesField } from './referenceFields';

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
	// One property per parameter name, shown for each operation using it: docs/adr/0004.
	consignmentReferencesField([
		allocateWithCarrierServiceOperation.value,
		manifestOperation.value,
	] as string[]),
	consignmentReferenceField([getOperation.value, getLabelOperation.value] as string[]),
	...allocateWithCarrierServiceFields,
	...createFields,
	...getLabelFields,
	...manifestFields,
];
