/**
 * The Create Consignment request body (`POST /consignments`, API version 1.1 shapes), built from
 * the node's fields or checked when given as JSON. Every problem is collected, so one run of the
 * node names all that is wrong with an item, and nothing is sent while any remains.
 */
import { COUNTRIES_WITHOUT_POSTCODES, countryCode, currencyCode } from './isoCodes';
import {
	dimensionUnitOf,
	parseDimensionCm,
	parseMoney,
	parseWeightKg,
	weightUnitOf,
	type DimensionUnit,
	type WeightUnit,
} from './quantities';

export interface Problem {
	/** Where, in the words of the node's form: "Package 2 > Weight", "Destination > Postcode". */
	field: string;
	/** What is wrong, to follow the field and the value: "is not a positive number". */
	message: string;
	/** The offending value, when there was one. */
	value?: unknown;
}

export interface DestinationFields {
	firstName?: unknown;
	lastName?: unknown;
	companyName?: unknown;
	email?: unknown;
	telephone?: unknown;
	addressLine1?: unknown;
	addressLine2?: unknown;
	addressLine3?: unknown;
	town?: unknown;
	region?: unknown;
	postcode?: unknown;
	countryCode?: unknown;
	specialInstructions?: unknown;
}

export interface PackageFields {
	weight?: unknown;
	weightUnit?: unknown;
	length?: unknown;
	width?: unknown;
	height?: unknown;
	dimensionUnit?: unknown;
	description?: unknown;
	value?: unknown;
	currency?: unknown;
	packageSizeReference?: unknown;
}

export interface MetadataPair {
	key?: unknown;
	value?: unknown;
	type?: unknown;
}

export interface AdditionalFields {
	customerReference?: unknown;
	shippingDate?: unknown;
	requiredDeliveryDate?: unknown;
	deliverExactlyOnDate?: unknown;
	tags?: unknown;
	metadata?: { pair?: MetadataPair[] } | unknown;
	direction?: unknown;
}

export interface CreateFields {
	shippingLocation: unknown;
	destination: DestinationFields;
	packages: PackageFields[];
	/** Where the packages came from, for the words of a problem: "Package 2" or "Packages (List) entry 2". */
	packagesFrom?: 'fields' | 'list';
	additionalFields: AdditionalFields;
}

export type JsonObject = Record<string, unknown>;

export type Built = { ok: true; body: JsonObject } | { ok: false; problems: Problem[] };

export const SHIPPING_LOCATION_PATTERN = /^[A-Za-z0-9_.:\- ]{1,100}$/;
const DIRECTIONS = ['Outbound', 'Inbound'];
const METADATA_TYPES = ['string', 'number', 'boolean', 'dateTime'];

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

/** A text field: trimmed text, undefined when blank; numbers become text (a postcode or phone number). */
function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

class Problems {
	readonly list: Problem[] = [];

	add(field: string, message: string, value?: unknown): void {
		this.list.push(value === undefined ? { field, message } : { field, message, value });
	}

	/** Reads a text field, noting a value that is not text (an object, a list). */
	text(field: string, value: unknown): string | undefined {
		if (isBlank(value)) return undefined;
		const text = textOf(value);
		if (text === undefined) this.add(field, 'is not text', value);
		return text;
	}
}

/** A short, readable rendering of an offending value for error messages. */
export function showValue(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = `"${value}"`;
	else if (value === undefined) text = 'nothing';
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = String(value);
		}
	}
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** "Package 2 > Weight: "abc" is not a number" */
export function describeProblem(problem: Problem): string {
	const value = 'value' in problem ? ` ${showValue(problem.value)}` : '';
	return `${problem.field}${value} ${problem.message}`;
}

function readShippingLocation(problems: Problems, raw: unknown): string | undefined {
	const reference = textOf(raw);
	if (reference === undefined) {
		problems.add(
			'Shipping Location',
			'is missing: pick the location the parcels leave from (the Origin address)',
		);
		return undefined;
	}
	if (!SHIPPING_LOCATION_PATTERN.test(reference)) {
		problems.add('Shipping Location', 'is not a shipping location reference', reference);
		return undefined;
	}
	return reference;
}

function readCountry(problems: Problems, field: string, raw: unknown): string | undefined {
	const given = problems.text(field, raw);
	if (given === undefined) return undefined;
	const code = countryCode(given);
	if (!code)
		problems.add(
			field,
			'is not an ISO 3166 two-letter country code (such as GB, IE, FR, US); ' +
				"map the order's country code, not its country name",
			given,
		);
	return code;
}

