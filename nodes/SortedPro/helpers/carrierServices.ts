/**
 * Reading the carrier-service list, which may arrive wrapped or bare, and describing one
 * service in a picker.
 */

export type CarrierService = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The documented wrapper `{ MpdCarrierServices: [...] }`, a bare array, or any wrapper holding one array of services. */
export function extractCarrierServices(body: unknown): CarrierService[] {
	if (Array.isArray(body)) return body.filter(isObject);
	if (!isObject(body)) return [];
	const documented = Object.keys(body).find((key) => key.toLowerCase() === 'mpdcarrierservices');
	if (documented && Array.isArray(body[documented]))
		return (body[documented] as unknown[]).filter(isObject);
	const arrays = Object.values(body).filter(Array.isArray) as unknown[][];
	if (arrays.length === 1) return arrays[0].filter(isObject);
	return [];
}

/**
 * Why a 2xx answer holds no usable list, or undefined when it does (an empty list is usable):
 * the wrapper's own `Success: false`, or a body that is not JSON (a proxy's page, say).
 */
export function unusableListReason(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const plain = body
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
		return `the answer was not JSON${plain ? ` ("${plain.slice(0, 120)}")` : ''}`;
	}
	if (isObject(body) && body.Success === false) {
		const said =
			typeof body.ErrorMessage === 'string' && body.ErrorMessage.trim()
				? body.ErrorMessage.trim()
				: 'no reason given';
		return `SortedPRO reported a failure: ${said}`;
	}
	return undefined;
}

function field(service: CarrierService, name: string): string {
	const value = service[name];
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** `Status` may arrive as the number or the name of the enum. */
export function isDisabledService(service: CarrierService): boolean {
	const status = service.Status;
	return status === 2 || (typeof status === 'string' && status.toLowerCase() === 'disabled');
}

export interface ServiceChoice {
	name: string;
	value: string;
	description?: string;
}

/** "Tracked 48 (Royal Mail) - MPD_RMDTPS48HNAUT"; value is the top-level Reference, the code PRO allocates with. */
export function toServiceChoice(service: CarrierService): ServiceChoice | undefined {
	const reference = field(service, 'Reference');
	if (!reference) return undefined;
	const name = field(service, 'Name') || field(service, 'Description') || reference;
	const carrier = field(service, 'CarrierName') || field(service, 'MpdCarrierReference');
	const disabled = isDisabledService(service) ? ' [disabled]' : '';
	return {
		name: `${name}${carrier ? ` (${carrier})` : ''} - ${reference}${disabled}`,
		value: reference,
		description: field(service, 'Description') || undefined,
	};
}

/** Case-insensitive match on name, carrier or reference; every word of the filter must appear. */
export function matchesFilter(service: CarrierService, filter: string | undefined): boolean {
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = ['Reference', 'Name', 'Description', 'CarrierName', 'MpdCarrierReference']
		.map((name) => field(service, name).toLowerCase())
		.join(' ');
	return words.every((word) => haystack.includes(word));
}
