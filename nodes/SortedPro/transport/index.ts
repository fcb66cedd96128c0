import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import {
	describeErrorResponse,
	describeNetworkFailure,
	parseBody,
	supportContext,
	type ErrorResponse,
} from '../helpers/apiError';

export const CREDENTIAL_TYPE = 'sortedProApi';

export interface SortedProResponse extends ErrorResponse {
	headers: Record<string, unknown>;
}

type RequestContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * n8n's own default for the node's Timeout request option, used where n8n sets none (the
 * carrier-service picker, say), so that no request waits forever.
 */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** What the HTTP client reports when the answer did not come in time. */
class DeadlineExceededError extends Error {
	readonly code = 'ETIMEDOUT';
}

/**
 * The HTTP client's time-out only measures silence: an answer that trickles in a few bytes at a
 * time would hold the node for as long as the server likes. The whole answer must therefore
 * arrive within the time-out too.
 */
async function withinDeadline<T>(request: Promise<T>, timeoutMs: number): Promise<T> {
	const stop = new AbortController();
	// Whatever the abandoned request does later must not surface as an unhandled rejection.
	request.catch(() => undefined);
	const deadline = sleep(timeoutMs, stop.signal).then(
		() => {
			throw new DeadlineExceededError(`No complete answer within ${timeoutMs} ms`);
		},
		() => undefined as never,
	);
	try {
		return await Promise.race([request, deadline]);
	} finally {
		stop.abort();
	}
}

/** The error and the chain of its causes, outermost first. */
function causes(error: unknown): unknown[] {
	const chain: unknown[] = [];
	let current = error;
	while (
		current !== undefined &&
		current !== null &&
		chain.length < 10 &&
		!chain.includes(current)
	) {
		chain.push(current);
		current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
	}
	return chain;
}

/** The first Node.js error code (ECONNREFUSED, ETIMEDOUT...) along the chain of causes. */
export function errorCode(error: unknown): string | undefined {
	for (const cause of causes(error)) {
		const code =
			typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	return undefined;
}

function itemIndexOf(context: RequestContext): number | undefined {
	return 'getItemIndex' in context ? context.getItemIndex() : undefined;
}

/**
 * Sends one request with the credential and hands back the answer whatever its status, so that
 * every caller decides for itself what a 404 or a 202 means. Only the absence of an answer
 * throws, as a NodeApiError worded for operators. The raw transport error is never attached:
 * it carries the request headers, and with them the API key.
 */
export async function sendToSortedPro(
	this: RequestContext,
	options: IHttpRequestOptions,
	action: string,
): Promise<SortedProResponse> {
	let response: { statusCode?: number; headers?: Record<string, unknown>; body?: unknown };
	const timeout =
		typeof options.timeout === 'number' && options.timeout > 0
			? options.timeout
			: DEFAULT_TIMEOUT_MS;
	try {
		response = (await withinDeadline(
			this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				...options,
				timeout,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			}),
			timeout,
		)) as typeof response;
	} catch (error) {
		throw transportError(this, error, action);
	}
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return {
		statusCode: response.statusCode ?? 0,
		headers: response.headers ?? {},
		body: redactSecret(
			parseBody(response.body),
			typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '',
		),
	};
}

/**
 * A proxy or gateway page may echo request headers back; the key must not reach an output item
 * or an error through it.
 */
function redactSecret(body: unknown, secret: string): unknown {
	if (secret.length < 4 || body === undefined) return body;
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	if (!text.includes(secret)) return body;
	const redacted = text.split(secret).join('***');
	return typeof body === 'string' ? redacted : (JSON.parse(redacted) as unknown);
}

/** The NodeApiError or NodeOperationError for a request that got no answer. */
function transportError(
	context: RequestContext,
	error: unknown,
	action: string,
): NodeApiError | NodeOperationError {
	const itemIndex = itemIndexOf(context);
	const chain = causes(error);
	// n8n wraps whatever the transport threw in a NodeApiError; what happened is in the causes.
	const unsafe = chain.find(
		(cause): cause is Error => cause instanceof Error && cause.name === 'UnsafeBaseUrlError',
	);
	if (unsafe) {
		return new NodeOperationError(context.getNode(), unsafe.message, {
			itemIndex,
			description: 'Nothing was sent. Fix the Base URL in the SortedPRO API credential.',
		});
	}
	const code = errorCode(error);
	if (code?.startsWith('ERR_INVALID')) {
		// Node refused to build the request (a header with a line break, say): nothing was sent.
		return new NodeOperationError(
			context.getNode(),
			`The request to ${action} could not be built`,
			{
				itemIndex,
				description:
					`Node.js refused it (${code.toLowerCase()}). Check the API key in the ` +
					`SortedPRO API credential for stray characters.`,
			},
		);
	}
	if (code) {
		const described = describeNetworkFailure(code, action);
		// The code stays out of the error object: n8n would swap our message for its generic one.
		return new NodeApiError(context.getNode(), {} as JsonObject, {
			message: described.message,
			description: described.description,
			itemIndex,
		});
	}
	// Not a network failure (a domain outside the credential's allowed list, a credential that
	// cannot be read...): n8n's own words are the right ones. Only the innermost message is
	// kept; the error objects themselves carry the request, headers included.
	const innermost = [...chain]
		.reverse()
		.find((cause): cause is Error => cause instanceof Error && Boolean(cause.message));
	return new NodeOperationError(context.getNode(), innermost?.message ?? `Could not ${action}`, {
		itemIndex,
	});
}

export function isSuccess(response: ErrorResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300;
}

/** The NodeApiError for a non-2xx answer, carrying the API's message, details and correlation ID. */
export function errorForResponse(
	context: RequestContext,
	response: ErrorResponse,
	action: string,
	extraDescription?: string,
	message?: string,
): NodeApiError {
	const described = describeErrorResponse(response, action);
	const body = response.body;
	const errorResponse = (
		typeof body === 'object' && body !== null && !Array.isArray(body) ? body : { body: body ?? '' }
	) as JsonObject;
	return new NodeApiError(context.getNode(), errorResponse, {
		message: message ?? described.message,
		description: [described.description, extraDescription].filter(Boolean).join('\n\n'),
		httpCode: String(response.statusCode),
		itemIndex: itemIndexOf(context),
	});
}

/**
 * For an answer that cannot be used, e.g. a list call answered with an HTML page, or an answer
 * about another consignment. With `answer` (its body), SortedPRO's own words and Correlation ID
 * stay in the description for support.
 */
export function errorForUnusableResponse(
	context: RequestContext,
	action: string,
	reason: string,
	answer?: unknown,
): NodeApiError {
	const said = answer === undefined ? '' : supportContext(answer);
	return new NodeApiError(context.getNode(), {} as JsonObject, {
		message: `SortedPRO gave an unusable answer when trying to ${action}: ${reason}`,
		description:
			(said ? `${said} ` : '') +
			`This is usually temporary or caused by a proxy in between. ` +
			`${"Run the workflow again, or turn on Retry On Fail in the node's Settings."} ` +
			`If it persists, check the credential's Environment and Base URL.`,
		itemIndex: itemIndexOf(context),
	});
}
