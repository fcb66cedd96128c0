/**
 * Cancel: `PUT /consignments/cancellist` with the array of references, through the bulk engine.
 * Cancelling is final in SortedPRO, so nothing that SortedPRO may have acted on is ever sent
 * again by the node (the engine looks consignments up instead); already cancelled counts as done.
 */
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { runBulkOperation } from '../../bulk/engine';
import { cancellation } from '../../helpers/lifecycle';
import { lifecycleOperation, lifecycleOptions } from './lifecycleOperation';
import { readConsignmentReferences } from './referenceFields';

const OPERATION = 'cancel';

const cancelOperation = lifecycleOperation(
	cancellation,
	'cancel consignments',
	'/consignments/cancellist',
);

async function cancel(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await runBulkOperation(
		this,
		requestData,
		readConsignmentReferences(this),
		cancelOperation,
	);
}

export const cancelConsignmentsOperation: INodePropertyOptions = {
	name: 'Cancel',
	value: OPERATION,
	action: 'Cancel consignments',
	description:
		'Cancel consignments for good: SortedPRO cannot reinstate a cancelled consignment, so a new one must be created to ship it',
	routing: {
		request: { method: 'PUT', url: '/consignments/cancellist' },
		// The bulk engine sends the requests (combined, chunked), never twice: docs/adr/0002.
		send: { paginate: true },
		operations: { pagination: cancel },
	},
};

export const cancelFields: INodeProperties[] = [lifecycleOptions(OPERATION, cancellation)];
