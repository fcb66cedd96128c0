'use strict';

// Create Consignment and what it needs: `POST /consignments` (the API version 1.1 contract, v1
// shapes refused), `GET /packagesizes`, and the customer-reference look-up
// `GET /consignments/getConsignmentReferences`. A created consignment is stored like any other,
// Unallocated, so it can then be allocated, labelled and manifested.

const { SEED_SHIPPING_LOCATIONS, SEED_PACKAGE_SIZES } = require('./seed');
const { proError, detail } = require('./errors');

const ADDRESS_TYPES = ['Origin', 'Destination', 'Return', 'Sender', 'Recipient', 'Importer'];
// Only these spellings are documented; anything else is refused so a client cannot drift.
const WEIGHT_UNITS = ['Kg'];
const DIMENSION_UNITS = ['Cm'];
const DIRECTIONS = ['Outbound', 'Inbound'];
const NOT_CACHED = { IsCached: false };
// A few countries without postcodes; the real required set of an address is UNKNOWN.
const NO_POSTCODES = ['AE', 'HK', 'MO', 'QA'];

const json = (status, body) => ({ status, json: body });

function isObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositive(value) {
	return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function blank(value) {
	return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

/** References of created consignments: `EC-200-nnn-nnn`, never an auto-created or seeded family. */
function nextReference(store) {
	for (let n = store.entries.size; ; n++) {
		const p = String(n).padStart(6, '0');
		const reference = `EC-200-${p.slice(0, 3)}-${p.slice(3, 6)}`;
		if (!store.entries.has(reference)) return reference;
	}
}

function checkPackage(pkg, i, problems) {
	const at = `Packages[${i}]`;
	if (!isObject(pkg)) {
		problems.push(detail('Invalid', at, 'A package must be an object'));
		return;
	}
	const size = pkg.PackageSizeReference;
	if (!blank(size) && !SEED_PACKAGE_SIZES.some((s) => s.Reference === size)) {
		problems.push(
			detail(
				'PackageSizeNotFoundForCustomer',
				`${at}.PackageSizeReference`,
				`Package size ${size} not found`,
			),
		);
	}
	const { Weight: weight, Dimensions: dimensions } = pkg;
	if (isObject(weight) && 'Kg' in weight) {
		problems.push(
			detail('Invalid', `${at}.Weight`, 'Weight.Kg is the version 1 shape; send {Value, Unit}'),
		);
	} else if (weight !== undefined) {
		if (!isObject(weight) || !isPositive(weight.Value))
			problems.push(detail('Invalid', `${at}.Weight.Value`, 'Weight must be a positive number'));
		else if (!WEIGHT_UNITS.includes(weight.Unit))
			problems.push(
				detail('Invalid', `${at}.Weight.Unit`, `Weight unit ${weight.Unit} is not supported`),
			);
	}
	if (dimensions !== undefined) {
		if (!isObject(dimensions) || dimensions.Unit === undefined)
			problems.push(
				detail('Invalid', `${at}.Dimensions.Unit`, 'Dimensions need a Unit (version 1.1)'),
			);
		else if (!DIMENSION_UNITS.includes(dimensions.Unit))
			problems.push(
				detail(
					'Invalid',
					`${at}.Dimensions.Unit`,
					`Dimension unit ${dimensions.Unit} is not supported`,
				),
			);
		if (isObject(dimensions))
			for (const name of ['Width', 'Length', 'Height'])
				if (!isPositive(dimensions[name]))
					problems.push(
						detail('Invalid', `${at}.Dimensions.${name}`, `${name} must be a positive number`),
					);
	}
	if (blank(size) && (weight === undefined || dimensions === undefined))
		problems.push(
			detail('Required', at, 'Weight and Dimensions are required without a PackageSizeReference'),
		);
	if (blank(pkg.Description))
		problems.push(detail('Required', `${at}.Description`, 'Description is required'));
	const value = pkg.Value;
	if (!isObject(value) || typeof value.Amount !== 'number' || value.Amount < 0)
		problems.push(detail('Required', `${at}.Value.Amount`, 'Value.Amount is required'));
	else if (
		!isObject(value.Currency) ||
		typeof value.Currency.IsoCode !== 'string' ||
		!/^[A-Z]{3}$/.test(value.Currency.IsoCode)
	)
		problems.push(
			detail(
				'Invalid',
				`${at}.Value.Currency.IsoCode`,
				'Currency.IsoCode must be an ISO 4217 code',
			),
		);
	if (Array.isArray(pkg.Items))
		pkg.Items.forEach((item, j) => {
			if (isObject(item) && ('UnitOfQuantity' in item || 'ItemUnit' in item))
				problems.push(
					detail(
						'Invalid',
						`${at}.Items[${j}]`,
						'UnitOfQuantity and ItemUnit are version 1 names; send Quantity and Unit',
					),
				);
		});
}

function checkAddress(address, i, problems) {
	const at = `Addresses[${i}]`;
	if (!isObject(address)) {
		problems.push(detail('Invalid', at, 'An address must be an object'));
		return;
	}
	if (!ADDRESS_TYPES.includes(address.AddressType)) {
		problems.push(
			detail(
				'AddressTypeNotFound',
				`${at}.AddressType`,
				`Address type ${address.AddressType} not found`,
			),
		);
	}
	const location = address.ShippingLocationReference;
	if (!blank(location)) {
		if (!SEED_SHIPPING_LOCATIONS.some((l) => l.Reference === location))
			problems.push(
				detail(
					'ShippingLocationNotFound',
					`${at}.ShippingLocationReference`,
					`Shipping location ${location} not found`,
				),
			);
		return;
	}
	const code = address.Country && address.Country.IsoCode && address.Country.IsoCode.TwoLetterCode;
	if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code))
		problems.push(
			detail(
				'CountryRequiredForAddress',
				`${at}.Country.IsoCode.TwoLetterCode`,
				'A country is required for the address',
			),
		);
	if (blank(address.AddressLine1))
		problems.push(detail('Required', `${at}.AddressLine1`, 'AddressLine1 is required'));
	if (blank(address.Postcode) && !NO_POSTCODES.includes(code))
		problems.push(detail('Required', `${at}.Postcode`, 'Postcode is required'));
}

