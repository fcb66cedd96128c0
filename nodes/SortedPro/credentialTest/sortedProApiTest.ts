/**
 * The credential's test, as a node method (`testedBy`) rather than the credential's own `test`
 * request: n8n's tester answers a request test that got no answer with the bare Node.js code
 * ("ECONNREFUSED", "EPROTO") and a 404 with "Not Found". This sends the same request,
 * `GET <base URL>/shippinglocations` with the key attached by the credential's own `authenticate`
 * (so the https rule holds here too), and words every outcome (helpers/credentialCheck.ts).
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { SortedProApi } from '../../../credentials/SortedProApi.credentials';
import { baseUrlFor } from '../helpers/baseUrl';
import { TEST_PATH, checkNetworkFailure, checkTestResponse } from '../helpers/credentialCheck';
import { errorCode } from '../transport';

/** Long enough for a slow proxy, short enough that the credential dialog does not seem stuck. */
const TEST_TIMEOUT_MS = 20000;

function result(check: { ok: boolean; message: string }): INodeCredentialTestResult {
	return { status: check.ok ? 'OK' : 'Error', message: check.message };
}

export async function sortedProApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	const baseURL = baseUrlFor(data.environment, data.baseUrl);
	let options: IHttpRequestOptions;
	try {
		options = await new SortedProApi().authenticate(data, {
			baseURL,
			url: TEST_PATH,
			method: 'GET',
		});
	} catch (error) {
		// The base URL is refused before anything is sent (plain http to a remote host, say).
		return { status: 'Error', message: (error as Error).message };
	}
	// A credential test gets only n8n's legacy request helper (ICredentialTestFunctions), not
	// httpRequest: with simple: false it hands back every answer, whatever its status.
	const { request } = this.helpers;
	let response: { statusCode: number; headers?: Record<string, unknown>; body?: unknown };
	try {
		response = (await request({
			method: 'GET',
			uri: `${baseURL}${TEST_PATH}`,
			headers: options.headers,
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			followAllRedirects: false,
			timeout: TEST_TIMEOUT_MS,
		})) as typeof response;
	} catch (error) {
		// The error itself carries the request headers, and with them the key: only its code is read.
		return result(checkNetworkFailure(baseURL, errorCode(error)));
	}
	return result(checkTestResponse(baseURL, response));
}
