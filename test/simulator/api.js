'use strict';

const { SEED_CARRIER_SERVICES, SEED_SHIPPING_LOCATIONS } = require('./seed');
const { proError, detail } = require('./errors');
const { CREATE_ROUTES } = require('./create');
const {
	planAllocation,
	applyAllocation,
	carrierOf,
	trackingReference,
	formatShippingDate,
	shippingDateFor,
} = require('./consignments');

// The real cap is UNKNOWN; Sorted's newer Shipments API uses 100, and a cap
// here makes a client that forgets to chunk fail loudly in tests.
const MAX_REFERENCES_PER_REQUEST = 100;

// Per-failure status codes for the `statusCode` failure style. The real codes
// are unknown; varying them checks that clients treat any non-2xx as failure.
const FAILURE_STATUS = { notFound: 404, wrongState: 409, ineligible: 422 };
const FAILURE_DETAIL_CODE = {
	notFound: 'ConsignmentNotFound',
	wrongState: 'InvalidConsignmentState',
	ineligible: 'CarrierServiceIneligible',
};

const json = (status, body) => ({ status, json: body });
const badRequest = (code, message, details) => json(400, proError(code, message, details));

function isDisabled(service) {
	return service.Status === 2 || service.Status === 'Disabled';
}

function getShippingLocations() {
	return json(200, SEED_SHIPPING_LOCATIONS);
}

function getCarrierServices(ctx) {
	switch (ctx.behaviour.carrierServices) {
		case 'bareArray':
			return json(200, SEED_CARRIER_SERVICES);
		case 'notFound':
			return json(404, proError('NotFound', 'No carrier services are configured for this account'));
		case 'empty':
			return json(200, { ErrorMessage: null, Success: true, MpdCarrierServices: [] });
		default:
			return json(200, {
				ErrorMessage: null,
				Success: true,
				MpdCarrierServices: SEED_CARRIER_SERVICES,
			});
	}
}

function getConsignment(ctx, encodedReference) {
	let reference;
	try {
		reference = decodeURIComponent(encodedReference);
	} catch {
		return badRequest(
			'InvalidRequest',
			'The consignment reference in the path is not valid URL encoding',
		);
	}
	const entry = ctx.store.resolve(reference);
	if (!entry) {
		const message = `Consignment ${reference} not found`;
		return json(
			404,
			proError('ConsignmentNotFound', message, [detail('NotFound', 'reference', message)]),
		);
	}
	return json(200, entry.data);
}

// Labels exist once a consignment is allocated; these states have one.
const LABELLED_STATES = new Set([
	'Allocated',
	'ReadyToShip',
	'Manifesting',
	'Manifested',
	'ManifestFailed',
	'Dispatched',
	'InTransit',
	'OutForDelivery',
	'Delivered',
]);

// Small but genuine files, so a client can check what it saved.
const ONE_PIXEL_PNG =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
function labelFile(format, reference) {
	switch (format) {
		case 'PNG':
			return { File: ONE_PIXEL_PNG, ContentType: 'image/png' };
		case 'ZPL':
		case 'ZPLII':
			return {
				File: Buffer.from(`^XA^FO50,50^A0N,40,40^FD${reference}^FS^XZ`).toString('base64'),
				ContentType: 'text/plain',
			};
		default:
			return {
				File: Buffer.from(
					`%PDF-1.4\n% SortedPRO simulator label for ${reference}\n%%EOF\n`,
				).toString('base64'),
				ContentType: 'application/pdf',
			};
	}
}

