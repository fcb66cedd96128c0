'use strict';

// Every allocation mode: with a carrier service, by the allocation rules, with a carrier service
// group, with the cheapest quote and with a quote; plus GET /servicegroups. They share PRO's rule
// (only Unallocated and AllocationFailed consignments are allocated, each in turn) and the
// failure styles of `behaviour.allocationFailure` (see README.md).

const { SEED_CARRIER_SERVICES, CARRIER_SERVICE_REFS } = require('./seed');
const { detail } = require('./errors');
const {
	MAX_REFERENCES_PER_REQUEST,
	json,
	badRequest,
	isDisabled,
	decodeReference,
	consignmentNotFound,
	parseBody,
} = require('./common');
const {
	planAllocation,
	applyAllocation,
	carrierOf,
	trackingReference,
	formatShippingDate,
	shippingDateFor,
} = require('./consignments');
const { cheapestServiceFor, PRICES, takeQuoteForAllocation } = require('./quotes');

// Per-failure status codes for the `statusCode` failure style. The real codes
// are unknown; varying them checks that clients treat any non-2xx as failure.
const FAILURE_STATUS = { notFound: 404, wrongState: 409, ineligible: 422 };
const FAILURE_DETAIL_CODE = {
	notFound: 'ConsignmentNotFound',
	wrongState: 'InvalidConsignmentState',
	ineligible: 'CarrierServiceIneligible',
};

const serviceByReference = (reference) =>
	SEED_CARRIER_SERVICES.find((service) => service.Reference === reference);

/** What the simulator's "allocation rules" choose: always Royal Mail Tracked 48. */
const RULES_SERVICE = CARRIER_SERVICE_REFS.royalMailTracked48;

const SERVICE_GROUP_REFS = Object.freeze({
	valuableGoods: 'valuableGoods',
	standardUk: 'SGREF01',
	disabled: 'OLD-GROUP',
});

function group(reference, name, isEnabled, serviceReferences) {
	return Object.freeze({
		Reference: reference,
		Name: name,
		CustomerReference: '6f1c2a7e-0b3d-4e5f-8a9b-1c2d3e4f5a6b',
		IsEnabled: isEnabled,
		MpdCarrierServiceProfiles: serviceReferences.map((serviceReference) => ({
			IsEnabled: true,
			MpdCarrierService: serviceByReference(serviceReference),
			DimensionRestrictions: [],
			DomesticLocationRestrictions: [],
			InternationalLocationRestrictions: [],
		})),
	});
}

// A group allocates with its cheapest enabled service: UPS for valuableGoods, DPD for SGREF01.
const SEED_SERVICE_GROUPS = Object.freeze([
	group(SERVICE_GROUP_REFS.valuableGoods, 'Valuable goods', true, [
		CARRIER_SERVICE_REFS.upsExpressSaver,
		CARRIER_SERVICE_REFS.parcelforceExpress24Disabled,
	]),
	group(SERVICE_GROUP_REFS.standardUk, 'Standard UK', true, [
		CARRIER_SERVICE_REFS.royalMailTracked48,
		CARRIER_SERVICE_REFS.dpdNextDay,
	]),
	group(SERVICE_GROUP_REFS.disabled, 'Old group', false, [CARRIER_SERVICE_REFS.royalMailTracked48]),
]);

function cheapestOfGroup(serviceGroup) {
	return serviceGroup.MpdCarrierServiceProfiles.map((profile) => profile.MpdCarrierService)
		.filter((service) => !isDisabled(service))
		.sort((a, b) => PRICES[a.Reference] - PRICES[b.Reference])[0];
}

/** `{ references }` from `{ ConsignmentReferences: [...] }`, or `{ error }` with PRO's 400. */
function readReferences(body) {
	const references = body && body.ConsignmentReferences;
	const problems = [];
	if (!Array.isArray(references) || references.length === 0) {
		problems.push(
			detail(
				'Required',
				'ConsignmentReferences',
				'ConsignmentReferences must be a non-empty array of references',
			),
		);
	} else {
		references.forEach((reference, i) => {
			if (typeof reference !== 'string' || !reference) {
				problems.push(
					detail(
						'Invalid',
						`ConsignmentReferences[${i}]`,
						'A consignment reference must be a non-empty string',
					),
				);
			}
		});
	}
	return { references, problems };
}