function readDestination(problems: Problems, fields: DestinationFields): JsonObject {
	const text = (name: keyof DestinationFields, label: string) =>
		problems.text(`Destination > ${label}`, fields[name]);
	const contact: JsonObject = {};
	const firstName = text('firstName', 'First Name');
	const lastName = text('lastName', 'Last Name');
	const email = text('email', 'Email');
	const telephone = text('telephone', 'Telephone');
	if (firstName) contact.FirstName = firstName;
	if (lastName) contact.LastName = lastName;
	if (email) {
		if (!/^[^\s@]+@[^\s@]+$/.test(email))
			problems.add('Destination > Email', 'is not an email address', email);
		contact.Email = email;
	}
	if (telephone) contact.Telephone = telephone;

	const address: JsonObject = { AddressType: 'Destination' };
	if (Object.keys(contact).length > 0) address.Contact = contact;
	const companyName = text('companyName', 'Company Name');
	if (companyName) address.CompanyName = companyName;
	const lines: Array<[keyof DestinationFields, string, string]> = [
		['addressLine1', 'Address Line 1', 'AddressLine1'],
		['addressLine2', 'Address Line 2', 'AddressLine2'],
		['addressLine3', 'Address Line 3', 'AddressLine3'],
		['town', 'Town', 'Town'],
		['region', 'Region', 'Region'],
		['postcode', 'Postcode', 'Postcode'],
	];
	for (const [name, label, apiName] of lines) {
		const value = text(name, label);
		if (value) address[apiName] = value;
	}
	const country = readCountry(problems, 'Destination > Country Code', fields.countryCode);
	if (!address.AddressLine1 && isBlank(fields.addressLine1))
		problems.add(
			'Destination > Address Line 1',
			"is missing: the recipient's street address is required",
		);
	if (isBlank(fields.countryCode))
		problems.add(
			'Destination > Country Code',
			'is missing: give the ISO two-letter code, such as GB',
		);
	if (isBlank(fields.postcode) && !(country && COUNTRIES_WITHOUT_POSTCODES.has(country)))
		problems.add('Destination > Postcode', "is missing: the recipient's postcode is required");
	if (country) address.Country = { IsoCode: { TwoLetterCode: country } };
	const instructions = text('specialInstructions', 'Special Instructions');
	if (instructions) address.SpecialInstructions = instructions;
	return address;
}

function unitOption<U>(
	problems: Problems,
	field: string,
	raw: unknown,
	unitOf: (text: string) => U | undefined,
	fallback: U,
	known: string,
): U {
	if (isBlank(raw)) return fallback;
	const unit = typeof raw === 'string' ? unitOf(raw) : undefined;
	if (unit === undefined) problems.add(field, `is not a unit the node knows (${known})`, raw);
	return unit ?? fallback;
}