/** Every problem of the body, as PRO's `Details`. */
function validate(body) {
	const problems = [];
	if (!Array.isArray(body.Packages) || body.Packages.length === 0)
		problems.push(detail('Required', 'Packages', 'At least one package is required'));
	else body.Packages.forEach((pkg, i) => checkPackage(pkg, i, problems));
	if (!Array.isArray(body.Addresses))
		problems.push(detail('Required', 'Addresses', 'Addresses are required'));
	else {
		const types = body.Addresses.map((a) => isObject(a) && a.AddressType);
		if (!types.includes('Origin'))
			problems.push(detail('Required', 'Addresses', 'An Origin address is required'));
		if (!types.includes('Destination'))
			problems.push(detail('Required', 'Addresses', 'A Destination address is required'));
		body.Addresses.forEach((address, i) => checkAddress(address, i, problems));
		const located = body.Addresses.some((a) => isObject(a) && !blank(a.ShippingLocationReference));
		if (!located)
			problems.push(
				detail(
					'Required',
					'Addresses',
					'The Origin or the Destination must have a ShippingLocationReference',
				),
			);
	}
	if (body.Direction !== undefined && !DIRECTIONS.includes(body.Direction))
		problems.push(detail('Invalid', 'Direction', `Direction ${body.Direction} is not valid`));
	if (
		body.Tags !== undefined &&
		!(Array.isArray(body.Tags) && body.Tags.every((t) => typeof t === 'string'))
	)
		problems.push(detail('Invalid', 'Tags', 'Tags must be a list of strings'));
	if (
		body.MetaData !== undefined &&
		!(
			Array.isArray(body.MetaData) &&
			body.MetaData.every((m) => isObject(m) && typeof m.KeyValue === 'string')
		)
	)
		problems.push(detail('Invalid', 'MetaData', 'MetaData entries need a KeyValue'));
	for (const name of ['ShippingDate'])
		if (body[name] !== undefined && Number.isNaN(Date.parse(body[name])))
			problems.push(detail('Invalid', name, `${name} is not a date`));
	return problems;
}

function expandAddress(address) {
	const location = SEED_SHIPPING_LOCATIONS.find(
		(l) => l.Reference === address.ShippingLocationReference,
	);
	if (!location) return { ...address, ...NOT_CACHED };
	return { ...location.Address, ...address, ...NOT_CACHED };
}

