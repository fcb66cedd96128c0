/**
 * The fault table: every operation of the node (one row each) against every fault the simulator
 * can inject (one column each). faults.test.ts runs every cell.
 *
 * A new operation is one entry in OPERATIONS: the endpoint its faults hit, the references it
 * takes, its parameters, and how to check an output against the simulator's records.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	CARRIER_SERVICE_REFS,
	SEED_CARRIER_SERVICES,
	SEED_PACKAGE_SIZES,
	SEED_SHIPPING_LOCATIONS,
	faults,
	makeConsignmentReference,
	SERVICE_GROUP_REFS,
	type Fault,
	type Simulator,
} from '../simulator';
import { allocateFirst, createFromFields, firstQuoteFor } from './helpers';

export interface OperationRow {
	/** `resource operation`, as the table prints it. */
	name: string;
	/** The request the faults hit: method and a path prefix. */
	endpoint: { method: string; path: string };
	/** The consignment references the run passes (empty for list operations). */
	references: string[];
	/** Brings the simulator to the state the operation needs, e.g. allocates before a label. */
	prepare?: (sim: Simulator, references: string[]) => Promise<void>;
	/** The node's parameters for these references (without requestOptions). */
	parameters: (references: string[]) => Record<string, unknown>;
	/**
	 * The references an output item claims success for, and throws when an item claims something
	 * the simulator's records do not show (a consignment it did not change, a foreign reference).
	 */
	verify: (
		sim: Simulator,
		items: INodeExecutionData[],
		references: string[],
	) => string[] | Promise<string[]>;
}

const SERVICE = CARRIER_SERVICE_REFS.royalMailTracked48;

function json(item: INodeExecutionData): Record<string, unknown> {
	return item.json as Record<string, unknown>;
}

function asked(references: string[], reference: unknown): string {
	const match = references.find(
		(candidate) => candidate.toUpperCase() === String(reference).toUpperCase(),
	);
	if (!match) throw new Error(`an output item is about ${String(reference)}, which was not asked`);
	return match;
}

function stateOf(sim: Simulator, reference: string): string | undefined {
	return sim.getConsignment(reference)?.ConsignmentState;
}

/** Items of a bulk operation: one per reference, success only where the simulator shows it. */
function verifyBulk(flag: string, states: string[]) {
	return (sim: Simulator, items: INodeExecutionData[], references: string[]): string[] => {
		const claimed: string[] = [];
		const seen = new Set<string>();
		for (const item of items) {
			const reference = asked(references, json(item).ConsignmentReference);
			if (seen.has(reference)) throw new Error(`two output items for ${reference}`);
			seen.add(reference);
			if (json(item)[flag] !== true) continue;
			const state = stateOf(sim, reference);
			if (!state || !states.includes(state))
				throw new Error(`${reference} is output as ${flag} but the simulator has it ${state}`);
			claimed.push(reference);
		}
		return claimed;
	};
}