/** One package in the API's shape; `label` is "Package 2" (or "Packages (List) entry 2"). */
function readPackage(problems: Problems, label: string, fields: PackageFields): JsonObject {
	const pkg: JsonObject = {};
	const sizeReference = problems.text(`${label} > Package Size`, fields.packageSizeReference);
	const description = problems.text(`${label} > Description`, fields.description);
	if (description) pkg.Description = description;
	else if (isBlank(fields.description))
		problems.add(
			`${label} > Description`,
			'is missing: SortedPRO requires a description of the contents (e.g. "T-shirts")',
		);

	if (sizeReference) pkg.PackageSizeReference = sizeReference;
	const given = (name: keyof PackageFields) => !isBlank(fields[name]) && fields[name] !== 0;
	const dimensionNames = [
		['length', 'Length'],
		['width', 'Width'],
		['height', 'Height'],
	] as const;
	// With a package size, a weight alone may be given (the parcel's actual weight); dimensions
	// only all three together.
	const needWeight = !sizeReference || given('weight');
	const needDimensions = !sizeReference || dimensionNames.some(([name]) => given(name));
	if (needWeight || needDimensions) {
		const missingHint = sizeReference
			? 'give all three dimensions, or none to use the package size'
			: 'give the weight and all three dimensions, or pick a Package Size instead';
		if (needWeight) {
			const weightUnit = unitOption<WeightUnit>(
				problems,
				`${label} > Weight Unit`,
				fields.weightUnit,
				weightUnitOf,
				'Kg',
				'Kg, G, Lb, Oz',
			);
			const weight = measure(problems, `${label} > Weight`, fields.weight, missingHint, (raw) =>
				parseWeightKg(raw, weightUnit),
			);
			if (weight !== undefined) pkg.Weight = { Value: weight, Unit: 'Kg' };
		}
		if (needDimensions) {
			const dimensionUnit = unitOption<DimensionUnit>(
				problems,
				`${label} > Dimension Unit`,
				fields.dimensionUnit,
				dimensionUnitOf,
				'Cm',
				'Cm, Mm, M, In',
			);
			const dimensions: Record<string, number | undefined> = {};
			for (const [name, apiName] of dimensionNames) {
				dimensions[apiName] = measure(
					problems,
					`${label} > ${apiName}`,
					fields[name],
					missingHint,
					(raw) => parseDimensionCm(raw, dimensionUnit),
				);
			}
			if (Object.values(dimensions).every((value) => value !== undefined))
				pkg.Dimensions = {
					Unit: 'Cm',
					Width: dimensions.Width,
					Length: dimensions.Length,
					Height: dimensions.Height,
				};
		}
	}

	const currencyGiven = problems.text(`${label} > Currency`, fields.currency);
	let currency = currencyGiven === undefined ? 'GBP' : currencyCode(currencyGiven);
	if (currencyGiven !== undefined && !currency)
		problems.add(
			`${label} > Currency`,
			'is not an ISO 4217 currency code (such as GBP, EUR, USD)',
			currencyGiven,
		);
	if (isBlank(fields.value)) {
		problems.add(
			`${label} > Value`,
			'is missing: SortedPRO requires the value of the contents (0 if they have none)',
		);
	} else {
		const money = parseMoney(fields.value);
		if (!money.ok) problems.add(`${label} > Value`, money.reason, fields.value);
		else {
			const written = money.value.currency;
			if (written === '$' && currency && !currency.endsWith('D'))
				problems.add(
					`${label} > Value`,
					`is in dollars but the currency is ${currency}`,
					fields.value,
				);
			else if (written && written !== '$') {
				if (!currencyCode(written))
					problems.add(
						`${label} > Value`,
						`names a currency "${written}" that is not an ISO 4217 code`,
						fields.value,
					);
				else if (currencyGiven === undefined) currency = written;
				else if (currency && written !== currency)
					problems.add(
						`${label} > Value`,
						`is in ${written} but the currency is ${currency}`,
						fields.value,
					);
			}
			if (currency) pkg.Value = { Amount: money.value.amount, Currency: { IsoCode: currency } };
		}
	}
	return pkg;
}

function measure(
	problems: Problems,
	field: string,
	raw: unknown,
	missingHint: string,
	parse: (raw: unknown) => { ok: true; value: number } | { ok: false; reason: string },
): number | undefined {
	if (isBlank(raw) || raw === 0) {
		problems.add(field, `${raw === 0 ? 'is 0' : 'is missing'}: ${missingHint}`);
		return undefined;
	}
	const parsed = parse(raw);
	if (!parsed.ok) {
		problems.add(field, parsed.reason, raw);
		return undefined;
	}
	return parsed.value;
}

function readDate(problems: Problems, field: string, raw: unknown): string | undefined {
	if (isBlank(raw)) return undefined;
	const text =
		typeof raw === 'string' ? raw.trim() : raw instanceof Date ? raw.toISOString() : undefined;
	if (text === undefined || Number.isNaN(Date.parse(text))) {
		problems.add(
			field,
			'is not a date (use an ISO date such as 2026-12-24 or 2026-12-24T09:00:00Z)',
			raw,
		);
		return undefined;
	}
	return text;
}

/** Tags as a list, or text separated by commas or new lines. */
export function readTags(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,\n]/) : [];
	return values
		.map((value) => textOf(value))
		.filter((value): value is string => value !== undefined);
}

