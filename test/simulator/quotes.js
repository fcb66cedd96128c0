'use strict';

// Quotes: GET /quotes/consignment/{ref} gives one quote per enabled carrier service (cheapest:
// DPD Next Day) and lists the disabled one as unqualified. Quotes are kept on the consignment
// and expire after `behaviour.quoteLifetimeMs` (a day by default, as in the published example).

const { randomUUID } = require('node:crypto');
const { SEED_CARRIER_SERVICES, CARRIER_SERVICE_REFS } = require('./seed');
const { detail } = require('./errors');
const { json, badRequest, isDisabled, decodeReference, consignmentNotFound } = require('./common');

const DAY_MS = 24 * 60 * 60 * 1000;

/** Gross prices in GBP; the cheapest quote is DPD Next Day. */
const PRICES = Object.freeze({
	[CARRIER_SERVICE_REFS.dpdNextDay]: 3.49,
	[CARRIER_SERVICE_REFS.royalMailTracked48]: 3.95,
	[CARRIER_SERVICE_REFS.upsExpressSaver]: 9.8,
	[CARRIER_SERVICE_REFS.parcelforceExpress24Disabled]: 12.5,
});
const TRANSIT_DAYS = Object.freeze({
	[CARRIER_SERVICE_REFS.dpdNextDay]: 1,
	[CARRIER_SERVICE_REFS.royalMailTracked48]: 2,
	[CARRIER_SERVICE_REFS.upsExpressSaver]: 1,
	[CARRIER_SERVICE_REFS.parcelforceExpress24Disabled]: 1,
});

const QUOTABLE_STATES = new Set(['Unallocated', 'AllocationFailed']);

function cheapestServiceFor() {
	return SEED_CARRIER_SERVICES.filter((service) => !isDisabled(service)).sort(
		(a, b) => PRICES[a.Reference] - PRICES[b.Reference],
	)[0];
}

function rate(gross) {
	const net = Math.round((gross / 1.2) * 100) / 100;
	return {
		Net: net,
		Gross: gross,
		VatAmount: Math.round((gross - net) * 100) / 100,
		VatRate: { Reference: 'GB-STD', CountryIsoCode: 'GB', Type: 'Standard', Rate: 20 },
		Currency: { Name: 'Pound Sterling', IsoCode: 'GBP' },
	};
}

function quoteFor(entry, service, now, lifetimeMs) {
	const reference = entry.data.Reference;
	const collection = new Date(now);
	collection.setUTCHours(17, 0, 0, 0);
	const delivery = new Date(collection.getTime() + TRANSIT_DAYS[service.Reference] * DAY_MS);
	const quote = {
		QuoteReference: randomUUID(),
		CreationDate: new Date(now).toISOString(),
		ExpiryDate: new Date(now + lifetimeMs).toISOString(),
		Requestor: 'api',
		ConsignmentReference: reference,
		ConsignmentReferenceProvidedByCustomer: entry.data.CustomerReference || '',
		MpdCarrierServiceReference: service.Reference,
		MpdCarrierServiceSource: service.Source,
		MpdCarrierService: service.Name,
		CarrierReference: service.MpdCarrierReference,
		CollectionDate: collection.toISOString(),
		EarliestDeliveryDate: delivery.toISOString(),
		LatestDeliveryDate: delivery.toISOString(),
		BasePrice: rate(PRICES[service.Reference]),
		Price: rate(PRICES[service.Reference]),
		Surcharges: [],
		Legs: [],
		CarrierAccountOwner: service.CarrierAccountOwner,
		IsElectioService: service.CarrierAccountOwner === 'Sorted',
		ServiceDirection: 'Outbound',
	};
	// Kept on the simulator-only part of the entry, never sent with the consignment.
	if (!entry.quotes) entry.quotes = new Map();
	entry.quotes.set(quote.QuoteReference.toLowerCase(), {
		serviceReference: service.Reference,
		expiresAt: now + lifetimeMs,
	});
	return quote;
}

function unqualified(service, reason) {
	return {
		Available: false,
		Rates: [rate(PRICES[service.Reference])],
		MpdCarrierService: service.Name,
		CarrierReference: service.MpdCarrierReference,
		MpdCarrierServiceReference: service.Reference,
		ExclusionReason: reason,
	};
}

/** `GET /quotes/consignment/{ref}`: a QuoteResult. */
function getQuotes(ctx, encodedReference) {
	const decoded = decodeReference(encodedReference);
	if (decoded.error) return decoded.error;
	const { reference } = decoded;
	const entry = ctx.store.resolve(reference);
	if (!entry) return consignmentNotFound(reference);
	const state = entry.data.ConsignmentState;
	if (!QUOTABLE_STATES.has(state)) {
		const message =
			`Consignment ${reference} is in state ${state}; quotes are only given ` +
			`for consignments in state Unallocated or AllocationFailed`;
		return badRequest('InvalidConsignmentState', message, [
			detail('InvalidState', 'consignmentReference', message),
		]);
	}
	const now = Date.now();
	const lifetimeMs = ctx.behaviour.quoteLifetimeMs ?? DAY_MS;
	const quotes = [];
	const unqualifiedServices = [];
	for (const service of SEED_CARRIER_SERVICES) {
		if (isDisabled(service))
			unqualifiedServices.push(unqualified(service, 'The carrier service is disabled'));
		else if (entry.ineligibleReason)
			unqualifiedServices.push(unqualified(service, entry.ineligibleReason));
		else quotes.push(quoteFor(entry, service, now, lifetimeMs));
	}
	return json(200, {
		QuoteRequestReference: randomUUID(),
		Quotes: quotes,
		Message: quotes.length ? null : 'No carrier service can quote for this consignment',
		UnqualifiedServices: unqualifiedServices,
	});
}

/** The service of a quote given for this consignment and not expired, or `{ error }` with PRO's 400. */
function takeQuoteForAllocation(entry, quoteReference, reference, now = Date.now()) {
	const quote = entry.quotes && entry.quotes.get(String(quoteReference).toLowerCase());
	if (!quote) {
		const message = `Quote ${quoteReference} was not found for consignment ${reference}`;
		return {
			error: badRequest('QuoteNotFound', message, [detail('NotFound', 'quoteReference', message)]),
		};
	}
	if (now >= quote.expiresAt) {
		const message =
			`Quote ${quoteReference} expired at ` +
			`${new Date(quote.expiresAt).toISOString()}; request new quotes for ` +
			`consignment ${reference}`;
		return {
			error: badRequest('QuoteExpired', message, [detail('Expired', 'quoteReference', message)]),
		};
	}
	return { serviceReference: quote.serviceReference };
}

const ROUTES = [
	{
		method: 'GET',
		pattern: /^\/quotes\/consignment\/([^/]+)$/i,
		handle: (ctx, match) => getQuotes(ctx, match[1]),
	},
];

module.exports = { ROUTES, PRICES, cheapestServiceFor, takeQuoteForAllocation };
