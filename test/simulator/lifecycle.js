'use strict';

// PUT /consignments/deallocatelist and /consignments/cancellist: a JSON array of references in,
// one `WithMessage<string>` `{ IsSuccess, Message, Data: ref, ApiLinks }` per reference out.
// State rules (docs/sortedpro-api.md, journey §4), chosen where the documents conflict:
// - deallocate only from Allocated, Manifested or ManifestFailed; the consignment becomes
//   Unallocated with its allocation erased;
// - cancel only before the consignment is manifested (Unallocated, AllocationFailed, Allocated,
//   ReadyToShip, ManifestFailed); Cancelled is final: nothing allocates, deallocates or
//   cancels it again.
// A refused reference is answered per `behaviour.listFailure` (see README.md).

const { detail } = require('./errors');
const { MAX_REFERENCES_PER_REQUEST, json, badRequest, parseBody } = require('./common');

const DEALLOCATABLE = new Set(['Allocated', 'Manifested', 'ManifestFailed']);
const CANCELLABLE = new Set([
	'Unallocated',
	'AllocationFailed',
	'Allocated',
	'ReadyToShip',
	'ManifestFailed',
]);

const KINDS = {
	deallocate: {
		noun: 'deallocation',
		check(reference, state) {
			if (DEALLOCATABLE.has(state)) return undefined;
			if (state === 'Unallocated' || state === 'AllocationFailed')
				return { kind: 'notAllocated', reason: `Consignment ${reference} is not allocated` };
			return {
				kind: 'wrongState',
				reason:
					`Consignment ${reference} is in state ${state}; only consignments in ` +
					`state Allocated, Manifested or ManifestFailed can be deallocated`,
			};
		},
		apply(data) {
			data.ConsignmentState = 'Unallocated';
			data.Allocation = null;
			delete data.ConsignmentLegs;
		},
		nextState: 'Unallocated',
	},
	cancel: {
		noun: 'cancellation',
		check(reference, state) {
			if (CANCELLABLE.has(state)) return undefined;
			if (state === 'Cancelled')
				return {
					kind: 'alreadyCancelled',
					reason: `Consignment ${reference} is already cancelled`,
				};
			return {
				kind: 'wrongState',
				reason:
					`Consignment ${reference} is in state ${state}; consignments can only ` +
					`be cancelled before they are manifested`,
			};
		},
		apply(data) {
			data.ConsignmentState = 'Cancelled';
		},
		nextState: 'Cancelled',
	},
};

function readReferenceArray(rawBody, noun) {
	const parsed = parseBody(rawBody);
	if (parsed.error) return parsed;
	const references = parsed.body;
	if (
		!Array.isArray(references) ||
		references.length === 0 ||
		!references.every((reference) => typeof reference === 'string' && reference)
	) {
		return {
			error: badRequest(
				'InvalidRequest',
				'The request body must be a non-empty JSON array of consignment references',
				[detail('Required', 'body', 'At least one consignment reference is required')],
			),
		};
	}
	if (references.length > MAX_REFERENCES_PER_REQUEST) {
		return {
			error: badRequest(
				'TooManyConsignments',
				`At most ${MAX_REFERENCES_PER_REQUEST} consignments can be sent for ${noun} in one request`,
			),
		};
	}
	return { references };
}

function changeList(ctx, rawBody, kindName) {
	const kind = KINDS[kindName];
	const request = readReferenceArray(rawBody, kind.noun);
	if (request.error) return request.error;
	// Each reference in turn: a repeat sees the state its first occurrence left.
	const pendingState = new Map();
	const plan = request.references.map((reference, index) => {
		const entry = ctx.store.resolve(reference);
		if (!entry)
			return { index, reference, ok: false, reason: `Consignment ${reference} not found` };
		const state = pendingState.get(reference) || entry.data.ConsignmentState;
		const refusal = kind.check(reference, state);
		if (refusal) return { index, reference, ok: false, ...refusal };
		pendingState.set(reference, kind.nextState);
		return { index, reference, ok: true, entry };
	});

	const failures = plan.filter((step) => !step.ok);
	const style = ctx.behaviour.listFailure || 'message';
	if (style === 'badRequest' && failures.length > 0) {
		return badRequest(
			'OperationFailed',
			`${failures.length} of ${plan.length} consignments could not be processed; nothing was changed`,
			failures.map((step) => detail('Refused', `[${step.index}]`, step.reason)),
		);
	}
	const seen = new Set();
	const results = [];
	for (const step of plan) {
		if (step.ok && !seen.has(step.reference)) {
			seen.add(step.reference);
			kind.apply(step.entry.data);
			results.push({
				IsSuccess: true,
				Message: `Consignment ${kind.noun} completed successfully`,
				Data: step.reference,
				ApiLinks: null,
			});
		} else if (!step.ok && style === 'message') {
			results.push({
				IsSuccess: false,
				Message: step.reason,
				Data: step.reference,
				ApiLinks: null,
			});
		}
	}
	return json(200, results);
}

const ROUTES = [
	{
		method: 'PUT',
		pattern: /^\/consignments\/deallocatelist$/i,
		handle: (ctx, _match, rawBody) => changeList(ctx, rawBody, 'deallocate'),
	},
	{
		method: 'PUT',
		pattern: /^\/consignments\/cancellist$/i,
		handle: (ctx, _match, rawBody) => changeList(ctx, rawBody, 'cancel'),
	},
];

module.exports = { ROUTES, DEALLOCATABLE, CANCELLABLE };
