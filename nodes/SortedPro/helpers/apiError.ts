/**
 * Turning SortedPRO's error answers into messages an operator can act on.
 *
 * Two body shapes arrive: PRO's own (`Code`, `Message`, `CorrelationId`, `Details[]`) and the
 * Azure API gateway's (`statusCode`, `message`) for 401 and throttling. Bodies may also be
 * empty or an HTML page from a proxy, and none of that may crash the node.
 */

export interface ErrorResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

export interface DescribedError {
	message: string;
	description: string;
	/** The API's own words, when it gave any. */
	apiMessage?: string;
	correlationId?: string;
}

export interface ApiErrorFields {
	message?: string;
	code?: string;
	correlationId?: string;
	details: string[];
	/** A short, tag-free excerpt of a body that was not JSON. */
	text?: string;
}

const RETRY_HINT =
	"Run the workflow again, or turn on Retry On Fail in the node's Settings so n8n retries automatically.";
const KEY_LOCATION =
	'In SortedPRO the key is under Settings > Users & Roles > User Accounts > Edit User > Show API Key.';

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim()) return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

function excerpt(raw: string): string | undefined {
	const plain = raw
		.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (!plain) return undefined;
	return plain.length > 200 ? `${plain.slice(0, 197)}...` : plain;
}

