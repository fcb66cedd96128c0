/**
 * The routing hooks of the SortedPRO node: validation before anything is sent, and the
 * executors of the operations that make one request per item (the bulk ones are in
 * bulkOperations.ts). The routing engine builds each request
 * (base URL, method, path, body) from the node's parameters; these hooks decide what a
 * SortedPRO answer means, which the engine alone cannot (a 404 list is empty, a 202 is not
 * done, a summary's reference hides in a link).
 */
import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	parseConsignmentReferences,
	type RejectedReference,
} from '../helpers/consignmentReferences';
import { extractLabelFiles, labelFileName } from '../helpers/labels';
import { extractCarrierServices, unusableListReason } from '../helpers/carrierServices';
import {
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
	type SortedProResponse,
} from '../transport';

const CARRIER_SERVICE_REFERENCE = /^[A-Za-z0-9_.:\- ]+$/;

/** preSend: the carrier service must be a plausible reference before anything is sent. */
export async function validateCarrierServiceReference(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const raw = this.getNodeParameter('carrierService', undefined, { extractValue: true }) as unknown;
	const reference = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!reference) {
		throw new NodeOperationError(this.getNode(), 'No carrier service chosen', {
			itemIndex: this.getItemIndex(),
			description:
				'Pick a carrier service from the list, or switch "Carrier Service" to "By Reference" and enter its reference (the Service Code in SortedPRO, e.g. MPD_RMDTPS48HNAUT).',
		});
	}
	if (reference.length > 100 || !CARRIER_SERVICE_REFERENCE.test(reference)) {
		throw new NodeOperationError(
			this.getNode(),
			`"${reference.slice(0, 60)}" is not a carrier service reference`,
			{
				itemIndex: this.getItemIndex(),
				description:
					'A carrier service reference is a code such as MPD_RMDTPS48HNAUT (the Service Code in SortedPRO). Pick the service from the list to be sure.',
			},
		);
	}
	const body = (requestOptions.body ?? {}) as Record<string, unknown>;
	return { ...requestOptions, body: { ...body, MpdCarrierServiceReference: reference } };
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
				...rejected.map((entry) => `- "${entry.value}": ${entry.reason}`),
				'Nothing was sent to SortedPRO. A consignment reference looks like EC-000-05A-Z6S; separate several with commas, spaces or new lines.',
			].join('\n'),
		},
	);
}

/** preSend: turns whatever was mapped into a clean list of references, or fails naming the bad values. */
export async function validateConsignmentReferences(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const raw = this.getNodeParameter('consignmentReferences', '') as unknown;
	const { references, rejected } = parseConsignmentReferences(raw);
	if (rejected.length > 0) throw rejectedReferencesError(this, rejected);
	if (references.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No consignment references given', {
			itemIndex: this.getItemIndex(),
			description:
				'Enter at least one reference such as EC-000-05A-Z6S, or map the field of the previous node that holds it. If it is mapped, that field is empty for this item.',
		});
	}
	const body = (requestOptions.body ?? {}) as Record<string, unknown>;
	return { ...requestOptions, body: { ...body, ConsignmentReferences: references } };
}

/** preSend: exactly one valid reference, placed in the path (encoded, as SortedPRO asks). */
export async function validateConsignmentReference(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const raw = this.getNodeParameter('consignmentReference', '') as unknown;
	const { references, rejected } = parseConsignmentReferences(raw);
	const itemIndex = this.getItemIndex();
	if (rejected.length > 0) throw rejectedReferencesError(this, rejected);
	if (references.length !== 1) {
		throw new NodeOperationError(
			this.getNode(),
			references.length === 0
				? 'No consignment reference given'
				: `${this.getNodeParameter('operation', '') === 'getLabel' ? 'Get Label' : 'Get'} takes one consignment reference, got ${references.length}`,
			{
				itemIndex,
				description:
					references.length === 0
						? 'Enter a reference such as EC-000-05A-Z6S, or map the field of the previous node that holds it.'
						: 'Map one reference per item; to get several consignments, send one item per reference (e.g. with a Split Out node).',
			},
		);
	}
	return {
		...requestOptions,
		url: `${requestOptions.url ?? ''}/${encodeURIComponent(references[0])}`,
	};
}

const LABEL_FORMATS = ['PDF', 'PNG', 'ZPL', 'ZPLII'];

/** preSend: `/labels/{ref}` becomes `/labels/{ref}/{format}` unless the account's own format is wanted. */
export async function appendLabelFormat(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const format = String(this.getNodeParameter('labelFormat', '') ?? '')
		.trim()
		.toUpperCase();
	if (format && !LABEL_FORMATS.includes(format)) {
		throw new NodeOperationError(this.getNode(), `"${format.slice(0, 20)}" is not a label format`, {
			itemIndex: this.getItemIndex(),
			description: `Use one of ${LABEL_FORMATS.join(', ')}, or leave Label Format as configured in SortedPRO.`,
		});
	}
	return format
		? { ...requestOptions, url: `${requestOptions.url ?? ''}/${format}` }
		: requestOptions;
}

