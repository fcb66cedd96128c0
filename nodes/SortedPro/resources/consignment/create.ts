/**
 * Create: `POST /consignments` with a v1.1 body built from the fields (or given as JSON), after
 * every check that can be made before sending. SortedPRO answers 201 with a link whose last
 * segment is the new `EC-...` reference. With Reuse Existing, a consignment that already carries
 * the customer reference is output instead, so a re-run never ships an order twice.
 */
import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { transportOptions, type TransportOptions } from '../../bulk/engine';
import {
	buildCreateBody,
	checkJsonBody,
	customerReferenceOfBody,
	describeProblem,
	readPackageList,
	type AdditionalFields,
	type Built,
	type DestinationFields,
	type JsonObject,
	type PackageFields,
	type Problem,
} from '../../helpers/consignmentBody';
import {
	describeCreateRejection,
	readCreateAnswer,
	type ApiLink,
} from '../../helpers/createResponse';
import { baseUrlFor } from '../../helpers/baseUrl';
import {
	CREDENTIAL_TYPE,
	errorForResponse,
	errorForUnusableResponse,
	isSuccess,
	sendToSortedPro,
	type SortedProResponse,
} from '../../transport';
import { ownRouting } from '../ownRouting';

const OPERATION = 'create';
const show = { resource: ['consignment'], operation: [OPERATION] };
const showForFields = { ...show, specifyBody: ['fields'] };
/** Consignments in these states will never ship, so they are not reused. */
const NOT_REUSABLE_STATES = new Set(['Cancelled', 'Cancelling']);
/** A search that lists more candidates than this is too broad to check one by one. */
const MAX_CANDIDATES = 50;
const MAY_HAVE_BEEN_CREATED =
	'The consignment may or may not have been created. With Reuse Existing ' +
	'on and a Customer Reference (the order number), running the node ' +
	'again is safe: it outputs the consignment if it exists and creates it otherwise.';

interface Request {
	body: JsonObject;
	customerReference?: string;
}

interface CreateOptions {
	reuseExisting?: boolean;
	returnConsignment?: boolean;
}

interface Outcome {
	reference: string;
	created: boolean;
	customerReference?: string;
	state?: string;
	links: ApiLink[];
	consignment?: JsonObject;
}

function problemsError(context: IExecuteSingleFunctions, problems: Problem[]): NodeOperationError {
	const itemIndex = context.getItemIndex();
	const first = describeProblem(problems[0]);
	const message =
		problems.length === 1
			? first
			: `${problems.length} problems with the consignment, the first: ${first}`;
	const list = problems.map(describeProblem).join('; ');
	const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: `Item ${itemIndex} of the input has ${count}: ${list}. Nothing was sent to SortedPRO.`,
	});
}

function readRequest(context: IExecuteSingleFunctions): Request {
	const specifyBody = context.getNodeParameter('specifyBody', 'fields') as string;
	let built: Built;
	if (specifyBody === 'json') {
		built = checkJsonBody(context.getNodeParameter('jsonBody', '') as unknown);
	} else {
		const packagesInput = context.getNodeParameter('packagesInput', 'fields') as string;
		let packages: PackageFields[];
		if (packagesInput === 'json') {
			const list = readPackageList(context.getNodeParameter('packagesJson', '') as unknown);
			if (!list.ok) throw problemsError(context, [list.problem]);
			packages = list.packages;
		} else {
			packages = context.getNodeParameter('packages.package', []) as PackageFields[];
		}
		built = buildCreateBody({
			shippingLocation: context.getNodeParameter('shippingLocation', '', {
				extractValue: true,
			}) as unknown,
			destination: context.getNodeParameter('destination', {}) as DestinationFields,
			packages,
			packagesFrom: packagesInput === 'json' ? 'list' : 'fields',
			additionalFields: context.getNodeParameter('additionalFields', {}) as AdditionalFields,
		});
	}
	if (!built.ok) throw problemsError(context, built.problems);
	return { body: built.body, customerReference: customerReferenceOfBody(built.body) };
}