function readMetadata(problems: Problems, raw: unknown): JsonObject[] {
	const pairs = isObject(raw) && Array.isArray(raw.pair) ? (raw.pair as MetadataPair[]) : [];
	const entries: JsonObject[] = [];
	pairs.forEach((pair, index) => {
		const field = `Metadata ${index + 1}`;
		const key = textOf(pair.key);
		if (!key) {
			if (!isBlank(pair.value)) problems.add(`${field} > Key`, 'is missing');
			return;
		}
		const type = isBlank(pair.type) ? 'string' : String(pair.type);
		if (!METADATA_TYPES.includes(type)) {
			problems.add(`${field} > Type`, `is not one of ${METADATA_TYPES.join(', ')}`, pair.type);
			return;
		}
		const value = pair.value;
		if (type === 'number') {
			const number = typeof value === 'number' ? value : Number(textOf(value));
			if (!Number.isFinite(number)) problems.add(`${field} > Value`, 'is not a number', value);
			else
				entries.push(
					Number.isInteger(number)
						? { KeyValue: key, IntValue: number }
						: { KeyValue: key, DecimalValue: number },
				);
		} else if (type === 'boolean') {
			const text = String(value).trim().toLowerCase();
			if (typeof value === 'boolean' || text === 'true' || text === 'false')
				entries.push({ KeyValue: key, BoolValue: value === true || text === 'true' });
			else problems.add(`${field} > Value`, 'is not true or false', value);
		} else if (type === 'dateTime') {
			const date = readDate(problems, `${field} > Value`, value);
			if (date) entries.push({ KeyValue: key, DateTimeValue: date });
		} else {
			entries.push({ KeyValue: key, StringValue: textOf(value) ?? '' });
		}
	});
	return entries;
}

/** The customer reference of Additional Fields, trimmed, or undefined. */
export function customerReferenceOf(additionalFields: AdditionalFields): string | undefined {
	return textOf(additionalFields.customerReference);
}

/** The request body for the node's fields, or every problem found in them. */
export function buildCreateBody(fields: CreateFields): Built {
	const problems = new Problems();
	const body: JsonObject = {};
	const extra = isObject(fields.additionalFields) ? fields.additionalFields : {};

	const customerReference = problems.text('Customer Reference', extra.customerReference);
	if (customerReference) body.ConsignmentReferenceProvidedByCustomer = customerReference;
	const shippingDate = readDate(problems, 'Shipping Date', extra.shippingDate);
	if (shippingDate) body.ShippingDate = shippingDate;
	const deliveryDate = readDate(problems, 'Required Delivery Date', extra.requiredDeliveryDate);
	if (deliveryDate)
		body.RequiredDeliveryDate = {
			Date: deliveryDate,
			IsToBeExactlyOnTheDateSpecified: extra.deliverExactlyOnDate === true,
		};
	else if (extra.deliverExactlyOnDate === true && isBlank(extra.requiredDeliveryDate))
		problems.add('Deliver Exactly on Date', 'is on, but no Required Delivery Date is given');
	if (!isBlank(extra.direction)) {
		if (!DIRECTIONS.includes(String(extra.direction)))
			problems.add('Direction', 'is not Outbound or Inbound', extra.direction);
		else body.Direction = extra.direction;
	}
	const tags = readTags(extra.tags);
	if (tags.length > 0) body.Tags = tags;
	const metadata = readMetadata(problems, extra.metadata);
	if (metadata.length > 0) body.MetaData = metadata;

	const origin = readShippingLocation(problems, fields.shippingLocation);
	const destination = readDestination(
		problems,
		isObject(fields.destination) ? fields.destination : {},
	);
	body.Addresses = [{ AddressType: 'Origin', ShippingLocationReference: origin }, destination];

	const packages = Array.isArray(fields.packages) ? fields.packages : [];
	if (packages.length === 0) {
		problems.add(
			'Packages',
			fields.packagesFrom === 'list'
				? 'is an empty list: the expression gave no package'
				: 'has none: add at least one package (weight and dimensions, or a package size)',
		);
	}
	body.Packages = packages.map((pkg, index) =>
		readPackage(
			problems,
			fields.packagesFrom === 'list'
				? `Packages (List) entry ${index + 1}`
				: `Package ${index + 1}`,
			isObject(pkg) ? pkg : {},
		),
	);
	return problems.list.length > 0 ? { ok: false, problems: problems.list } : { ok: true, body };
}

const PACKAGE_KEYS: Record<string, keyof PackageFields> = {
	weight: 'weight',
	weightunit: 'weightUnit',
	length: 'length',
	width: 'width',
	height: 'height',
	dimensionunit: 'dimensionUnit',
	description: 'description',
	value: 'value',
	currency: 'currency',
	packagesizereference: 'packageSizeReference',
	packagesize: 'packageSizeReference',
};

/**
 * The packages of "Packages (List)": a list (or one object, or the JSON text of either) whose
 * entries use the names of the Packages fields in any case (weight, weightUnit, length...), or
 * the API's own objects (`Weight: {Value, Unit}`, `Dimensions`, `Value: {Amount, Currency}`).
 */