function storedConsignment(reference, body, now) {
	const packages = body.Packages.map((pkg, i) => {
		const size = SEED_PACKAGE_SIZES.find((s) => s.Reference === pkg.PackageSizeReference);
		return {
			Reference: `EP-${reference.slice(3)}-${i + 1}`,
			...pkg,
			Weight: pkg.Weight || (size && { Value: size.Weight, Unit: 'Kg' }),
			Dimensions:
				pkg.Dimensions ||
				(size && { Unit: 'Cm', Width: size.Width, Length: size.Length, Height: size.Height }),
			ConsignmentLegs: [],
		};
	});
	const weight = packages.reduce((sum, p) => sum + ((p.Weight && p.Weight.Value) || 0), 0);
	const value = packages.reduce((sum, p) => sum + p.Value.Amount, 0);
	const origin = body.Addresses.find((a) => a.AddressType === 'Origin');
	const delivery = body.RequiredDeliveryDate;
	return {
		Reference: reference,
		ConsignmentState: 'Unallocated',
		ConsignmentReferenceProvidedByCustomer: body.ConsignmentReferenceProvidedByCustomer || '',
		CustomerReference: '00000000-0000-4000-8000-000000000001',
		ShippingLocationReference: origin ? origin.ShippingLocationReference : null,
		DateCreated: new Date(now).toISOString(),
		ShippingDate: body.ShippingDate || null,
		RequestedDeliveryDate: delivery
			? {
					Date: delivery.Date,
					IsToBeExactlyOnTheDateSpecified: delivery.IsToBeExactlyOnTheDateSpecified === true,
					DeliveryWindow: null,
				}
			: null,
		Source: body.Source || 'Api',
		Direction: body.Direction || 'Outbound',
		Tags: body.Tags || [],
		MetaData: body.MetaData || [],
		Weight: { Value: Number(weight.toFixed(5)), Unit: 'Kg' },
		Value: { Amount: Number(value.toFixed(2)), Currency: packages[0].Value.Currency },
		Addresses: body.Addresses.map(expandAddress),
		Packages: packages,
		ConsignmentLegs: [],
		Allocation: null,
		FailedAllocation: null,
		CustomsDocumentation: body.CustomsDocumentation || null,
		LabelCount: 0,
		LabelsPrinted: false,
	};
}

/** `POST /consignments`: 201 `[{Rel: "Link", Href: ".../consignments/EC-..."}]`, or 400 naming every problem. */
function createConsignment(ctx, rawBody) {
	let body;
	try {
		body = JSON.parse(rawBody);
	} catch {
		return json(400, proError('InvalidRequest', 'The request body is not valid JSON'));
	}
	if (!isObject(body))
		return json(400, proError('InvalidRequest', 'The request body must be a consignment object'));
	const version = ctx.headers && ctx.headers['electio-api-version'];
	if (version !== '1.1') {
		// UNKNOWN what PRO does with a 1.1 body and no version header; reading it as version 1
		// (where Weight is {Kg}) is the likely outcome, so it is refused here.
		return json(
			400,
			proError('InvalidRequest', 'The request is invalid', [
				detail('Required', 'Packages[0].Weight.Kg', 'Weight.Kg is required (API version 1)'),
			]),
		);
	}
	const problems = validate(body);
	if (problems.length > 0) {
		const locationMissing = problems.find((p) => p.Code === 'ShippingLocationNotFound');
		const message = locationMissing ? locationMissing.Message : 'The request is invalid';
		return json(
			400,
			proError(locationMissing ? 'ShippingLocationNotFound' : 'InvalidRequest', message, problems),
		);
	}
	const reference = nextReference(ctx.store);
	ctx.store.entries.set(reference, { data: storedConsignment(reference, body, Date.now()) });
	return json(201, [
		{ Rel: 'Link', Href: `${ctx.baseUrl}/consignments/${encodeURIComponent(reference)}` },
	]);
}

function queryValue(query, name) {
	const key = Object.keys(query || {}).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : query[key];
}

/**
 * `GET /consignments/getConsignmentReferences?referenceProvidedByCustomer=...&state=...`: the
 * matching references. Whether PRO matches the customer reference exactly or in part, and
 * whether no match is [] or 404, is UNKNOWN: `behaviour.customerReferenceSearch` picks.
 */
function getConsignmentReferences(ctx) {
	const wanted = queryValue(ctx.query, 'referenceProvidedByCustomer');
	const state = queryValue(ctx.query, 'state');
	const style = ctx.behaviour.customerReferenceSearch || 'exact';
	const matches = [];
	for (const [reference, entry] of ctx.store.entries) {
		const given = entry.data.ConsignmentReferenceProvidedByCustomer || '';
		if (wanted !== undefined) {
			const hit = style === 'partial' ? given.includes(wanted) : given === wanted;
			if (!hit) continue;
		}
		if (state !== undefined && entry.data.ConsignmentState.toLowerCase() !== state.toLowerCase())
			continue;
		matches.push(reference);
	}
	if (matches.length === 0 && style === 'notFound')
		return json(404, proError('NotFound', 'No consignments match the search terms'));
	return json(200, matches);
}

function getPackageSizes() {
	return json(200, SEED_PACKAGE_SIZES);
}

/** Route entries for api.js ROUTES; they come before `GET /consignments/{ref}`. */
const CREATE_ROUTES = [
	{
		method: 'POST',
		pattern: /^\/consignments\/?$/i,
		handle: (ctx, _match, rawBody) => createConsignment(ctx, rawBody),
	},
	{
		method: 'GET',
		pattern: /^\/consignments\/getConsignmentReferences$/i,
		handle: (ctx) => getConsignmentReferences(ctx),
	},
	{ method: 'GET', pattern: /^\/packagesizes$/i, handle: () => getPackageSizes() },
];

module.exports = { CREATE_ROUTES, nextReference };
