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
		'Access denied due to missing subscription key. Make sure to include ' +
		'subscription key when making requests to an API.',
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
	/** A proxy's or load balancer's HTML page, even with 200 (a captive portal, a maintenance page). */
	htmlPage(status = 200) {
		return {
			status,
			contentType: 'text/html; charset=utf-8',
			body:
				'<!DOCTYPE html><html><head><title>Service maintenance</title><style>body{font:14px sans-serif}</style>' +
				'</head><body><h1>We will be back soon</h1><p>The service is down for maintenance.</p></body></html>',
		};
	},
	/** 429 from the gateway without a Retry-After header. */
	get throttledNoRetryAfter() {
		return { status: 429, body: gatewayError(429, 'Rate limit is exceeded.') };
	},
	/** 500, 502, 503 or 504 with a PRO error body including a CorrelationId. */
	serverFault(status = 500) {
		return {
			status,
			body: proError(
				status === 503 ? 'ServiceUnavailable' : 'InternalServerError',
				status === 503
					? 'The service is temporarily unavailable.'
					: `An unexpected error occurred (HTTP ${status}).`,
			),
		};
	},
	/** The connection is reset without an answer; `apply: true` handles the request first. */
	get connectionReset() {
		return { action: 'reset' };
	},
	/** No answer ever comes (the client times out); `apply: true` handles the request first. */
	get noAnswer() {
		return { action: 'hang' };
	},
	/** The real answer, its body written in ten pieces `dripMs` apart. */
	slowDrip(dripMs = 100) {
		return { action: 'pass', dripMs };
	},
	/** The real answer (the request is handled) with its body cut in half. */
	get truncatedJson() {
		return { action: 'truncate' };
	},
	/** The request is handled for other references than asked, and answered about those. */
	get otherReferences() {
		return { action: 'otherReferences' };
	},
	/** The real answer with every entry of its list repeated. */
	get duplicates() {
		return { action: 'duplicates' };
	},
	/** 200 with an empty body; nothing is handled. */
	get empty200() {
		return { status: 200, body: '' };
	},
};

/** What a fault does; `respond` (the default) answers `status`, `headers`, `body`. */
const FAULT_ACTIONS = [
	'respond',
	'reset',
	'hang',
	'pass',
	'truncate',
	'otherReferences',
	'duplicates',
];

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
	'action',
	'apply',
	'dripMs',
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
		action = 'respond',
		apply = false,
		dripMs,
	} = input;
	if (!FAULT_ACTIONS.includes(action)) {
		throw new TypeError(`fault.action must be one of ${FAULT_ACTIONS.join(', ')}`);
	}
	if (action === 'respond' && (!Number.isInteger(status) || status < 100 || status > 599)) {
		throw new TypeError('fault.status must be an HTTP status code');
	}
	if (action !== 'respond' && status !== undefined) {
		throw new TypeError(`fault.status is only for action "respond", not "${action}"`);
	}
	if (typeof apply !== 'boolean') throw new TypeError('fault.apply must be a boolean');
	if (dripMs !== undefined && !(Number.isFinite(dripMs) && dripMs >= 0)) {
		throw new TypeError('fault.dripMs must be a non-negative number');
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
		action,
		apply,
		dripMs,
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
	FAULT_ACTIONS,
	normaliseFault,
	faultFromControlBody,
};
