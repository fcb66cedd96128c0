'use strict';

// Seed data for the simulator. Values follow the shapes documented in
// docs/sortedpro-api.md; no literal example of a real answer was ever
// published, so names and codes are plausible rather than authoritative.

const DEFAULT_API_KEY = 'sim-test-key-0000';

/** The seeded carrier services, keyed by a readable name so tests need not repeat the codes. */
const CARRIER_SERVICE_REFS = Object.freeze({
	royalMailTracked48: 'MPD_RMDTPS48HNAUT',
	dpdNextDay: 'MPD_DPDNDPARCEL',
	upsExpressSaver: 'EDC5_UPSHEXDCS',
	parcelforceExpress24Disabled: 'MPD_PFEXP24',
});

function journey(carrierReference, carrierName, serviceReference, serviceName, accountReference) {
	return [
		{
			JourneyStage: 1,
			CarrierService: {
				Reference: serviceReference,
				Name: serviceName,
				CarrierReference: carrierReference,
				CarrierName: carrierName,
				IsDropOff: false,
				IsPickUp: false,
				IsTimed: false,
			},
			CarrierAccountReference: accountReference,
			DeliveryHub: null,
			CollectionType: 'NotApplicable',
		},
	];
}

// `Status` deliberately mixes numbers and a name, and `Type` includes a combined
// flags value: the API page says both forms may arrive, so clients must cope.
const SEED_CARRIER_SERVICES = deepFreeze([
	{
		Reference: CARRIER_SERVICE_REFS.royalMailTracked48,
		Name: 'Tracked 48',
		Description: 'Royal Mail Tracked 48',
		MpdCarrierReference: 'ROYAL_MAIL',
		CarrierName: 'Royal Mail',
		CarrierAccountOwner: null,
		Status: 3,
		Journey: journey('ROYAL_MAIL', 'Royal Mail', 'RMDTPS48HNAUT', 'Tracked 48', 'RM1'),
		Source: 2,
		Type: 'Scheduled',
		IsConfigured: true,
		IsCached: false,
	},
	{
		Reference: CARRIER_SERVICE_REFS.dpdNextDay,
		Name: 'Next Day',
		Description: 'DPD Next Day Parcel',
		MpdCarrierReference: 'DPD',
		CarrierName: 'DPD',
		CarrierAccountOwner: null,
		Status: 3,
		Journey: journey('DPD', 'DPD', 'DPD_ND_PARCEL', 'Next Day', 'DPD1'),
		Source: 2,
		Type: 'Scheduled, DropOff',
		IsConfigured: true,
		IsCached: false,
	},
	{
		Reference: CARRIER_SERVICE_REFS.upsExpressSaver,
		Name: 'Express Saver',
		Description: 'UPS Express Saver',
		MpdCarrierReference: 'UPS',
		CarrierName: 'UPS',
		CarrierAccountOwner: 'Sorted',
		Status: 0,
		Journey: journey('UPS', 'UPS', 'UPSHEXDCS', 'Express Saver', 'UPS-SORTED'),
		Source: 1,
		Type: 'Scheduled',
		IsConfigured: true,
		IsCached: true,
	},
	{
		Reference: CARRIER_SERVICE_REFS.parcelforceExpress24Disabled,
		Name: 'express24',
		Description: 'Parcelforce Worldwide express24',
		MpdCarrierReference: 'PARCELFORCE',
		CarrierName: 'Parcelforce Worldwide',
		CarrierAccountOwner: null,
		Status: 'Disabled',
		Journey: journey('PARCELFORCE', 'Parcelforce Worldwide', 'PFEXP24', 'express24', 'PF1'),
		Source: 2,
		Type: 'Scheduled',
		IsConfigured: true,
		IsCached: false,
	},
]);

