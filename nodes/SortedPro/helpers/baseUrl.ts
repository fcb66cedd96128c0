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
	if (environment === 'custom')
		return normaliseBaseUrl(typeof customBaseUrl === 'string' ? customBaseUrl : '');
	return PRODUCTION_BASE_URL;
}

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	// Not `*.localhost`: without nss-myhostname glibc asks DNS for those, so they may leave the machine.
	return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Returns why the key must not be sent to `url`, or undefined when it is safe: https anywhere,
 * http only to a loopback host reached directly.
 */
export function unsafeBaseUrlReason(url: string, viaProxy = false): string | undefined {
	if (!url.trim() || url.startsWith('/'))
		return (
			'No base URL is set. Enter the address of your proxy or simulator in ' +
			"the credential's Base URL field, or pick Production or Sandbox."
		);
	// Browsers and proxies cap URLs near 2 000 characters; a longer one is a pasted document.
	if (url.length > 4096)
		return (
			`The base URL is ${url.length} characters long. ` +
			'Enter the address of your proxy or simulator, such as https://proxy.example.com.'
		);
	// What the user typed, quoted back, but never a user:password@ part.
	const typed = url
		.trim()
		.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@\s]*@/i, '$1')
		.slice(0, 80);
	const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim());
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return hasScheme
			? `The base URL "${typed}" is not a valid URL. Enter a full address such as https://proxy.example.com.`
			: `The base URL "${typed}" is not a valid URL: it needs https:// in ` +
					`front (http:// only for this machine), as in https://${typed.replace(/^\/+/, '')}.`;
	}
	if (!hasScheme && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		// "localhost:3000" parses, with "localhost:" as its scheme.
		return (
			`The base URL "${typed}" is not a valid URL: it needs https:// in ` +
			`front (http:// only for this machine), as in https://${typed}.`
		);
	}
	const shown = `${parsed.protocol}//${parsed.host}`;
	const credentialsInUrl =
		parsed.username || parsed.password
			? `The base URL ${shown} contains a user name or password. Remove it: SortedPRO ` +
				'takes only the API key, and the address would carry the password in clear text in logs.'
			: undefined;
	if (parsed.protocol === 'https:') return credentialsInUrl;
	if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) {
		return viaProxy
			? `The base URL ${shown} uses http, and the request would go through a ` +
					`proxy in clear text. Use https, or remove the proxy.`
			: credentialsInUrl;
	}
	if (parsed.protocol === 'http:') {
		return (
			`The base URL ${shown} uses http to a remote host, which would send ` +
			`the API key in clear text. Use https, or http only to this machine ` +
			`(localhost, 127.0.0.1, ::1).`
		);
	}
	return `The base URL ${shown} must start with https:// (or http:// for this machine).`;
}

/** Thrown before a request leaves n8n, so the key is never sent somewhere unsafe. */
export class UnsafeBaseUrlError extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'UnsafeBaseUrlError';
	}
}

/**
 * The absolute address a request will go to, from its `baseURL` and `url`, or the `uri` of the
 * legacy request options that n8n's HTTP Request node still uses.
 */
export function requestTarget(
	baseURL: string | undefined,
	url: string | undefined,
	uri?: string,
): string {
	const path = url ?? uri ?? '';
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
	return `${baseURL ?? ''}${path}`;
}

/**
 * Why a base URL cannot take a request path after it, or undefined when it can. The path is
 * appended as text, so a query or fragment in the base URL would swallow it (`https://x?a=1` +
 * `/consignments/EC-1`).
 */
export function baseUrlShapeReason(baseUrl: string): string | undefined {
	if (!/[?#]/.test(baseUrl)) return undefined;
	let shown = 'given';
	try {
		const parsed = new URL(baseUrl);
		shown = `${parsed.protocol}//${parsed.host}`;
	} catch {
		// Shown without the address: it may hold anything.
	}
	return (
		`The base URL ${shown} has a query (?) or fragment (#). Remove it, so that the request ` +
		'path can follow it; a path such as /sortedpro is fine.'
	);
}