/**
 * Items of one run that carry the same customer reference are created one after the other, and
 * a later one reuses what an earlier one created: SortedPRO's search may not list a consignment
 * the moment it is created. n8n hands all items of a run the same execute-data object.
 */
const runs = new WeakMap<object, Map<string, Promise<Outcome>>>();

function earlierInThisRun(
	context: IExecuteSingleFunctions,
	customerReference: string,
): { earlier?: Promise<Outcome>; claim: (mine: Promise<Outcome>) => void } {
	const executeData = context.getExecuteData() as object;
	let pending = runs.get(executeData);
	if (!pending) {
		pending = new Map();
		runs.set(executeData, pending);
	}
	const map = pending;
	return {
		earlier: map.get(customerReference),
		claim: (mine) => map.set(customerReference, mine),
	};
}

function stateOf(consignment: JsonObject): string | undefined {
	const state = consignment.ConsignmentState;
	return typeof state === 'string' ? state : undefined;
}

function referencesIn(body: unknown): string[] {
	const list = Array.isArray(body) ? body : [];
	return list
		.map((entry) =>
			typeof entry === 'string'
				? entry
				: typeof entry === 'object' && entry !== null
					? (entry as JsonObject).Reference
					: undefined,
		)
		.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '')
		.map((entry) => entry.trim());
}

async function getConsignment(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	reference: string,
): Promise<SortedProResponse> {
	return await sendToSortedPro.call(
		context,
		{ ...options, method: 'GET', url: `/consignments/${encodeURIComponent(reference)}` },
		`get consignment ${reference}`,
	);
}

/**
 * The consignment that already carries this customer reference, exactly (the search may match
 * parts), and is not cancelled; or undefined.
 */
async function findExisting(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	customerReference: string,
): Promise<{ reference: string; consignment: JsonObject } | undefined> {
	const action = `look for a consignment with customer reference ${customerReference}`;
	const search = await sendToSortedPro.call(
		context,
		{
			...options,
			method: 'GET',
			url: '/consignments/getConsignmentReferences',
			qs: { referenceProvidedByCustomer: customerReference },
		},
		action,
	);
	const nothingCreated =
		'Nothing was created: the node checks first so that a re-run cannot create the consignment twice. ' +
		'Run the node again, or turn Reuse Existing off to create without checking.';
	if (search.statusCode === 404) return undefined;
	if (!isSuccess(search)) throw errorForResponse(context, search, action, nothingCreated);
	if (!Array.isArray(search.body))
		throw errorForUnusableResponse(context, action, 'the answer was not a list of references');
	const candidates = [...new Set(referencesIn(search.body))];
	if (candidates.length > MAX_CANDIDATES) {
		throw new NodeOperationError(
			context.getNode(),
			`SortedPRO listed ${candidates.length} consignments for customer reference ${customerReference}`,
			{
				itemIndex: context.getItemIndex(),
				description:
					`That is too many to check one by one for an exact match. Use a more ` +
					`specific Customer Reference (the order number). ${nothingCreated}`,
			},
		);
	}
	for (const reference of candidates) {
		const response = await getConsignment(context, options, reference);
		if (response.statusCode === 404) continue;
		if (!isSuccess(response))
			throw errorForResponse(context, response, `get consignment ${reference}`, nothingCreated);
		const consignment = response.body;
		if (typeof consignment !== 'object' || consignment === null || Array.isArray(consignment))
			continue;
		const record = consignment as JsonObject;
		const given = record.ConsignmentReferenceProvidedByCustomer;
		if (typeof given !== 'string' || given.trim() !== customerReference) continue;
		const state = stateOf(record);
		if (state && NOT_REUSABLE_STATES.has(state)) continue;
		return { reference, consignment: record };
	}
	return undefined;
}

function linksFor(options: TransportOptions, reference: string): ApiLink[] {
	const base = String(options.baseURL ?? '').replace(/\/+$/, '');
	return [{ Rel: 'Link', Href: `${base}/consignments/${encodeURIComponent(reference)}` }];
}