/** The consignment reference (and label format) a preSend put in the path, decoded. */
function pathSegmentsAfter(url: string | undefined, prefix: string): string[] {
	return (url ?? '')
		.slice(prefix.length)
		.split('/')
		.filter(Boolean)
		.map((segment) => decodeURIComponent(segment));
}

/** Output items paired with the input item they came from. */
export function withPairing(
	items: Array<Record<string, unknown>>,
	itemIndex: number,
): INodeExecutionData[] {
	return items.map((json) => ({
		json: json as INodeExecutionData['json'],
		pairedItem: { item: itemIndex },
	}));
}

/** Executor of List Carrier Services: one item per service; a 404 means the account has none. */
export async function listCarrierServices(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const action = 'list carrier services';
	const answer = await sendToSortedPro.call(
		this,
		requestData.options as IHttpRequestOptions,
		action,
	);
	if (answer.statusCode === 404) return [];
	if (!isSuccess(answer)) throw errorForResponse(this, answer, action);
	const unusable = unusableListReason(answer.body);
	if (unusable) throw errorForUnusableResponse(this, action, unusable);
	return withPairing(extractCarrierServices(answer.body), this.getItemIndex());
}

function errorForUnknownConsignment(
	context: IExecuteSingleFunctions,
	answer: SortedProResponse,
	action: string,
	reference: string,
) {
	return errorForResponse(
		context,
		answer,
		action,
		'Check the reference for typos, and that the consignment belongs to the account and environment of the credential.',
		`SortedPRO has no consignment ${reference}`,
	);
}

/** Executor of Consignment > Get: the consignment as SortedPRO returns it. */
export async function getConsignment(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const [reference] = pathSegmentsAfter(requestData.options.url, '/consignments');
	const action = `get consignment ${reference}`;
	const answer = await sendToSortedPro.call(
		this,
		requestData.options as IHttpRequestOptions,
		action,
	);
	if (answer.statusCode === 404) throw errorForUnknownConsignment(this, answer, action, reference);
	if (!isSuccess(answer)) throw errorForResponse(this, answer, action);
	if (typeof answer.body !== 'object' || answer.body === null || Array.isArray(answer.body)) {
		throw errorForUnusableResponse(
			this,
			action,
			typeof answer.body === 'string'
				? 'the answer was not JSON'
				: 'the answer held no consignment',
		);
	}
	return withPairing([answer.body as Record<string, unknown>], this.getItemIndex());
}

const LABEL_HINT =
	'Labels exist only once a consignment is allocated: allocate it first, or check its state with Consignment > Get.';

/** Executor of Consignment > Get Label: SortedPRO's base64 label file as n8n binary data. */
export async function downloadLabel(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const [reference, requestedFormat] = pathSegmentsAfter(requestData.options.url, '/labels');
	const action = `get the label of consignment ${reference}`;
	const options = requestData.options as IHttpRequestOptions;
	const answer = await sendToSortedPro.call(this, options, action);
	if (answer.statusCode === 404) {
		// "No label" and "no consignment" look alike; the consignment record tells them apart.
		const consignment = await sendToSortedPro.call(
			this,
			{ ...options, url: `/consignments/${encodeURIComponent(reference)}` },
			`look up consignment ${reference}`,
		);
		if (!isSuccess(consignment)) throw errorForUnknownConsignment(this, answer, action, reference);
		const state = (consignment.body as { ConsignmentState?: unknown } | undefined)
			?.ConsignmentState;
		throw errorForResponse(
			this,
			answer,
			action,
			`${LABEL_HINT}${typeof state === 'string' ? ` The consignment is in state ${state}.` : ''}`,
			`SortedPRO has no label for consignment ${reference}${typeof state === 'string' ? ` (state ${state})` : ''}`,
		);
	}
	if (!isSuccess(answer)) {
		const aboutTheConsignment = [400, 409, 422].includes(answer.statusCode);
		throw errorForResponse(this, answer, action, aboutTheConsignment ? LABEL_HINT : undefined);
	}
	const files = extractLabelFiles(answer.body);
	if (files.length === 0) {
		throw errorForUnusableResponse(
			this,
			action,
			typeof answer.body === 'string' ? 'the answer was not JSON' : 'the answer held no label file',
		);
	}
	const binaryPropertyName =
		String(this.getNodeParameter('binaryPropertyName', 'data')).trim() || 'data';
	const items: INodeExecutionData[] = [];
	for (const [index, file] of files.entries()) {
		const fileName = labelFileName(
			reference,
			file.contentType,
			requestedFormat,
			files.length > 1 ? index + 1 : undefined,
		);
		const binary = await this.helpers.prepareBinaryData(file.content, fileName, file.contentType);
		items.push({
			json: {
				ConsignmentReference: reference,
				LabelFormat: requestedFormat ?? 'As configured',
				ContentType: file.contentType,
				FileName: fileName,
				FileSize: file.content.length,
				...(files.length > 1 ? { LabelNumber: index + 1 } : {}),
			},
			binary: { [binaryPropertyName]: binary },
			pairedItem: { item: this.getItemIndex() },
		});
	}
	return items;
}
