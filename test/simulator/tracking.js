'use strict';

// GET /tracking/{ref}: `{ConsignmentReferenceForAllLegsAssignedByMpd, TrackedPackages: [{
// PackageReferenceForAllLegsAssignedByMpd, Legs: [{CarrierServiceName, Events: [...]}]}]}`.
// Events are made up from the consignment's state, oldest first as a carrier would send them:
// none before it is manifested (404 before it is allocated, an empty list once allocated),
// then one more event for each later state.

const { SEED_CARRIER_SERVICES } = require('./seed');
const { proError } = require('./errors');
const { json, decodeReference, consignmentNotFound } = require('./common');

const HOUR_MS = 60 * 60 * 1000;

const JOURNEY = [
	{
		state: 'Manifested',
		Code: 'MANIFESTED',
		Description: 'Consignment details received by the carrier',
		hours: 1,
	},
	{ state: 'InTransit', Code: 'INTRANSIT', Description: 'Collected and in transit', hours: 6 },
	{ state: 'OutForDelivery', Code: 'OUTFORDELIVERY', Description: 'Out for delivery', hours: 20 },
	{
		state: 'Delivered',
		Code: 'DELIVERED',
		Description: 'Delivered',
		hours: 24,
		SignedBy: 'A. Lovelace',
	},
];
const UNTRACKED = new Set([
	'Unallocated',
	'AllocationFailed',
	'Allocating',
	'Cancelled',
	'Cancelling',
]);

function getTracking(ctx, encodedReference) {
	const decoded = decodeReference(encodedReference);
	if (decoded.error) return decoded.error;
	const { reference } = decoded;
	const entry = ctx.store.resolve(reference);
	if (!entry) return consignmentNotFound(reference);
	const data = entry.data;
	if (UNTRACKED.has(data.ConsignmentState)) {
		return json(
			404,
			proError('TrackingNotFound', `No tracking information for consignment ${reference}`),
		);
	}
	const allocation = data.Allocation || {};
	const serviceName =
		allocation.CarrierServiceName ||
		allocation.MpdCarrierServiceName ||
		SEED_CARRIER_SERVICES[0].Name;
	const start = Date.parse(allocation.AllocationDate || data.CreatedDate) || Date.now();
	const reached = JOURNEY.findIndex((step) => step.state === data.ConsignmentState);
	const events = JOURNEY.slice(0, reached + 1).map((step) => ({
		TimeStamp: new Date(start + step.hours * HOUR_MS).toISOString(),
		Code: step.Code,
		Description: step.Description,
		SignedBy: step.SignedBy || null,
		Location: step.state === 'Delivered' ? 'Bristol' : 'Manchester hub',
	}));
	return json(200, {
		ConsignmentReferenceForAllLegsAssignedByMpd: reference,
		TrackedPackages: (data.Packages || []).map((trackedPackage) => ({
			PackageReferenceForAllLegsAssignedByMpd: trackedPackage.Reference,
			Legs: [{ CarrierServiceName: serviceName, Events: events }],
		})),
	});
}

const ROUTES = [
	{
		method: 'GET',
		pattern: /^\/tracking\/([^/]+)$/i,
		handle: (ctx, match) => getTracking(ctx, match[1]),
	},
];

module.exports = { ROUTES };
