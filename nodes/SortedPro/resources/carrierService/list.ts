/**
 * List carrier services: `GET /carrierservices`, one item per service. SortedPRO answers a
 * wrapper object or a bare array; a 404 means the account has none (zero items). Each item gets
 * `StatusName` and `IsEnabled` beside SortedPRO's numeric `Status`.
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

import { transportOptions } from '../../bulk/engine';
import {
	extractCarrierServices,
	unusableListReason,
	withReadableStatus,
} from '../../helpers/carrierServices';
import {
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
} from '../../transport';

const showOnlyForList = { resource: ['carrierService'], operation: ['list'] };

/** The Limit, when Return All is off: a whole number of at least 1, or an error naming it. */
function readLimit(context: IExecuteSingleFunctions): void {
	if (context.getNodeParameter('returnAll', false) as boolean) return;
	const limit = context.getNodeParameter('limit', 50) as unknown;
	if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1) return;
	let shown: string;
	try {
		shown = JSON.stringify(limit) ?? String(limit);
	} catch {
		shown = String(limit);
	}
	throw new NodeOperationError(
		context.getNode(),
		`The Limit ${shown.slice(0, 40)} is not a whole number of at least 1`,
		{
			itemIndex: context.getItemIndex(),
			description:
				'Set Limit to how many carrier services to output (e.g. 50), or turn on Return All.',
		},
	);
}

async function listCarrierServices(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const action = 'list carrier services';
	readLimit(this);
	const response = await sendToSortedPro.call(
		this,
		{ ...transportOptions(requestData), method: 'GET', url: '/carrierservices' },
		action,
	);
	if (response.statusCode === 404) return [];
	if (!isSuccess(response)) throw errorForResponse(this, response, action);
	const unusable = unusableListReason(response.body);
	if (unusable) throw errorForUnusableResponse(this, action, unusable);
	return extractCarrierServices(response.body).map((service) => ({
		json: withReadableStatus(service) as INodeExecutionData['json'],
		pairedItem: { item: this.getItemIndex() },
	}));
}

export const listOperation: INodePropertyOptions = {
	name: 'List',
	value: 'list',
	action: 'List carrier services',
	description: 'List the carrier services configured on the SortedPRO account',
	routing: {
		request: { method: 'GET', url: '/carrierservices' },
		// Our own transport sends it, so that no transport error carries the key: docs/adr/0001.
		send: { paginate: true },
		operations: { pagination: listCarrierServices },
	},
};

export const listFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: { show: showOnlyForList },
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { ...showOnlyForList, returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		// The engine cuts the output to this many items.
		routing: { output: { maxResults: '={{$value}}' } },
	},
];
