/**
 * The account's shipping locations (`GET /shippinglocations`) and package sizes
 * (`GET /packagesizes`): reading the lists and describing one entry in a picker. No JSON example
 * of either was ever published, so a bare array or a wrapper holding one array is read, and an
 * address is read flat (the 2016 contract) or nested under `Address`.
 */
import { extractCarrierServices } from './carrierServices';

export type Entry = Record<string, unknown>;

export interface Choice {
	name: string;
	value: string;
	description?: string;
}

function isObject(value: unknown): value is Entry {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(entry: Entry | undefined, name: string): string {
	if (!entry) return '';
	const key = Object.keys(entry).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	const value = key === undefined ? undefined : entry[key];
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** A bare array, or a wrapper object holding exactly one array (the carrier-service rule). */
export function extractList(body: unknown): Entry[] {
	return extractCarrierServices(body);
}

/** The reference to send as `ShippingLocationReference`: `Reference`, else `ShippingLocationReference`. */
export function locationReference(location: Entry): string {
	return text(location, 'Reference') || text(location, 'ShippingLocationReference');
}

function addressOf(location: Entry): Entry {
	const nested = Object.keys(location).find((key) => key.toLowerCase() === 'address');
	return nested && isObject(location[nested]) ? (location[nested] as Entry) : location;
}

/** "Main warehouse (SL-MAIN) - Manchester M17 1RY" */
export function toLocationChoice(location: Entry): Choice | undefined {
	const reference = locationReference(location);
	if (!reference) return undefined;
	const address = addressOf(location);
	const name = text(location, 'Name') || text(address, 'CompanyName') || reference;
	const place = [
		text(address, 'Town') || text(location, 'Town'),
		text(address, 'Postcode') || text(location, 'Postcode'),
	]
		.filter(Boolean)
		.join(' ');
	return {
		name: `${name} (${reference})${place ? ` - ${place}` : ''}`,
		value: reference,
		description: [text(address, 'AddressLine1'), place].filter(Boolean).join(', ') || undefined,
	};
}

/** "Small parcel (SMALL) - 30 x 20 x 10 cm, 2 kg"; the 2016 contract gives cm and kg. */
export function toPackageSizeChoice(size: Entry): Choice | undefined {
	const reference = text(size, 'Reference');
	if (!reference) return undefined;
	const description = text(size, 'Description');
	const [length, width, height, weight] = ['Length', 'Width', 'Height', 'Weight'].map((name) =>
		text(size, name),
	);
	const measures = [
		length && width && height ? `${length} x ${width} x ${height} cm` : '',
		weight ? `${weight} kg` : '',
	]
		.filter(Boolean)
		.join(', ');
	const isDefault = /^true$/i.test(text(size, 'IsDefault')) || size.IsDefault === true;
	return {
		name: [
			description ? `${description} (${reference})` : reference,
			measures ? ` - ${measures}` : '',
			isDefault ? ' [default]' : '',
		].join(''),
		value: reference,
		description: description || undefined,
	};
}

/** Case-insensitive: every word of the filter appears in the choice's name. */
export function choiceMatches(choice: Choice, filter: string | undefined): boolean {
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const haystack = `${choice.name} ${choice.description ?? ''}`.toLowerCase();
	return words.every((word) => haystack.includes(word));
}
