/**
 * List shipping locations: `GET /shippinglocations`, one item per location as SortedPRO returns
 * it. Its `Reference` is what Create Consignment's Shipping Location takes.
 */
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { transportOptions } from '../../bulk/engine';
import { fetchAccountList } from '../../listSearch/accountLists';

/** The Return All and Limit fields of a list operation, as Carrier Service > List has them. */
export function listLimitFields(resource: string): INodeProperties[] {
	const show = { resource: [resource], operation: ['list'] };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			routing: { output: { maxResults: '={{$value}}' } },
		},
	];
}

/** A pagination function that lists `url` into one item per entry. */
export function listInto(url: string, action: string) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const entries = await fetchAccountList(this, transportOptions(requestData), url, action);
		return entries.map((entry) => ({
			json: entry as INodeExecutionData['json'],
			pairedItem: { item: this.getItemIndex() },
		}));
	};
}

export const listOperation: INodePropertyOptions = {
	name: 'List',
	value: 'list',
	action: 'List shipping locations',
	description: 'List the shipping locations (warehouses, stores) of the SortedPRO account',
	routing: {
		request: { method: 'GET', url: '/shippinglocations' },
		// Our own transport sends it, so that no transport error carries the key: docs/adr/0001.
		send: { paginate: true },
		operations: { pagination: listInto('/shippinglocations', 'list shipping locations') },
	},
};

export const listFields: INodeProperties[] = listLimitFields('shippingLocation');
