/**
 * Allocate With Quote: `PUT /allocation/{ref}/allocatewithquote/{quoteReference}`, with a
 * QuoteReference from Get Quotes. Through the bulk engine (one consignment per request) so that
 * the output and failure contract is that of every Allocate.
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
import { otherConsignmentNamed } from '../../helpers/consignmentReferences';
import { QUOTE_REFERENCE, adviceForQuoteFailure } from '../../helpers/quotes';
import { ownRouting } from '../ownRouting';
import { allocationOperation } from './allocation';
import { readConsignmentReference } from './referenceFields';

const OPERATION = 'allocateWithQuote';

function readQuoteReference(context: IExecuteSingleFunctions): string {
	const raw = context.getNodeParameter('quoteReference', '') as unknown;
	const reference = typeof raw === 'string' ? raw.trim() : '';
	if (!QUOTE_REFERENCE.test(reference)) {
		throw new NodeOperationError(
			context.getNode(),
			reference
				? `"${reference.slice(0, 60)}" is not a quote reference`
				: 'No quote reference given',
			{
				itemIndex: context.getItemIndex(),
				description:
					'A quote reference is a GUID such as 3f2b8c1e-5d4a-4f7b-9e21-6c0d8a9b1e2f. Map the ' +
					'QuoteReference field of a Consignment > Get Quotes item for this consignment. ' +
					'Nothing was sent to SortedPRO.',
			},
		);
	}
	return reference.replace(/^\{|\}$/g, '');
}

async function allocateWithQuote(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const reference = readConsignmentReference(this, 'Allocate With Quote');
	const quote = readQuoteReference(this);
	const operation = allocationOperation({
		action: `allocate consignments with quote ${quote}`,
		subject: ` with quote ${quote}`,
		referencesPerRequest: 1,
		request: ([consignment]) => ({
			method: 'PUT',
			url: `/allocation/${encodeURIComponent(consignment ?? '')}/allocatewithquote/${encodeURIComponent(quote)}`,
		}),
		advise: (reason) => {
			// A refusal about another consignment (a mixed-up answer) says nothing about this quote.
			const other = otherConsignmentNamed([reason], reference);
			if (other === null) return adviceForQuoteFailure(reason);
			return (
				`SortedPRO's answer was about consignment ${other}, not ${reference}, so the quote may ` +
				'well be right: this is usually temporary or caused by a proxy in between. Run the ' +
				"workflow again, or turn on Retry On Fail in the node's Settings."
			);
		},
	});
	return await runBulkOperation(this, requestData, [reference], operation);
}

export const allocateWithQuoteOperation: INodePropertyOptions = {
	name: 'Allocate With Quote',
	value: OPERATION,
	action: 'Allocate with a quote',
	description: 'Allocate a consignment to the carrier service of one of its quotes',
	// The bulk engine sends it, so that the Allocate contract holds: docs/adr/0002.
	routing: ownRouting(
		{
			method: 'PUT',
			url: '/allocation/{consignmentReference}/allocatewithquote/{quoteReference}',
		},
		allocateWithQuote,
	),
};

export const allocateWithQuoteFields: INodeProperties[] = [
	{
		displayName: 'Quote Reference',
		name: 'quoteReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3f2b8c1e-5d4a-4f7b-9e21-6c0d8a9b1e2f',
		displayOptions: { show: { resource: ['consignment'], operation: [OPERATION] } },
		description: 'The QuoteReference of a quote from Get Quotes for this consignment',
		hint: 'Map {{ $json.QuoteReference }} from Get Quotes; quotes expire at their ExpiryDate',
	},
];
