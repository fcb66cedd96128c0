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

function errorCode(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const { code, cause } = error as { code?: unknown; cause?: unknown };
	if (typeof code === 'string') return code;
	return errorCode(cause);
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
		if (error instanceof Error && error.name === 'UnsafeBaseUrlError') {
			throw new NodeOperationError(this.getNode(), error.message, {
				itemIndex,
				description: 'Fix the Base URL in the SortedPRO API credential.',
			});
		}
		// n8n's own errors (a missing credential, say) are already worded; the constructors hand them back unchanged.
		if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
		if (error instanceof NodeOperationError) throw new NodeOperationError(this.getNode(), error);
		const code = errorCode(error);
		const described = describeNetworkFailure(code, action);
		throw new NodeApiError(this.getNode(), { code: code ?? 'unknown' } as JsonObject, {
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
