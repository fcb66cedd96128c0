/**
 * The List operation of an account list (carrier services, shipping locations, package sizes):
 * `GET <url>`, one item per entry, cut to Limit unless Return All.
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

import { transportOptions } from '../bulk/engine';
import { extractList, type Entry } from '../helpers/accountLists';
import { fetchList } from '../listSearch/fetchList';
import { ownRouting } from './ownRouting';

export interface ListOperationSpec {
	url: string;
	/** The operation's action, e.g. "List shipping locations"; errors say it in lower case. */
	action: string;
	description: string;
	/** How one entry becomes an output item; as SortedPRO returns it unless given. */
	toJson?: (entry: Entry) => Entry;
}

/** The Limit, when Return All is off: a whole number of at least 1, or an error naming it. */
function readLimit(context: IExecuteSingleFunctions, entries: string): void {
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
			description: `Set Limit to how many ${entries} to output (e.g. 50), or turn on Return All.`,
		},
	);
}

export function listOperationFor(spec: ListOperationSpec): INodePropertyOptions {
	const action = spec.action.charAt(0).toLowerCase() + spec.action.slice(1);
	const toJson = spec.toJson ?? ((entry: Entry) => entry);
	async function listEntries(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		readLimit(this, action.replace(/^list /, ''));
		const body = await fetchList(this, transportOptions(requestData), spec.url, action);
		return extractList(body).map((entry) => ({
			json: toJson(entry) as INodeExecutionData['json'],
			pairedItem: { item: this.getItemIndex() },
		}));
	}
	return {
		name: 'List',
		value: 'list',
		action: spec.action,
		description: spec.description,
		routing: ownRouting({ method: 'GET', url: spec.url }, listEntries),
	};
}

/** The Return All and Limit fields of a list operation. */
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
			// The engine cuts the output to this many items.
			routing: { output: { maxResults: '={{$value}}' } },
		},
	];
}
