'use strict';

// A local stand-in for the SortedPRO (Electio) API, used by the jest tests, the
// end-to-end suite and the demo. The real service's behaviour is only partly
// documented (see docs/sortedpro-api.md); where it is UNKNOWN the
// simulator can be switched between the plausible answers with setBehaviour()
// and inject(), so the node can be tested against each of them.

const http = require('node:http');
const {
	DEFAULT_API_KEY,
	CARRIER_SERVICE_REFS,
	SEED_CARRIER_SERVICES,
	SEED_SHIPPING_LOCATIONS,
	SEED_PACKAGE_SIZES,
	SEED_CONSIGNMENTS,
	SEEDED_REFS,
	SEEDED_INELIGIBLE_REASON,
	AUTO_INELIGIBLE_REASON,
	isWellFormedReference,
	isAutoIneligibleReference,
	makeConsignmentReference,
} = require('./seed');
const {
	faults,
	normaliseFault,
	faultFromControlBody,
	gatewayError,
	GATEWAY_MESSAGES,
	proError,
} = require('./errors');
const { ConsignmentStore } = require('./consignments');
const { handleApiRequest, MAX_REFERENCES_PER_REQUEST } = require('./api');
const { SERVICE_GROUP_REFS, SEED_SERVICE_GROUPS, RULES_SERVICE } = require('./allocation');
const { setConsignmentState } = require('./search');

const JSON_TYPE = 'application/json; charset=utf-8';
const API_KEY_HEADER = 'ocp-apim-subscription-key';
const CONTROL_PREFIX = '/__sim';
const MAX_BODY_BYTES = 1024 * 1024;

const DEFAULT_BEHAVIOUR = Object.freeze({
	carrierServices: 'wrapper',
	allocationFailure: 'omit',
	allocationAccepted: false,
	summaryLinks: true,
	delayMs: 0,
	searchCount: 'total',
	searchMaxTake: 100,
	customerReferenceSearch: 'exact',
	listFailure: 'message',
	quoteLifetimeMs: 24 * 60 * 60 * 1000,
});

const BEHAVIOUR_RULES = {
	carrierServices: {
		valid: (v) => ['wrapper', 'bareArray', 'notFound', 'empty'].includes(v),
		expected: "'wrapper' | 'bareArray' | 'notFound' | 'empty'",
	},
	allocationFailure: {
		valid: (v) => ['omit', 'statusCode', 'badRequest'].includes(v),
		expected: "'omit' | 'statusCode' | 'badRequest'",
	},
	allocationAccepted: { valid: (v) => typeof v === 'boolean', expected: 'a boolean' },
	summaryLinks: { valid: (v) => typeof v === 'boolean', expected: 'a boolean' },
	delayMs: { valid: (v) => Number.isFinite(v) && v >= 0, expected: 'a non-negative number' },
	searchCount: { valid: (v) => ['total', 'page'].includes(v), expected: "'total' | 'page'" },
	searchMaxTake: {
		valid: (v) => Number.isInteger(v) && v >= 1,
		expected: 'a whole number of at least 1',
	},
	customerReferenceSearch: {
		valid: (v) => ['exact', 'partial', 'notFound'].includes(v),
		expected: "'exact' | 'partial' | 'notFound'",
	},
	listFailure: {
		valid: (v) => ['message', 'omit', 'badRequest'].includes(v),
		expected: "'message' | 'omit' | 'badRequest'",
	},
	quoteLifetimeMs: {
		valid: (v) => Number.isFinite(v) && v >= 0,
		expected: 'a non-negative number',
	},
};

// Unknown fields and values throw rather than being ignored: a misspelt
// behaviour would otherwise leave a test silently exercising the default.
function validateBehaviour(partial) {
	if (!partial || typeof partial !== 'object' || Array.isArray(partial)) {
		throw new TypeError('behaviour must be an object');
	}
	for (const [key, value] of Object.entries(partial)) {
		const rule = BEHAVIOUR_RULES[key];
		if (!rule)
			throw new TypeError(
				`behaviour: unknown field "${key}" (known: ${Object.keys(BEHAVIOUR_RULES).join(', ')})`,
			);
		if (!rule.valid(value))
			throw new TypeError(
				`behaviour.${key} must be ${rule.expected}, got ${JSON.stringify(value)}`,
			);
	}
	return partial;
}

