/**
 * The "From list" / "By ID" resource locator of an allocation mode, and the reading of its value:
 * Allocate With Carrier Service and Allocate With Service Group pick their target the same way.
 */
import {
	NodeOperationError,
	type IExecuteSingleFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { visible } from '../../helpers/consignmentReferences';

export interface LocatorFieldSpec {
	displayName: string;
	name: string;
	operation: string;
	description: string;
	searchListMethod: string;
	listPlaceholder: string;
	idPlaceholder: string;
	hint: string;
	regex: string;
	errorMessage: string;
}

export function locatorField(spec: LocatorFieldSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { resource: ['consignment'], operation: [spec.operation] } },
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: spec.listPlaceholder,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				// n8n labels a mode named "id" "By ID" whatever its display name; the words match.
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.idPlaceholder,
				hint: spec.hint,
				validation: [
					{
						type: 'regex',
						properties: { regex: spec.regex, errorMessage: spec.errorMessage },
					},
				],
			},
		],
	};
}

export interface LocatorWords {
	/** The error when nothing was chosen, and what to do. */
	missing: string;
	missingDescription: string;
	/** The error when the value cannot be a reference (`shown` is its first 60 characters). */
	invalid: (shown: string) => string;
	invalidDescription: string;
}

/** The locator's reference, trimmed and plausible, or an error naming what was given. */
export function readLocatorReference(
	context: IExecuteSingleFunctions,
	parameter: string,
	isPlausible: (reference: string) => boolean,
	words: LocatorWords,
): string {
	const raw = context.getNodeParameter(parameter, undefined, { extractValue: true }) as unknown;
	const reference = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!reference) {
		throw new NodeOperationError(context.getNode(), words.missing, {
			itemIndex: context.getItemIndex(),
			description: words.missingDescription,
		});
	}
	if (!isPlausible(reference)) {
		throw new NodeOperationError(
			context.getNode(),
			words.invalid(visible(reference.slice(0, 60))),
			{
				itemIndex: context.getItemIndex(),
				description: words.invalidDescription,
			},
		);
	}
	return reference;
}