async function postConsignment(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	request: Request,
): Promise<Outcome> {
	const { body, customerReference } = request;
	const action = `create a consignment${customerReference ? ` for ${customerReference}` : ''}`;
	let response: SortedProResponse;
	try {
		response = await sendToSortedPro.call(
			context,
			{ ...options, method: 'POST', url: '/consignments', body: body as IDataObject },
			action,
		);
	} catch (error) {
		const known =
			error instanceof NodeApiError || error instanceof NodeOperationError ? error : undefined;
		if (known)
			known.description = [known.description, MAY_HAVE_BEEN_CREATED].filter(Boolean).join('\n');
		throw known ?? new NodeOperationError(context.getNode(), `Could not ${action}`);
	}
	if (response.statusCode === 400) {
		const rejection = describeCreateRejection(response.body, body);
		throw errorForResponse(context, response, action, rejection.explanation, rejection.message);
	}
	if (!isSuccess(response)) {
		const unsure = response.statusCode >= 500 || response.statusCode === 408;
		throw errorForResponse(context, response, action, unsure ? MAY_HAVE_BEEN_CREATED : undefined);
	}
	const answer = readCreateAnswer(response.body);
	if (answer.reference) {
		return {
			reference: answer.reference,
			created: true,
			customerReference,
			links: answer.links,
		};
	}
	// Created, but the answer does not say as what: the customer reference finds it.
	const found = customerReference
		? await findExisting(context, options, customerReference)
		: undefined;
	if (found) {
		return {
			reference: found.reference,
			created: true,
			customerReference,
			state: stateOf(found.consignment),
			links: linksFor(options, found.reference),
			consignment: found.consignment,
		};
	}
	// A page instead of JSON (a proxy's, say) does not tell whether SortedPRO saw the request.
	if (typeof response.body === 'string' && response.body.trim() !== '') {
		throw new NodeApiError(context.getNode(), {} as never, {
			message:
				'Could not tell whether SortedPRO created the consignment: its answer ' +
				`(HTTP ${response.statusCode}) was not JSON`,
			description: `This is usually caused by a proxy in between. ${MAY_HAVE_BEEN_CREATED}`,
			itemIndex: context.getItemIndex(),
		});
	}
	throw new NodeApiError(context.getNode(), {} as never, {
		message:
			`SortedPRO accepted the consignment (HTTP ${response.statusCode}) but ` +
			`its answer held no consignment reference`,
		description:
			`The consignment was probably created: look for it in SortedPRO before ` +
			`running the node ` +
			`again${customerReference ? ` (customer reference ${customerReference})` : ''}. ` +
			`Give a Customer Reference and turn on Reuse Existing so the node can ` +
			`find it by itself.`,
		itemIndex: context.getItemIndex(),
	});
}

async function toItem(
	context: IExecuteSingleFunctions,
	options: TransportOptions,
	outcome: Outcome,
	returnConsignment: boolean,
): Promise<INodeExecutionData> {
	const pairedItem = { item: context.getItemIndex() };
	const summary: IDataObject = {
		ConsignmentReference: outcome.reference,
		Created: outcome.created,
		ConsignmentReferenceProvidedByCustomer: outcome.customerReference ?? null,
		...(outcome.state ? { ConsignmentState: outcome.state } : {}),
		ApiLinks: outcome.links as IDataObject[],
	};
	if (!returnConsignment) return { json: summary, pairedItem };
	let consignment = outcome.consignment;
	if (!consignment) {
		const response = await getConsignment(context, options, outcome.reference);
		const body = response.body;
		if (isSuccess(response) && typeof body === 'object' && body !== null && !Array.isArray(body))
			consignment = body as JsonObject;
		else {
			// The consignment exists; failing now would invite a re-run that creates it twice.
			return {
				json: {
					...summary,
					ReturnConsignmentError:
						`The consignment was ${outcome.created ? 'created' : 'found'}, but ` +
						`reading it back failed (HTTP ${response.statusCode}); get it later ` +
						`with Consignment > Get.`,
				},
				pairedItem,
			};
		}
	}
	return {
		json: {
			ConsignmentReference: outcome.reference,
			Created: outcome.created,
			...(consignment as IDataObject),
		},
		pairedItem,
	};
}

