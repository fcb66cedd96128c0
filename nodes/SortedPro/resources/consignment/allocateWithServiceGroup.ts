/**
 * Allocate With Service Group: `PUT /allocation/allocatewithservicegroup` with
 * `{ConsignmentReferences, MpdCarrierServiceGroupReference}`; SortedPRO picks the cheapest
 * eligible service of the group for each consignment. Through the bulk engine.
 */
import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { runBulkOperation } from '../../bulk/engine';
import { SERVICE_GROUP_REFERENCE, describeGroupRefusal } from '../../helpers/serviceGroups';
import { allocationOperation } from './allocation';
import { readConsignmentReferences } from './referenceFields';

const OPERATION = 'allocateWithServiceGroup';

function readServiceGroup(context: IExecuteSingleFunctions): string {
	const raw = context.getNodeParameter('serviceGroup', undefined, {
		extractValue: true,
	}) as unknown;
	const reference = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!reference) {
		throw new NodeOperationError(context.getNode(), 'No carrier service group chosen', {
			itemIndex: context.getItemIndex(),
			description:
				'Pick a carrier service group from the list, or switch "Service Group" to "By ID" and enter its Service Group Code (SortedPRO shows it under Settings > Carrier Service Groups). Nothing was sent to SortedPRO.',
		});
	}
	if (!SERVICE_GROUP_REFERENCE.test(reference)) {
		throw new NodeOperationError(
			context.getNode(),
			`"${reference.slice(0, 60)}" is not a carrier service group code`,
			{
				itemIndex: context.getItemIndex(),
				description:
					'A Service Group Code is a short code such as valuableGoods, made of letters, digits, "-", "_", "." and ":". Pick the group from the list to be sure. Nothing was sent to SortedPRO.',
			},
		);
	}
	return reference;
}

async function allocateWithServiceGroup(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const group = readServiceGroup(this);
	const references = readConsignmentReferences(this);
	const operation = allocationOperation({
		action: `allocate consignments with carrier service group ${group}`,
		subject: ` with service group ${group}`,
		request: (ConsignmentReferences) => ({
			method: 'PUT',
			url: '/allocation/allocatewithservicegroup',
			body: { ConsignmentReferences, MpdCarrierServiceGroupReference: group },
		}),
		explainRefusal: (response) => describeGroupRefusal(response.statusCode, response.body, group),
	});
	return await runBulkOperation(this, requestData, references, operation);
}

export const allocateWithServiceGroupOperation: INodePropertyOptions = {
	name: 'Allocate With Service Group',
	value: OPERATION,
	action: 'Allocate with a carrier service group',
	description: 'Allocate consignments to the cheapest eligible carrier service of a service group',
	routing: {
		request: { method: 'PUT', url: '/allocation/allocatewithservicegroup' },
		// The bulk engine sends the requests (combined, chunked): docs/adr/0002.
		send: { paginate: true },
		operations: { pagination: allocateWithServiceGroup },
	},
};

export const allocateWithServiceGroupFields: INodeProperties[] = [
	{
		displayName: 'Service Group',
		name: 'serviceGroup',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { resource: ['consignment'], operation: [OPERATION] } },
		description: 'The carrier service group whose services SortedPRO may choose from',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a service group...',
				typeOptions: { searchListMethod: 'searchServiceGroups', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. valuableGoods',
				hint: 'The Service Group Code shown in SortedPRO under Settings > Carrier Service Groups',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: SERVICE_GROUP_REFERENCE.source,
							errorMessage: 'A Service Group Code is a short code such as valuableGoods',
						},
					},
				],
			},
		],
	},
];
