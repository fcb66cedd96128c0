/**
 * Get Label: `GET /labels/{ref}` or `GET /labels/{ref}/{format}`; SortedPRO's base64 file
 * (`{File, ContentType}`, or a list of them for several packages) becomes n8n binary data. A 404
 * is either "no label yet" or "no such consignment": the consignment record tells which.
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
import { extractLabelFiles, labelFileName } from '../../helpers/labels';
import {
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
} from '../../transport';
import { ownRouting } from '../ownRouting';
import { readConsignmentReference } from './referenceFields';
import { errorIfAboutOtherConsignment } from './consignmentErrors';
import { stateAfterNotFound } from './stateAfterNotFound';

const OPERATION = 'getLabel';
const LABEL_FORMATS = ['PDF', 'PNG', 'ZPL', 'ZPLII'];
const LABEL_HINT =
	'Labels exist only once a consignment is allocated: allocate it first, or check its state with Consignment > Get.';

interface GetLabelParameters {
	reference: string;
	/** Undefined: the format configured in SortedPRO. */
	format?: string;
	binaryPropertyName: string;
}

function readParameters(context: IExecuteSingleFunctions): GetLabelParameters {
	const reference = readConsignmentReference(context, 'Get Label');
	const format = String(context.getNodeParameter('labelFormat', '') ?? '')
		.trim()
		.toUpperCase();
	if (format && !LABEL_FORMATS.includes(format)) {
		throw new NodeOperationError(
			context.getNode(),
			`"${format.slice(0, 20)}" is not a label format`,
			{
				itemIndex: context.getItemIndex(),
				description: `Use one of ${LABEL_FORMATS.join(', ')}, or leave Label Format as configured in SortedPRO.`,
			},
		);
	}
	const binaryPropertyName =
		String(context.getNodeParameter('binaryPropertyName', 'data')).trim() || 'data';
	return { reference, format: format || undefined, binaryPropertyName };
}

async function getLabel(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { reference, format, binaryPropertyName } = readParameters(this);
	const options = transportOptions(requestData);
	const path = encodeURIComponent(reference);
	const action = `get the label of consignment ${reference}`;
	const url = format ? `/labels/${path}/${format}` : `/labels/${path}`;
	const response = await sendToSortedPro.call(this, { ...options, method: 'GET', url }, action);

	if (response.statusCode === 404) {
		const inState = await stateAfterNotFound(
			this,
			options,
			reference,
			response,
			action,
			LABEL_HINT,
		);
		throw errorForResponse(
			this,
			response,
			action,
			`${LABEL_HINT}${inState ? ` The consignment is in state ${inState}.` : ''}`,
			`SortedPRO has no label for consignment ${reference}${inState ? ` (state ${inState})` : ''}`,
		);
	}
	if (!isSuccess(response)) {
		const aboutTheConsignment = [400, 409, 422].includes(response.statusCode);
		// Only a refusal about a consignment can be about the wrong one; a 401 or 429 keeps its advice.
		const aboutOther =
			aboutTheConsignment && errorIfAboutOtherConsignment(this, response, action, reference);
		if (aboutOther) throw aboutOther;
		throw errorForResponse(this, response, action, aboutTheConsignment ? LABEL_HINT : undefined);
	}

	const files = extractLabelFiles(response.body);
	if (files.length === 0) {
		const reason =
			typeof response.body === 'string'
				? 'the answer was not JSON'
				: 'the answer held no label file';
		throw errorForUnusableResponse(this, action, reason);
	}
	const items: INodeExecutionData[] = [];
	for (const [index, file] of files.entries()) {
		const number = files.length > 1 ? index + 1 : undefined;
		const fileName = labelFileName(reference, file.contentType, format, number);
		const binary = await this.helpers.prepareBinaryData(file.content, fileName, file.contentType);
		items.push({
			json: {
				ConsignmentReference: reference,
				LabelFormat: format ?? 'As configured',
				ContentType: file.contentType,
				FileName: fileName,
				FileSize: file.content.length,
				...(number ? { LabelNumber: number } : {}),
			},
			binary: { [binaryPropertyName]: binary },
			pairedItem: { item: this.getItemIndex() },
		});
	}
	return items;
}

export const getLabelOperation: INodePropertyOptions = {
	name: 'Get Label',
	value: OPERATION,
	action: 'Get the label of a consignment',
	description: 'Download the shipping label of an allocated consignment as a file',
	// Our own transport sends it, and a 404 needs a second request to tell its meaning: docs/adr/0001.
	routing: ownRouting(
		{ method: 'GET', url: '/labels/{consignmentReference}/{labelFormat}' },
		getLabel,
	),
};

export const getLabelFields: INodeProperties[] = [
	{
		displayName: 'Label Format',
		name: 'labelFormat',
		type: 'options',
		default: '',
		displayOptions: { show: { resource: ['consignment'], operation: [OPERATION] } },
		options: [
			{ name: 'As Configured in SortedPRO', value: '' },
			{ name: 'PDF', value: 'PDF' },
			{ name: 'PNG', value: 'PNG' },
			{ name: 'ZPL', value: 'ZPL' },
			{ name: 'ZPL II', value: 'ZPLII' },
		],
		description: 'The file format of the label; ZPL is for thermal label printers',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { resource: ['consignment'], operation: [OPERATION] } },
		hint: 'The name of the output binary field to put the label file in',
	},
];