async function createConsignment(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const options = transportOptions(requestData);
	// The credential adds the base URL as it signs (docs/adr/0004); the links of a reused
	// consignment need it written out.
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	options.baseURL ??= baseUrlFor(credentials.environment, credentials.baseUrl);
	const request = readRequest(this);
	const { reuseExisting = false, returnConsignment = false } = this.getNodeParameter(
		'options',
		{},
	) as CreateOptions;
	const { customerReference } = request;
	if (!reuseExisting) {
		return [
			await toItem(this, options, await postConsignment(this, options, request), returnConsignment),
		];
	}
	if (!customerReference) {
		throw new NodeOperationError(this.getNode(), 'Reuse Existing needs a Customer Reference', {
			itemIndex: this.getItemIndex(),
			description:
				`Item ${this.getItemIndex()} has no Customer Reference (Additional ` +
				`Fields, or ConsignmentReferenceProvidedByCustomer in a JSON body), so ` +
				`there is nothing to recognise an existing consignment by. Map the ` +
				`order number into it, or turn Reuse Existing off. Nothing was sent to SortedPRO.`,
		});
	}
	const { earlier, claim } = earlierInThisRun(this, customerReference);
	const mine = (async (): Promise<Outcome> => {
		const before = earlier ? await earlier.catch(() => undefined) : undefined;
		if (before) return { ...before, created: false };
		const found = await findExisting(this, options, customerReference);
		if (found) {
			return {
				reference: found.reference,
				created: false,
				customerReference,
				state: stateOf(found.consignment),
				links: linksFor(options, found.reference),
				consignment: found.consignment,
			};
		}
		return await postConsignment(this, options, request);
	})();
	claim(mine);
	return [await toItem(this, options, await mine, returnConsignment)];
}

export const createOperation: INodePropertyOptions = {
	name: 'Create',
	value: OPERATION,
	action: 'Create a consignment',
	description: 'Create a consignment from an order: where it ships from, to whom, and its packages',
	// Our own transport sends it, so that no transport error carries the key: docs/adr/0001.
	routing: ownRouting({ method: 'POST', url: '/consignments' }, createConsignment),
};

const JSON_EXAMPLE = JSON.stringify(
	{
		ConsignmentReferenceProvidedByCustomer: 'ORDER-1001',
		Addresses: [
			{ AddressType: 'Origin', ShippingLocationReference: 'YOUR-LOCATION' },
			{
				AddressType: 'Destination',
				Contact: { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com' },
				AddressLine1: '13 Porter Street',
				Town: 'Manchester',
				Postcode: 'M1 5WG',
				Country: { IsoCode: { TwoLetterCode: 'GB' } },
			},
		],
		Packages: [
			{
				Description: 'Socks',
				Weight: { Value: 0.5, Unit: 'Kg' },
				Dimensions: { Unit: 'Cm', Width: 10, Length: 10, Height: 10 },
				Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } },
			},
		],
	},
	null,
	2,
);

const PACKAGES_EXAMPLE = JSON.stringify(
	[{ weight: 1.5, length: 30, width: 20, height: 10, description: 'T-shirts', value: 25 }],
	null,
	2,
);

const WEIGHT_UNITS = [
	{ name: 'Kilograms (Kg)', value: 'Kg' },
	{ name: 'Grams (Converted to Kg)', value: 'G' },
	{ name: 'Pounds (Converted to Kg)', value: 'Lb' },
	{ name: 'Ounces (Converted to Kg)', value: 'Oz' },
];

