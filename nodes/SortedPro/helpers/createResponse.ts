/**
 * Reading SortedPRO's answers to Create Consignment: the new reference from the returned link,
 * and a 400 turned into words about the form ("package 2, weight") rather than the API's paths
 * ("Packages[1].Weight").
 */
import { readApiError } from './apiError';

export interface ApiLink {
	Rel?: unknown;
	Href?: unknown;
}

type JsonObject = Record<string, unknown>;

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9-]{2,40}$/;

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function get(object: JsonObject, name: string): unknown {
	const key = Object.keys(object).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	return key === undefined ? undefined : object[key];
}

/** The consignment reference at the end of a `.../consignments/EC-...` link, or undefined. */
export function referenceFromHref(href: unknown): string | undefined {
	if (typeof href !== 'string') return undefined;
	const match = /\/consignments\/([^/?#]+)\/?(?:[?#].*)?$/i.exec(href.trim());
	if (!match) return undefined;
	let reference: string;
	try {
		reference = decodeURIComponent(match[1]);
	} catch {
		return undefined;
	}
	return REFERENCE.test(reference) ? reference : undefined;
}

export interface CreateAnswer {
	reference?: string;
	links: ApiLink[];
}

/**
 * The documented answer is `[{"Rel": "Link", "Href": ".../consignments/EC-000-05B-MMA"}]`; a
 * wrapper object with `ApiLinks`, an object with a `Reference`, or a bare link are read too.
 */
export function readCreateAnswer(body: unknown): CreateAnswer {
	let links: ApiLink[] = [];
	let direct: string | undefined;
	if (Array.isArray(body)) links = body.filter(isObject);
	else if (isObject(body)) {
		const inner = get(body, 'ApiLinks') ?? get(body, 'Links');
		if (Array.isArray(inner)) links = inner.filter(isObject);
		else if (get(body, 'Href') !== undefined) links = [body];
		const reference = get(body, 'Reference') ?? get(body, 'ConsignmentReference');
		if (typeof reference === 'string' && REFERENCE.test(reference.trim()))
			direct = reference.trim();
	} else if (typeof body === 'string') {
		const text = body.trim().replace(/^"|"$/g, '');
		if (REFERENCE.test(text) && /^EC-/i.test(text)) direct = text;
		else if (referenceFromHref(text)) links = [{ Rel: 'Link', Href: text }];
	}
	const fromLinks = links
		.map((link) => referenceFromHref(get(link as JsonObject, 'Href')))
		.find((reference) => reference !== undefined);
	const normalised = links.map((link) => ({
		Rel: get(link as JsonObject, 'Rel'),
		Href: get(link as JsonObject, 'Href'),
	}));
	return { reference: direct ?? fromLinks, links: normalised };
}

interface RawDetail {
	code?: string;
	target?: string;
	message?: string;
}

function rawDetails(body: unknown): RawDetail[] {
	if (!isObject(body)) return [];
	const details = get(body, 'Details');
	if (!Array.isArray(details)) return [];
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() ? value.trim() : undefined;
	return details.filter(isObject).map((detail) => ({
		code: text(get(detail, 'Code')),
		target: text(get(detail, 'Target')),
		message: text(get(detail, 'Message')),
	}));
}

const FIELD_WORDS: Record<string, string> = {
	shippinglocationreference: 'shipping location',
	addressline1: 'address line 1',
	addressline2: 'address line 2',
	addressline3: 'address line 3',
	postcode: 'postcode',
	town: 'town',
	region: 'region',
	country: 'country',
	twolettercode: 'country code',
	contact: 'contact',
	email: 'email',
	telephone: 'telephone',
	firstname: 'first name',
	lastname: 'last name',
	weight: 'weight',
	dimensions: 'dimensions',
	length: 'length',
	width: 'width',
	height: 'height',
	unit: 'unit',
	value: 'value',
	amount: 'value',
	isocode: 'currency',
	currency: 'currency',
	description: 'description',
	packagesizereference: 'package size',
	consignmentreferenceprovidedbycustomer: 'customer reference',
	shippingdate: 'shipping date',
	requireddeliverydate: 'required delivery date',
	tags: 'tags',
	metadata: 'metadata',
	direction: 'direction',
};

/** "Packages[1].Weight.Value" as "package 2, weight"; "Addresses[1].Postcode" as "destination, postcode". */
export function targetInWords(target: string, sent: JsonObject | undefined): string {
	const parts = target.split('.').filter(Boolean);
	const words: string[] = [];
	for (const part of parts) {
		const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
		if (indexed) {
			const [, name, rawIndex] = indexed;
			const index = Number(rawIndex);
			const lower = name.toLowerCase();
			if (lower === 'packages') words.push(`package ${index + 1}`);
			else if (lower === 'addresses') {
				const addresses =
					sent && Array.isArray(get(sent, 'Addresses'))
						? (get(sent, 'Addresses') as unknown[])
						: [];
				const address = addresses[index];
				const type = isObject(address) ? get(address, 'AddressType') : undefined;
				words.push(
					typeof type === 'string' ? `${type.toLowerCase()} address` : `address ${index + 1}`,
				);
			} else if (lower === 'items') words.push(`item ${index + 1}`);
			else words.push(`${FIELD_WORDS[lower] ?? name} ${index + 1}`);
			continue;
		}
		const word = FIELD_WORDS[part.toLowerCase()] ?? part;
		if (words[words.length - 1] !== word) words.push(word);
	}
	// "weight, value" says no more than "weight".
	if (
		words.length > 1 &&
		words[words.length - 1] === 'value' &&
		words[words.length - 2] === 'weight'
	)
		words.pop();
	return words.join(', ');
}

function originOf(sent: JsonObject | undefined): string | undefined {
	const addresses = sent ? get(sent, 'Addresses') : undefined;
	if (!Array.isArray(addresses)) return undefined;
	for (const address of addresses) {
		if (!isObject(address)) continue;
		const location = get(address, 'ShippingLocationReference');
		if (typeof location === 'string' && location.trim()) return location.trim();
	}
	return undefined;
}

function packageSizesOf(sent: JsonObject | undefined): string[] {
	const packages = sent ? get(sent, 'Packages') : undefined;
	if (!Array.isArray(packages)) return [];
	return packages
		.filter(isObject)
		.map((pkg) => get(pkg, 'PackageSizeReference'))
		.filter((size): size is string => typeof size === 'string' && size.trim() !== '');
}

export interface Rejection {
	/** The error's message, in words about what was rejected. */
	message: string;
	/** Each of SortedPRO's details in the form's terms, then what to do. */
	explanation: string;
}

/** What a 400 to Create Consignment means, for a user of the form rather than of the API. */
export function describeCreateRejection(body: unknown, sent: JsonObject | undefined): Rejection {
	const fields = readApiError(body);
	const details = rawDetails(body);
	const all = [
		fields.code,
		fields.message,
		...details.flatMap((d) => [d.code, d.target, d.message]),
	]
		.filter(Boolean)
		.join(' ');
	const lines = details
		.filter((detail) => detail.message)
		.map((detail) =>
			detail.target
				? `The ${targetInWords(detail.target, sent)}: ${detail.message}`
				: `${detail.message}`,
		)
		.map((line) => (/[.!?]$/.test(line) ? line : `${line}.`));
	const location = originOf(sent);
	const sizes = packageSizesOf(sent);
	let message: string;
	let todo: string;
	if (
		/shipping\s*location/i.test(all) &&
		/not\s*found|unknown|does\s*not\s*exist|no\s+such|invalid/i.test(all)
	) {
		message = location
			? `SortedPRO has no shipping location ${location} in this account`
			: 'SortedPRO did not accept the shipping location';
		todo =
			'Pick the location from the Shipping Location list, or check its ' +
			'reference in SortedPRO (Settings > Shipping Locations). Sandbox and ' +
			"production accounts have different locations: check the credential's " +
			'Environment too.';
	} else if (
		/package\s*size/i.test(all) &&
		/not\s*found|unknown|does\s*not\s*exist|no\s+such|invalid/i.test(all)
	) {
		message =
			sizes.length === 1
				? `SortedPRO has no package size ${sizes[0]} in this account`
				: `SortedPRO did not accept a package size (${sizes.join(', ') || 'none given'})`;
		todo = 'Pick the package size from the list, or give weight and dimensions instead.';
	} else if (/country/i.test(all)) {
		message = 'SortedPRO did not accept the destination country';
		todo =
			"Give the destination's ISO two-letter country code (such as GB), mapped from the order's country code.";
	} else {
		const first = details.find((detail) => detail.message);
		const said = first?.message ?? fields.message;
		message = first?.target
			? `SortedPRO rejected the consignment's ${targetInWords(first.target, sent)}${said ? `: ${said}` : ''}`
			: `SortedPRO rejected the consignment${said ? `: ${said}` : ''}`;
		todo = 'Correct the fields named above and run the node again. Nothing was created.';
	}
	return { message, explanation: [...lines, todo].join('\n') };
}
