/**
 * The bulk operations, Allocate With Carrier Service and Manifest: what their answers mean for
 * each consignment. The sending itself (chunks, 400 blame, lookups) is referenceBatches.ts.
 */
import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IExecutePaginationFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	PENDING_REASON,
	describeUnallocated,
	toOutputJson,
	type ReferenceResult,
} from '../helpers/allocationReport';
import { matchAllocationSummaries } from '../helpers/allocationSummary';
import { interpretConsignment } from '../helpers/consignmentState';
import {
	MANIFEST_PENDING_REASON,
	describeUnmanifested,
	interpretManifestState,
	matchManifestResults,
	toManifestJson,
	type ManifestResult,
} from '../helpers/manifestResults';
import { withPairing } from './hooks';
import {
	otherItemsNote,
	sendReferencesInBulk,
	type BulkOperation,
	type Unexplained,
} from './referenceBatches';
import { isSuccess, type SortedProResponse } from '../transport';

/**
 * One item per reference when every one succeeded or the "Output Failed ..." option is on;
 * otherwise the item fails naming each reference that did not, and the other items' ones.
 */
function outputOrFail<R>(
	context: IExecutePaginationFunctions,
	results: R[],
	how: {
		outputFailedOption: string;
		succeeded: (result: R) => boolean;
		describeFailures: (results: R[]) => { message: string; description: string };
		toJson: (result: R) => Record<string, unknown>;
	},
): INodeExecutionData[] {
	const outputFailed = context.getNodeParameter(how.outputFailedOption, false) as boolean;
	if (!outputFailed && !results.every(how.succeeded)) {
		const { message, description } = how.describeFailures(results);
		throw new NodeOperationError(context.getNode(), message, {
			itemIndex: context.getItemIndex(),
			description: [description, otherItemsNote(context)].filter(Boolean).join('\n\n'),
		});
	}
	return withPairing(results.map(how.toJson), context.getItemIndex());
}

/**
 * What a consignment lookup says about one the answer left out or failed: allocated after all
 * (a re-run), still allocating, or why not. `answer` is undefined when the lookup got no answer;
 * a failure the answer already explained keeps its reason unless the consignment turns out allocated.
 */
function explainAllocation(
	reference: string,
	answer: SortedProResponse | undefined,
	carrierService: string,
	previous?: ReferenceResult,
): ReferenceResult {
	if (!answer || !isSuccess(answer)) {
		if (previous) return previous;
		if (!answer)
			return {
				reference,
				status: 'failed',
				reason:
					'SortedPRO did not allocate it and gave no reason (looking up the consignment for one failed too: no answer).',
			};
		if (answer.statusCode === 404) {
			return {
				reference,
				status: 'failed',
				reason:
					'SortedPRO has no consignment with this reference: check it for typos, and that it belongs to this account and environment.',
			};
		}
		return {
			reference,
			status: 'failed',
			reason: `SortedPRO did not allocate it and gave no reason (looking up the consignment for one failed too: HTTP ${answer.statusCode}).`,
		};
	}
	const found = interpretConsignment(reference, answer.body, carrierService);
	if (!previous || previous.status !== 'failed' || found.status !== 'failed') return found;
	return { ...previous, consignmentState: found.consignmentState };
}

function allocationOperation(
	carrierService: string,
	requestBody: Record<string, unknown>,
): BulkOperation<ReferenceResult> {
	return {
		action: `allocate consignments with carrier service ${carrierService}`,
		verb: 'allocated',
		bodyFor: (references) => ({ ...requestBody, ConsignmentReferences: references }),
		readAnswer: (references, body) =>
			matchAllocationSummaries(references, body).map((outcome): ReferenceResult | Unexplained => {
				if (outcome.status === 'allocated') return outcome;
				if (outcome.status === 'pending')
					return { reference: outcome.reference, status: 'pending', reason: PENDING_REASON };
				if (outcome.reason)
					return { reference: outcome.reference, status: 'failed', reason: outcome.reason };
				return { reference: outcome.reference, status: 'unexplained' };
			}),
		failed: (reference, reason) => ({ reference, status: 'failed', reason }),
		pending: (reference) => ({ reference, status: 'pending', reason: PENDING_REASON }),
		explain: (reference, answer, previous) =>
			explainAllocation(reference, answer, carrierService, previous),
		recheck: (result) => result.status === 'failed' && result.consignmentState === undefined,
		succeeded: (result) => result.status === 'allocated',
		reasonOf: (result) => (result.status === 'allocated' ? undefined : result.reason),
	};
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
	const body = requestOptions.body as {
		MpdCarrierServiceReference: string;
		ConsignmentReferences: string[];
	};
	const carrierService = body.MpdCarrierServiceReference;
	const operation = allocationOperation(carrierService, body);
	const results = await sendReferencesInBulk(
		this,
		requestOptions,
		body.ConsignmentReferences,
		operation,
	);

	return outputOrFail(this, results, {
		outputFailedOption: 'options.outputFailedAllocations',
		succeeded: operation.succeeded,
		describeFailures: (all) => describeUnallocated(all, carrierService),
		toJson: toOutputJson,
	});
}

function manifestOperation(): BulkOperation<ManifestResult> {
	return {
		action: 'manifest consignments',
		verb: 'manifested',
		bodyFor: (references) => ({ ConsignmentReferences: references }),
		readAnswer: (references, body) =>
			matchManifestResults(references, body).map(
				(result, index): ManifestResult | Unexplained =>
					result ?? { reference: references[index], status: 'unexplained' },
			),
		failed: (reference, reason) => ({ reference, status: 'failed', reason }),
		pending: (reference) => ({ reference, status: 'pending', reason: MANIFEST_PENDING_REASON }),
		explain: (reference, answer, previous) => {
			if (!answer || !isSuccess(answer)) {
				if (previous) return previous;
				const why = !answer
					? 'no answer'
					: answer.statusCode === 404
						? 'SortedPRO has no consignment with this reference'
						: `HTTP ${answer.statusCode}`;
				return {
					reference,
					status: 'failed',
					reason: `SortedPRO did not manifest it and gave no reason (looking up the consignment: ${why}).`,
				};
			}
			const found = interpretManifestState(reference, answer.body);
			if (!previous || previous.status !== 'failed' || found.status !== 'failed') return found;
			return { ...previous, consignmentState: found.consignmentState };
		},
		recheck: (result) => result.status === 'failed' && result.consignmentState === undefined,
		succeeded: (result) => result.status === 'manifested',
		reasonOf: (result) => (result.status === 'manifested' ? undefined : result.reason),
	};
}

/**
 * Executor of Manifest: sends the references in requests of at most 100 and outputs one item
 * per reference, or fails naming every one that was not manifested.
 */
export async function manifestInChunks(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const requestOptions = requestData.options as IHttpRequestOptions;
	const { ConsignmentReferences: references } = requestOptions.body as {
		ConsignmentReferences: string[];
	};
	const operation = manifestOperation();
	const results = await sendReferencesInBulk(this, requestOptions, references, operation);

	return outputOrFail(this, results, {
		outputFailedOption: 'options.outputFailedManifests',
		succeeded: operation.succeeded,
		describeFailures: describeUnmanifested,
		toJson: toManifestJson,
	});
}
