/**
 * What Deallocate and Cancel share: a bulk operation on a list endpoint whose body is the bare
 * array of references and whose answer is one `WithMessage` result per consignment.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { BulkOperation } from '../../bulk/engine';
import { toLifecycleJson, type LifecycleKind } from '../../helpers/lifecycle';
import { matchManifestResults } from '../../helpers/manifestResults';

export function lifecycleOperation(
	kind: LifecycleKind,
	action: string,
	url: string,
): BulkOperation {
	return {
		action,
		words: kind.words,
		outputFailedParameter: `options.${kind.outputFailedParameter}`,
		request: (references) => ({ method: 'PUT', url, body: references }),
		readResponse: (references, body) =>
			matchManifestResults(
				references,
				body,
				`SortedPRO did not say it was ${kind.words.verb} and gave no reason`,
			),
		readConsignment: kind.readConsignment,
		pendingReason: kind.pendingReason,
		toJson: (outcome) => toLifecycleJson(kind, outcome),
		advise: kind.advise,
	};
}

/** The options collection with the Output Failed option of `kind`. */
export function lifecycleOptions(operation: string, kind: LifecycleKind): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['consignment'], operation: [operation] } },
		options: [
			{
				displayName: kind.words.outputFailedOption,
				name: kind.outputFailedParameter,
				type: 'boolean',
				default: false,
				description:
					`Whether to output an item for each consignment that was not ` +
					`${kind.words.verb} (with ${kind.flag} false and its FailureReason) ` +
					`instead of failing the node`,
			},
		],
	};
}
