'use strict';

// Search Consignments (`GET /consignments/{take}/{skip}`) and simulated carrier events (a
// consignment moving to another state). The real search's date window, sort order, largest page
// and the meaning of `Count` are UNKNOWN (docs/sortedpro-api.md, journey notes §5.4); here:
// - `startFrom`/`endAt` select consignments whose state last changed in that window (inclusive);
// - results come newest change first;
// - `Count` is the total number of matches (behaviour `searchCount: 'page'` makes it the page size);
// - `take` above `behaviour.searchMaxTake` (default 100) is silently served as that many.

const { SEED_CARRIER_SERVICES } = require('./seed');
const { proError, detail } = require('./errors');

const STATE_PATTERN = /^[A-Z][A-Za-z]+$/;

/**
 * Makes the entry remember when its state last changed, whoever changes it (allocation,
 * manifest, a control call or code added later), by turning `ConsignmentState` into an
 * accessor. Copies (structuredClone, JSON) still see a plain value.
 */
function trackStateChanges(entry, now = Date.now()) {
	let state = entry.data.ConsignmentState;
	entry.stateChangedAt = now;
	Object.defineProperty(entry.data, 'ConsignmentState', {
		enumerable: true,
		configurable: true,
		get: () => state,
		set: (next) => {
			if (next !== state) entry.stateChangedAt = entry.pendingChangeAt ?? Date.now();
			state = next;
		},
	});
	return entry;
}

/**
 * The store's map of entries: every entry put in it, by the store or by another module (such as
 * create.js), has its state changes recorded from then on.
 */
class TrackedEntries extends Map {
	set(reference, entry) {
		if (entry && entry.data && entry.stateChangedAt === undefined) {
			const created = Date.parse(entry.data.DateCreated || entry.data.CreatedDate);
			trackStateChanges(entry, Number.isNaN(created) ? Date.now() : created);
		}
		return super.set(reference, entry);
	}
}

function iso(ms) {
	return new Date(ms).toISOString();
}

/** What a carrier event leaves on the consignment, so the summary's dates and messages fit. */
function applyStateDetails(entry, state, at, reason) {
	const data = entry.data;
	const service = SEED_CARRIER_SERVICES[0];
	switch (state) {
		case 'AllocationFailed':
			data.Allocation = null;
			data.FailedAllocation = {
				MpdCarrierServiceReference: service.Reference,
				MpdCarrierServiceName: service.Name,
				AttemptedAllocationDate: iso(at),
				Message:
					reason || 'The carrier service cannot meet the delivery promise of this consignment',
			};
			break;
		case 'Allocated':
			data.FailedAllocation = null;
			data.Allocation = {
				MpdCarrierServiceReference: service.Reference,
				MpdCarrierServiceName: service.Name,
				AllocationDate: iso(at),
			};
			break;
		case 'ManifestFailed':
			entry.failedManifest = {
				Message: reason || 'The carrier rejected the manifest',
				TimeStamp: iso(at),
			};
			break;
		case 'Delivered':
			data.DateDelivered = iso(at);
			break;
		case 'DeliveryFailed':
		case 'DeliveryFailedCardLeft':
			data.AttemptedDeliveryDate = iso(at);
			break;
		case 'Collected':
			data.DateCollected = iso(at);
			break;
		default:
			break;
	}
}

/**
 * Moves a consignment to `state` as a carrier event would (auto-creating a well-formed unknown
 * reference). `at` (ms or an ISO date) back-dates the change; `reason` words a failure.
 */
function setConsignmentState(store, reference, state, { reason, at } = {}) {
	if (typeof state !== 'string' || !STATE_PATTERN.test(state)) {
		throw new TypeError(
			`state must be a state name such as "AllocationFailed" (got ${JSON.stringify(state)})`,
		);
	}
	const when = at === undefined ? Date.now() : typeof at === 'number' ? at : Date.parse(at);
	if (!Number.isFinite(when)) throw new TypeError(`at must be a date, got ${JSON.stringify(at)}`);
	const entry = store.resolve(reference);
	if (!entry)
		throw new TypeError(`no consignment ${reference} (and it is not a well-formed reference)`);
	applyStateDetails(entry, state, when, reason);
	entry.pendingChangeAt = when;
	entry.data.ConsignmentState = state;
	// Set again in case the state did not change: re-entering it counts as a new change.
	entry.stateChangedAt = when;
	delete entry.pendingChangeAt;
	return structuredClone(entry.data);
}

function destination(data) {
	return (
		(data.Addresses || []).find((address) => address && address.AddressType === 'Destination') || {}
	);
}