export const OPERATIONS: OperationRow[] = [
	{
		name: 'carrierService list',
		endpoint: { method: 'GET', path: '/carrierservices' },
		references: [],
		parameters: () => ({ resource: 'carrierService', operation: 'list', returnAll: true }),
		verify: (_sim, items) => {
			const known = new Set(SEED_CARRIER_SERVICES.map((service) => service.Reference));
			const output = items.map((item) => String(json(item).Reference));
			for (const reference of output)
				if (!known.has(reference)) throw new Error(`unknown carrier service ${reference}`);
			if (new Set(output).size !== output.length) throw new Error('a service is output twice');
			if (output.length !== known.size)
				throw new Error(`${output.length} of ${known.size} services output`);
			return [];
		},
	},
	{
		name: 'consignment allocateWithCarrierService',
		endpoint: { method: 'PUT', path: '/allocation/allocatewithcarrierservice' },
		references: [makeConsignmentReference(9001)],
		parameters: (references) => ({
			resource: 'consignment',
			operation: 'allocateWithCarrierService',
			carrierService: { __rl: true, mode: 'id', value: SERVICE },
			consignmentReferences: references,
		}),
		verify: verifyBulk('Allocated', ['Allocated']),
	},
	{
		name: 'consignment get',
		endpoint: { method: 'GET', path: '/consignments/' },
		references: [makeConsignmentReference(9002)],
		parameters: ([reference]) => ({
			resource: 'consignment',
			operation: 'get',
			consignmentReference: reference,
		}),
		verify: (sim, items, references) => {
			if (items.length !== 1) throw new Error(`${items.length} items for one consignment`);
			const reference = asked(references, json(items[0]).Reference);
			if (json(items[0]).ConsignmentState !== stateOf(sim, reference))
				throw new Error(`${reference} is output in a state the simulator does not have`);
			return [reference];
		},
	},
	{
		name: 'consignment getLabel',
		endpoint: { method: 'GET', path: '/labels/' },
		references: [makeConsignmentReference(9003)],
		prepare: async (sim, references) => await allocateFirst(sim, references),
		parameters: ([reference]) => ({
			resource: 'consignment',
			operation: 'getLabel',
			consignmentReference: reference,
			binaryPropertyName: 'data',
		}),
		verify: (sim, items, references) => {
			if (items.length !== 1) throw new Error(`${items.length} labels for one package`);
			const reference = asked(references, json(items[0]).ConsignmentReference);
			if (stateOf(sim, reference) !== 'Allocated')
				throw new Error(`a label is output for ${reference}, which is not allocated`);
			if (!items[0].binary?.data?.data) throw new Error('the label item has no file');
			return [reference];
		},
	},
	{
		name: 'consignment manifest',
		endpoint: { method: 'PUT', path: '/consignments/manifest' },
		references: [makeConsignmentReference(9004), makeConsignmentReference(9005)],
		prepare: async (sim, references) => await allocateFirst(sim, references),
		parameters: (references) => ({
			resource: 'consignment',
			operation: 'manifest',
			consignmentReferences: references,
		}),
		verify: verifyBulk('Manifested', ['Manifested']),
	},
];

OPERATIONS.push(
	{
		name: 'consignment allocate',
		endpoint: { method: 'PUT', path: '/allocation/allocate' },
		references: [makeConsignmentReference(9006)],
		parameters: (references) => ({
			resource: 'consignment',
			operation: 'allocate',
			consignmentReferences: references,
		}),
		verify: verifyBulk('Allocated', ['Allocated']),
	},
	{
		name: 'consignment deallocate',
		endpoint: { method: 'PUT', path: '/consignments/deallocatelist' },
		references: [makeConsignmentReference(9007), makeConsignmentReference(9008)],
		prepare: async (sim, references) => await allocateFirst(sim, references),
		parameters: (references) => ({
			resource: 'consignment',
			operation: 'deallocate',
			consignmentReferences: references,
		}),
		verify: verifyBulk('Deallocated', ['Unallocated']),
	},
	{
		name: 'consignment cancel',
		endpoint: { method: 'PUT', path: '/consignments/cancellist' },
		references: [makeConsignmentReference(9009)],
		parameters: (references) => ({
			resource: 'consignment',
			operation: 'cancel',
			consignmentReferences: references,
		}),
		verify: verifyBulk('Cancelled', ['Cancelled']),
	},
);

OPERATIONS.push(
	{
		name: 'consignment allocateWithServiceGroup',
		endpoint: { method: 'PUT', path: '/allocation/allocatewithservicegroup' },
		references: [makeConsignmentReference(9010)],
		parameters: (references) => ({
			resource: 'consignment',
			operation: 'allocateWithServiceGroup',
			serviceGroup: { __rl: true, mode: 'id', value: SERVICE_GROUP_REFS.standardUk },
			consignmentReferences: references,
		}),
		verify: verifyBulk('Allocated', ['Allocated']),
	},
	{
		name: 'consignment allocateWithCheapestQuote',
		endpoint: { method: 'PUT', path: '/allocation/' },
		references: [makeConsignmentReference(9011)],
		parameters: (references) => ({
			resource: 'consignment',
			operation: 'allocateWithCheapestQuote',
			consignmentReferences: references,
		}),
		verify: verifyBulk('Allocated', ['Allocated']),
	},
);