const DIMENSION_UNITS = [
	{ name: 'Centimetres (Cm)', value: 'Cm' },
	{ name: 'Millimetres (Converted to Cm)', value: 'Mm' },
	{ name: 'Metres (Converted to Cm)', value: 'M' },
	{ name: 'Inches (Converted to Cm)', value: 'In' },
];

const NUMBER_HINT = 'A number; text such as "1,5" or "2 kg" from a shop is understood';

const packageValues: INodeProperties[] = [
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: 'GBP',
		placeholder: 'e.g. GBP',
		description: 'ISO 4217 code of the currency of Value',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'e.g. T-shirts',
		description: 'What the package holds; SortedPRO requires it',
	},
	{
		displayName: 'Dimension Unit',
		name: 'dimensionUnit',
		type: 'options',
		options: DIMENSION_UNITS,
		default: 'Cm',
		description:
			'The unit of length, width and height. SortedPRO documents only Cm, so ' +
			'other units are converted to Cm before sending.',
	},
	{
		displayName: 'Height',
		name: 'height',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		hint: NUMBER_HINT,
	},
	{
		displayName: 'Length',
		name: 'length',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		hint: NUMBER_HINT,
	},
	{
		displayName: 'Package Size Name or ID',
		name: 'packageSizeReference',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPackageSizes' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'A predefined package size of the account, which replaces weight and dimensions',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: 'The value of the contents, in Currency; SortedPRO requires it (0 is allowed)',
	},
	{
		displayName: 'Weight',
		name: 'weight',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 3 },
		default: 0,
		hint: NUMBER_HINT,
	},
	{
		displayName: 'Weight Unit',
		name: 'weightUnit',
		type: 'options',
		options: WEIGHT_UNITS,
		default: 'Kg',
		description:
			'The unit of Weight. SortedPRO documents only Kg, so other units are converted to Kg before sending.',
	},
	{
		displayName: 'Width',
		name: 'width',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		hint: NUMBER_HINT,
	},
];

const destinationText = (
	displayName: string,
	name: keyof DestinationFields,
	placeholder: string,
	description?: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	...(description ? { description } : {}),
});