function validateListRequest(rawBody, requiredField) {
	const parsed = parseBody(rawBody);
	if (parsed.error) return parsed;
	const body = parsed.body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { error: badRequest('InvalidRequest', 'The request body must be a JSON object') };
	}
	const { references, problems } = readReferences(body);
	const value = requiredField ? body[requiredField] : undefined;
	if (requiredField && (typeof value !== 'string' || !value.trim())) {
		problems.unshift(detail('Required', requiredField, `${requiredField} is required`));
	}
	if (problems.length) {
		return { error: badRequest('InvalidRequest', 'The request is invalid', problems) };
	}
	if (references.length > MAX_REFERENCES_PER_REQUEST) {
		const message =
			`At most ${MAX_REFERENCES_PER_REQUEST} consignments can be allocated ` +
			`in one request; ${references.length} were sent`;
		return {
			error: badRequest('TooManyConsignments', message, [
				detail('TooMany', 'ConsignmentReferences', message),
			]),
		};
	}
	return { references, value };
}

function successSummary(ctx, service, reference, now) {
	const carrier = carrierOf(service);
	const summary = { StatusCode: 200 };
	if (ctx.behaviour.summaryLinks) {
		summary.ApiLinks = [
			{ Rel: 'detail', Href: `${ctx.baseUrl}/consignments/${encodeURIComponent(reference)}` },
			{ Rel: 'label', Href: `${ctx.baseUrl}/labels/${encodeURIComponent(reference)}` },
		];
	}
	summary.Description =
		`Consignment ${reference} has been successfully allocated with ${carrier.CarrierName} ` +
		`${carrier.CarrierServiceName} for shipping on ${formatShippingDate(shippingDateFor(now))}`;
	summary.ConsignmentLegs = [legOf(service, reference)];
	return Object.assign(summary, carrier);
}

function legOf(service, reference) {
	const carrier = carrierOf(service);
	return {
		Leg: 1,
		TrackingReferences: [trackingReference(reference, service.Reference)],
		CarrierReference: carrier.CarrierReference,
		CarrierServiceReference: null,
		CarrierName: carrier.CarrierName,
	};
}

function failureSummary(ctx, service, step) {
	const summary = { StatusCode: FAILURE_STATUS[step.kind] };
	if (ctx.behaviour.summaryLinks) {
		summary.ApiLinks = [
			{ Rel: 'detail', Href: `${ctx.baseUrl}/consignments/${encodeURIComponent(step.reference)}` },
		];
	}
	summary.Description = `Consignment ${step.reference} could not be allocated with ${service.Reference}: ${step.reason}`;
	return summary;
}

/**
 * Allocates `references` with `service` in PRO's way and answers in the failure style of the
 * behaviour. `single` is for the endpoints with the reference in the path: their 400 targets
 * the path, and `shape` says whether a summary comes as an object or (S2) a one-entry array.
 */
function allocateReferences(
	ctx,
	references,
	service,
	{ single = false, shape = 'array', group } = {},
) {
	const { allocationFailure, allocationAccepted } = ctx.behaviour;
	const now = Date.now();
	const plan = planAllocation(ctx.store, references, allocationAccepted, now);
	const failures = plan.filter((step) => !step.ok);

	if (allocationFailure === 'badRequest' && failures.length > 0) {
		return badRequest(
			'AllocationFailed',
			single
				? failures[0].reason
				: `${failures.length} of ${references.length} consignments could not be allocated with ${service.Reference}; ` +
						'no consignment in this request was allocated',
			failures.map((f) =>
				detail(
					FAILURE_DETAIL_CODE[f.kind],
					single ? 'consignmentReference' : `ConsignmentReferences[${f.index}]`,
					f.reason,
				),
			),
		);
	}

	applyAllocation(ctx.store, plan, service, allocationAccepted, now);
	for (const step of plan) {
		const data = ctx.store.entries.get(step.reference)?.data;
		if (!step.ok || !data || !data.Allocation) continue;
		// The record keeps the legs at the top level, as the real one does.
		data.ConsignmentLegs = [legOf(service, step.reference)];
		if (group) {
			data.Allocation.CarrierServiceGroupReference = group.Reference;
			data.Allocation.MpdCarrierServiceGroupName = group.Name;
		}
	}

	if (allocationAccepted) return { status: 202, raw: '' };

	const summaries = [];
	for (const step of plan) {
		if (step.ok) summaries.push(successSummary(ctx, service, step.reference, now));
		else if (allocationFailure === 'statusCode') summaries.push(failureSummary(ctx, service, step));
	}
	if (single && shape === 'object') return json(200, summaries[0] ?? []);
	return json(200, summaries);
}

function serviceError(serviceReference) {
	const service = serviceByReference(serviceReference);
	if (!service) {
		const message = `Carrier service ${serviceReference} not found`;
		return {
			error: badRequest('CarrierServiceNotFound', message, [
				detail('NotFound', 'MpdCarrierServiceReference', message),
			]),
		};
	}
	if (isDisabled(service)) {
		const message = `Carrier service ${serviceReference} is disabled for this account`;
		return {
			error: badRequest('CarrierServiceDisabled', message, [
				detail('Disabled', 'MpdCarrierServiceReference', message),
			]),
		};
	}
	return { service };
}

