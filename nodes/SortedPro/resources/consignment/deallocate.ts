/**
 * Deallocate: `PUT /consignments/deallocatelist` with the array of references, through the bulk
 * engine. A consignment that is not allocated (any more) counts as done.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { deallocation } from '../../helpers/lifecycle';
import { ownRouting } from '../ownRouting';
import { lifecycleOperation, lifecycleOptions } from './lifecycleOperation';
import { bulkPagination } from './bulkPagination';

const OPERATION = 'deallocate';

const deallocateOperation = lifecycleOperation(
	deallocation,
	'deallocate consignments',
	'/consignments/deallocatelist',
);

export const deallocateConsignmentsOperation: INodePropertyOptions = {
	name: 'Deallocate',
	value: OPERATION,
	action: 'Deallocate consignments',
	description:
		'Undo the allocation of consignments (Allocated, Manifested or ManifestFailed), so they can be allocated again',
	// The bulk engine sends the requests (combined, chunked): docs/adr/0002.
	routing: ownRouting(
		{ method: 'PUT', url: '/consignments/deallocatelist' },
		bulkPagination(deallocateOperation),
	),
};

export const deallocateFields: INodeProperties[] = [lifecycleOptions(OPERATION, deallocation)];
