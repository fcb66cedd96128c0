'use strict';

const { createHash } = require('node:crypto');
const {
	SEED_CONSIGNMENTS,
	SEED_SHIPPING_LOCATIONS,
	SEED_CARRIER_SERVICES,
	AUTO_INELIGIBLE_REASON,
	isWellFormedReference,
	isAutoIneligibleReference,
} = require('./seed');
const { TrackedEntries } = require('./search');

const ALLOCATABLE_STATES = new Set(['Unallocated', 'AllocationFailed']);
const STATE_PATTERN = /^[A-Z][A-Za-z]+$/;

/** Carrier details as an allocation summary reports them (from the service's first journey leg). */
function carrierOf(service) {
	const leg = (service.Journey && service.Journey[0] && service.Journey[0].CarrierService) || {};
	return {
		CarrierReference: leg.CarrierReference || service.MpdCarrierReference,
		CarrierName: leg.CarrierName || service.CarrierName,
		CarrierServiceReference: leg.Reference || service.Reference,
		CarrierServiceName: leg.Name || service.Name,
	};
}

// Deterministic so that assertions and demo screenshots are stable across runs.
function trackingReference(reference, serviceReference) {
	const digest = createHash('sha1').update(`${reference}|${serviceReference}`).digest();
	return `TRK${String(digest.readUInt32BE(0) % 1e8).padStart(8, '0')}`;
}

// The format of the only published example: "14/06/2019 17:00:00 +00:00".
function formatShippingDate(date) {
	const pad = (n) => String(n).padStart(2, '0');
	return (
		`${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} ` +
		`${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +00:00`
	);
}

function shippingDateFor(now) {
	const date = new Date(now);
	date.setUTCHours(17, 0, 0, 0);
	return date;
}