/** `GET /labels/{ref}` and `GET /labels/{ref}/{PDF|PNG|ZPL|ZPLII}`: `{ File: base64, ContentType }`, only after allocation. */
function getLabel(ctx, encodedReference, requestedFormat) {
	let reference;
	try {
		reference = decodeURIComponent(encodedReference);
	} catch {
		return badRequest(
			'InvalidRequest',
			'The consignment reference in the path is not valid URL encoding',
		);
	}
	const format = (requestedFormat || 'PDF').toUpperCase();
	if (!['PDF', 'PNG', 'ZPL', 'ZPLII'].includes(format)) {
		return badRequest(
			'InvalidLabelFormat',
			`Label format ${requestedFormat} is not supported; use PDF, PNG, ZPL or ZPLII`,
		);
	}
	const entry = ctx.store.resolve(reference);
	if (!entry) {
		const message = `Consignment ${reference} not found`;
		return json(
			404,
			proError('ConsignmentNotFound', message, [detail('NotFound', 'reference', message)]),
		);
	}
	if (!LABELLED_STATES.has(entry.data.ConsignmentState)) {
		return badRequest(
			'LabelNotAvailable',
			`Consignment ${reference} is in state ${entry.data.ConsignmentState}; labels are available once it is allocated`,
		);
	}
	return json(200, labelFile(format, reference));
}

