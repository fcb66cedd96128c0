/**
 * Every bad input of badInputs.ts through every operation it applies to, real routing engine
 * against the real simulator over HTTP. A refused input must fail with a clear n8n error before
 * any request; an accepted one must give a correct result; nothing may crash. The table's size
 * and pass count are printed.
 */
import {
	NodeApiError,
	NodeOperationError,
	type INodeExecutionData,
	type INodeParameters,
} from 'n8n-workflow';

import { runSortedPro } from '../harness/n8n';
import { SortedPro } from '../../nodes/SortedPro/SortedPro.node';
import {
	CARRIER_SERVICE_REFS,
	SEEDED_REFS,
	SERVICE_GROUP_REFS,
	makeConsignmentReference,
	startSimulator,
	type Simulator,
} from '../simulator';
import {
	BAD_INPUTS,
	type BadInput,
	type Expectation,
	type FieldKind,
	type OperationKind,
} from './badInputs';
import {
	allocateFirst,
	createFromFields,
	credentialsFor,
	everythingShown,
	firstQuoteFor,
} from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => {
	await sim.close();
	printTable();
});

interface Values {
	references?: unknown;
	carrierService?: unknown;
	labelFormat?: unknown;
	limit?: unknown;
	jsonBody?: unknown;
	serviceGroup?: unknown;
	quoteReference?: unknown;
}

interface InputOperation {
	name: string;
	kind: OperationKind;
	fields: FieldKind[];
	/** Valid references for runs about another field. */
	defaultReferences: string[];
	/** Brings these references to the state the operation needs. */
	prepare?: (references: string[]) => Promise<void>;
	parameters: (values: Values) => Record<string, unknown>;
	/** The references or services an output is about, for checking an `ok` result. */
	outputOf: (items: INodeExecutionData[]) => string[];
}

const SERVICE = CARRIER_SERVICE_REFS.royalMailTracked48;
const [OK_1] = SEEDED_REFS.allocatable;
const allocated = async (references: string[]) => await allocateFirst(sim, references);
/** A well-formed quote reference SortedPRO never issued: what a run without a quote sends. */
const NO_QUOTE = '00000000-0000-4000-8000-000000000000';
/** The quote the simulator gave in the last prepare, standing for "quote" in a quote input. */
let quoteGiven = NO_QUOTE;

const field = (name: string) => (items: INodeExecutionData[]) =>
	items.map((item) => String((item.json as Record<string, unknown>)[name]));

const OPERATIONS: InputOperation[] = [
	{
		name: 'carrierService list',
		kind: 'none',
		fields: ['baseUrl', 'limit'],
		defaultReferences: [],
		parameters: ({ limit }) => ({
			resource: 'carrierService',
			operation: 'list',
			...(limit === undefined ? { returnAll: true } : { returnAll: false, limit }),
		}),
		outputOf: field('Reference'),
	},
	{
		name: 'consignment allocateWithCarrierService',
		kind: 'bulk',
		fields: ['references', 'carrierService', 'baseUrl'],
		defaultReferences: [makeConsignmentReference(300_001)],
		parameters: ({ references, carrierService = SERVICE }) => ({
			resource: 'consignment',
			operation: 'allocateWithCarrierService',
			carrierService: { __rl: true, mode: 'id', value: carrierService },
			consignmentReferences: references,
		}),
		outputOf: field('ConsignmentReference'),
	},
	{
		name: 'consignment get',
		kind: 'single',
		fields: ['references', 'baseUrl'],
		defaultReferences: [OK_1],
		parameters: ({ references }) => ({
			resource: 'consignment',
			operation: 'get',
			consignmentReference: references,
		}),
		outputOf: field('Reference'),
	},
	{
		name: 'consignment getLabel',
		kind: 'single',
		fields: ['references', 'labelFormat', 'baseUrl'],
		defaultReferences: [OK_1],
		prepare: allocated,
		parameters: ({ references, labelFormat = '' }) => ({
			resource: 'consignment',
			operation: 'getLabel',
			consignmentReference: references,
			labelFormat,
			binaryPropertyName: 'data',
		}),
		outputOf: field('ConsignmentReference'),
	},
	{
		name: 'consignment manifest',
		kind: 'bulk',
		fields: ['references', 'baseUrl'],
		defaultReferences: [OK_1],
		prepare: allocated,
		parameters: ({ references }) => ({
			resource: 'consignment',
			operation: 'manifest',
			consignmentReferences: references,
		}),
		outputOf: field('ConsignmentReference'),
	},
];

// The other bulk operations on a list of references: the same fields, the same rules.
for (const [operation, prepare] of [
	['allocate', undefined],
	['deallocate', allocated],
	['cancel', undefined],
] as const) {
	OPERATIONS.push({
		name: `consignment ${operation}`,
		kind: 'bulk',
		fields: ['references', 'baseUrl'],
		defaultReferences: [makeConsignmentReference(300_002)],
		prepare,
		parameters: ({ references }) => ({
			resource: 'consignment',
			operation,
			consignmentReferences: references,
		}),
		outputOf: field('ConsignmentReference'),
	});
}