export function readPackageList(
	raw: unknown,
): { ok: true; packages: PackageFields[] } | { ok: false; problem: Problem } {
	let value = raw;
	if (typeof value === 'string') {
		if (!value.trim()) return { ok: true, packages: [] };
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			return {
				ok: false,
				problem: {
					field: 'Packages (List)',
					message:
						'is not JSON: give a list of packages such as [{"weight": 1.5, ' +
						'"length": 30, "width": 20, "height": 10, "description": "Shoes", ' +
						'"value": 40}]',
					value: raw,
				},
			};
		}
	}
	if (isObject(value)) value = [value];
	if (!Array.isArray(value))
		return {
			ok: false,
			problem: { field: 'Packages (List)', message: 'is not a list of packages', value: raw },
		};
	const packages: PackageFields[] = [];
	for (const [index, entry] of value.entries()) {
		if (!isObject(entry))
			return {
				ok: false,
				problem: {
					field: `Packages (List) entry ${index + 1}`,
					message: 'is not an object',
					value: entry,
				},
			};
		const pkg: PackageFields = {};
		for (const [key, inner] of Object.entries(entry)) {
			const lower = key.toLowerCase();
			if (lower === 'weight' && isObject(inner)) {
				pkg.weight = inner.Value ?? inner.value;
				pkg.weightUnit = inner.Unit ?? inner.unit;
			} else if (lower === 'dimensions' && isObject(inner)) {
				pkg.length = inner.Length ?? inner.length;
				pkg.width = inner.Width ?? inner.width;
				pkg.height = inner.Height ?? inner.height;
				pkg.dimensionUnit = inner.Unit ?? inner.unit;
			} else if (lower === 'value' && isObject(inner)) {
				pkg.value = inner.Amount ?? inner.amount;
				const currency = inner.Currency ?? inner.currency;
				pkg.currency = isObject(currency) ? (currency.IsoCode ?? currency.isoCode) : currency;
			} else if (PACKAGE_KEYS[lower]) {
				pkg[PACKAGE_KEYS[lower]] = inner;
			}
		}
		packages.push(pkg);
	}
	return { ok: true, packages };
}

function field(object: JsonObject, name: string): unknown {
	const key = Object.keys(object).find(
		(candidate) => candidate.toLowerCase() === name.toLowerCase(),
	);
	return key === undefined ? undefined : object[key];
}

function checkJsonNumber(
	problems: Problems,
	where: string,
	value: unknown,
	positive: boolean,
): void {
	if (typeof value !== 'number' || !Number.isFinite(value))
		problems.add(where, 'is not a number', value);
	else if (positive ? !(value > 0) : value < 0)
		problems.add(where, positive ? 'is not a positive number' : 'is negative', value);
}

function checkJsonPackage(problems: Problems, index: number, pkg: unknown): void {
	const where = `JSON Body > Packages[${index}]`;
	if (!isObject(pkg)) {
		problems.add(where, 'is not an object', pkg);
		return;
	}
	const sizeReference = field(pkg, 'PackageSizeReference');
	const weight = field(pkg, 'Weight');
	const dimensions = field(pkg, 'Dimensions');
	if (isObject(weight) && field(weight, 'Kg') !== undefined)
		problems.add(
			`${where}.Weight`,
			'uses the version 1 shape {"Kg": ...}; API version 1.1 needs {"Value": 1.5, "Unit": "Kg"}',
		);
	else if (isObject(weight)) {
		checkJsonNumber(problems, `${where}.Weight.Value`, field(weight, 'Value'), true);
		if (isBlank(field(weight, 'Unit')))
			problems.add(`${where}.Weight.Unit`, 'is missing (e.g. "Kg")');
	} else if (weight !== undefined)
		problems.add(`${where}.Weight`, 'is not an object {"Value", "Unit"}', weight);
	if (isObject(dimensions)) {
		if (isBlank(field(dimensions, 'Unit')))
			problems.add(
				`${where}.Dimensions.Unit`,
				'is missing (e.g. "Cm"); without it the dimensions are the version 1 shape',
			);
		for (const name of ['Length', 'Width', 'Height'])
			checkJsonNumber(problems, `${where}.Dimensions.${name}`, field(dimensions, name), true);
	} else if (dimensions !== undefined)
		problems.add(
			`${where}.Dimensions`,
			'is not an object {"Unit", "Length", "Width", "Height"}',
			dimensions,
		);
	if (isBlank(sizeReference) && (weight === undefined || dimensions === undefined))
		problems.add(where, 'has neither a PackageSizeReference nor both Weight and Dimensions');
	const value = field(pkg, 'Value');
	if (!isObject(value))
		problems.add(
			`${where}.Value`,
			'is missing: {"Amount": 10, "Currency": {"IsoCode": "GBP"}}',
			value,
		);
	else {
		checkJsonNumber(problems, `${where}.Value.Amount`, field(value, 'Amount'), false);
		const currency = field(value, 'Currency');
		const iso = isObject(currency) ? field(currency, 'IsoCode') : undefined;
		if (typeof iso !== 'string' || !currencyCode(iso) || iso !== iso.trim().toUpperCase())
			problems.add(
				`${where}.Value.Currency.IsoCode`,
				'is not an ISO 4217 currency code (such as "GBP")',
				iso,
			);
	}
	if (isBlank(field(pkg, 'Description'))) problems.add(`${where}.Description`, 'is missing');
}