function validateAllocationRequest(ctx, rawBody) {
	let body;
	try {
		body = JSON.parse(rawBody);
	} catch {
		return { error: badRequest('InvalidRequest', 'The request body is not valid JSON') };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { error: badRequest('InvalidRequest', 'The request body must be a JSON object') };
	}
	const { MpdCarrierServiceReference: serviceReference, ConsignmentReferences: references } = body;
	const problems = [];
	if (typeof serviceReference !== 'string' || !serviceReference.trim()) {
		problems.push(
			detail('Required', 'MpdCarrierServiceReference', 'MpdCarrierServiceReference is required'),
		);
	}
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
	if (problems.length) {
		return { error: badRequest('InvalidRequest', 'The request is invalid', problems) };
	}
	if (references.length > MAX_REFERENCES_PER_REQUEST) {
		const message = `At most ${MAX_REFERENCES_PER_REQUEST} consignments can be allocated in one request; ${references.length} were sent`;
		return {
			error: badRequest('TooManyConsignments', message, [
				detail('TooMany', 'ConsignmentReferences', message),
			]),
		};
	}
	// Case-sensitive on purpose: nothing says PRO folds case, and a client should send the code as listed.
	const service = SEED_CARRIER_SERVICES.find((s) => s.Reference === serviceReference);
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
	return { service, references };
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
	summary.ConsignmentLegs = [
		{
			Leg: 1,
			TrackingReferences: [trackingReference(reference, service.Reference)],
			CarrierReference: carrier.CarrierReference,
			CarrierServiceReference: null,
			CarrierName: carrier.CarrierName,
		},
	];
	return Object.assign(summary, carrier);
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

function allocateWithCarrierService(ctx, rawBody) {
	const validated = validateAllocationRequest(ctx, rawBody);
	if (validated.error) return validated.error;
	const { service, references } = validated;
	const { allocationFailure, allocationAccepted } = ctx.behaviour;
	const now = Date.now();

	const plan = planAllocation(ctx.store, references, allocationAccepted, now);
	const failures = plan.filter((step) => !step.ok);

	if (allocationFailure === 'badRequest' && failures.length > 0) {
		return badRequest(
			'AllocationFailed',
			`${failures.length} of ${references.length} consignments could not be allocated with ${service.Reference}; ` +
				'no consignment in this request was allocated',
			failures.map((f) =>
				detail(FAILURE_DETAIL_CODE[f.kind], `ConsignmentReferences[${f.index}]`, f.reason),
			),
		);
	}

	applyAllocation(ctx.store, plan, service, allocationAccepted, now);

	if (allocationAccepted) return { status: 202, raw: '' };

	const summaries = [];
	for (const step of plan) {
		if (step.ok) summaries.push(successSummary(ctx, service, step.reference, now));
		else if (allocationFailure === 'statusCode') summaries.push(failureSummary(ctx, service, step));
	}
	return json(200, summaries);
}

/**
 * `PUT /consignments/manifest` with `{ ConsignmentReferences: [...] }`: one result per reference,
 * `{ IsSuccess, Message, Data: reference, ApiLinks }`. Only allocated consignments can be
 * manifested; the others fail with a reason and are left as they are.
 */
function manifestConsignments(ctx, rawBody) {
	let body;
	try {
		body = JSON.parse(rawBody);
	} catch {
		return badRequest('InvalidRequest', 'The request body is not valid JSON');
	}
	const references =
		body && Array.isArray(body.ConsignmentReferences) ? body.ConsignmentReferences : undefined;
	if (
		!references ||
		references.length === 0 ||
		!references.every((reference) => typeof reference === 'string')
	) {
		return badRequest(
			'InvalidRequest',
			'ConsignmentReferences must be a non-empty list of consignment references',
			[
				detail(
					'Required',
					'ConsignmentReferences',
					'At least one consignment reference is required',
				),
			],
		);
	}
	if (references.length > MAX_REFERENCES_PER_REQUEST) {
		return badRequest(
			'TooManyConsignments',
			`At most ${MAX_REFERENCES_PER_REQUEST} consignments can be manifested in one request`,
		);
	}
	const results = references.map((reference) => {
		const entry = ctx.store.resolve(reference);
		const links = [
			{ Rel: 'detail', Href: `${ctx.baseUrl}/consignments/${encodeURIComponent(reference)}` },
		];
		if (!entry)
			return {
				IsSuccess: false,
				Message: `Consignment ${reference} not found`,
				Data: reference,
				ApiLinks: [],
			};
		if (entry.data.ConsignmentState !== 'Allocated') {
			return {
				IsSuccess: false,
				Message: `Consignment ${reference} is in state ${entry.data.ConsignmentState}; only allocated consignments can be manifested`,
				Data: reference,
				ApiLinks: links,
			};
		}
		entry.data.ConsignmentState = 'Manifested';
		return {
			IsSuccess: true,
			Message: `Consignment ${reference} has been manifested`,
			Data: reference,
			ApiLinks: links,
		};
	});
	return json(200, results);
}

/**
 * Routes match case-insensitively on the path without its query string. A
 * matching path with the wrong method answers 405, like ASP.NET Web API.
 */
const ROUTES = [
	...CREATE_ROUTES,
	{ method: 'GET', pattern: /^\/shippinglocations$/i, handle: (ctx) => getShippingLocations(ctx) },
	{ method: 'GET', pattern: /^\/carrierservices$/i, handle: (ctx) => getCarrierServices(ctx) },
	{
		method: 'PUT',
		pattern: /^\/allocation\/allocatewithcarrierservice$/i,
		handle: (ctx, _match, rawBody) => allocateWithCarrierService(ctx, rawBody),
	},
	{
		method: 'PUT',
		pattern: /^\/consignments\/manifest$/i,
		handle: (ctx, _match, rawBody) => manifestConsignments(ctx, rawBody),
	},
	{
		method: 'GET',
		pattern: /^\/consignments\/([^/]+)$/i,
		handle: (ctx, match) => getConsignment(ctx, match[1]),
	},
	{
		method: 'GET',
		pattern: /^\/labels\/([^/]+)(?:\/([^/]+))?$/i,
		handle: (ctx, match) => getLabel(ctx, match[1], match[2]),
	},
];

function handleApiRequest(ctx, method, path, rawBody) {
	let pathMatched = false;
	for (const route of ROUTES) {
		const match = route.pattern.exec(path);
		if (!match) continue;
		if (route.method === method) return route.handle(ctx, match, rawBody);
		pathMatched = true;
	}
	if (pathMatched) {
		return json(
			405,
			proError(
				'MethodNotAllowed',
				`The requested resource does not support http method '${method}'.`,
			),
		);
	}
	return json(
		404,
		proError('NotFound', `No HTTP resource was found that matches the request URI '${path}'.`),
	);
}

module.exports = { handleApiRequest, MAX_REFERENCES_PER_REQUEST };