// The newer allocation modes, quotes and tracking.
OPERATIONS.push(
	{
		name: 'consignment allocateWithServiceGroup',
		kind: 'bulk',
		fields: ['references', 'serviceGroup', 'baseUrl'],
		defaultReferences: [makeConsignmentReference(300_003)],
		parameters: ({ references, serviceGroup = SERVICE_GROUP_REFS.valuableGoods }) => ({
			resource: 'consignment',
			operation: 'allocateWithServiceGroup',
			serviceGroup: { __rl: true, mode: 'id', value: serviceGroup },
			consignmentReferences: references,
		}),
		outputOf: field('ConsignmentReference'),
	},
	{
		name: 'consignment allocateWithCheapestQuote',
		kind: 'bulk',
		fields: ['references', 'baseUrl'],
		defaultReferences: [makeConsignmentReference(300_004)],
		parameters: ({ references }) => ({
			resource: 'consignment',
			operation: 'allocateWithCheapestQuote',
			consignmentReferences: references,
		}),
		outputOf: field('ConsignmentReference'),
	},
	{
		name: 'consignment allocateWithQuote',
		kind: 'single',
		fields: ['references', 'quoteReference', 'baseUrl'],
		defaultReferences: [makeConsignmentReference(300_005)],
		prepare: async ([reference]) => {
			quoteGiven = (await firstQuoteFor(sim, reference ?? '')) ?? NO_QUOTE;
		},
		parameters: ({ references, quoteReference = 'quote' }) => ({
			resource: 'consignment',
			operation: 'allocateWithQuote',
			consignmentReference: references,
			quoteReference:
				typeof quoteReference === 'string'
					? quoteReference.replace(/quote/g, quoteGiven)
					: quoteReference,
		}),
		outputOf: field('ConsignmentReference'),
	},
	...(['getQuotes', 'getTracking'] as const).map(
		(operation): InputOperation => ({
			name: `consignment ${operation}`,
			kind: 'single',
			fields: ['references', 'baseUrl'],
			defaultReferences: [OK_1],
			parameters: ({ references }) => ({
				resource: 'consignment',
				operation,
				consignmentReference: references,
			}),
			// Several quotes or events for one consignment: the output is about it once.
			outputOf: (items) => [...new Set(field('ConsignmentReference')(items))],
		}),
	),
	...(['shippingLocation', 'packageSize'] as const).map(
		(resource): InputOperation => ({
			name: `${resource} list`,
			kind: 'none',
			fields: ['baseUrl', 'limit'],
			defaultReferences: [],
			parameters: ({ limit }) => ({
				resource,
				operation: 'list',
				...(limit === undefined ? { returnAll: true } : { returnAll: false, limit }),
			}),
			outputOf: field('Reference'),
		}),
	),
);

// Create's row applies when the node has a Create operation with a JSON body field.
const hasCreate = new SortedPro().description.properties.some(
	(property) =>
		property.name === 'jsonBody' &&
		(property.displayOptions?.show?.operation ?? []).includes('create'),
);
if (hasCreate) {
	OPERATIONS.push({
		name: 'consignment create',
		kind: 'none',
		fields: ['jsonBody', 'baseUrl'],
		defaultReferences: [],
		parameters: ({ jsonBody }) =>
			jsonBody === undefined
				? createFromFields()
				: { resource: 'consignment', operation: 'create', specifyBody: 'json', jsonBody },
		outputOf: field('ConsignmentReference'),
	});
}

interface Cell {
	input: BadInput;
	operation: InputOperation;
	expected: Expectation;
}

const CELLS: Cell[] = BAD_INPUTS.flatMap((input) =>
	OPERATIONS.filter((operation) => operation.fields.includes(input.kind)).map((operation) => ({
		input,
		operation,
		expected: typeof input.expect === 'string' ? input.expect : input.expect[operation.kind],
	})),
).filter((cell): cell is Cell => cell.expected !== undefined);

const results = new Map<Cell, boolean>();
/** The output fields by which an item says SortedPRO did something. */
const DONE_FLAGS = ['Allocated', 'Manifested', 'Deallocated', 'Cancelled', 'Created'];

