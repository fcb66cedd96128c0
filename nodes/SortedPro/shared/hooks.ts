/**
 * The routing hooks of the SortedPRO node: validation before anything is sent, and the
 * executors that own a whole operation's requests. The routing engine builds each request
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
	MAX_REFERENCES_PER_REQUEST,
	chunk,
	parseConsignmentReferences,
	type RejectedReference,
} from '../helpers/consignmentReferences';
import { matchAllocationSummaries, reasonsByReference } from '../helpers/allocationSummary';
import {
	PENDING_REASON,
	describeOtherItems,
	describeProgress,
	describeUnallocated,
	toOutputJson,
	type ReferenceResult,
} from '../helpers/allocationReport';
import { interpretConsignment } from '../helpers/consignmentState';
import { extractLabelFiles, labelFileName } from '../helpers/labels';
import { extractCarrierServices, unusableListReason } from '../helpers/carrierServices';
import { errorForAnswer, errorForUnusableAnswer, isSuccess, sendToSortedPro, type SortedProAnswer } from './transport';

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
		throw new NodeOperationError(this.getNode(), `"${reference.slice(0, 60)}" is not a carrier service reference`, {
			itemIndex: this.getItemIndex(),
			description:
				'A carrier service reference is a code such as MPD_RMDTPS48HNAUT (the Service Code in SortedPRO). Pick the service from the list to be sure.',
		});
	}
	const body = (requestOptions.body ?? {}) as Record<string, unknown>;
	return { ...requestOptions, body: { ...body, MpdCarrierServiceReference: reference } };
}

/** Names every value that cannot be a consignment reference, and why. */
function rejectedReferencesError(context: IExecuteSingleFunctions, rejected: RejectedReference[]): NodeOperationError {
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
			references.length === 0 ? 'No consignment reference given' : `Get takes one consignment reference, got ${references.length}`,
			{
				itemIndex,
				description:
					references.length === 0
						? 'Enter a reference such as EC-000-05A-Z6S, or map the field of the previous node that holds it.'
						: 'Map one reference per item; to get several consignments, send one item per reference (e.g. with a Split Out node).',
			},
		);
	}
	return { ...requestOptions, url: `${requestOptions.url ?? ''}/${encodeURIComponent(references[0])}` };
}

/** preSend: `/labels/{ref}` becomes `/labels/{ref}/{format}` unless the account's own format is wanted. */
export async function appendLabelFormat(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const format = String(this.getNodeParameter('labelFormat', '') ?? '');
	return format ? { ...requestOptions, url: `${requestOptions.url ?? ''}/${format}` } : requestOptions;
}

/** The consignment reference (and label format) a preSend put in the path, decoded. */
function pathSegmentsAfter(url: string | undefined, prefix: string): string[] {
	return (url ?? '')
		.slice(prefix.length)
		.split('/')
		.filter(Boolean)
		.map((segment) => decodeURIComponent(segment));
}

function withPairing(items: Array<Record<string, unknown>>, itemIndex: number): INodeExecutionData[] {
	return items.map((json) => ({ json: json as INodeExecutionData['json'], pairedItem: { item: itemIndex } }));
}

/** Executor of List Carrier Services: one item per service; a 404 means the account has none. */
export async function listCarrierServices(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const action = 'list carrier services';
	const answer = await sendToSortedPro.call(this, requestData.options as IHttpRequestOptions, action);
	if (answer.statusCode === 404) return [];
	if (!isSuccess(answer)) throw errorForAnswer(this, answer, action);
	const unusable = unusableListReason(answer.body);
	if (unusable) throw errorForUnusableAnswer(this, action, unusable);
	return withPairing(extractCarrierServices(answer.body), this.getItemIndex());
}

