/**
 * What every Allocate operation shares, whichever mode chooses the carrier service: how an
 * allocation response and a consignment record read for one consignment, what the output item
 * holds, and the "Output Failed Allocations" option.
 */
import type { INodeProperties } from 'n8n-workflow';

import { PENDING_REASON, toAllocationJson } from '../../helpers/allocationReport';
import { matchAllocationSummaries } from '../../helpers/allocationSummary';
import type { BulkOutcome } from '../../helpers/bulkOutcome';
import {
	adviceForAllocationState,
	completeAllocation,
	interpretConsignment,
} from '../../helpers/consignmentState';
import type { BulkOperation, BulkRequest } from '../../bulk/engine';

/** The options collection of the Allocate operations, one property for all (docs/adr/0004). */
export function allocationOptions(operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['consignment'], operation: operations } },
		options: [
			{
				displayName: 'Output Failed Allocations',
				name: 'outputFailedAllocations',
				type: 'boolean',
				default: false,
				description:
					'Whether to output an item for each consignment that was not allocated ' +
					'(with Allocated false and its FailureReason) instead of failing the node',
			},
		],
	};
}

/** Reads the summaries of an allocation response, one outcome per reference sent. */
export function readAllocationResponse(
	references: string[],
	body: unknown,
): Array<BulkOutcome | undefined> {
	return matchAllocationSummaries(references, body).map((outcome) => {
		const { reference } = outcome;
		if (outcome.status === 'allocated')
			return { reference, status: 'done', summary: outcome.summary };
		if (outcome.status === 'pending')
			return { reference, status: 'pending', reason: PENDING_REASON };
		// A failure without a reason is looked up on the consignment, which usually has one.
		return outcome.reason ? { reference, status: 'failed', reason: outcome.reason } : undefined;
	});
}

/**
 * An allocation in one mode. `carrierService` is the service asked for, when the mode names one:
 * a consignment found already allocated with it counts as done (a re-run), with another as failed.
 * Without one, any existing allocation counts as done, and the Service Code the mode chose is read
 * from each consignment's record (a summary does not carry it).
 */
export function allocationOperation(how: {
	action: string;
	subject: string;
	request: (references: string[]) => BulkRequest;
	carrierService?: string;
	/** 1 for the modes that take the consignment in the path. */
	referencesPerRequest?: number;
	/** Mode-specific advice for a failure (an expired quote, say); the state's advice otherwise. */
	advise?: BulkOperation['advise'];
	explainRefusal?: BulkOperation['explainRefusal'];
}): BulkOperation {
	return {
		action: how.action,
		words: {
			verb: 'allocated',
			noun: 'allocation',
			subject: how.subject,
			outputFailedOption: 'Output Failed Allocations',
		},
		outputFailedParameter: 'options.outputFailedAllocations',
		request: how.request,
		referencesPerRequest: how.referencesPerRequest,
		readResponse: readAllocationResponse,
		readConsignment: (reference, consignment) =>
			interpretConsignment(reference, consignment, how.carrierService),
		pendingReason: PENDING_REASON,
		toJson: (outcome) => toAllocationJson(outcome, how.carrierService),
		// A done outcome read from the record already has all the record says.
		needsCompleting: (outcome) =>
			!how.carrierService &&
			outcome.consignmentState === undefined &&
			!outcome.summary?.MpdCarrierServiceReference,
		completeDone: completeAllocation,
		advise: (reason, state) => how.advise?.(reason, state) ?? adviceForAllocationState(state),
		explainRefusal: how.explainRefusal,
	};
}