function buildConsignment(reference, state, now) {
	const tail = reference.replace(/^EC-/, '');
	const location = SEED_SHIPPING_LOCATIONS[0];
	return {
		Reference: reference,
		CustomerReference: `ORDER-${tail}`,
		ShippingLocationReference: location.Reference,
		ConsignmentState: state,
		Source: 'Api',
		CreatedDate: new Date(now).toISOString(),
		Allocation: null,
		FailedAllocation: null,
		Packages: [
			{
				Reference: `EP-${tail}`,
				Description: 'Demo parcel',
				Weight: { Value: 1.2, Unit: 'Kg' },
				Dimensions: { Length: 30, Width: 20, Height: 10, Unit: 'Cm' },
				Value: { Amount: 25, Currency: { IsoCode: 'GBP' } },
			},
		],
		Addresses: [
			{ AddressType: 'Origin', ShippingLocationReference: location.Reference, ...location.Address },
			{
				AddressType: 'Destination',
				Contact: { Title: 'Ms', FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com' },
				AddressLine1: '10 Example Street',
				AddressLine2: null,
				Town: 'Bristol',
				Region: null,
				Postcode: 'BS1 4DJ',
				Country: {
					Name: 'United Kingdom',
					IsoCode: { TwoLetterCode: 'GB', ThreeLetterCode: 'GBR' },
				},
			},
		],
	};
}

function allocationRecord(service, reference, now) {
	const carrier = carrierOf(service);
	return {
		MpdCarrierServiceReference: service.Reference,
		MpdCarrierServiceName: service.Name,
		...carrier,
		AllocationDate: new Date(now).toISOString(),
		ShippingDate: shippingDateFor(now).toISOString(),
		TrackingReferences: [trackingReference(reference, service.Reference)],
	};
}

function failedAllocationRecord(service, reason, now) {
	return {
		MpdCarrierServiceReference: service.Reference,
		MpdCarrierServiceName: service.Name,
		AttemptedAllocationDate: new Date(now).toISOString(),
		Message: reason,
	};
}

/**
 * The simulator's consignments. Each entry keeps the API-shaped object apart
 * from `ineligibleReason`, which is simulator-only and never sent to clients.
 */
class ConsignmentStore {
	constructor() {
		this.entries = new TrackedEntries();
	}

	clear() {
		this.entries.clear();
	}

	seed(now = Date.now()) {
		for (const c of SEED_CONSIGNMENTS) this.add(c, now);
	}

	add({ reference, state = 'Unallocated', ineligibleReason } = {}, now = Date.now()) {
		if (typeof reference !== 'string' || !reference) {
			throw new TypeError('consignment.reference must be a non-empty string');
		}
		if (typeof state !== 'string' || !STATE_PATTERN.test(state)) {
			throw new TypeError(
				`consignment.state must be a state name such as "Unallocated" (got ${JSON.stringify(state)})`,
			);
		}
		if (
			ineligibleReason !== undefined &&
			ineligibleReason !== null &&
			typeof ineligibleReason !== 'string'
		) {
			throw new TypeError('consignment.ineligibleReason must be a string');
		}
		const data = buildConsignment(reference, state, now);
		// Keep the stored object consistent with its state, as the real service would.
		const service = SEED_CARRIER_SERVICES[0];
		if (state === 'AllocationFailed') {
			data.FailedAllocation = failedAllocationRecord(
				service,
				ineligibleReason || 'Allocation failed earlier',
				now,
			);
		} else if (state === 'Allocated') {
			data.Allocation = allocationRecord(service, reference, now);
		}
		this.entries.set(reference, { data, ineligibleReason: ineligibleReason || undefined });
		return structuredClone(data);
	}

	/** Looks a consignment up, creating well-formed unknown references on first use (see README). */
	resolve(reference, now = Date.now()) {
		const existing = this.entries.get(reference);
		if (existing) return existing;
		if (!isWellFormedReference(reference)) return undefined;
		this.add(
			{
				reference,
				ineligibleReason: isAutoIneligibleReference(reference) ? AUTO_INELIGIBLE_REASON : undefined,
			},
			now,
		);
		return this.entries.get(reference);
	}

	/** A copy of the API-shaped object, without auto-creating. */
	peek(reference) {
		const entry = this.entries.get(reference);
		return entry ? structuredClone(entry.data) : undefined;
	}
}

/**
 * Decides what PRO would do with each reference, in order, without changing
 * anything yet, so that the `badRequest` style can reject the whole request
 * atomically. A reference listed twice sees the state its first occurrence
 * would leave behind: PRO "takes each consignment in turn", so the second
 * occurrence of an allocated consignment fails as being in the wrong state.
 */
function planAllocation(store, references, accepted, now) {
	const pendingState = new Map();
	return references.map((reference, index) => {
		const entry = store.resolve(reference, now);
		if (!entry) {
			return {
				index,
				reference,
				ok: false,
				kind: 'notFound',
				reason: `Consignment ${reference} not found`,
			};
		}
		const state = pendingState.get(reference) || entry.data.ConsignmentState;
		if (!ALLOCATABLE_STATES.has(state)) {
			return {
				index,
				reference,
				ok: false,
				kind: 'wrongState',
				reason:
					`Consignment ${reference} is in state ${state}; only consignments in state ` +
					'Unallocated or AllocationFailed can be allocated',
			};
		}
		if (entry.ineligibleReason) {
			pendingState.set(reference, 'AllocationFailed');
			return { index, reference, ok: false, kind: 'ineligible', reason: entry.ineligibleReason };
		}
		pendingState.set(reference, accepted ? 'Allocating' : 'Allocated');
		return { index, reference, ok: true };
	});
}

function applyAllocation(store, plan, service, accepted, now) {
	for (const step of plan) {
		const entry = store.entries.get(step.reference);
		if (step.ok) {
			entry.data.ConsignmentState = accepted ? 'Allocating' : 'Allocated';
			entry.data.Allocation = accepted ? null : allocationRecord(service, step.reference, now);
			entry.data.FailedAllocation = null;
		} else if (step.kind === 'ineligible') {
			entry.data.ConsignmentState = 'AllocationFailed';
			entry.data.Allocation = null;
			entry.data.FailedAllocation = failedAllocationRecord(service, step.reason, now);
		}
	}
}

module.exports = {
	ConsignmentStore,
	planAllocation,
	applyAllocation,
	carrierOf,
	trackingReference,
	formatShippingDate,
	shippingDateFor,
};
