/**
 * Error fidelity: whatever SortedPRO said about a failure (its Message, the Details[].Message
 * that applies, its CorrelationId) reaches the output item or the error the user sees.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runSortedPro } from '../harness/n8n';
import {
	CARRIER_SERVICE_REFS,
	SEEDED_REFS,
	faults,
	startSimulator,
	type Simulator,
} from '../simulator';
import { allocateFirst, credentialsFor, everythingShown, jsonOf, rejectionOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const SERVICE = CARRIER_SERVICE_REFS.royalMailTracked48;
const [OK_1, OK_2] = SEEDED_REFS.allocatable;
const CORRELATION_ID = '5d1e5c3a-1f0e-4a47-9d55-0a1b2c3d4e5f';
const LOOKUP_CORRELATION_ID = '77777777-2222-4333-8444-555555555555';

function run(parameters: Record<string, unknown>) {
	return runSortedPro(parameters as INodeParameters, { credentials: credentialsFor(sim) });
}

function allocate(consignmentReferences: unknown, options: Record<string, unknown> = {}) {
	return run({
		resource: 'consignment',
		operation: 'allocateWithCarrierService',
		carrierService: { __rl: true, mode: 'id', value: SERVICE },
		consignmentReferences,
		options,
	});
}

/** A 400 as PRO sends it, naming the consignment at index `index` of the request. */
function blaming(index: number, path = '/allocation') {
	return {
		method: 'PUT',
		path,
		status: 400,
		body: {
			Code: 'ValidationFailed',
			Message: 'The request contains invalid consignments.',
			CorrelationId: CORRELATION_ID,
			Details: [
				{
					Code: 'CustomsDataMissing',
					Target: `ConsignmentReferences[${index}]`,
					Message: 'Customs data missing',
				},
			],
		},
	};
}

describe('a 400 naming particular consignments', () => {
	it('keeps the detail, the Message and the Correlation ID on the failed output item', async () => {
		sim.inject(blaming(1));
		const items = await allocate([OK_1, OK_2], { outputFailedAllocations: true });
		const [allocated, failed] = jsonOf(items);
		expect(allocated).toMatchObject({ ConsignmentReference: OK_1, Allocated: true });
		expect(failed).toMatchObject({
			ConsignmentReference: OK_2,
			Allocated: false,
			CorrelationId: CORRELATION_ID,
		});
		expect(failed.FailureReason).toContain('Customs data missing');
		expect(failed.FailureReason).toContain('The request contains invalid consignments');
		expect(failed.FailureReason).toContain(`Correlation ID: ${CORRELATION_ID}`);
		expect(sim.getConsignment(OK_2)?.ConsignmentState).toBe('Unallocated');
	});

	it('keeps them in the error by default', async () => {
		sim.inject(blaming(0));
		const error = await rejectionOf(allocate([OK_1]));
		const shown = `${error.message} ${error.description}`;
		expect(shown).toContain(OK_1);
		expect(shown).toContain('Customs data missing');
		expect(shown).toContain('The request contains invalid consignments');
		expect(shown).toContain(`Correlation ID: ${CORRELATION_ID}`);
	});

	it('keeps them for Manifest too', async () => {
		await allocateFirst(sim, [OK_1, OK_2]);
		sim.inject(blaming(0, '/consignments/manifest'));
		const items = await run({
			resource: 'consignment',
			operation: 'manifest',
			consignmentReferences: [OK_1, OK_2],
			options: { outputFailedManifests: true },
		});
		const [failed, manifested] = jsonOf(items);
		expect(manifested).toMatchObject({ ConsignmentReference: OK_2, Manifested: true });
		expect(failed).toMatchObject({ ConsignmentReference: OK_1, CorrelationId: CORRELATION_ID });
		expect(failed.FailureReason).toContain('The request contains invalid consignments');
		expect(failed.FailureReason).toContain(`Correlation ID: ${CORRELATION_ID}`);
	});

	it("reads the simulator's own 400 (random Correlation ID) the same way", async () => {
		sim.setBehaviour({ allocationFailure: 'badRequest' });
		const items = await allocate([OK_1, SEEDED_REFS.ineligible], { outputFailedAllocations: true });
		const failed = jsonOf(items)[1];
		expect(failed.CorrelationId).toMatch(/^[0-9a-f-]{36}$/);
		expect(failed.FailureReason).toContain(`Correlation ID: ${String(failed.CorrelationId)}`);
		expect(failed.FailureReason).toMatch(
			/SortedPRO said: 1 of 2 consignments could not be allocated/,
		);
	});
});

