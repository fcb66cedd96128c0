/**
 * The consignment-reference fields shared by the consignment operations, and the one typed
 * function per field that turns what was mapped into clean references or fails naming the bad
 * values, before anything is sent.
 *
 * Each field is ONE property shown for every operation that uses it, not one per operation:
 * n8n's routing engine evaluates the value of every property of the node for every item, shown
 * or not, twice (docs/adr/0004). A mapped expression under a name declared by nine operations
 * would be evaluated eighteen times per item.
 */
import {
	NodeOperationError,
	type IExecuteSingleFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import {
	parseConsignmentReferences,
	type RejectedReference,
} from '../../helpers/consignmentReferences';

const REFERENCE_HELP =
	'A consignment reference looks like EC-123-456-789; separate several with commas, spaces or new lines.';

/** The one-reference field of the operations that act on a single consignment. */
export function consignmentReferenceField(operations: string[]): INodeProperties {
	return {
		displayName: 'Consignment Reference',
		name: 'consignmentReference',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. EC-123-456-789',
		displayOptions: { show: { resource: ['consignment'], operation: operations } },
		description: 'The reference of the consignment, as shown in SortedPRO',
	};
}

/** The reference-list field of the bulk operations. */
export function consignmentReferencesField(operations: string[]): INodeProperties {
	return {
		displayName: 'Consignment References',
		name: 'consignmentReferences',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. EC-123-456-789, EC-123-456-790',
		displayOptions: { show: { resource: ['consignment'], operation: operations } },
		description:
			'One reference, several separated by commas, semicolons, spaces or new lines, or an expression giving a list',
		hint: 'The references of all input items are sent together, 100 per request',
	};
}

/** Names every value that cannot be a consignment reference, and why. */
function rejectedReferencesError(
	context: IExecuteSingleFunctions,
	rejected: RejectedReference[],
): NodeOperationError {
	const first = rejected[0];
	return new NodeOperationError(
		context.getNode(),
		rejected.length === 1
			? `"${first.value}" is not a valid consignment reference`
			: `${rejected.length} values are not valid consignment references, starting with "${first.value}"`,
		{
			itemIndex: context.getItemIndex(),
			description: [
				`Not valid: ${rejected.map((entry) => `"${entry.value}", ${entry.reason}`).join('; ')}.`,
				`Nothing was sent to SortedPRO. ${REFERENCE_HELP}`,
			].join('\n'),
		},
	);
}

/** The references of `consignmentReferences`: at least one, every one well-formed. */
export function readConsignmentReferences(context: IExecuteSingleFunctions): string[] {
	const raw = context.getNodeParameter('consignmentReferences', '') as unknown;
	const { references, rejected } = parseConsignmentReferences(raw);
	if (rejected.length > 0) throw rejectedReferencesError(context, rejected);
	if (references.length === 0) {
		throw new NodeOperationError(context.getNode(), 'No consignment references given', {
			itemIndex: context.getItemIndex(),
			description:
				'Enter at least one reference such as EC-123-456-789, or map the field ' +
				'of the previous node that holds it. If it is mapped, that field is ' +
				'empty for this item.',
		});
	}
	return references;
}

/** The one reference of `consignmentReference`; `operationName` is how the user knows the operation. */
export function readConsignmentReference(
	context: IExecuteSingleFunctions,
	operationName: string,
): string {
	const raw = context.getNodeParameter('consignmentReference', '') as unknown;
	const { references, rejected } = parseConsignmentReferences(raw);
	if (rejected.length > 0) throw rejectedReferencesError(context, rejected);
	if (references.length === 1) return references[0];
	throw new NodeOperationError(
		context.getNode(),
		references.length === 0
			? 'No consignment reference given'
			: `${operationName} takes one consignment reference, got ${references.length}`,
		{
			itemIndex: context.getItemIndex(),
			description:
				references.length === 0
					? 'Enter a reference such as EC-123-456-789, or map the field of the previous node that holds it.'
					: 'Map one reference per item; to act on several consignments, send one ' +
						'item per reference (e.g. with a Split Out node).',
		},
	);
}