export const createFields: INodeProperties[] = [
	{
		displayName: 'Specify Body',
		name: 'specifyBody',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description:
			"Whether to fill in the form, or give the request body in the API's own JSON shape",
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		displayOptions: { show: { ...show, specifyBody: ['json'] } },
		default: JSON_EXAMPLE,
		description:
			'The consignment in the shape of the SortedPRO API version 1.1 ' +
			'(PascalCase, Weight {Value, Unit}); it is checked as the fields are ' +
			'before sending',
	},
	{
		displayName: 'Shipping Location',
		name: 'shippingLocation',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: showForFields },
		description: 'Where the parcels leave from: one of the shipping locations of the account',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a shipping location...',
				typeOptions: { searchListMethod: 'searchShippingLocations', searchable: true },
			},
			{
				// n8n labels a mode named "id" "By ID" whatever its display name; the words match.
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. EDC5_Electio',
				hint: 'The reference of the shipping location in SortedPRO (Settings > Shipping Locations)',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[A-Za-z0-9_.:\\- ]{1,100}$',
							errorMessage: 'A shipping location reference is a code such as EDC5_Electio',
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'collection',
		placeholder: 'Add Recipient Field',
		default: {},
		displayOptions: { show: showForFields },
		description:
			'The recipient and their address; Address Line 1, Postcode and Country Code are required',
		options: [
			destinationText('Address Line 1', 'addressLine1', 'e.g. 13 Porter Street'),
			destinationText('Address Line 2', 'addressLine2', ''),
			destinationText('Address Line 3', 'addressLine3', ''),
			destinationText('Company Name', 'companyName', ''),
			destinationText(
				'Country Code',
				'countryCode',
				'e.g. GB',
				'ISO 3166 two-letter code of the country, such as GB, IE, FR or US',
			),
			destinationText('Email', 'email', 'e.g. name@email.com'),
			destinationText('First Name', 'firstName', ''),
			destinationText('Last Name', 'lastName', ''),
			destinationText('Postcode', 'postcode', 'e.g. M1 5WG'),
			destinationText('Region', 'region', 'e.g. Greater Manchester', 'County, state or province'),
			destinationText(
				'Special Instructions',
				'specialInstructions',
				'e.g. Leave with neighbour',
				'Delivery instructions for the carrier',
			),
			destinationText('Telephone', 'telephone', ''),
			destinationText('Town', 'town', 'e.g. Manchester'),
		],
	},
	{
		displayName: 'Define Packages',
		name: 'packagesInput',
		type: 'options',
		displayOptions: { show: showForFields },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'From a List (Expression or JSON)', value: 'json' },
		],
		default: 'fields',
		description:
			"Whether to enter each package, or pass a whole list of them (e.g. an order's parcels) from an expression",
	},
	{
		displayName: 'Packages',
		name: 'packages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Package',
		default: {},
		displayOptions: { show: { ...showForFields, packagesInput: ['fields'] } },
		description: 'At least one package, each with weight and dimensions or a package size',
		options: [{ displayName: 'Package', name: 'package', values: packageValues }],
	},
	{
		displayName: 'Packages (List)',
		name: 'packagesJson',
		type: 'json',
		displayOptions: { show: { ...showForFields, packagesInput: ['json'] } },
		default: PACKAGES_EXAMPLE,
		description:
			'A list of packages, each with the names of the package fields ' +
			'(weight, weightUnit, length, width, height, dimensionUnit, ' +
			'description, value, currency, packageSizeReference); an expression ' +
			'can build it from the parcels or line items of an order',
		hint: 'Numbers may be text such as "1,5" or "2 kg"; units and currency default to Kg, Cm and GBP',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showForFields },
		options: [
			{
				displayName: 'Customer Reference',
				name: 'customerReference',
				type: 'string',
				default: '',
				placeholder: 'e.g. #1001',
				description:
					'Your own reference, such as the order number; sent as ' +
					'ConsignmentReferenceProvidedByCustomer and used by Reuse Existing',
			},
			{
				displayName: 'Deliver Exactly on Date',
				name: 'deliverExactlyOnDate',
				type: 'boolean',
				default: false,
				description:
					'Whether the consignment must arrive on the Required Delivery Date itself, rather than as close to it as possible',
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Outbound', value: 'Outbound' },
					{ name: 'Inbound', value: 'Inbound' },
				],
				default: 'Outbound',
				description: 'Outbound for a delivery to the recipient, Inbound for a return',
			},
			{
				displayName: 'Metadata',
				name: 'metadata',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Metadata',
				default: {},
				description: 'Custom fields of the consignment, as key/value pairs',
				options: [
					{
						displayName: 'Pair',
						name: 'pair',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: [
									{ name: 'Boolean', value: 'boolean' },
									{ name: 'Date and Time', value: 'dateTime' },
									{ name: 'Number', value: 'number' },
									{ name: 'Text', value: 'string' },
								],
								default: 'string',
							},
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Required Delivery Date',
				name: 'requiredDeliveryDate',
				type: 'dateTime',
				default: '',
				description:
					'When the consignment must be delivered; too strict a date can make allocation fail',
			},
			{
				displayName: 'Shipping Date',
				name: 'shippingDate',
				type: 'dateTime',
				default: '',
				description:
					'When the consignment is planned to leave; it limits which services can be chosen',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. Fragile, Oversized',
				description:
					'Allocation tags, separated by commas, or an expression giving a list; ' +
					'only services carrying every tag can be chosen',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Return Consignment',
				name: 'returnConsignment',
				type: 'boolean',
				default: false,
				description:
					'Whether to output the whole consignment as SortedPRO holds it (one ' +
					'more request) instead of its reference and links',
			},
			{
				displayName: 'Reuse Existing',
				name: 'reuseExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether to output the consignment that already has this Customer ' +
					'Reference instead of creating another, so a re-run never ships an ' +
					'order twice',
			},
		],
	},
];
