import type { IExecutePaginationFunctions } from 'n8n-workflow';

import { runBulkOperation, type BulkOperation } from '../../bulk/engine';
import type { PaginationFunction } from '../ownRouting';
import { readConsignmentReferences } from './referenceFields';

/**
 * The pagination function of a bulk operation on the item's Consignment References. An operation
 * with its own fields is built per item, before the references are read, so that its field's
 * error comes first.
 */
export function bulkPagination(
	operation: BulkOperation | ((context: IExecutePaginationFunctions) => BulkOperation),
): PaginationFunction {
	return async function (this, requestData) {
		const bulk = typeof operation === 'function' ? operation(this) : operation;
		return await runBulkOperation(this, requestData, readConsignmentReferences(this), bulk);
	};
}
