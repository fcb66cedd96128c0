import type { INodeProperties } from 'n8n-workflow';

import { allocateOperation } from './allocate';
import {
	allocateWithCarrierServiceFields,
	allocateWithCarrierServiceOperation,
} from './allocateWithCarrierService';
import { allocateWithCheapestQuoteOperation } from './allocateWithCheapestQuote';
import { allocateWithQuoteFields, allocateWithQuoteOperation } from './allocateWithQuote';
import {
	allocateWithServiceGroupFields,
	allocateWithServiceGroupOperation,
} from './allocateWithServiceGroup';
import { allocationOptions } from './allocation';
import { cancelConsignmentsOperation, cancelFields } from './cancel';
import { createFields, createOperation } from './create';
import { deallocateConsignmentsOperation, deallocateFields } from './deallocate';
import { getOperation } from './get';
import { getLabelFields, getLabelOperation } from './getLabel';
import { getQuotesFields, getQuotesOperation } from './getQuotes';
import { getTrackingOperation } from './getTracking';
import { manifestFields, manifestOperation } from './manifest';
import { consignmentReferenceField, consignmentReferencesField } from './referenceFields';

const values = (...operations: Array<{ value: unknown }>) =>
	operations.map((operation) => operation.value as string);

export const consignmentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['consignment'] } },
		options: [
			allocateOperation,
			allocateWithCarrierServiceOperation,
			allocateWithCheapestQuoteOperation,
			allocateWithQuoteOperation,
			allocateWithServiceGroupOperation,
			cancelConsignmentsOperation,
			createOperation,
			deallocateConsignmentsOperation,
			getOperation,
			getLabelOperation,
			getQuotesOperation,
			getTrackingOperation,
			manifestOperation,
		],
		default: 'allocateWithCarrierService',
	},
	// One property per parameter name, shown for each operation using it: docs/adr/0004.
	consignmentReferencesField(
		values(
			allocateOperation,
			allocateWithCarrierServiceOperation,
			allocateWithCheapestQuoteOperation,
			allocateWithServiceGroupOperation,
			cancelConsignmentsOperation,
			deallocateConsignmentsOperation,
			manifestOperation,
		),
	),
	consignmentReferenceField(
		values(
			getOperation,
			getLabelOperation,
			getQuotesOperation,
			allocateWithQuoteOperation,
			getTrackingOperation,
		),
	),
	...allocateWithCarrierServiceFields,
	...createFields,
	...allocateWithQuoteFields,
	...allocateWithServiceGroupFields,
	// The Allocate operations share one options collection (the same option in each).
	allocationOptions(
		values(
			allocateOperation,
			allocateWithCarrierServiceOperation,
			allocateWithCheapestQuoteOperation,
			allocateWithQuoteOperation,
			allocateWithServiceGroupOperation,
		),
	),
	...cancelFields,
	...deallocateFields,
	...getLabelFields,
	...getQuotesFields,
	...manifestFields,
];
