import {
	NodeApiError,
	NodeOperationError,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { describeErrorAnswer, describeNetworkFailure, parseBody, type ErrorAnswer } from '../helpers/apiError';

export const CREDENTIAL_TYPE = 'sortedProApi';

export interface SortedProAnswer extends ErrorAnswer {
	headers: Record<string, unknown>;
}

type RequestContext = IExecuteSingleFunctions | ILoadOptionsFunctions;

/** The error and the chain of its causes, outermost first. */
function causes(error: unknown): unknown[] {
	const chain: unknown[] = [];
	let current = error;
	while (current !== undefined && current !== null && chain.length < 10 && !chain.includes(current)) {
		chain.push(current);
		current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
	}
	return chain;
}

/** The first Node.js error code (ECONNREFUSED, ETIMEDOUT...) along the chain of causes. */
function errorCode(error: unknown): string | undefined {
	for (const cause of causes(error)) {
		const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
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
): Promise<SortedProAnswer> {
	let response: { statusCode?: number; headers?: Record<string, unknown>; body?: unknown };
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as typeof response;
	} catch (error) {
		const itemIndex = itemIndexOf(this);
		// n8n wraps whatever the transport threw in a NodeApiError; what happened is in the causes.
		if (causes(error).some((cause) => cause instanceof Error && cause.name === 'UnsafeBaseUrlError')) {
			const reason = causes(error).find((cause): cause is Error => cause instanceof Error && cause.name === 'UnsafeBaseUrlError');
			throw new NodeOperationError(this.getNode(), reason?.message ?? 'Unsafe base URL', {
				itemIndex,
				description: 'Nothing was sent. Fix the Base URL in the SortedPRO API credential.',
			});
		}
		// n8n's own errors (a missing credential, say) are already worded; the constructor hands them back unchanged.
		if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error);
		const code = errorCode(error);
		const described = describeNetworkFailure(code, action);
		// The code stays out of the error object: n8n would swap our message for its generic one.
		throw new NodeApiError(this.getNode(), {} as JsonObject, {
			message: described.message,
			description: described.description,
			itemIndex,
		});
	}
	return {
		statusCode: response.statusCode ?? 0,
		headers: response.headers ?? {},
		body: parseBody(response.body),
	};
}

export function isSuccess(answer: ErrorAnswer): boolean {
	return answer.statusCode >= 200 && answer.statusCode < 300;
}

/** The NodeApiError for a non-2xx answer, carrying the API's message, details and correlation ID. */
export function errorForAnswer(
	context: RequestContext,
	answer: ErrorAnswer,
	action: string,
	extraDescription?: string,
): NodeApiError {
	const described = describeErrorAnswer(answer, action);
	const body = answer.body;
	const errorResponse = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : { body: body ?? '' }) as JsonObject;
	return new NodeApiError(context.getNode(), errorResponse, {
		message: described.message,
		description: [described.description, extraDescription].filter(Boolean).join('\n\n'),
		httpCode: String(answer.statusCode),
		itemIndex: itemIndexOf(context),
	});
}
