'use strict';

// Small pieces shared by the simulator's endpoint modules (api.js, allocation.js, lifecycle.js...).

const { proError, detail } = require('./errors');

// The real cap is UNKNOWN; Sorted's newer Shipments API uses 100, and a cap
// here makes a client that forgets to chunk fail loudly in tests.
const MAX_REFERENCES_PER_REQUEST = 100;

const json = (status, body) => ({ status, json: body });
const badRequest = (code, message, details) => json(400, proError(code, message, details));

function isDisabled(service) {
	return service.Status === 2 || service.Status === 'Disabled';
}

/** A reference from a path segment, or the 400 a malformed encoding gets. */
function decodeReference(encoded) {
	try {
		return { reference: decodeURIComponent(encoded) };
	} catch {
		return {
			error: badRequest(
				'InvalidRequest',
				'The consignment reference in the path is not valid URL encoding',
			),
		};
	}
}

function consignmentNotFound(reference) {
	const message = `Consignment ${reference} not found`;
	return json(
		404,
		proError('ConsignmentNotFound', message, [detail('NotFound', 'reference', message)]),
	);
}

/** Parses a JSON request body; `{ error }` with a 400 when it is not JSON. */
function parseBody(rawBody) {
	try {
		return { body: JSON.parse(rawBody) };
	} catch {
		return { error: badRequest('InvalidRequest', 'The request body is not valid JSON') };
	}
}

module.exports = {
	MAX_REFERENCES_PER_REQUEST,
	json,
	badRequest,
	isDisabled,
	decodeReference,
	consignmentNotFound,
	parseBody,
};