// The 2016 contract gives a shipping location the address fields flat (Common.Address); the
// nested `Address` the first seed used is kept too, since no real answer was ever published.
function flatAddress(fields) {
	return {
		Contact: null,
		AddressLine3: null,
		...fields,
		Country: { Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB', ThreeLetterCode: 'GBR' } },
		DefaultLocationForReturns: false,
	};
}

const SEED_SHIPPING_LOCATIONS = deepFreeze([
	{
		Id: 1,
		Reference: 'SL-MAIN-WAREHOUSE',
		Name: 'Main warehouse',
		ShippingLocationType: 'Warehouse',
		...flatAddress({
			CompanyName: 'Demo Shop Ltd',
			AddressLine1: 'Unit 4, Trafford Park',
			AddressLine2: 'Ashburton Road West',
			Town: 'Manchester',
			Region: 'Greater Manchester',
			Postcode: 'M17 1RY',
		}),
		IsActive: true,
		Address: {
			CompanyName: 'Demo Shop Ltd',
			AddressLine1: 'Unit 4, Trafford Park',
			AddressLine2: 'Ashburton Road West',
			Town: 'Manchester',
			Region: 'Greater Manchester',
			Postcode: 'M17 1RY',
			Country: { Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB', ThreeLetterCode: 'GBR' } },
		},
	},
	{
		Id: 2,
		Reference: 'SL-RETURNS',
		Name: 'Returns centre',
		ShippingLocationType: 'DistributionCentre',
		...flatAddress({
			CompanyName: 'Demo Shop Ltd',
			AddressLine1: '12 Canal Street',
			AddressLine2: null,
			Town: 'Leeds',
			Region: 'West Yorkshire',
			Postcode: 'LS11 5AB',
		}),
		IsActive: true,
		Address: {
			CompanyName: 'Demo Shop Ltd',
			AddressLine1: '12 Canal Street',
			AddressLine2: null,
			Town: 'Leeds',
			Region: 'West Yorkshire',
			Postcode: 'LS11 5AB',
			Country: { Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB', ThreeLetterCode: 'GBR' } },
		},
	},
]);

/** `GET /packagesizes` (2016 contract: cm and kg). */
const SEED_PACKAGE_SIZES = deepFreeze([
	{
		Reference: 'SMALL-BOX',
		Description: 'Small box',
		CustomerReference: '00000000-0000-4000-8000-000000000001',
		Length: 30,
		Width: 20,
		Height: 10,
		Weight: 2,
		IsDefault: true,
	},
	{
		Reference: 'LARGE-BOX',
		Description: 'Large box',
		CustomerReference: '00000000-0000-4000-8000-000000000001',
		Length: 60,
		Width: 40,
		Height: 40,
		Weight: 15,
		IsDefault: false,
	},
]);

const SEEDED_REFS = Object.freeze({
	allocatable: Object.freeze(['EC-000-05A-Z6S', 'EC-000-083-45D']),
	ineligible: 'EC-000-A04-0DV',
});

const SEEDED_INELIGIBLE_REASON =
	'The carrier service cannot meet the delivery promise of this consignment';

const SEED_CONSIGNMENTS = deepFreeze([
	{ reference: SEEDED_REFS.allocatable[0], state: 'Unallocated' },
	{ reference: SEEDED_REFS.allocatable[1], state: 'Unallocated' },
	{
		reference: SEEDED_REFS.ineligible,
		state: 'Unallocated',
		ineligibleReason: SEEDED_INELIGIBLE_REASON,
	},
]);

// Uppercase only: the API page shows uppercase references, and accepting lowercase
// would silently create a second consignment that differs only in case.
const REFERENCE_PATTERN = /^EC-[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/;

const AUTO_INELIGIBLE_REASON =
	'No carrier service can meet the delivery promise of this consignment ' +
	'(simulator rule: references whose last group starts with F are never allocatable)';

function isWellFormedReference(reference) {
	return typeof reference === 'string' && REFERENCE_PATTERN.test(reference);
}

function isAutoIneligibleReference(reference) {
	return isWellFormedReference(reference) && reference.charAt(11) === 'F';
}

/**
 * Deterministic, never-seeded references for tests that need many consignments.
 * The two families cannot collide: allocatable ones end in three digits,
 * ineligible ones end in `F` plus two digits.
 */
function makeConsignmentReference(n, { ineligible = false } = {}) {
	const limit = ineligible ? 1e7 : 1e6;
	if (!Number.isInteger(n) || n < 0 || n >= limit) {
		throw new RangeError(`makeConsignmentReference: n must be an integer in [0, ${limit})`);
	}
	if (ineligible) {
		const p = String(n).padStart(7, '0');
		return `EC-1${p.slice(0, 2)}-${p.slice(2, 5)}-F${p.slice(5, 7)}`;
	}
	const p = String(n).padStart(6, '0');
	return `EC-100-${p.slice(0, 3)}-${p.slice(3, 6)}`;
}

function deepFreeze(value) {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

module.exports = {
	DEFAULT_API_KEY,
	CARRIER_SERVICE_REFS,
	SEED_CARRIER_SERVICES,
	SEED_SHIPPING_LOCATIONS,
	SEED_PACKAGE_SIZES,
	SEEDED_REFS,
	SEEDED_INELIGIBLE_REASON,
	SEED_CONSIGNMENTS,
	AUTO_INELIGIBLE_REASON,
	isWellFormedReference,
	isAutoIneligibleReference,
	makeConsignmentReference,
};
