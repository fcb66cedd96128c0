/**
 * Allocate With Cheapest Quote: `PUT /allocation/{ref}/allocatewithcheapestquote`, one request
 * per consignment (the reference is in the path), through the bulk engine so that the output and
 * failure contract is that of every Allocate.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import { ownRouting } from '../ownRouting';
import { allocationOperation } from './allocation';
import { bulkPagination } from './bulkPagination';

const OPERATION = 'allocateWithCheapestQuote';

const allocateCheapest = allocationOperation({
	action: 'allocate consignments with the cheapest quote',
	subject: ' with the cheapest quote',
	referencesPerRequest: 1,
	request: ([reference]) => ({
		method: 'PUT',
		url: `/allocation/${encodeURIComponent(reference ?? '')}/allocatewithcheapestquote`,
	}),
});

export const allocateWithCheapestQuoteOperation: INodePropertyOptions = {
	name: 'Allocate With Cheapest Quote',
	value: OPERATION,
	action: 'Allocate with the cheapest quote',
	description:
		'Allocate each consignment to the carrier service with the cheapest quote for it, one request per consignment',
	// The bulk engine sends one request per consignment: docs/adr/0002.
	routing: ownRouting(
		{ method: 'PUT', url: '/allocation/{consignmentReference}/allocatewithcheapestquote' },
		bulkPagination(allocateCheapest),
	),
};
