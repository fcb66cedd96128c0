/**
 * Get Quotes: `GET /quotes/consignment/{ref}`, one item per quote (cheapest first) and one per
 * carrier service that could not quote, with its reason.
 */
import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { transportOptions } from '../../bulk/engine';
import {
	describeUnavailable,
	extractQuoteResult,
	quotedForOtherConsignment,
	toQuoteItems,
} from '../../helpers/quotes';
import {
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
} from '../../transport';
import { ownRouting } from '../ownRouting';
import { errorForUnknownConsignment } from './consignmentErrors';
import { readConsignmentReference } from './referenceFields';

const OPERATION = 'getQuotes';

async function getQuotes(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const reference = readConsignmentReference(this, 'Get Quotes');
	const includeUnavailable = this.getNodeParameter(
		'options.includeUnavailableServices',
		true,
	) as boolean;
	const action = `get quotes for consignment ${reference}`;
	const response = await sendToSortedPro.call(
		this,
		{
			...transportOptions(requestData),
			method: 'GET',
			url: `/quotes/consignment/${encodeURIComponent(reference)}`,
		},
		action,
	);
	if (response.statusCode === 404)
		throw errorForUnknownConsignment(this, response, action, reference);
	if (!isSuccess(response)) {
		throw errorForResponse(
			this,
			response,
			action,
			response.statusCode === 400
				? 'Quotes are given for consignments that are not allocated yet (state Unallocated or ' +
						'AllocationFailed): check its state with Consignment > Get, and deallocate it first to ' +
						'compare quotes.'
				: undefined,
		);
	}
	if (typeof response.body !== 'object' || response.body === null)
		throw errorForUnusableResponse(
			this,
			action,
			typeof response.body === 'string' ? 'the answer was not JSON' : 'the answer held no quotes',
		);
	const result = extractQuoteResult(response.body);
	const other = quotedForOtherConsignment(result, reference);
	if (other !== null)
		throw errorForUnusableResponse(
			this,
			action,
			`the quotes were for consignment ${other.slice(0, 50)}, not ${reference}`,
			response.body,
		);
	const items = toQuoteItems(reference, result, { includeUnavailable });
	// Without a single quote nothing can be allocated with one: say why rather than pass on nothing.
	if (result.quotes.length === 0) {
		const unavailable = describeUnavailable(result);
		throw new NodeOperationError(
			this.getNode(),
			`No carrier service could quote for ${reference}`,
			{
				itemIndex: this.getItemIndex(),
				description: [
					result.message ? `SortedPRO said: ${result.message.replace(/[.\s]+$/, '')}.` : '',
					unavailable ? `Services that could not quote: ${unavailable}` : '',
					'Check the consignment (addresses, packages, shipping date) and the carrier services of the account.',
				]
					.filter(Boolean)
					.join('\n'),
			},
		);
	}
	const item = this.getItemIndex();
	return items.map((json) => ({ json: json as INodeExecutionData['json'], pairedItem: { item } }));
}

export const getQuotesOperation: INodePropertyOptions = {
	name: 'Get Quotes',
	value: OPERATION,
	action: 'Get quotes for a consignment',
	description: 'Get the price and delivery dates each carrier service quotes for a consignment',
	// Our own transport sends it, so that no transport error carries the key: docs/adr/0001.
	routing: ownRouting(
		{ method: 'GET', url: '/quotes/consignment/{consignmentReference}' },
		getQuotes,
	),
};

export const getQuotesFields: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['consignment'], operation: [OPERATION] } },
		options: [
			{
				displayName: 'Include Services That Could Not Quote',
				name: 'includeUnavailableServices',
				type: 'boolean',
				default: true,
				description:
					'Whether to output an item (with Available false and its ExclusionReason) for each service that could not quote',
			},
		],
	},
];