function splitUrl(rawUrl) {
	const q = rawUrl.indexOf('?');
	const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
	const query = q < 0 ? {} : Object.fromEntries(new URLSearchParams(rawUrl.slice(q + 1)));
	return { path, query };
}

function parseJson(rawBody) {
	if (!rawBody) return undefined;
	try {
		return JSON.parse(rawBody);
	} catch {
		return undefined;
	}
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve({ rawBody: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }),
		);
		req.on('error', reject);
	});
}

function writeAnswer(res, answer) {
	if (res.destroyed || res.headersSent) return;
	const payload = answer.raw !== undefined ? answer.raw : JSON.stringify(answer.json);
	const headers = { 'content-type': answer.contentType || JSON_TYPE };
	for (const [name, value] of Object.entries(answer.headers || {}))
		headers[name.toLowerCase()] = value;
	headers['content-length'] = String(Buffer.byteLength(payload));
	res.writeHead(answer.status, headers);
	res.end(payload);
}

function faultAnswer(fault) {
	let raw;
	if (typeof fault.body === 'string') raw = fault.body;
	else if (fault.body !== undefined) raw = JSON.stringify(fault.body);
	else
		raw =
			fault.status >= 400
				? JSON.stringify(proError('SimulatedFault', `Simulated HTTP ${fault.status}`))
				: '';
	return { status: fault.status, raw, contentType: fault.contentType, headers: fault.headers };
}

const RESET = Symbol('reset');
const HANG = Symbol('hang');

/** Another well-formed reference for each one asked: `EC-000-05A-Z6S` becomes `EC-900-05A-Z6S`. */
function swapReferences(text) {
	return text.replace(
		/EC-([A-Z0-9]{3})-([A-Z0-9]{3})-([A-Z0-9]{3})/gi,
		(_match, first, second, third) =>
			`EC-${first[0] === '9' ? '8' : '9'}${first.slice(1)}-${second}-${third}`.toUpperCase(),
	);
}

/** The answer with every entry of its list (the top-level array, or the first array field) twice. */
function withDuplicates(answer) {
	const twice = (list) => list.flatMap((entry) => [entry, entry]);
	let json = answer.json;
	if (Array.isArray(json)) json = twice(json);
	else if (json && typeof json === 'object') {
		const key = Object.keys(json).find((name) => Array.isArray(json[name]));
		if (key) json = { ...json, [key]: twice(json[key]) };
	}
	return { ...answer, json };
}

/** The answer a fault gives (or RESET, HANG); `realAnswer` handles the request for real. */
function faultedAnswer(fault, realAnswer, path, rawBody) {
	switch (fault.action) {
		case 'reset':
			if (fault.apply) realAnswer();
			return RESET;
		case 'hang':
			if (fault.apply) realAnswer();
			return HANG;
		case 'pass':
			return realAnswer();
		case 'truncate': {
			const answer = realAnswer();
			const payload = answer.raw !== undefined ? answer.raw : JSON.stringify(answer.json);
			return { ...answer, json: undefined, raw: payload.slice(0, Math.floor(payload.length / 2)) };
		}
		case 'duplicates':
			return withDuplicates(realAnswer());
		case 'otherReferences':
			return realAnswer(swapReferences(path), swapReferences(rawBody));
		default:
			if (fault.apply) realAnswer();
			return faultAnswer(fault);
	}
}

class Simulator {
	constructor({ apiKey, seed: seedConsignments }) {
		this.apiKey = apiKey;
		this.url = '';
		this.port = 0;
		this._seed = seedConsignments;
		this._requests = [];
		this._faults = [];
		this._behaviour = { ...DEFAULT_BEHAVIOUR };
		this._store = new ConsignmentStore();
		this._timers = new Set();
		this._closed = false;
		if (this._seed) this._store.seed();
		this._server = http.createServer((req, res) => {
			this._handle(req, res).catch((error) => {
				writeAnswer(res, {
					status: 500,
					json: proError('SimulatorBug', `Simulator error: ${error && error.message}`),
				});
			});
		});
	}

	/** Recorded API requests, oldest first. The same array is kept across clearRequests(). */
	get requests() {
		return this._requests;
	}

	get behaviour() {
		return { ...this._behaviour };
	}

	setBehaviour(partial) {
		Object.assign(this._behaviour, validateBehaviour(partial));
		return this.behaviour;
	}

	clearRequests() {
		this._requests.length = 0;
	}

	inject(fault) {
		const normalised = normaliseFault(fault);
		this._faults.push(normalised);
		return normalised;
	}

