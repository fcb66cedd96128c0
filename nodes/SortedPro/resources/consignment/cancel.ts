/**
 * Cancel: `PUT /consignments/cancellist` with the array of references, through the bulk engine.
 * Cancelling is final in SortedPRO, so nothing that SortedPRO may have acted on is ever sent
 * again by the node (the engine looks consignments up instead); already cancelled counts as done.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { cancellation } from '../../helpers/lifecycle';
import { ownRouting } from '../ownRouting';
import { lifecycleOperation, lifecycleOptions } from './lifecycleOperation';
import { bulkPagination } from './bulkPagination';

const OPERATION = 'cancel';

const cancelOperation = lifecycleOperation(
	cancellation,
	'cancel consignments',
	'/consignments/cancellist',
);

export const cancelConsignmentsOperation: INodePropertyOptions = {
	name: 'Cancel',
	value: OPERATION,
	action: 'Cancel consignments',
	description:
		'Cancel consignments for good: SortedPRO cannot reinstate a cancelled one, so a new one must be created to ship it',
	// The bulk engine sends the requests (combined, chunked), never twice: docs/adr/0002.
	routing: ownRouting(
		{ method: 'PUT', url: '/consignments/cancellist' },
		bulkPagination(cancelOperation),
	),
};

export const cancelFields: INodeProperties[] = [lifecycleOptions(OPERATION, cancellation)];
