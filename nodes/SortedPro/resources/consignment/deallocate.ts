/**
 * Deallocate: `PUT /consignments/deallocatelist` with the array of references, through the bulk
 * engine. A consignment that is not allocated (any more) counts as done.
 */
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { runBulkOperation } from '../../bulk/engine';
import { deallocation } from '../../helpers/lifecycle';
import { lifecycleOperation, lifecycleOptions } from './lifecycleOperation';
import { readConsignmentReferences } from './referenceFields';

const OPERATION = 'deallocate';

const deallocateOperation = lifecycleOperation(
	deallocation,
	'deallocate consignments',
	'/consignments/deallocatelist',
);

async function deallocate(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await runBulkOperation(
		this,
		requestData,
		readConsignmentReferences(this),
		deallocateOperation,
	);
}

export const deallocateConsignmentsOperation: INodePropertyOptions = {
	name: 'Deallocate',
	value: OPERATION,
	action: 'Deallocate consignments',
	description:
		'Undo the allocation of consignments (Allocated, Manifested or ManifestFailed), so they can be allocated again',
	routing: {
		request: { method: 'PUT', url: '/consignments/deallocatelist' },
		// The bulk engine sends the requests (combined, chunked): docs/adr/0002.
		send: { paginate: true },
		operations: { pagination: deallocate },
	},
};

export const deallocateFields: INodeProperties[] = [lifecycleOptions(OPERATION, deallocation)];
