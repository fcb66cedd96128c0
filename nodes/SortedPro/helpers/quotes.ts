/**
 * Reading `GET /quotes/consignment/{ref}` (a `QuoteResult`: `{QuoteRequestReference, Quotes[],
 * Message, UnqualifiedServices[]}`) into one flat item per quote, cheapest first, then one per
 * service that could not quote, with its reason. Every item has the same leading keys.
 */

import { field, isObject, text } from './readJson';

function amount(value: unknown): number | null {
	const number = typeof value === 'string' && value.trim() ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

export interface QuoteResult {
	quotes: Array<Record<string, unknown>>;
	unqualified: Array<Record<string, unknown>>;
	quoteRequestReference: string | null;
	message: string | null;
}

/** Entries in order, each once: an answer that repeats a quote still offers it once. */
function distinct(
	entries: Array<Record<string, unknown>>,
	keyOf: (entry: Record<string, unknown>) => string | null,
): Array<Record<string, unknown>> {
	const seen = new Set<string>();
	return entries.filter((entry) => {
		const key = keyOf(entry) ?? JSON.stringify(entry);
		if (seen.has(key.toLowerCase())) return false;
		seen.add(key.toLowerCase());
		return true;
	});
}

/** The documented `QuoteResult`, a bare array of quotes, or `{Quotes}` alone. */
export function extractQuoteResult(body: unknown): QuoteResult {
	if (Array.isArray(body))
		return {
			quotes: distinct(body.filter(isObject), (quote) => text(field(quote, 'QuoteReference'))),
			unqualified: [],
			quoteRequestReference: null,
			message: null,
		};
	const list = (name: string) => {
		const value = field(body, name);
		return Array.isArray(value) ? value.filter(isObject) : [];
	};
	return {
		quotes: distinct(list('Quotes'), (quote) => text(field(quote, 'QuoteReference'))),
		unqualified: distinct(list('UnqualifiedServices'), (service) => {
			const reference = serviceReference(service);
			// Without a reference, only an identical entry is a repeat.
			return reference === null
				? null
				: JSON.stringify([reference, text(field(service, 'ExclusionReason'))]);
		}),
		quoteRequestReference: text(field(body, 'QuoteRequestReference')),
		message: text(field(body, 'Message')),
	};
}

/** The service's name: `MpdCarrierService` is its name in a quote, possibly the whole service elsewhere. */
function serviceName(entry: Record<string, unknown>): string | null {
	const service = field(entry, 'MpdCarrierService');
	return (
		text(field(entry, 'MpdCarrierServiceName')) ??
		(isObject(service) ? text(field(service, 'Name')) : text(service))
	);
}

function serviceReference(entry: Record<string, unknown>): string | null {
	const service = field(entry, 'MpdCarrierService');
	return (
		text(field(entry, 'MpdCarrierServiceReference')) ??
		(isObject(service) ? text(field(service, 'Reference')) : null)
	);
}

function priceOf(rate: unknown) {
	const currency = field(rate, 'Currency');
	return {
		PriceGross: amount(field(rate, 'Gross')),
		PriceNet: amount(field(rate, 'Net')),
		PriceVat: amount(field(rate, 'VatAmount')),
		Currency: isObject(currency) ? text(field(currency, 'IsoCode')) : text(currency),
	};
}

/** The consignment a quote is about when it is not `reference` (a mixed-up answer), else null. */
export function quotedForOtherConsignment(result: QuoteResult, reference: string): string | null {
	for (const quote of result.quotes) {
		const about = text(field(quote, 'ConsignmentReference'));
		if (about !== null && about.toUpperCase() !== reference.toUpperCase()) return about;
	}
	return null;
}

/** One item per quote, cheapest (gross) first, then one per service that could not quote. */
export function toQuoteItems(
	consignmentReference: string,
	result: QuoteResult,
	{ includeUnavailable = true }: { includeUnavailable?: boolean } = {},
): Array<Record<string, unknown>> {
	const quotes = result.quotes.map((quote) => ({
		ConsignmentReference: consignmentReference,
		Available: true,
		QuoteReference: text(field(quote, 'QuoteReference')),
		MpdCarrierServiceReference: serviceReference(quote),
		MpdCarrierServiceName: serviceName(quote),
		CarrierReference: text(field(quote, 'CarrierReference')),
		...priceOf(field(quote, 'Price')),
		CollectionDate: text(field(quote, 'CollectionDate')),
		EarliestDeliveryDate: text(field(quote, 'EarliestDeliveryDate')),
		LatestDeliveryDate: text(field(quote, 'LatestDeliveryDate')),
		ExpiryDate: text(field(quote, 'ExpiryDate')),
		ExclusionReason: null,
		QuoteRequestReference: result.quoteRequestReference,
		Quote: quote,
	}));
	quotes.sort(
		(a, b) =>
			(a.PriceGross ?? Number.POSITIVE_INFINITY) - (b.PriceGross ?? Number.POSITIVE_INFINITY),
	);
	if (!includeUnavailable) return quotes;
	const unavailable = result.unqualified.map((service) => {
		const rates = field(service, 'Rates');
		return {
			ConsignmentReference: consignmentReference,
			Available: false,
			QuoteReference: null,
			MpdCarrierServiceReference: serviceReference(service),
			MpdCarrierServiceName: serviceName(service),
			CarrierReference: text(field(service, 'CarrierReference')),
			...priceOf(Array.isArray(rates) ? rates[0] : rates),
			CollectionDate: null,
			EarliestDeliveryDate: null,
			LatestDeliveryDate: null,
			ExpiryDate: null,
			ExclusionReason:
				text(field(service, 'ExclusionReason')) ??
				'SortedPRO gave no reason why it could not quote',
			QuoteRequestReference: result.quoteRequestReference,
			Quote: service,
		};
	});
	return [...quotes, ...unavailable];
}

/** "MPD_X (reason); MPD_Y (reason)." for an error when no service could quote. */
export function describeUnavailable(result: QuoteResult): string {
	const entries = result.unqualified.map((service) => {
		const name = serviceReference(service) ?? serviceName(service) ?? 'a service';
		const reason = text(field(service, 'ExclusionReason'))?.replace(/[.\s]+$/, '');
		return reason ? `${name} (${reason})` : name;
	});
	return entries.length ? `${entries.join('; ')}.` : '';
}

/** The quote reference as SortedPRO issues it: a GUID, with or without braces or hyphens. */
export const QUOTE_REFERENCE =
	/^\{?[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}\}?$/;

/** Advice for a failed allocation with a quote whose reason is about the quote. */
export function adviceForQuoteFailure(reason: string): string | undefined {
	if (/expire/i.test(reason))
		return (
			'Quotes expire (see ExpiryDate in Get Quotes): get new quotes for this ' +
			'consignment with Consignment > Get Quotes and allocate with a fresh QuoteReference.'
		);
	if (/quote/i.test(reason))
		return (
			'Use a QuoteReference that Consignment > Get Quotes gave for this same ' +
			'consignment, and allocate before its ExpiryDate.'
		);
	return undefined;
}
