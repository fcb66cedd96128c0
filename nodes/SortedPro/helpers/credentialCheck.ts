/**
 * What the credential test tells the user, in sentences they can act on. n8n's own tester can only
 * answer "ECONNREFUSED", "Not Found" or "EPROTO"; the node's credential test method
 * (credentialTest/sortedProApiTest.ts) words every outcome here instead, with the same words as
 * the node's own errors (apiError.ts). A test result is one message: n8n shows it as one line.
 */
import { describeErrorResponse, describeNetworkFailure, parseBody } from './apiError';

export const TEST_PATH = '/shippinglocations';
const ACTION = 'test the credential';

export interface CredentialCheck {
	ok: boolean;
	message: string;
}

const KEY_REJECTED =
	'SortedPRO rejected the API key. Copy it again from SortedPRO ' +
	'(Settings > Users & Roles > User Accounts > Edit User > Show API Key) ' +
	'and check the Environment: sandbox and production keys differ.';
const ACCESS_REFUSED =
	'SortedPRO accepted the key but refused access to shipping locations. ' +
	"Ask a SortedPRO administrator to check the user's permissions.";

function oneLine(...parts: Array<string | undefined>): string {
	return parts
		.filter(Boolean)
		.map((part) => (part as string).replace(/\s*\n+\s*/g, ' ').trim())
		.map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
		.join(' ');
}

/** The path of a base URL beyond its host, e.g. "/api" for https://proxy.example.com/api. */
function extraPath(baseUrl: string): string | undefined {
	try {
		const path = new URL(baseUrl).pathname.replace(/\/+$/, '');
		return path || undefined;
	} catch {
		return undefined;
	}
}

function hostOf(baseUrl: string): string {
	try {
		return new URL(baseUrl).host;
	} catch {
		return baseUrl;
	}
}

/** The verdict on an answer to `GET <base URL>/shippinglocations`. */
export function checkTestResponse(
	baseUrl: string,
	response: { statusCode: number; headers?: Record<string, unknown>; body?: unknown },
): CredentialCheck {
	const { statusCode } = response;
	if (statusCode >= 200 && statusCode < 300) {
		const body = parseBody(response.body);
		if (typeof body === 'object' && body !== null)
			return { ok: true, message: 'Connection successful!' };
		return {
			ok: false,
			message: oneLine(
				`${hostOf(baseUrl)} answered, but not as SortedPRO does (the answer to ${TEST_PATH} was not JSON)`,
				'Check that the Base URL points at the SortedPRO API or a proxy that forwards to it, not at a web page',
			),
		};
	}
	if (statusCode === 401) return { ok: false, message: KEY_REJECTED };
	if (statusCode === 403) return { ok: false, message: ACCESS_REFUSED };
	if (statusCode === 404 || statusCode === 405) {
		const path = extraPath(baseUrl);
		return {
			ok: false,
			message: oneLine(
				`${hostOf(baseUrl)} has no ${TEST_PATH} (HTTP ${statusCode}), so the Base URL does not point at the SortedPRO API`,
				path
					? `It ends in "${path}": the base URL is only the address of the API, ` +
							`without a path, e.g. ${baseUrl.slice(0, baseUrl.length - path.length)}`
					: 'Check that it is the address of the SortedPRO API or of a proxy that forwards to it',
			),
		};
	}
	const described = describeErrorResponse(response, ACTION);
	return { ok: false, message: oneLine(described.message, described.description) };
}

/** The verdict when no answer came, from the Node.js error code (ECONNREFUSED, EPROTO...). */
export function checkNetworkFailure(baseUrl: string, code: string | undefined): CredentialCheck {
	const described = describeNetworkFailure(code, `${ACTION} at ${hostOf(baseUrl)}`, true);
	return { ok: false, message: oneLine(described.message, described.description) };
}