describe('look-ups', () => {
	it('a failed look-up keeps its Message and Correlation ID in the reason', async () => {
		// The allocate answer says nothing, so each consignment is looked up; the look-up fails.
		sim.inject({ method: 'PUT', path: '/allocation', ...faults.empty200 });
		sim.inject({
			method: 'GET',
			path: '/consignments',
			status: 500,
			body: {
				Code: 'InternalServerError',
				Message: 'Database unavailable',
				CorrelationId: LOOKUP_CORRELATION_ID,
			},
			times: Infinity,
		});
		const items = await allocate([OK_1], { outputFailedAllocations: true });
		expect(items[0].json).toMatchObject({
			ConsignmentReference: OK_1,
			Allocated: false,
			CorrelationId: LOOKUP_CORRELATION_ID,
		});
		expect(items[0].json.FailureReason).toContain('HTTP 500');
		expect(items[0].json.FailureReason).toContain('Database unavailable');
		expect(items[0].json.FailureReason).toContain(`Correlation ID: ${LOOKUP_CORRELATION_ID}`);
	});

	it('a consignment SortedPRO does not know keeps the 404 look-up Correlation ID', async () => {
		const items = await allocate('EC-ZZ-UNKNOWN', { outputFailedAllocations: true });
		expect(items[0].json.FailureReason).toContain('no consignment with this reference');
		expect(items[0].json.FailureReason).toMatch(/Correlation ID: [0-9a-f-]{36}/);
	});

	it('Get Label: a 404 whose look-up fails says so with both answers, not "no consignment"', async () => {
		sim.inject({ method: 'GET', path: '/labels', status: 404, body: '' });
		sim.inject({
			method: 'GET',
			path: '/consignments',
			status: 503,
			body: { Message: 'Maintenance', CorrelationId: LOOKUP_CORRELATION_ID },
		});
		const error = await rejectionOf(
			run({ resource: 'consignment', operation: 'getLabel', consignmentReference: OK_1 }),
		);
		expect(error.message).not.toMatch(/has no consignment/);
		expect(error.description).toContain('Maintenance');
		expect(error.description).toContain(`Correlation ID: ${LOOKUP_CORRELATION_ID}`);
	});
});

describe('request-level errors', () => {
	const throttledWithId = {
		status: 429,
		headers: { 'Retry-After': '7' },
		body: { Message: 'Too many requests for this account', CorrelationId: CORRELATION_ID },
	};

	it.each([
		['allocate', () => allocate([OK_1, OK_2])],
		[
			'manifest',
			() => run({ resource: 'consignment', operation: 'manifest', consignmentReferences: OK_1 }),
		],
		['get', () => run({ resource: 'consignment', operation: 'get', consignmentReference: OK_1 })],
		[
			'getLabel',
			() => run({ resource: 'consignment', operation: 'getLabel', consignmentReference: OK_1 }),
		],
		['list', () => run({ resource: 'carrierService', operation: 'list', returnAll: true })],
	])('%s: a 429 keeps the Message, the Correlation ID and the wait', async (_name, send) => {
		sim.inject(throttledWithId);
		const error = await rejectionOf(send());
		expect(error.httpCode).toBe('429');
		expect(error.description).toContain('Too many requests for this account');
		expect(error.description).toContain(`Correlation ID: ${CORRELATION_ID}`);
		expect(error.description).toContain('7 seconds');
		expect(everythingShown(error)).not.toContain(sim.apiKey);
	});

	it.each([500, 502, 503])('a %i keeps the Message and the Correlation ID', async (status) => {
		sim.inject({
			status,
			body: { Message: `Simulated ${status}`, CorrelationId: CORRELATION_ID },
		});
		const error = await rejectionOf(
			run({ resource: 'consignment', operation: 'get', consignmentReference: OK_1 }),
		);
		expect(error.httpCode).toBe(String(status));
		expect(error.description).toContain(`Simulated ${status}`);
		expect(error.description).toContain(`Correlation ID: ${CORRELATION_ID}`);
	});
});

describe('an answer about another consignment than asked', () => {
	const OTHER = 'EC-900-05A-Z6S';
	const about = (status: number, path: string) => ({
		method: 'GET',
		path,
		status,
		body: {
			Code: 'NotFound',
			Message: `No tracking information for consignment ${OTHER}`,
			CorrelationId: CORRELATION_ID,
			Details: [],
		},
	});

	it('is an unusable answer, keeping what SortedPRO said and its Correlation ID', async () => {
		await allocateFirst(sim, [OK_1]);
		sim.inject(about(404, '/tracking/'));
		const error = await rejectionOf(
			run({ resource: 'consignment', operation: 'getTracking', consignmentReference: OK_1 }),
		);
		expect(error.message).toContain(`about consignment ${OTHER}, not ${OK_1}`);
		expect(error.description).toContain(`No tracking information for consignment ${OTHER}`);
		expect(error.description).toContain(`Correlation ID: ${CORRELATION_ID}`);
		// No look-up: the answer was never about this consignment.
		expect(sim.requests.map((request) => request.path)).toEqual([`/tracking/${OK_1}`]);
	});

	it('does not pass for a label refusal of this consignment', async () => {
		await allocateFirst(sim, [OK_1]);
		sim.inject(about(400, '/labels/'));
		const error = await rejectionOf(
			run({
				resource: 'consignment',
				operation: 'getLabel',
				consignmentReference: OK_1,
				binaryPropertyName: 'data',
			}),
		);
		expect(error.message).toContain(`about consignment ${OTHER}, not ${OK_1}`);
		expect(error.description).toContain(`Correlation ID: ${CORRELATION_ID}`);
	});

	it('does not tell the user their quote is wrong', async () => {
		sim.inject({
			method: 'PUT',
			path: '/allocation/',
			status: 400,
			body: {
				Code: 'QuoteNotFound',
				Message: `Quote 3f2b8c1e-5d4a-4f7b-9e21-6c0d8a9b1e2f was not found for consignment ${OTHER}`,
				CorrelationId: CORRELATION_ID,
				Details: [],
			},
		});
		const error = await rejectionOf(
			run({
				resource: 'consignment',
				operation: 'allocateWithQuote',
				consignmentReference: OK_1,
				quoteReference: '3f2b8c1e-5d4a-4f7b-9e21-6c0d8a9b1e2f',
			}),
		);
		const shown = `${error.message} ${error.description}`;
		expect(shown).toContain(`about consignment ${OTHER}, not ${OK_1}`);
		expect(shown).not.toContain('for this same consignment');
		expect(shown).toContain(CORRELATION_ID);
		expect(sim.getConsignment(OK_1)?.ConsignmentState).toBe('Unallocated');
	});
});
