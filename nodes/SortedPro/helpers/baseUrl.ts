/**
 * Where requests go, and the rule that keeps the API key off the wire in clear text.
 *
 * The credential offers production, sandbox, or a custom base URL (a proxy, or the local
 * simulator). A custom URL must be https unless it points at this machine, because the key
 * travels in a header on every request.
 */

export const PRODUCTION_BASE_URL = 'https://api.electioapp.com';
export const SANDBOX_BASE_URL = 'https://apisandbox.electioapp.com';

export type SortedProEnvironment = 'production' | 'sandbox' | 'custom';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Strips trailing slashes and surrounding blanks, so `https://proxy.example/` works. */
export function normaliseBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

export function baseUrlFor(environment: unknown, customBaseUrl: unknown): string {
	if (environment === 'sandbox') return SANDBOX_BASE_URL;
	if (environment === 'custom') return normaliseBaseUrl(typeof customBaseUrl === 'string' ? customBaseUrl : '');
	return PRODUCTION_BASE_URL;
}

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host) || host.endsWith('.localhost');
}

/**
 * Returns why the key must not be sent to `url`, or undefined when it is safe: https anywhere,
 * http only to a loopback host.
 */
export function unsafeBaseUrlReason(url: string): string | undefined {
	if (!url.trim()) return 'No base URL is set. Enter the address of your proxy or simulator in the credential\'s Base URL field, or pick Production or Sandbox.';
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `The base URL "${url}" is not a valid URL. Enter a full address such as https://proxy.example.com.`;
	}
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return undefined;
	if (parsed.protocol === 'http:') {
		return `The base URL "${url}" uses http to a remote host, which would send the API key in clear text. Use https, or http only to this machine (localhost, 127.0.0.1, ::1).`;
	}
	return `The base URL "${url}" must start with https:// (or http:// for this machine).`;
}

/** Thrown before a request leaves n8n, so the key is never sent somewhere unsafe. */
export class UnsafeBaseUrlError extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'UnsafeBaseUrlError';
	}
}

/** The absolute address a request will go to, from its `baseURL` and `url`. */
export function requestTarget(baseURL: string | undefined, url: string | undefined): string {
	const path = url ?? '';
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
	return `${baseURL ?? ''}${path}`;
}