	clearFaults() {
		this._faults.length = 0;
	}

	addConsignment(consignment) {
		return this._store.add(consignment);
	}

	getConsignment(reference) {
		return this._store.peek(reference);
	}

	/** A simulated carrier event: see search.js. */
	setConsignmentState(reference, state, options) {
		return setConsignmentState(this._store, reference, state, options);
	}

	reset() {
		this._behaviour = { ...DEFAULT_BEHAVIOUR };
		this.clearFaults();
		this.clearRequests();
		this._store.clear();
		if (this._seed) this._store.seed();
	}

	listen(port, host) {
		return new Promise((resolve, reject) => {
			this._server.once('error', reject);
			this._server.listen(port, host, () => {
				this._server.off('error', reject);
				const address = this._server.address();
				this.port = address.port;
				// IPv6 literals need brackets in a URL; host names are kept as given.
				const urlHost = host.includes(':') ? `[${host}]` : host;
				this.url = `http://${urlHost}:${this.port}`;
				resolve(this);
			});
		});
	}

	close() {
		if (this._closed) return Promise.resolve();
		this._closed = true;
		for (const { timer, resolve } of this._timers) {
			clearTimeout(timer);
			resolve();
		}
		this._timers.clear();
		return new Promise((resolve) => {
			this._server.close(() => resolve());
			this._server.closeAllConnections();
		});
	}