/** Parses a body that may be an object, a JSON string, another string, a Buffer or nothing. */
export function parseBody(body: unknown): unknown {
	if (body === undefined || body === null) return undefined;
	let raw: string | undefined;
	if (typeof body === 'string') raw = body;
	else if (body instanceof Uint8Array) raw = Buffer.from(body).toString('utf8');
	if (raw === undefined) return body;
	if (!raw.trim()) return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

/** Reads either error shape, case-insensitively, tolerating anything else. */
export function readApiError(body: unknown): ApiErrorFields {
	const parsed = parseBody(body);
	if (typeof parsed === 'string') return { details: [], text: excerpt(parsed) };
	if (!isObject(parsed)) return { details: [] };
	const field = (name: string) => {
		const key = Object.keys(parsed).find(
			(candidate) => candidate.toLowerCase() === name.toLowerCase(),
		);
		return key === undefined ? undefined : parsed[key];
	};
	const details: string[] = [];
	const rawDetails = field('Details');
	if (Array.isArray(rawDetails)) {
		for (const detail of rawDetails) {
			if (!isObject(detail)) continue;
			const message = text(detail.Message ?? detail.message);
			if (!message) continue;
			const target = text(detail.Target ?? detail.target);
			details.push(target ? `${target}: ${message}` : message);
		}
	}
	return {
		message: text(field('Message')) ?? text(field('ErrorMessage')) ?? text(field('error')),
		code: text(field('Code')),
		correlationId: text(field('CorrelationId')),
		details,
	};
}

/** Text from SortedPRO as a sentence of its own: with a full stop unless it already ends one. */
function sentence(value: string): string {
	return /[.!?]["')\]]*$/.test(value) ? value : `${value}.`;
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return text(Array.isArray(value) ? value[0] : value);
}

/** `Retry-After` as seconds: either a number of seconds or an HTTP date. */
export function retryAfterSeconds(
	headers: Record<string, unknown> | undefined,
	now = Date.now(),
): number | undefined {
	const value = header(headers, 'retry-after');
	if (!value) return undefined;
	if (/^\d+$/.test(value)) return Number(value);
	const date = Date.parse(value);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, Math.ceil((date - now) / 1000));
}

function statusMessage(statusCode: number, action: string, apiMessage: string | undefined): string {
	const said = apiMessage ? `: ${apiMessage}` : '';
	if (statusCode >= 300 && statusCode < 400)
		return `SortedPRO answered with a redirect (HTTP ${statusCode}) when trying to ${action}; it was not followed`;
	if (statusCode === 400) return `SortedPRO rejected the request to ${action}${said}`;
	if (statusCode === 401) return 'SortedPRO rejected the API key';
	if (statusCode === 403) return `SortedPRO refused access when trying to ${action}${said}`;
	if (statusCode === 404)
		return `SortedPRO could not find what was asked for when trying to ${action}${said}`;
	if (statusCode === 409 || statusCode === 422) return `SortedPRO could not ${action}${said}`;
	if (statusCode === 429)
		return `SortedPRO is receiving too many requests from this account (HTTP 429) and did not ${action}`;
	if (statusCode >= 500) return `SortedPRO failed while trying to ${action} (HTTP ${statusCode})`;
	return `SortedPRO answered HTTP ${statusCode} when trying to ${action}${said}`;
}

function guidance(
	statusCode: number,
	headers: Record<string, unknown> | undefined,
	hasDetails: boolean,
): string {
	if (statusCode >= 300 && statusCode < 400) {
		const location = header(headers, 'location');
		let host = '';
		try {
			host = location ? ` to ${new URL(location).host}` : '';
		} catch {
			host = '';
		}
		return (
			`The answer pointed elsewhere${host}. The API key is never sent on to ` +
			`another address. Check the credential's Environment and, for a custom ` +
			`base URL, that it points straight at the API.`
		);
	}
	if (statusCode === 400 || statusCode === 409 || statusCode === 422) {
		return (
			`Check the values sent (carrier service reference, consignment ` +
			`references and their states)${hasDetails ? ' against the details above' : ''}.`
		);
	}
	if (statusCode === 401) {
		return (
			`Check the API key in the SortedPRO API credential. ${KEY_LOCATION} ` +
			`Sandbox and production keys differ: make sure the credential's ` +
			`Environment matches the account the key belongs to.`
		);
	}
	if (statusCode === 403)
		return 'The API key is valid but its user may lack the permission for this action; ask a SortedPRO administrator.';
	if (statusCode === 429) {
		const seconds = retryAfterSeconds(headers);
		const wait =
			seconds === undefined
				? 'Wait a minute before trying again.'
				: `SortedPRO asks to wait ${seconds} second${seconds === 1 ? '' : 's'} before trying again.`;
		return (
			`${wait} Turn on Retry On Fail in the node's Settings (with a wait ` +
			`between tries of at least that long), or send fewer items at once ` +
			`with the Batching request option.`
		);
	}
	if (statusCode >= 500)
		return `This is a problem on SortedPRO's side and is usually temporary. ${RETRY_HINT}`;
	return "Check the node's settings and the credential's Environment.";
}

/**
 * Message and description for a non-2xx answer. `action` completes "when trying to ...", e.g.
 * "list carrier services".
 */
export function describeErrorResponse(response: ErrorResponse, action: string): DescribedError {
	const fields = readApiError(response.body);
	const apiMessage = fields.message ?? fields.text;
	const lines: string[] = [];
	if (
		apiMessage &&
		response.statusCode !== 400 &&
		response.statusCode !== 403 &&
		response.statusCode !== 404 &&
		response.statusCode !== 409 &&
		response.statusCode !== 422
	) {
		lines.push(`SortedPRO said: ${sentence(apiMessage)}`);
	}
	// n8n's error panel drops line breaks: details are one inline list, every line a sentence.
	if (fields.details.length > 0) {
		const details = fields.details.map((detail) => detail.replace(/[.\s]+$/, ''));
		lines.push(`Details (${details.length}): ${details.join('; ')}.`);
	}
	if (fields.code) lines.push(`Error code: ${fields.code}.`);
	lines.push(
		guidance(
			response.statusCode,
			response.headers,
			Boolean(apiMessage) || fields.details.length > 0,
		),
	);
	if (fields.correlationId)
		lines.push(
			`Correlation ID: ${fields.correlationId} (quote it when contacting Sorted support).`,
		);
	else if (!apiMessage && fields.details.length === 0)
		lines.push(`SortedPRO gave no further details (HTTP ${response.statusCode}).`);
	return {
		message: statusMessage(response.statusCode, action, apiMessage),
		description: lines.join('\n'),
		apiMessage,
		correlationId: fields.correlationId,
	};
}

/** Message and description for a request that got no answer at all. */
export function describeNetworkFailure(
	code: string | undefined,
	action: string,
	forCredentialTest = false,
): DescribedError {
	const timedOut = code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT';
	const unresolved = code === 'ENOTFOUND' || code === 'EAI_AGAIN';
	const refused = code === 'ECONNREFUSED';
	const notHttps = code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER';
	const message = timedOut
		? `SortedPRO did not answer in time when trying to ${action}`
		: `Could not reach SortedPRO to ${action}`;
	const cause = unresolved
		? "The host name could not be resolved: check the credential's Environment and, for a custom base URL, its spelling."
		: timedOut
			? forCredentialTest
				? 'SortedPRO may be slow or down, or a firewall drops the connection: ' +
					"check the base URL's host and port, and test again in a minute."
				: 'SortedPRO may be slow or down. If it is just slow, raise the Timeout ' +
					"in the node's request options (Add Option > Timeout)."
			: refused
				? 'Nothing is listening at that address: for a custom base URL, check ' +
					'its host and port, and that the proxy or simulator it points at is running.'
				: notHttps
					? 'The server at that address does not speak https: a custom base URL ' +
						'with https:// probably points at a plain-http server or the wrong ' +
						'port. Use its https address, or http:// if it runs on this machine.'
					: 'The service may be down or unreachable from this n8n; this is usually temporary.';
	return {
		message,
		description: [
			cause,
			// A credential test is run again by hand; a wrong address will not fix itself.
			notHttps || forCredentialTest ? undefined : RETRY_HINT,
			code ? `Network error code: ${code.toLowerCase()}.` : undefined,
		]
			.filter(Boolean)
			.join('\n'),
	};
}

/** A message as part of a sentence: trimmed, without its own final full stop. */
function withoutFinalStop(message: string): string {
	return message.trim().replace(/[.\s]+$/, '');
}

/**
 * What support needs from an error answer, for a reason that ends up on one consignment: the
 * API's own message (unless the reason already is it) and the Correlation ID, as sentences.
 * Empty when the answer carried neither.
 */
export function supportContext(body: unknown, reason = ''): string {
	const fields = readApiError(body);
	const sentences: string[] = [];
	const said = fields.message ?? fields.text;
	if (said && !reason.toLowerCase().includes(withoutFinalStop(said).toLowerCase()))
		sentences.push(`SortedPRO said: ${withoutFinalStop(said)}.`);
	if (fields.correlationId) sentences.push(`Correlation ID: ${fields.correlationId}.`);
	return sentences.join(' ');
}

/** `reason` followed by the support context of the answer it came from, one sentence each. */
export function reasonWithSupportContext(reason: string, body: unknown): string {
	const context = supportContext(body, reason);
	if (!context) return reason;
	return `${withoutFinalStop(reason)}. ${context}`;
}