function errorForUnknownConsignment(context: IExecuteSingleFunctions, answer: SortedProAnswer, action: string, reference: string) {
	return errorForAnswer(
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
	const answer = await sendToSortedPro.call(this, requestData.options as IHttpRequestOptions, action);
	if (answer.statusCode === 404) throw errorForUnknownConsignment(this, answer, action, reference);
	if (!isSuccess(answer)) throw errorForAnswer(this, answer, action);
	if (typeof answer.body !== 'object' || answer.body === null || Array.isArray(answer.body)) {
		throw errorForUnusableAnswer(this, action, typeof answer.body === 'string' ? 'the answer was not JSON' : 'the answer held no consignment');
	}
	return withPairing([answer.body as Record<string, unknown>], this.getItemIndex());
}

/** Executor of Consignment > Get Label: SortedPRO's base64 label file as n8n binary data. */
export async function downloadLabel(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const [reference, requestedFormat] = pathSegmentsAfter(requestData.options.url, '/labels');
	const action = `get the label of consignment ${reference}`;
	const answer = await sendToSortedPro.call(this, requestData.options as IHttpRequestOptions, action);
	if (answer.statusCode === 404) throw errorForUnknownConsignment(this, answer, action, reference);
	if (!isSuccess(answer)) {
		throw errorForAnswer(this, answer, action, 'Labels exist only once a consignment is allocated: allocate it first, or check its state with Consignment > Get.');
	}
	const files = extractLabelFiles(answer.body);
	if (files.length === 0) {
		throw errorForUnusableAnswer(this, action, typeof answer.body === 'string' ? 'the answer was not JSON' : 'the answer held no label file');
	}
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', 'data')).trim() || 'data';
	const items: INodeExecutionData[] = [];
	for (const [index, file] of files.entries()) {
		const fileName = labelFileName(reference, file.contentType, requestedFormat, files.length > 1 ? index + 1 : undefined);
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

const LOOKUP_CONCURRENCY = 5;

type Unexplained = { reference: string; status: 'unexplained' };
type ChunkResult = ReferenceResult | Unexplained;

/**
 * Where SortedPRO left a consignment out of its answer without a word, the consignment itself
 * says what happened: allocated after all, still allocating, or why it failed.
 */
async function lookUpConsignment(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	reference: string,
	carrierService: string,
): Promise<ReferenceResult> {
	const { baseURL, timeout, proxy, skipSslCertificateValidation, allowedDomains } = requestOptions;
	let answer;
	try {
		answer = await sendToSortedPro.call(
			this,
			{ method: 'GET', baseURL, url: `/consignments/${encodeURIComponent(reference)}`, timeout, proxy, skipSslCertificateValidation, allowedDomains },
			`look up consignment ${reference}`,
		);
	} catch {
		return { reference, status: 'failed', reason: 'SortedPRO did not allocate it and gave no reason (looking up the consignment for one failed too: no answer).' };
	}
	if (answer.statusCode === 404) {
		return { reference, status: 'failed', reason: 'SortedPRO has no consignment with this reference: check it for typos, and that it belongs to this account and environment.' };
	}
	if (!isSuccess(answer)) {
		return { reference, status: 'failed', reason: `SortedPRO did not allocate it and gave no reason (looking up the consignment for one failed too: HTTP ${answer.statusCode}).` };
	}
	return interpretConsignment(reference, answer.body, carrierService);
}

async function explainUnexplained(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	results: readonly ChunkResult[],
	carrierService: string,
): Promise<ReferenceResult[]> {
	const explained = [...results];
	const missing = explained.map((result, index) => ({ result, index })).filter(({ result }) => result.status === 'unexplained');
	for (const batch of chunk(missing, LOOKUP_CONCURRENCY)) {
		const found = await Promise.all(batch.map(({ result }) => lookUpConsignment.call(this, requestOptions, result.reference, carrierService)));
		batch.forEach(({ index }, position) => (explained[index] = found[position]));
	}
	return explained as ReferenceResult[];
}

interface ChunkFailure {
	error: Error & { description?: string | null };
	/** References of the request that failed. */
	inFlight: string[];
	/** After a time-out or a 5xx nobody knows whether SortedPRO acted on the request. */
	mayHaveWorked: boolean;
}

/**
 * Sends one request of at most 100 references. A 400 that blames particular consignments fails
 * just those, and the others are sent again without them, so one consignment in the wrong state
 * does not block the rest, whichever way SortedPRO reports it.
 */
async function allocateChunk(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	references: string[],
	action: string,
): Promise<{ results: ChunkResult[]; failure?: ChunkFailure }> {
	const results: ChunkResult[] = [];
	let remaining = references;
	while (remaining.length > 0) {
		const body = { ...(requestOptions.body as Record<string, unknown>), ConsignmentReferences: remaining };
		let answer;
		try {
			answer = await sendToSortedPro.call(this, { ...requestOptions, body }, action);
		} catch (error) {
			const unsent = error instanceof NodeOperationError;
			return { results, failure: { error: error as Error, inFlight: remaining, mayHaveWorked: !unsent } };
		}
		if (answer.statusCode === 202) {
			results.push(...remaining.map((reference) => ({ reference, status: 'pending' as const, reason: PENDING_REASON })));
			break;
		}
		if (answer.statusCode === 400) {
			const blamed = reasonsByReference(remaining, answer.body);
			if (blamed.size === 0) return { results, failure: { error: errorForAnswer(this, answer, action), inFlight: remaining, mayHaveWorked: false } };
			for (const [reference, reason] of blamed) results.push({ reference, status: 'failed', reason });
			remaining = remaining.filter((reference) => !blamed.has(reference));
			continue;
		}
		if (!isSuccess(answer)) {
			const mayHaveWorked = answer.statusCode >= 500;
			return { results, failure: { error: errorForAnswer(this, answer, action), inFlight: remaining, mayHaveWorked } };
		}
		for (const outcome of matchAllocationSummaries(remaining, answer.body)) {
			if (outcome.status === 'allocated') results.push(outcome);
			else if (outcome.status === 'pending') results.push({ reference: outcome.reference, status: 'pending', reason: PENDING_REASON });
			else if (outcome.reason) results.push({ reference: outcome.reference, status: 'failed', reason: outcome.reason });
			else results.push({ reference: outcome.reference, status: 'unexplained' });
		}
		break;
	}
	return { results };
}

/**
 * The references the other input items of this run asked for, so that an error stopping the
 * node can name them. Evaluated from the parameter as the routing engine would for each item.
 */
function otherItemsReferences(this: IExecuteSingleFunctions): string[] {
	try {
		const count = Number(this.evaluateExpression('{{ $input.all().length }}', this.getItemIndex()));
		if (!Number.isInteger(count) || count < 2) return [];
		const raw = this.getNode().parameters.consignmentReferences;
		const own = this.getItemIndex();
		const references: unknown[] = [];
		for (let index = 0; index < count; index++) {
			if (index === own) continue;
			references.push(typeof raw === 'string' && raw.startsWith('=') ? this.evaluateExpression(raw.slice(1), index) : raw);
		}
		return parseConsignmentReferences(references).references;
	} catch {
		return [];
	}
}

/**
 * Executor of Allocate With Carrier Service: sends the references in requests of at most 100,
 * merges the answers, and outputs one item per reference or fails naming every one that was
 * not allocated.
 */
export async function allocateInChunks(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const requestOptions = requestData.options as IHttpRequestOptions;
	const body = requestOptions.body as { MpdCarrierServiceReference: string; ConsignmentReferences: string[] };
	const carrierService = body.MpdCarrierServiceReference;
	const references = body.ConsignmentReferences;
	const action = `allocate consignments with carrier service ${carrierService}`;

	const results: ReferenceResult[] = [];
	const chunks = chunk(references, MAX_REFERENCES_PER_REQUEST);
	for (const [index, references] of chunks.entries()) {
		const sent = await allocateChunk.call(this, requestOptions, references, action);
		results.push(...(await explainUnexplained.call(this, requestOptions, sent.results, carrierService)));
		if (sent.failure) {
			const { error, inFlight, mayHaveWorked } = sent.failure;
			error.description = [
				error.description,
				describeProgress(results, inFlight, mayHaveWorked, chunks.slice(index + 1).flat()),
				describeOtherItems(otherItemsReferences.call(this)),
			]
				.filter(Boolean)
				.join('\n\n');
			throw error;
		}
	}

	// Answers may come back in any order and a retried 400 reorders them; output follows the input.
	const byReference = new Map(results.map((result) => [result.reference, result]));
	const ordered = references.map((reference) => byReference.get(reference)).filter((result): result is ReferenceResult => result !== undefined);

	const outputFailed = this.getNodeParameter('options.outputFailedAllocations', false) as boolean;
	if (!outputFailed && ordered.some((result) => result.status !== 'allocated')) {
		const { message, description } = describeUnallocated(ordered, carrierService);
		throw new NodeOperationError(this.getNode(), message, {
			itemIndex: this.getItemIndex(),
			description: [description, describeOtherItems(otherItemsReferences.call(this))].filter(Boolean).join('\n\n'),
		});
	}
	return withPairing(ordered.map(toOutputJson), this.getItemIndex());
}