function printTable() {
	const passed = [...results.values()].filter(Boolean).length;
	const byExpectation = new Map<string, number>();
	for (const cell of CELLS)
		byExpectation.set(cell.expected, (byExpectation.get(cell.expected) ?? 0) + 1);
	const failed = CELLS.filter((cell) => results.get(cell) !== true).map(
		(cell) => `  not passed: ${cell.input.kind} "${cell.input.name}" x ${cell.operation.name}`,
	);
	// The issue asks for the table's size to be printed; jest shows console output.
	// eslint-disable-next-line no-console
	console.log(
		`\nBad-input table: ${BAD_INPUTS.length} bad inputs, ${CELLS.length} cells (input x operation it applies to), ` +
			`${passed} passed. Expected: ${[...byExpectation].map(([name, count]) => `${name} ${count}`).join(', ')}.\n` +
			failed.join('\n'),
	);
}

function unclearness(error: Error & { description?: string | null }): string[] {
	const shown = `${error.message}\n${error.description ?? ''}`;
	const problems: string[] = [];
	if (!(error instanceof NodeOperationError || error instanceof NodeApiError))
		problems.push(`a ${error.constructor.name}, not an n8n node error`);
	if (!error.message.trim()) problems.push('an empty message');
	if (/\bundefined\b/.test(shown)) problems.push('"undefined"');
	if (/\[object Object\]/.test(shown)) problems.push('"[object Object]"');
	if (/\n\s+at .+:\d+:\d+/.test(shown)) problems.push('a stack trace');
	if (/(?![\n\r\t])\p{Cc}|[\u200b\u202e]/u.test(shown)) problems.push('an invisible character');
	if (shown.length > 20_000) problems.push(`${shown.length} characters`);
	if (everythingShown(error).includes(sim.apiKey)) problems.push('the API key');
	return problems;
}

describe.each(CELLS.map((cell) => [`${cell.input.kind}: ${cell.input.name}`, cell] as const))(
	'%s',
	(_name, cell) => {
		it(`${cell.operation.name} (${cell.expected})`, async () => {
			const { input, operation, expected } = cell;
			sim.reset();
			quoteGiven = NO_QUOTE;
			const values: Values = {};
			let references = operation.defaultReferences;
			if (input.kind === 'references') {
				values.references = input.value;
				if (expected === 'ok' && input.outputReferences) references = input.outputReferences;
			} else if (input.kind !== 'baseUrl') {
				values[input.kind] = input.value;
			}
			if (input.kind !== 'references') values.references = operation.defaultReferences;
			if (operation.prepare && references.length > 0 && expected === 'ok')
				await operation.prepare(references);
			else if (operation.prepare && input.kind !== 'references')
				await operation.prepare(references);
			sim.clearRequests();

			const baseUrl =
				input.kind === 'baseUrl'
					? typeof input.value === 'function'
						? (input.value as (url: string) => string)(sim.url)
						: String(input.value)
					: sim.url;
			let items: INodeExecutionData[] | undefined;
			let error: (Error & { description?: string | null }) | undefined;
			try {
				items = await runSortedPro(
					{
						...operation.parameters(values),
						requestOptions: { timeout: 2000 },
					} as INodeParameters,
					{
						credentials: credentialsFor(sim, { baseUrl }),
						items: [{ json: input.json ?? {} }],
					},
				);
			} catch (caught) {
				error = caught as Error & { description?: string | null };
			}
			const shown = error ? `${error.message}\n${error.description ?? ''}` : '';
			if (input.secret) expect(everythingShown(error ?? items)).not.toContain(input.secret);

			if (expected === 'ok') {
				expect({ error: error?.message, description: error?.description }).toEqual({
					error: undefined,
					description: undefined,
				});
				const output = operation.outputOf(items ?? []).map((value) => value.toUpperCase());
				if (input.kind === 'references' && input.outputReferences)
					expect(output).toEqual(input.outputReferences.map((value) => value.toUpperCase()));
				else expect(output.length).toBeGreaterThan(0);
				if (input.kind === 'baseUrl') expect(sim.requests.length).toBeGreaterThan(0);
			} else if (expected === 'sent') {
				if (error) expect(unclearness(error)).toEqual([]);
				// Whatever answered there is not SortedPRO: an output may claim nothing done.
				const claims = (items ?? []).flatMap((item) =>
					DONE_FLAGS.filter((flag) => (item.json as Record<string, unknown>)[flag] === true),
				);
				expect({ claims }).toEqual({ claims: [] });
			} else {
				expect(error).toBeDefined();
				expect(unclearness(error as Error)).toEqual([]);
				if (input.mentions) expect(shown).toContain(input.mentions);
				if (expected === 'refused' || expected === 'unreachable')
					expect(sim.requests.map((request) => request.path)).toEqual([]);
				if (expected === 'unreachable') expect(error?.message).toMatch(/Could not reach/);
				if (expected === 'sortedProRefuses') expect(sim.requests.length).toBeGreaterThan(0);
			}
			if (input.pathPrefix) {
				expect(sim.requests.length).toBeGreaterThan(0);
				for (const request of sim.requests)
					expect(request.path.startsWith(input.pathPrefix)).toBe(true);
			}
			results.set(cell, true);
		}, 60_000);
	},
);