function checkJsonAddress(problems: Problems, index: number, address: JsonObject): void {
	const where = `JSON Body > Addresses[${index}]`;
	const location = field(address, 'ShippingLocationReference');
	if (!isBlank(location)) {
		if (typeof location !== 'string' || !SHIPPING_LOCATION_PATTERN.test(location.trim()))
			problems.add(
				`${where}.ShippingLocationReference`,
				'is not a shipping location reference',
				location,
			);
		return;
	}
	if (String(field(address, 'AddressType')) === 'Origin') {
		problems.add(
			`${where}.ShippingLocationReference`,
			'is missing: the Origin address must name a shipping location',
		);
		return;
	}
	const country = field(address, 'Country');
	const isoCode = isObject(country) ? field(country, 'IsoCode') : undefined;
	const code = isObject(isoCode) ? field(isoCode, 'TwoLetterCode') : undefined;
	if (typeof code !== 'string' || countryCode(code) !== code)
		problems.add(
			`${where}.Country.IsoCode.TwoLetterCode`,
			'is not an ISO 3166 two-letter country code in capitals (such as "GB")',
			code,
		);
	if (isBlank(field(address, 'AddressLine1'))) problems.add(`${where}.AddressLine1`, 'is missing');
	if (
		isBlank(field(address, 'Postcode')) &&
		!(typeof code === 'string' && COUNTRIES_WITHOUT_POSTCODES.has(code))
	)
		problems.add(`${where}.Postcode`, 'is missing');
}

/**
 * Checks a body given as JSON (the API's own shape) the way the fields are checked: an object,
 * an Origin with a shipping location, a Destination with address line, postcode and country,
 * at least one package with a package size or weight and dimensions in the 1.1 shapes.
 */
export function checkJsonBody(raw: unknown): Built {
	let body = raw;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			return {
				ok: false,
				problems: [{ field: 'JSON Body', message: 'is not valid JSON', value: raw }],
			};
		}
	}
	if (!isObject(body))
		return {
			ok: false,
			problems: [{ field: 'JSON Body', message: 'is not a JSON object {...}', value: body }],
		};
	const problems = new Problems();
	const addresses = field(body, 'Addresses');
	if (!Array.isArray(addresses))
		problems.add(
			'JSON Body > Addresses',
			'is missing: it needs an Origin and a Destination address',
		);
	else {
		const typed = addresses.map((address) =>
			isObject(address) ? String(field(address, 'AddressType') ?? '') : '',
		);
		if (!typed.includes('Origin'))
			problems.add(
				'JSON Body > Addresses',
				'has no Origin address ({"AddressType": "Origin", "ShippingLocationReference": "..."})',
			);
		if (!typed.includes('Destination'))
			problems.add('JSON Body > Addresses', 'has no Destination address');
		addresses.forEach((address, index) => {
			if (isObject(address)) checkJsonAddress(problems, index, address);
			else problems.add(`JSON Body > Addresses[${index}]`, 'is not an object', address);
		});
	}
	const packages = field(body, 'Packages');
	if (!Array.isArray(packages) || packages.length === 0)
		problems.add('JSON Body > Packages', 'is missing or empty: at least one package is needed');
	else packages.forEach((pkg, index) => checkJsonPackage(problems, index, pkg));
	return problems.list.length > 0 ? { ok: false, problems: problems.list } : { ok: true, body };
}

/** The customer reference a body carries, trimmed, or undefined. */
export function customerReferenceOfBody(body: JsonObject): string | undefined {
	return textOf(field(body, 'ConsignmentReferenceProvidedByCustomer'));
}