	// Tracked so close() can cancel pending delays; otherwise jest waits for them.
	_sleep(ms) {
		if (!ms) return Promise.resolve();
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this._timers.delete(entry);
					resolve();
				}, ms),
				resolve,
			};
			this._timers.add(entry);
		});
	}

	async _handle(req, res) {
		const at = Date.now();
		const { rawBody, tooLarge } = await readBody(req);
		const { path, query } = splitUrl(req.url || '/');
		const lowerPath = path.toLowerCase();

		if (lowerPath === CONTROL_PREFIX || lowerPath.startsWith(`${CONTROL_PREFIX}/`)) {
			writeAnswer(
				res,
				this._control(req.method, lowerPath.slice(CONTROL_PREFIX.length), path, rawBody),
			);
			return;
		}

		this._requests.push({
			method: req.method,
			path,
			query,
			headers: { ...req.headers },
			body: parseJson(rawBody),
			rawBody,
			at,
		});

		const fault = this._takeFault(req.method, lowerPath);
		const realAnswer = (apiPath = path, apiBody = rawBody) => {
			if (req.headers[API_KEY_HEADER] !== this.apiKey) {
				const message = req.headers[API_KEY_HEADER]
					? GATEWAY_MESSAGES.invalidKey
					: GATEWAY_MESSAGES.missingKey;
				return { status: 401, json: gatewayError(401, message) };
			}
			if (tooLarge) {
				return {
					status: 413,
					json: proError(
						'PayloadTooLarge',
						`Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
					),
				};
			}
			const ctx = {
				store: this._store,
				behaviour: this.behaviour,
				baseUrl: this.url,
				query,
				headers: req.headers,
			};
			return handleApiRequest(ctx, req.method, apiPath, apiBody);
		};
		let delayMs = this._behaviour.delayMs;
		if (fault && fault.delayMs !== undefined) delayMs = fault.delayMs;
		const answer = fault ? faultedAnswer(fault, realAnswer, path, rawBody) : realAnswer();

		await this._sleep(delayMs);
		if (answer === RESET) {
			req.socket.destroy();
			return;
		}
		// Left open: the client gives up (its time-out) or close() ends it.
		if (answer === HANG) return;
		if (fault && fault.dripMs !== undefined) await this._drip(res, answer, fault.dripMs);
		else writeAnswer(res, answer);
	}

	/** Writes the answer in ten pieces, `dripMs` apart, with the full content-length up front. */
	async _drip(res, answer, dripMs) {
		const payload = Buffer.from(
			answer.raw !== undefined ? answer.raw : JSON.stringify(answer.json),
			'utf8',
		);
		const headers = { 'content-type': answer.contentType || JSON_TYPE };
		for (const [name, value] of Object.entries(answer.headers || {}))
			headers[name.toLowerCase()] = value;
		headers['content-length'] = String(payload.length);
		res.writeHead(answer.status, headers);
		const size = Math.max(1, Math.ceil(payload.length / 10));
		for (let start = 0; start < payload.length; start += size) {
			if (res.destroyed || this._closed) return;
			res.write(payload.subarray(start, start + size));
			await this._sleep(dripMs);
		}
		if (!res.destroyed) res.end();
	}

	_takeFault(method, lowerPath) {
		const index = this._faults.findIndex(
			(f) => (!f.method || f.method === method) && (!f.path || lowerPath.startsWith(f.path)),
		);
		if (index < 0) return undefined;
		const fault = this._faults[index];
		if (fault.skip > 0) {
			fault.skip -= 1;
			return undefined;
		}
		fault.remaining -= 1;
		if (fault.remaining <= 0) this._faults.splice(index, 1);
		return fault;
	}

	_control(method, route, originalPath, rawBody) {
		const ok = (body, status = 200) => ({ status, json: body });
		let input;
		if (rawBody) {
			try {
				input = JSON.parse(rawBody);
			} catch {
				return { status: 400, json: { error: 'control request body is not valid JSON' } };
			}
		}
		try {
			const key = `${method} ${route}`;
			switch (key) {
				case 'GET /health':
					return ok({ ok: true, url: this.url, apiKey: this.apiKey });
				case 'GET /requests':
					return ok(this._requests);
				case 'DELETE /requests':
					this.clearRequests();
					return ok({ cleared: true });
				case 'GET /behaviour':
					return ok(this.behaviour);
				case 'PUT /behaviour':
					return ok(this.setBehaviour(input));
				case 'POST /inject': {
					const fault = this.inject(faultFromControlBody(input));
					// JSON.stringify turns Infinity into null; keep it readable.
					return ok(
						{ ...fault, remaining: fault.remaining === Infinity ? 'Infinity' : fault.remaining },
						201,
					);
				}
				case 'DELETE /inject':
					this.clearFaults();
					return ok({ cleared: true });
				case 'POST /consignments': {
					const list = Array.isArray(input) ? input : [input];
					return ok(
						list.map((c) => this.addConsignment(c)),
						201,
					);
				}
				case 'POST /reset':
					this.reset();
					return ok({ reset: true, behaviour: this.behaviour });
				default: {
					const stateMatch = /^\/consignments\/([^/]+)\/state$/i.exec(
						originalPath.slice(CONTROL_PREFIX.length),
					);
					if (method === 'POST' && stateMatch) {
						const body = input || {};
						return ok(
							this.setConsignmentState(decodeURIComponent(stateMatch[1]), body.state, {
								reason: body.reason,
								at: body.at,
							}),
						);
					}
					const match = /^\/consignments\/([^/]+)$/i.exec(
						originalPath.slice(CONTROL_PREFIX.length),
					);
					if (method === 'GET' && match) {
						const consignment = this.getConsignment(decodeURIComponent(match[1]));
						return consignment
							? ok(consignment)
							: {
									status: 404,
									json: { error: 'no such consignment (control endpoints never auto-create)' },
								};
					}
					return {
						status: 404,
						json: { error: `unknown control endpoint ${method} ${originalPath}` },
					};
				}
			}
		} catch (error) {
			return { status: 400, json: { error: error.message } };
		}
	}
}

/** Starts a simulator; see index.d.ts for the full contract. */
async function startSimulator({
	port = 0,
	host = '127.0.0.1',
	apiKey = DEFAULT_API_KEY,
	seed: seedConsignments = true,
} = {}) {
	if (typeof apiKey !== 'string' || !apiKey)
		throw new TypeError('apiKey must be a non-empty string');
	const simulator = new Simulator({ apiKey, seed: seedConsignments });
	return simulator.listen(port, host);
}

// Shorthand properties only: Node's ESM loader can then see each name, so
// `.mjs` scripts can use named imports from this CommonJS file.
module.exports = {
	startSimulator,
	faults,
	DEFAULT_BEHAVIOUR,
	MAX_REFERENCES_PER_REQUEST,
	API_KEY_HEADER,
	DEFAULT_API_KEY,
	CARRIER_SERVICE_REFS,
	SEED_CARRIER_SERVICES,
	SEED_SHIPPING_LOCATIONS,
	SEED_PACKAGE_SIZES,
	SEED_CONSIGNMENTS,
	SEEDED_REFS,
	SEEDED_INELIGIBLE_REASON,
	AUTO_INELIGIBLE_REASON,
	isWellFormedReference,
	isAutoIneligibleReference,
	makeConsignmentReference,
	SERVICE_GROUP_REFS,
	SEED_SERVICE_GROUPS,
	RULES_SERVICE,
};
