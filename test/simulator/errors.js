'use strict';

const { randomUUID } = require('node:crypto');

// Two error shapes exist on the real service: PRO's own body (PascalCase, with a
// CorrelationId users quote to Sorted support) and the Azure API Management
// gateway's body (camelCase), which answers before PRO sees the request.

function proError(code, message, details = []) {
	return { Code: code, Message: message, CorrelationId: randomUUID(), Details: details };
}

function detail(code, target, message) {
	return { Code: code, Target: target, Message: message };
}

const GATEWAY_MESSAGES = {
	missingKey:
		'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
	invalidKey:
		'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
};

function gatewayError(statusCode, message) {
	return { statusCode, message };
}

/**
 * Ready-made faults. Getters and factories build a fresh object on every use,
 * so tests can spread and override them (`{ ...faults.serverError, times: 3 }`)
 * without sharing state, and each use gets its own CorrelationId.
 */
const faults = {
	get gateway401() {
		return { status: 401, body: gatewayError(401, GATEWAY_MESSAGES.invalidKey) };
	},
	throttled(retryAfterSeconds = 1) {
		return {
			status: 429,
			headers: { 'Retry-After': String(retryAfterSeconds) },
			body: gatewayError(429, `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`),
		};
	},
	get serverError() {
		return {
			status: 500,
			body: proError(
				'InternalServerError',
				'An unexpected error occurred. Quote the CorrelationId to Sorted support.',
			),
		};
	},
	emptyBody(status = 500) {
		return { status, body: '' };
	},
	nonJson(status = 502) {
		return {
			status,
			contentType: 'text/html; charset=utf-8',
			body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad gateway</h1></body></html>',
		};
	},
};

const FAULT_KEYS = new Set([
	'method',
	'path',
	'status',
	'headers',
	'body',
	'contentType',
	'delayMs',
	'times',
	'after',
]);

/** Validates a fault up front so a typo fails the test that made it, not a later request. */
function normaliseFault(input) {
	if (!input || typeof input !== 'object' || Array.isArray(input)) {
		throw new TypeError('fault must be an object');
	}
	for (const key of Object.keys(input)) {
		if (!FAULT_KEYS.has(key)) throw new TypeError(`fault: unknown field "${key}"`);
	}
	const {
		method,
		path,
		status,
		headers = {},
		body,
		contentType,
		delayMs,
		times = 1,
		after = 0,
	} = input;
	if (!Number.isInteger(status) || status < 100 || status > 599) {
		throw new TypeError('fault.status must be an HTTP status code');
	}
	if (method !== undefined && (typeof method !== 'string' || !method)) {
		throw new TypeError('fault.method must be a non-empty string');
	}
	if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
		throw new TypeError('fault.path must be a string starting with "/"');
	}
	if (!headers || typeof headers !== 'object' || Array.isArray(headers)) {
		throw new TypeError('fault.headers must be an object');
	}
	if (contentType !== undefined && typeof contentType !== 'string') {
		throw new TypeError('fault.contentType must be a string');
	}
	if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
		throw new TypeError('fault.delayMs must be a non-negative number');
	}
	// JSON cannot carry Infinity, so the control endpoint sends it as a string.
	const remaining = times === 'Infinity' ? Infinity : times;
	if (!(remaining === Infinity || (Number.isInteger(remaining) && remaining > 0))) {
		throw new TypeError('fault.times must be a positive integer or Infinity');
	}
	if (!(Number.isInteger(after) && after >= 0)) {
		throw new TypeError('fault.after must be a non-negative integer');
	}
	return {
		method: method && method.toUpperCase(),
		path: path && path.toLowerCase(),
		status,
		headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
		body,
		contentType,
		delayMs,
		remaining,
		// Matching requests still let through before the fault applies, e.g. to fail the 2nd chunk.
		skip: after,
	};
}

/** Resolves `{ preset: 'throttled', args: [30], ...overrides }` sent to the control endpoint. */
function faultFromControlBody(input) {
	if (!input || typeof input !== 'object' || Array.isArray(input) || input.preset === undefined) {
		return input;
	}
	const { preset, args = [], ...overrides } = input;
	if (!Object.prototype.hasOwnProperty.call(faults, preset)) {
		throw new TypeError(
			`unknown fault preset "${preset}" (known: ${Object.keys(faults).join(', ')})`,
		);
	}
	if (!Array.isArray(args)) throw new TypeError('fault preset args must be an array');
	const base = typeof faults[preset] === 'function' ? faults[preset](...args) : faults[preset];
	return { ...base, ...overrides };
}

module.exports = {
	proError,
	detail,
	gatewayError,
	GATEWAY_MESSAGES,
	faults,
	normaliseFault,
	faultFromControlBody,
};