/** The consignment as a `ConsignmentSummary` (S2 contract field names). */
function summaryOf(entry, baseUrl) {
	const data = entry.data;
	const allocation = data.Allocation || {};
	const failed = data.FailedAllocation || {};
	const to = destination(data);
	const country = to.Country && to.Country.IsoCode ? to.Country.IsoCode.TwoLetterCode : null;
	return {
		Reference: data.Reference,
		ConsignmentReferenceProvidedByCustomer:
			data.ConsignmentReferenceProvidedByCustomer || data.CustomerReference || '',
		DateCreated: data.DateCreated || data.CreatedDate || null,
		State: data.ConsignmentState,
		ShippingDate: allocation.ShippingDate || null,
		MpdCarrierReference: allocation.CarrierReference || null,
		MpdCarrierServiceReference: allocation.MpdCarrierServiceReference || null,
		MpdCarrierServiceName: allocation.MpdCarrierServiceName || null,
		AllocationDate: allocation.AllocationDate || null,
		ShippedDate: data.DateShipped || null,
		Source: data.Source || 'Api',
		DestinationAddressLine1: to.AddressLine1 || null,
		DestinationAddressTown: to.Town || null,
		DestinationAddressPostcode: to.Postcode || null,
		DestinationAddressCountry: country,
		DestinationShippingLocationReference: null,
		DeliveryDate: data.DateDelivered || null,
		CollectionDate: data.DateCollected || null,
		AttemptedDeliveryDate: data.AttemptedDeliveryDate || null,
		LabelsPrinted: Boolean(data.LabelsPrinted),
		FailedAllocationAttemptedAllocationDate: failed.AttemptedAllocationDate || null,
		FailedAllocationMessage: failed.Message || null,
		FailedAllocationMpdCarrierServiceReference: failed.MpdCarrierServiceReference || null,
		FailedAllocationMpdCarrierServiceName: failed.MpdCarrierServiceName || null,
		FailedManifestMessage: entry.failedManifest ? entry.failedManifest.Message : null,
		FailedManifestTimeStamp: entry.failedManifest ? entry.failedManifest.TimeStamp : null,
		ApiLink: {
			Rel: 'detail',
			Href: `${baseUrl}/consignments/${encodeURIComponent(data.Reference)}`,
		},
	};
}

/** Query names are case-insensitive on the real service (`State=` and `state=` both appear). */
function queryValue(query, name) {
	const key = Object.keys(query || {}).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	const value = key === undefined ? undefined : query[key];
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

const same = (a, b) =>
	typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

function searchConsignments(ctx, takeText, skipText) {
	const take = Number(takeText);
	const skip = Number(skipText);
	const problems = [];
	if (!Number.isInteger(take) || take < 1)
		problems.push(detail('Invalid', 'take', 'take must be a whole number of at least 1'));
	if (!Number.isInteger(skip) || skip < 0)
		problems.push(detail('Invalid', 'skip', 'skip must be a whole number of at least 0'));
	const dates = {};
	for (const name of ['startFrom', 'endAt', 'createdDateFrom', 'createdDateTo']) {
		const raw = queryValue(ctx.query, name);
		if (raw === undefined) continue;
		const ms = Date.parse(raw);
		if (Number.isNaN(ms)) problems.push(detail('Invalid', name, `${name} "${raw}" is not a date`));
		else dates[name] = ms;
	}
	if (problems.length)
		return {
			status: 400,
			json: proError('InvalidRequest', 'The search request is invalid', problems),
		};

	const state = queryValue(ctx.query, 'state');
	const location = queryValue(ctx.query, 'shippingLocationReference');
	const service = queryValue(ctx.query, 'carrierService');
	const customerReference = queryValue(ctx.query, 'referenceProvidedByCustomer');
	const reference = queryValue(ctx.query, 'reference');
	const matches = [...ctx.store.entries.values()].filter((entry) => {
		const data = entry.data;
		const changedAt = entry.stateChangedAt ?? Date.parse(data.CreatedDate);
		const createdAt = Date.parse(data.CreatedDate);
		if (state && !same(data.ConsignmentState, state)) return false;
		if (dates.startFrom !== undefined && changedAt < dates.startFrom) return false;
		if (dates.endAt !== undefined && changedAt > dates.endAt) return false;
		if (dates.createdDateFrom !== undefined && createdAt < dates.createdDateFrom) return false;
		if (dates.createdDateTo !== undefined && createdAt > dates.createdDateTo) return false;
		if (location && !same(data.ShippingLocationReference, location)) return false;
		if (
			service &&
			!same(data.Allocation && data.Allocation.MpdCarrierServiceReference, service) &&
			!same(data.FailedAllocation && data.FailedAllocation.MpdCarrierServiceReference, service)
		)
			return false;
		if (
			customerReference &&
			!same(summaryOf(entry, '').ConsignmentReferenceProvidedByCustomer, customerReference)
		)
			return false;
		if (reference && !data.Reference.toLowerCase().includes(reference.toLowerCase())) return false;
		return true;
	});
	matches.sort(
		(a, b) =>
			(b.stateChangedAt ?? 0) - (a.stateChangedAt ?? 0) ||
			(a.data.Reference < b.data.Reference ? -1 : 1),
	);
	const served = Math.min(take, ctx.behaviour.searchMaxTake);
	const page = matches.slice(skip, skip + served).map((entry) => summaryOf(entry, ctx.baseUrl));
	const count = ctx.behaviour.searchCount === 'page' ? page.length : matches.length;
	return { status: 200, json: { Count: count, ConsignmentSummaries: page } };
}

/** Route entries for api.js ROUTES. */
const SEARCH_ROUTES = [
	{
		method: 'GET',
		pattern: /^\/consignments\/(\d+)\/(\d+)$/i,
		handle: (ctx, match) => searchConsignments(ctx, match[1], match[2]),
	},
];

module.exports = {
	SEARCH_ROUTES,
	TrackedEntries,
	trackStateChanges,
	setConsignmentState,
	summaryOf,
};
