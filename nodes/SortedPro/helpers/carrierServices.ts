/**
 * Reading the carrier-service list, which may arrive wrapped or bare, and describing one
 * service in a picker.
 */

export type CarrierService = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The list in the answer, or undefined when it holds none. */
function listOf(body: unknown): unknown[] | undefined {
	if (Array.isArray(body)) return body;
	if (!isObject(body)) return undefined;
	const documented = Object.keys(body).find((key) => key.toLowerCase() === 'mpdcarrierservices');
	if (documented && Array.isArray(body[documented])) return body[documented] as unknown[];
	const arrays = Object.values(body).filter(Array.isArray) as unknown[][];
	return arrays.length === 1 ? arrays[0] : undefined;
}

/**
 * The documented wrapper `{ MpdCarrierServices: [...] }`, a bare array, or any wrapper holding one
 * array of services. A service listed twice is kept once (the first), by its Reference.
 */
export function extractCarrierServices(body: unknown): CarrierService[] {
	const seen = new Set<string>();
	return (listOf(body) ?? []).filter(isObject).filter((service) => {
		const reference = field(service, 'Reference');
		if (!reference) return true;
		if (seen.has(reference)) return false;
		seen.add(reference);
		return true;
	});
}

/**
 * Why a 2xx answer holds no usable list, or undefined when it does (an empty list is usable):
 * the wrapper's own `Success: false`, or a body that is not JSON (a proxy's page, say).
 */
export function unusableListReason(body: unknown): string | undefined {
	if (body === undefined || body === null) return 'the answer was empty';
	if (typeof body === 'string' && /^\s*[[{]/.test(body))
		return 'the answer was cut off or is not valid JSON';
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
	if (listOf(body) === undefined) return 'the answer held no list of carrier services';
	return undefined;
}

function field(service: CarrierService, name: string): string {
	const value = service[name];
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** SortedPRO's `Status` enum; it may arrive as the number or the name. */
const STATUS_NAMES = ['Available', 'Requested', 'Disabled', 'Enabled'];

/** The name of a service's `Status` ("Enabled", "Disabled"...), or undefined when unknown. */
export function statusName(service: CarrierService): string | undefined {
	const status = service.Status;
	if (typeof status === 'number') return STATUS_NAMES[status];
	if (typeof status !== 'string') return undefined;
	const trimmed = status.trim();
	if (/^\d+$/.test(trimmed)) return STATUS_NAMES[Number(trimmed)];
	return STATUS_NAMES.find((name) => name.toLowerCase() === trimmed.toLowerCase()) ?? trimmed;
}

export function isDisabledService(service: CarrierService): boolean {
	return statusName(service) === 'Disabled';
}

/**
 * A listed service with a readable status next to the numeric `Status`: `StatusName` and
 * `IsEnabled` (null when the status is missing). Whether an Available or Requested service can
 * be allocated with was never documented; only Enabled counts as enabled here.
 */
export function withReadableStatus(service: CarrierService): CarrierService {
	const name = statusName(service) ?? null;
	const readable = { StatusName: name, IsEnabled: name === null ? null : name === 'Enabled' };
	if (!('Status' in service)) return { ...service, ...readable };
	const result: CarrierService = {};
	for (const [key, value] of Object.entries(service)) {
		if (key === 'StatusName' || key === 'IsEnabled') continue;
		result[key] = value;
		if (key === 'Status') Object.assign(result, readable);
	}
	return result;
}

export interface ServiceChoice {
	name: string;
	value: string;
	description?: string;
}

/**
 * "Tracked 48 (Royal Mail) - MPD_RMDTPS48HNAUT"; value is the top-level Reference, the code PRO
 * allocates with. A disabled service's marker comes first, where a narrow picker cannot cut it off.
 */
export function toServiceChoice(service: CarrierService): ServiceChoice | undefined {
	const reference = field(service, 'Reference');
	if (!reference) return undefined;
	const name = field(service, 'Name') || field(service, 'Description') || reference;
	const carrier = field(service, 'CarrierName') || field(service, 'MpdCarrierReference');
	const disabled = isDisabledService(service);
	const description = field(service, 'Description');
	return {
		name: `${disabled ? '[Disabled] ' : ''}${name}${carrier ? ` (${carrier})` : ''} - ${reference}`,
		value: reference,
		description: disabled
			? `Disabled in SortedPRO: allocating with it fails until it is enabled${description ? `. ${description}` : ''}`
			: description || undefined,
	};
}

/** Enabled services first, disabled ones last; otherwise SortedPRO's order. */
export function disabledLast(services: CarrierService[]): CarrierService[] {
	return [...services].sort((a, b) => Number(isDisabledService(a)) - Number(isDisabledService(b)));
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
