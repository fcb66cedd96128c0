/**
 * Allocate With Carrier Service: `PUT /allocation/allocatewithcarrierservice` with
 * `{MpdCarrierServiceReference, ConsignmentReferences}`, through the bulk engine (combined
 * across items, 100 per request, every reference accounted for).
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
import { visible } from '../../helpers/consignmentReferences';
import { allocationOperation } from './allocation';
import { readConsignmentReferences } from './referenceFields';

const OPERATION = 'allocateWithCarrierService';
const CARRIER_SERVICE_REFERENCE = /^[A-Za-z0-9_.:\- ]+$/;

/** The carrier service, trimmed and plausible, or an error naming what was given. */
function readCarrierService(context: IExecuteSingleFunctions): string {
	const raw = context.getNodeParameter('carrierService', undefined, {
		extractValue: true,
	}) as unknown;
	const reference = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!reference) {
		throw new NodeOperationError(context.getNode(), 'No carrier service chosen', {
			itemIndex: context.getItemIndex(),
			description:
				'Pick a carrier service from the list, or switch "Carrier Service" from "From list" to "By ID" and enter its reference (the Service Code in SortedPRO, e.g. MPD_RMDTPS48HNAUT).',
		});
	}
	if (reference.length > 100 || !CARRIER_SERVICE_REFERENCE.test(reference)) {
		throw new NodeOperationError(
			context.getNode(),
			`"${visible(reference.slice(0, 60))}" is not a carrier service reference`,
			{
				itemIndex: context.getItemIndex(),
				description:
					'A carrier service reference is a code such as MPD_RMDTPS48HNAUT (the Service Code in SortedPRO). Pick the service from the list to be sure.',
			},
		);
	}
	return reference;
}

async function allocateWithCarrierService(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const carrierService = readCarrierService(this);
	const references = readConsignmentReferences(this);
	const operation = allocationOperation({
		action: `allocate consignments with carrier service ${carrierService}`,
		subject: ` with ${carrierService}`,
		carrierService,
		request: (ConsignmentReferences) => ({
			method: 'PUT',
			url: '/allocation/allocatewithcarrierservice',
			body: { MpdCarrierServiceReference: carrierService, ConsignmentReferences },
		}),
	});
	return await runBulkOperation(this, requestData, references, operation);
}

export const allocateWithCarrierServiceOperation: INodePropertyOptions = {
	name: 'Allocate With Carrier Service',
	value: OPERATION,
	action: 'Allocate with carrier service',
	description: 'Allocate consignments to a specific carrier service',
	routing: {
		request: { method: 'PUT', url: '/allocation/allocatewithcarrierservice' },
		// The bulk engine sends the requests (combined, chunked): docs/adr/0002.
		send: { paginate: true },
		operations: { pagination: allocateWithCarrierService },
	},
};

export const allocateWithCarrierServiceFields: INodeProperties[] = [
	{
		displayName: 'Carrier Service',
		name: 'carrierService',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { resource: ['consignment'], operation: [OPERATION] } },
		description: 'The carrier service to allocate the consignments with',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a carrier service...',
				typeOptions: { searchListMethod: 'searchCarrierServices', searchable: true },
			},
			{
				// n8n labels a mode named "id" "By ID" whatever its display name; the words match.
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. MPD_RMDTPS48HNAUT',
				hint: "The Service Code shown in SortedPRO, not the carrier's own code",
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[A-Za-z0-9_.:\\- ]{1,100}$',
							errorMessage: 'A carrier service reference is a code such as MPD_RMDTPS48HNAUT',
						},
					},
				],
			},
		],
	},
];