/** The consignments the simulator holds for a customer reference, through its own search. */
async function consignmentsFor(sim: Simulator, customerReference: string): Promise<string[]> {
	const response = await fetch(
		`${sim.url}/consignments/getConsignmentReferences` +
			`?referenceProvidedByCustomer=${encodeURIComponent(customerReference)}`,
		{ headers: { 'ocp-apim-subscription-key': sim.apiKey } },
	);
	sim.requests.pop();
	if (response.status === 404) return [];
	const body = (await response.json()) as unknown[];
	return body.map((entry) =>
		typeof entry === 'string' ? entry : String((entry as { Reference?: unknown }).Reference),
	);
}

const CUSTOMER_REFERENCE = 'FAULT-ORDER-1';

OPERATIONS.push({
	name: 'consignment create',
	endpoint: { method: 'POST', path: '/consignments' },
	references: [],
	// Reuse Existing is what makes a re-run (Retry On Fail) safe for Create: see its README text.
	parameters: () => ({
		...createFromFields({ customerReference: CUSTOMER_REFERENCE }),
		options: { reuseExisting: true },
	}),
	verify: async (sim, items) => {
		if (items.length !== 1) throw new Error(`${items.length} items for one consignment`);
		const reference = String(json(items[0]).ConsignmentReference);
		const held = await consignmentsFor(sim, CUSTOMER_REFERENCE);
		if (!held.includes(reference))
			throw new Error(`${reference} is output as created but the simulator has ${held.join(', ')}`);
		if (held.length !== 1) throw new Error(`the simulator holds ${held.length} consignments`);
		return [];
	},
});

/** A list with a fixed seed: every seeded entry output exactly once, nothing else. */
function verifyList(seeded: ReadonlyArray<{ Reference: string }>, what: string) {
	return (_sim: Simulator, items: INodeExecutionData[]): string[] => {
		const known = new Set(seeded.map((entry) => entry.Reference));
		const output = items.map((item) => String(json(item).Reference));
		for (const reference of output)
			if (!known.has(reference)) throw new Error(`unknown ${what} ${reference}`);
		if (new Set(output).size !== output.length) throw new Error(`a ${what} is output twice`);
		if (output.length !== known.size)
			throw new Error(`${output.length} of ${known.size} ${what}s output`);
		return [];
	};
}

OPERATIONS.push(
	{
		name: 'shippingLocation list',
		endpoint: { method: 'GET', path: '/shippinglocations' },
		references: [],
		parameters: () => ({ resource: 'shippingLocation', operation: 'list', returnAll: true }),
		verify: verifyList(SEED_SHIPPING_LOCATIONS, 'shipping location'),
	},
	{
		name: 'packageSize list',
		endpoint: { method: 'GET', path: '/packagesizes' },
		references: [],
		parameters: () => ({ resource: 'packageSize', operation: 'list', returnAll: true }),
		verify: verifyList(SEED_PACKAGE_SIZES, 'package size'),
	},
);

// The simulator's disabled services (Status 2 or "Disabled") cannot quote.
const QUOTABLE_SERVICES = SEED_CARRIER_SERVICES.filter(
	(service) => service.Status !== 2 && service.Status !== 'Disabled',
);

OPERATIONS.push({
	name: 'consignment getQuotes',
	endpoint: { method: 'GET', path: '/quotes/consignment/' },
	references: [makeConsignmentReference(9012)],
	parameters: ([reference]) => ({
		resource: 'consignment',
		operation: 'getQuotes',
		consignmentReference: reference,
		options: { includeUnavailableServices: false },
	}),
	verify: (sim, items, references) => {
		const services = new Set<string>();
		for (const item of items) {
			const reference = asked(references, json(item).ConsignmentReference);
			if (stateOf(sim, reference) !== 'Unallocated')
				throw new Error(`quotes are output for ${reference}, which is not quotable`);
			const service = String(json(item).MpdCarrierServiceReference);
			if (services.has(service)) throw new Error(`two quotes for ${service}`);
			if (!QUOTABLE_SERVICES.some((known) => known.Reference === service))
				throw new Error(`a quote for ${service}, which cannot quote`);
			services.add(service);
		}
		if (services.size !== QUOTABLE_SERVICES.length)
			throw new Error(`${services.size} of ${QUOTABLE_SERVICES.length} quotes output`);
		return references;
	},
});

