/**
 * Allocate With Carrier Service: `PUT /allocation/allocatewithcarrierservice` with
 * `{MpdCarrierServiceReference, ConsignmentReferences}`, through the bulk engine (combined
 * across items, 100 per request, every reference accounted for).
 */
import type {
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { BulkOperation } from '../../bulk/engine';
import { ownRouting } from '../ownRouting';
import { allocationOperation } from './allocation';
import { bulkPagination } from './bulkPagination';
import { locatorField, readLocatorReference } from './locatorField';

const OPERATION = 'allocateWithCarrierService';
const CARRIER_SERVICE_REFERENCE = /^[A-Za-z0-9_.:\- ]+$/;

function readCarrierService(context: IExecuteSingleFunctions): string {
	return readLocatorReference(
		context,
		'carrierService',
		(reference) => reference.length <= 100 && CARRIER_SERVICE_REFERENCE.test(reference),
		{
			missing: 'No carrier service chosen',
			missingDescription:
				'Pick a carrier service from the list, or switch "Carrier Service" from "From list" to "By ID" ' +
				'and enter its reference (the Service Code in SortedPRO, e.g. MPD_RMDTPS48HNAUT).',
			invalid: (shown) => `"${shown}" is not a carrier service reference`,
			invalidDescription:
				'A carrier service reference is a code such as MPD_RMDTPS48HNAUT (the Service Code in ' +
				'SortedPRO). Pick the service from the list to be sure.',
		},
	);
}

/** Built per item: the carrier service is a field of the item. */
function withCarrierService(context: IExecutePaginationFunctions): BulkOperation {
	const carrierService = readCarrierService(context);
	return allocationOperation({
		action: `allocate consignments with carrier service ${carrierService}`,
		subject: ` with ${carrierService}`,
		carrierService,
		request: (ConsignmentReferences) => ({
			method: 'PUT',
			url: '/allocation/allocatewithcarrierservice',
			body: { MpdCarrierServiceReference: carrierService, ConsignmentReferences },
		}),
	});
}

export const allocateWithCarrierServiceOperation: INodePropertyOptions = {
	name: 'Allocate With Carrier Service',
	value: OPERATION,
	action: 'Allocate with carrier service',
	description: 'Allocate consignments to a specific carrier service',
	// The bulk engine sends the requests (combined, chunked): docs/adr/0002.
	routing: ownRouting(
		{ method: 'PUT', url: '/allocation/allocatewithcarrierservice' },
		bulkPagination(withCarrierService),
	),
};

export const allocateWithCarrierServiceFields: INodeProperties[] = [
	locatorField({
		displayName: 'Carrier Service',
		name: 'carrierService',
		operation: OPERATION,
		description: 'The carrier service to allocate the consignments with',
		searchListMethod: 'searchCarrierServices',
		listPlaceholder: 'Select a carrier service...',
		idPlaceholder: 'e.g. MPD_RMDTPS48HNAUT',
		hint: "The Service Code shown in SortedPRO, not the carrier's own code",
		regex: '^[A-Za-z0-9_.:\\- ]{1,100}$',
		errorMessage: 'A carrier service reference is a code such as MPD_RMDTPS48HNAUT',
	}),
];
