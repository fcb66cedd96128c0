'use strict';

const { SEED_CARRIER_SERVICES, SEED_SHIPPING_LOCATIONS } = require('./seed');
const { proError, detail } = require('./errors');
const { CREATE_ROUTES } = require('./create');
const { MAX_REFERENCES_PER_REQUEST, json, badRequest } = require('./common');
const { ROUTES: ALLOCATION_ROUTES } = require('./allocation');
const { ROUTES: QUOTE_ROUTES } = require('./quotes');
const { ROUTES: LIFECYCLE_ROUTES } = require('./lifecycle');
const { ROUTES: TRACKING_ROUTES } = require('./tracking');
const { SEARCH_ROUTES } = require('./search');

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

/**
 * `GET /labels/{ref}` and `GET /labels/{ref}/{PDF|PNG|ZPL|ZPLII}`: `{ File: base64, ContentType }`,
 * only after allocation.
 */
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
				Message:
					`Consignment ${reference} is in state ${entry.data.ConsignmentState}; ` +
					`only allocated consignments can be manifested`,
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
	...SEARCH_ROUTES,
	{ method: 'GET', pattern: /^\/shippinglocations$/i, handle: (ctx) => getShippingLocations(ctx) },
	{ method: 'GET', pattern: /^\/carrierservices$/i, handle: (ctx) => getCarrierServices(ctx) },
	...ALLOCATION_ROUTES,
	...QUOTE_ROUTES,
	...LIFECYCLE_ROUTES,
	...TRACKING_ROUTES,
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