/** The quote the next Allocate With Quote run takes: prepare asks the simulator for it. */
let quoteToAllocateWith = '';

OPERATIONS.push({
	name: 'consignment allocateWithQuote',
	endpoint: { method: 'PUT', path: '/allocation/' },
	references: [makeConsignmentReference(9013)],
	prepare: async (sim, [reference]) => {
		quoteToAllocateWith = (await firstQuoteFor(sim, reference)) ?? '';
	},
	parameters: ([reference]) => ({
		resource: 'consignment',
		operation: 'allocateWithQuote',
		consignmentReference: reference,
		quoteReference: quoteToAllocateWith,
	}),
	verify: verifyBulk('Allocated', ['Allocated']),
});

/** The events the simulator's carrier journey has for a delivered consignment, per package. */
const DELIVERED_EVENTS = ['DELIVERED', 'OUTFORDELIVERY', 'INTRANSIT', 'MANIFESTED'];

OPERATIONS.push({
	name: 'consignment getTracking',
	endpoint: { method: 'GET', path: '/tracking/' },
	references: [makeConsignmentReference(9014)],
	prepare: (sim, [reference]) => {
		sim.addConsignment({ reference, state: 'Delivered' });
		return Promise.resolve();
	},
	parameters: ([reference]) => ({
		resource: 'consignment',
		operation: 'getTracking',
		consignmentReference: reference,
	}),
	verify: (sim, items, references) => {
		const [reference] = references;
		const packages = sim.getConsignment(reference)?.Packages ?? [];
		const codes = items.map((item) => {
			asked(references, json(item).ConsignmentReference);
			return String(json(item).Code);
		});
		const expected = packages.flatMap(() => DELIVERED_EVENTS);
		if (codes.join() !== expected.join())
			throw new Error(`events ${codes.join()} output, the simulator has ${expected.join()}`);
		return references;
	},
});

export interface FaultColumn {
	name: string;
	/** Injected on the operation's endpoint, for the next `times` matching requests. */
	fault: Fault;
}

export const FAULTS: FaultColumn[] = [
	{ name: 'connection reset', fault: faults.connectionReset },
	{ name: 'connection reset after handling', fault: { ...faults.connectionReset, apply: true } },
	{ name: 'no answer (time-out)', fault: faults.noAnswer },
	{ name: 'no answer after handling', fault: { ...faults.noAnswer, apply: true } },
	{ name: 'slow drip', fault: faults.slowDrip(60) },
	{ name: 'slow drip past the time-out', fault: faults.slowDrip(250) },
	{ name: 'truncated JSON', fault: faults.truncatedJson },
	{ name: 'HTML page with 200', fault: faults.htmlPage(200) },
	{ name: 'HTML page with 502', fault: faults.nonJson(502) },
	{ name: '429 burst with Retry-After', fault: { ...faults.throttled(1), times: 2 } },
	{ name: '429 burst without Retry-After', fault: { ...faults.throttledNoRetryAfter, times: 2 } },
	{ name: '500', fault: faults.serverFault(500) },
	{ name: '502', fault: faults.serverFault(502) },
	{ name: '503', fault: faults.serverFault(503) },
	{ name: 'other references than asked', fault: faults.otherReferences },
	{ name: 'duplicates in the answer', fault: faults.duplicates },
	{ name: 'empty 200', fault: faults.empty200 },
];

/** The node's request time-out in the suite, so that "no answer" costs a second, not 300. */
export const TIMEOUT_MS = 1000;

export function parametersFor(row: OperationRow): INodeParameters {
	return {
		...row.parameters(row.references),
		requestOptions: { timeout: TIMEOUT_MS },
	} as INodeParameters;
}