/** `PUT /allocation/allocatewithcarrierservice` `{MpdCarrierServiceReference, ConsignmentReferences}`. */
function allocateWithCarrierService(ctx, rawBody) {
	const request = validateListRequest(rawBody, 'MpdCarrierServiceReference');
	if (request.error) return request.error;
	// Case-sensitive on purpose: nothing says PRO folds case, and a client should send the code as listed.
	const found = serviceError(request.value);
	if (found.error) return found.error;
	return allocateReferences(ctx, request.references, found.service);
}

/** `PUT /allocation/allocate` `{ConsignmentReferences}`: the "allocation rules" pick {@link RULES_SERVICE}. */
function allocateByRules(ctx, rawBody) {
	const request = validateListRequest(rawBody);
	if (request.error) return request.error;
	return allocateReferences(ctx, request.references, serviceByReference(RULES_SERVICE));
}

/** `PUT /allocation/allocatewithservicegroup` `{ConsignmentReferences, MpdCarrierServiceGroupReference}`. */
function allocateWithServiceGroup(ctx, rawBody) {
	const request = validateListRequest(rawBody, 'MpdCarrierServiceGroupReference');
	if (request.error) return request.error;
	const serviceGroup = SEED_SERVICE_GROUPS.find((entry) => entry.Reference === request.value);
	if (!serviceGroup || !serviceGroup.IsEnabled) {
		const message = serviceGroup
			? `Carrier service group ${request.value} is disabled`
			: `Carrier service group ${request.value} not found`;
		return badRequest(serviceGroup ? 'ServiceGroupDisabled' : 'ServiceGroupNotFound', message, [
			detail(serviceGroup ? 'Disabled' : 'NotFound', 'MpdCarrierServiceGroupReference', message),
		]);
	}
	return allocateReferences(ctx, request.references, cheapestOfGroup(serviceGroup), {
		group: serviceGroup,
	});
}

/** `PUT /allocation/{ref}/allocatewithcheapestquote`: one summary object (S1), not a list. */
function allocateWithCheapestQuote(ctx, encodedReference) {
	const decoded = decodeReference(encodedReference);
	if (decoded.error) return decoded.error;
	if (!ctx.store.resolve(decoded.reference)) return consignmentNotFound(decoded.reference);
	return allocateReferences(ctx, [decoded.reference], cheapestServiceFor(), {
		single: true,
		shape: 'object',
	});
}

/** `PUT /allocation/{ref}/allocatewithquote/{quoteReference}`: a one-summary array (the published example). */
function allocateWithQuote(ctx, encodedReference, encodedQuote) {
	const decoded = decodeReference(encodedReference);
	if (decoded.error) return decoded.error;
	const entry = ctx.store.resolve(decoded.reference);
	if (!entry) return consignmentNotFound(decoded.reference);
	const quote = takeQuoteForAllocation(entry, decodeURIComponent(encodedQuote), decoded.reference);
	if (quote.error) return quote.error;
	return allocateReferences(ctx, [decoded.reference], serviceByReference(quote.serviceReference), {
		single: true,
	});
}

const ROUTES = [
	{ method: 'GET', pattern: /^\/servicegroups$/i, handle: () => json(200, SEED_SERVICE_GROUPS) },
	{
		method: 'PUT',
		pattern: /^\/allocation\/allocatewithcarrierservice$/i,
		handle: (ctx, _match, rawBody) => allocateWithCarrierService(ctx, rawBody),
	},
	{
		method: 'PUT',
		pattern: /^\/allocation\/allocate$/i,
		handle: (ctx, _match, rawBody) => allocateByRules(ctx, rawBody),
	},
	{
		method: 'PUT',
		pattern: /^\/allocation\/allocatewithservicegroup$/i,
		handle: (ctx, _match, rawBody) => allocateWithServiceGroup(ctx, rawBody),
	},
	{
		method: 'PUT',
		pattern: /^\/allocation\/([^/]+)\/allocatewithcheapestquote$/i,
		handle: (ctx, match) => allocateWithCheapestQuote(ctx, match[1]),
	},
	{
		method: 'PUT',
		pattern: /^\/allocation\/([^/]+)\/allocatewithquote\/([^/]+)$/i,
		handle: (ctx, match) => allocateWithQuote(ctx, match[1], match[2]),
	},
];

module.exports = { ROUTES, SEED_SERVICE_GROUPS, SERVICE_GROUP_REFS, RULES_SERVICE };
