/**
 * Allocate (using allocation rules): `PUT /allocation/allocate` with `{ConsignmentReferences}`.
 * SortedPRO's allocation rules choose each consignment's carrier service; the bulk engine sends
 * the references (combined across items, 100 per request, every reference accounted for). Its
 * fields (Consignment References, Options) are shared with the other Allocate operations: index.ts.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { ownRouting } from '../ownRouting';
import { allocationOperation } from './allocation';
import { bulkPagination } from './bulkPagination';

const OPERATION = 'allocate';

const allocateByRules = allocationOperation({
	action: 'allocate consignments using the allocation rules',
	subject: '',
	request: (ConsignmentReferences) => ({
		method: 'PUT',
		url: '/allocation/allocate',
		body: { ConsignmentReferences },
	}),
});

export const allocateOperation: INodePropertyOptions = {
	name: 'Allocate',
	value: OPERATION,
	action: 'Allocate using allocation rules',
	description:
		"Allocate consignments to the carrier service SortedPRO's allocation rules choose for each",
	// The bulk engine sends the requests (combined, chunked): docs/adr/0002.
	routing: ownRouting(
		{ method: 'PUT', url: '/allocation/allocate' },
		bulkPagination(allocateByRules),
	),
};
