/**
 * Allocate With Service Group: `PUT /allocation/allocatewithservicegroup` with
 * `{ConsignmentReferences, MpdCarrierServiceGroupReference}`; SortedPRO picks the cheapest
 * eligible service of the group for each consignment. Through the bulk engine.
 */
import type {
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { BulkOperation } from '../../bulk/engine';
import { SERVICE_GROUP_REFERENCE, describeGroupRefusal } from '../../helpers/serviceGroups';
import { ownRouting } from '../ownRouting';
import { allocationOperation } from './allocation';
import { bulkPagination } from './bulkPagination';
import { locatorField, readLocatorReference } from './locatorField';

const OPERATION = 'allocateWithServiceGroup';

function readServiceGroup(context: IExecuteSingleFunctions): string {
	return readLocatorReference(
		context,
		'serviceGroup',
		(reference) => SERVICE_GROUP_REFERENCE.test(reference),
		{
			missing: 'No carrier service group chosen',
			missingDescription:
				'Pick a carrier service group from the list, or switch "Service Group" to "By ID" and ' +
				'enter its Service Group Code (SortedPRO shows it under Settings > Carrier Service ' +
				'Groups). Nothing was sent to SortedPRO.',
			invalid: (shown) => `"${shown}" is not a carrier service group code`,
			invalidDescription:
				'A Service Group Code is a short code such as valuableGoods, made of letters, digits, ' +
				'spaces, "-", "_", "." and ":". Pick the group from the list to be sure. Nothing was sent to SortedPRO.',
		},
	);
}

/** Built per item: the group is a field of the item. */
function withServiceGroup(context: IExecutePaginationFunctions): BulkOperation {
	const group = readServiceGroup(context);
	return allocationOperation({
		action: `allocate consignments with carrier service group ${group}`,
		subject: ` with service group ${group}`,
		request: (ConsignmentReferences) => ({
			method: 'PUT',
			url: '/allocation/allocatewithservicegroup',
			body: { ConsignmentReferences, MpdCarrierServiceGroupReference: group },
		}),
		explainRefusal: (response) => describeGroupRefusal(response.statusCode, response.body, group),
	});
}

export const allocateWithServiceGroupOperation: INodePropertyOptions = {
	name: 'Allocate With Service Group',
	value: OPERATION,
	action: 'Allocate with a carrier service group',
	description: 'Allocate consignments to the cheapest eligible carrier service of a service group',
	// The bulk engine sends the requests (combined, chunked): docs/adr/0002.
	routing: ownRouting(
		{ method: 'PUT', url: '/allocation/allocatewithservicegroup' },
		bulkPagination(withServiceGroup),
	),
};

export const allocateWithServiceGroupFields: INodeProperties[] = [
	locatorField({
		displayName: 'Service Group',
		name: 'serviceGroup',
		operation: OPERATION,
		description: 'The carrier service group whose services SortedPRO may choose from',
		searchListMethod: 'searchServiceGroups',
		listPlaceholder: 'Select a service group...',
		idPlaceholder: 'e.g. valuableGoods',
		hint: 'The Service Group Code shown in SortedPRO under Settings > Carrier Service Groups',
		regex: SERVICE_GROUP_REFERENCE.source,
		errorMessage: 'A Service Group Code is a short code such as valuableGoods',
	}),
];
