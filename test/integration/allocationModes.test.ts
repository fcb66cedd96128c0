import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ALLOCATED_ITEM_KEYS } from '../../nodes/SortedPro/helpers/allocationReport';
import { runSortedPro, searchServiceGroups } from '../harness/n8n';
import {
	CARRIER_SERVICE_REFS,
	RULES_SERVICE,
	SEEDED_INELIGIBLE_REASON,
	SEEDED_REFS,
	SERVICE_GROUP_REFS,
	faults,
	makeConsignmentReference,
	startSimulator,
	type Simulator,
} from '../simulator';
import {
	credentialsFor,
	everythingShown,
	expectSameAllocatedItem,
	jsonOf,
	rejectionOf,
} from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const [OK_1, OK_2] = SEEDED_REFS.allocatable;
const INELIGIBLE = SEEDED_REFS.ineligible;
const {
	dpdNextDay: DPD,
	upsExpressSaver: UPS,
	royalMailTracked48: ROYAL_MAIL,
} = CARRIER_SERVICE_REFS;

type Mode = 'allocate' | 'allocateWithServiceGroup' | 'allocateWithCheapestQuote';

function run(
	operation: string,
	parameters: Record<string, unknown>,
	{ items, onError }: { items?: INodeExecutionData[]; onError?: 'continueRegularOutput' } = {},
) {
	return runSortedPro(
		{ resource: 'consignment', operation, options: {}, ...parameters } as INodeParameters,
		{ credentials: credentialsFor(sim), items, onError },
	);
}

const group = (value: string, mode = 'id') => ({ __rl: true, mode, value });

/** Runs an allocation mode that takes a reference list. */
function allocateBy(
	mode: Mode,
	consignmentReferences: unknown,
	{
		options = {},
		serviceGroup = group(SERVICE_GROUP_REFS.standardUk),
		items,
		onError,
	}: {
		options?: Record<string, unknown>;
		serviceGroup?: unknown;
		items?: INodeExecutionData[];
		onError?: 'continueRegularOutput';
	} = {},
) {
	return run(
		mode,
		{
			consignmentReferences,
			options,
			...(mode === 'allocateWithServiceGroup' ? { serviceGroup } : {}),
		},
		{ items, onError },
	);
}

const calls = (pattern: RegExp) =>
	sim.requests.filter((request) => request.method === 'PUT' && pattern.test(request.path));
const lookups = () =>
	sim.requests.filter(
		(request) => request.method === 'GET' && request.path.startsWith('/consignments/'),
	);

/** The Service Code each list mode chooses in the simulator. */
const CHOSEN: Record<Mode, string> = {
	allocate: RULES_SERVICE,
	allocateWithServiceGroup: DPD,
	allocateWithCheapestQuote: DPD,
};
const ENDPOINT: Record<Mode, RegExp> = {
	allocate: /^\/allocation\/allocate$/,
	allocateWithServiceGroup: /^\/allocation\/allocatewithservicegroup$/,
	allocateWithCheapestQuote: /^\/allocation\/[^/]+\/allocatewithcheapestquote$/,
};

describe.each(['allocate', 'allocateWithServiceGroup', 'allocateWithCheapestQuote'] as const)(
	'Consignment > %s: the Allocate contract',
	(mode) => {
		it('allocates, and outputs the Service Code chosen, read from the record', async () => {
			const items = await allocateBy(mode, [OK_1, OK_2]);
			expect(jsonOf(items)).toEqual([
				expect.objectContaining({
					ConsignmentReference: OK_1,
					Allocated: true,
					AllocationStatus: 'Allocated',
					FailureReason: null,
					MpdCarrierServiceReference: CHOSEN[mode],
					TrackingReferences: [expect.stringMatching(/^TRK\d{8}$/)],
				}),
				expect.objectContaining({ ConsignmentReference: OK_2, Allocated: true }),
			]);
			expect(Object.keys(items[0].json).slice(0, ALLOCATED_ITEM_KEYS.length)).toEqual([
				...ALLOCATED_ITEM_KEYS,
			]);
			expect(sim.getConsignment(OK_1)?.ConsignmentState).toBe('Allocated');
			// The summary does not say which Service Code was chosen: one look-up per consignment.
			expect(lookups().map((request) => request.path)).toEqual([
				`/consignments/${OK_1}`,
				`/consignments/${OK_2}`,
			]);
		});

		it('gives a re-run the same leading keys and values, reporting the consignments as done', async () => {
			const first = await allocateBy(mode, [OK_1]);
			sim.clearRequests();
			const again = await allocateBy(mode, [OK_1]);
			expectSameAllocatedItem(first[0].json, again[0].json);
		});

		it('fails the item naming the consignment not allocated and its reason, and those allocated', async () => {
			const error = await rejectionOf(allocateBy(mode, [OK_1, INELIGIBLE]));
			expect(error.message).toMatch(/^1 of 2 consignments was not allocated/);
			expect(error.description).toContain(
				`Not allocated (1): ${INELIGIBLE} (${SEEDED_INELIGIBLE_REASON}`,
			);
			expect(error.description).toContain(`Allocated (1), these stay allocated: ${OK_1}.`);
		});

		it.each(['omit', 'statusCode', 'badRequest'] as const)(
			'outputs failures with the option, whatever the failure style (%s)',
			async (allocationFailure) => {
				sim.setBehaviour({ allocationFailure });
				const items = await allocateBy(mode, [OK_1, INELIGIBLE, OK_2], {
					options: { outputFailedAllocations: true },
				});
				expect(jsonOf(items).map((json) => [json.ConsignmentReference, json.Allocated])).toEqual([
					[OK_1, true],
					[INELIGIBLE, false],
					[OK_2, true],
				]);
				expect(items[1].json.FailureReason).toContain(SEEDED_INELIGIBLE_REASON);
				expect(sim.getConsignment(OK_2)?.ConsignmentState).toBe('Allocated');
			},
		);

		it('reports a consignment that cannot be allocated in its state, saying what to do', async () => {
			sim.addConsignment({ reference: 'EC-000-CAN-001', state: 'Cancelled' });
			const error = await rejectionOf(allocateBy(mode, 'EC-000-CAN-001'));
			expect(error.message).toContain('EC-000-CAN-001 was not allocated');
			expect(error.message).toContain('create a new consignment');
		});

		it('reports 202 Accepted as pending, never as allocated', async () => {
			sim.setBehaviour({ allocationAccepted: true });
			const items = await allocateBy(mode, [OK_1], { options: { outputFailedAllocations: true } });
			expect(items[0].json).toMatchObject({ Allocated: false, AllocationStatus: 'Pending' });
		});

		it('combines the items of a run and sends each reference once', async () => {
			const refs = [makeConsignmentReference(1), makeConsignmentReference(2)];
			const items = await allocateBy(mode, '={{ $json.refs }}', {
				items: [{ json: { refs: refs[0] } }, { json: { refs: refs.join(',') } }],
			});
			expect(items.map((item) => [item.json.ConsignmentReference, item.pairedItem])).toEqual([
				[refs[0], { item: 0 }],
				[refs[0], { item: 1 }],
				[refs[1], { item: 1 }],
			]);
			const sent = calls(ENDPOINT[mode]);
			expect(sent).toHaveLength(mode === 'allocateWithCheapestQuote' ? 2 : 1);
		});

		it('never shows the API key', async () => {
			sim.inject(faults.gateway401);
			const rejected = await rejectionOf(allocateBy(mode, [OK_1]));
			const items = await allocateBy(mode, [OK_2, INELIGIBLE], {
				options: { outputFailedAllocations: true },
			});
			expect(everythingShown(rejected)).not.toContain(sim.apiKey);
			expect(everythingShown(items)).not.toContain(sim.apiKey);
		});
	},
);

describe('Consignment > Allocate (using allocation rules)', () => {
	it('sends the documented body, 100 references per request', async () => {
		const refs = Array.from({ length: 150 }, (_, n) => makeConsignmentReference(300 + n));
		const items = await allocateBy('allocate', refs);
		expect(items).toHaveLength(150);
		expect(calls(ENDPOINT.allocate).map((request) => request.body)).toEqual([
			{ ConsignmentReferences: refs.slice(0, 100) },
			{ ConsignmentReferences: refs.slice(100) },
		]);
	});

	it('keeps the summary fields when the record cannot be read, with null for the Service Code', async () => {
		sim.inject({ method: 'GET', path: '/consignments', ...faults.serverError, times: Infinity });
		const items = await allocateBy('allocate', [OK_1]);
		expect(items[0].json).toMatchObject({
			Allocated: true,
			MpdCarrierServiceReference: null,
			CarrierName: 'Royal Mail',
			TrackingReferences: [expect.any(String)],
		});
	});

	it('after a 500, looks the consignments up and never sends them again', async () => {
		sim.inject({ ...faults.serverError, method: 'PUT', path: '/allocation/allocate' });
		const error = await rejectionOf(allocateBy('allocate', [OK_1, OK_2]));
		expect(error.message).toContain('HTTP 500');
		expect(calls(ENDPOINT.allocate)).toHaveLength(1);
		expect(error.description).toContain(`Not allocated: ${OK_1}, ${OK_2}`);
	});
});

describe('Consignment > Allocate With Service Group', () => {
	it('sends the group reference with the references, and the group chooses the service', async () => {
		const items = await allocateBy('allocateWithServiceGroup', [OK_1], {
			serviceGroup: group(SERVICE_GROUP_REFS.valuableGoods, 'list'),
		});
		expect(calls(ENDPOINT.allocateWithServiceGroup)[0].body).toEqual({
			ConsignmentReferences: [OK_1],
			MpdCarrierServiceGroupReference: SERVICE_GROUP_REFS.valuableGoods,
		});
		expect(items[0].json).toMatchObject({
			MpdCarrierServiceReference: UPS,
			CarrierName: 'UPS',
			CarrierServiceGroupReference: SERVICE_GROUP_REFS.valuableGoods,
		});
	});

	it('says a group that does not exist was not found, what was sent and where to find the code', async () => {
		const error = await rejectionOf(
			allocateBy('allocateWithServiceGroup', [OK_1, OK_2], { serviceGroup: group('NoSuchGroup') }),
		);
		expect(error.message).toBe(
			'Carrier service group NoSuchGroup was not found in SortedPRO, or cannot be used',
		);
		expect(error.description).toContain('Settings > Carrier Service Groups (NoSuchGroup was sent)');
		expect(error.description).toContain(
			`Nothing was allocated. Consignments not allocated: ${OK_1}, ${OK_2}.`,
		);
		expect(error.description).toMatch(/Correlation ID: [0-9a-f-]{36}/);
		expect(calls(ENDPOINT.allocateWithServiceGroup)).toHaveLength(1);
	});

	it('refuses a disabled group the same way', async () => {
		const error = await rejectionOf(
			allocateBy('allocateWithServiceGroup', [OK_1], {
				serviceGroup: group(SERVICE_GROUP_REFS.disabled),
			}),
		);
		expect(error.message).toContain(`group ${SERVICE_GROUP_REFS.disabled}`);
		expect(sim.getConsignment(OK_1)?.ConsignmentState).toBe('Unallocated');
	});

	it.each([
		[group(''), 'No carrier service group chosen'],
		[group('bad/group<'), '"bad/group<" is not a carrier service group code'],
	])('rejects a missing or malformed group before sending (%j)', async (serviceGroup, message) => {
		const error = await rejectionOf(
			allocateBy('allocateWithServiceGroup', [OK_1], { serviceGroup }),
		);
		expect(error.message).toBe(message);
		expect(error.description).toContain('Nothing was sent to SortedPRO.');
		expect(sim.requests).toHaveLength(0);
	});

	it('sends items naming different groups in separate requests', async () => {
		await allocateBy('allocateWithServiceGroup', '={{ $json.ref }}', {
			serviceGroup: group('={{ $json.group }}'),
			items: [
				{ json: { ref: OK_1, group: SERVICE_GROUP_REFS.valuableGoods } },
				{ json: { ref: OK_2, group: SERVICE_GROUP_REFS.standardUk } },
			],
		});
		expect(
			calls(ENDPOINT.allocateWithServiceGroup).map(
				(request) => (request.body as Record<string, unknown>).MpdCarrierServiceGroupReference,
			),
		).toEqual([SERVICE_GROUP_REFS.valuableGoods, SERVICE_GROUP_REFS.standardUk]);
	});

	it('lists the groups in the picker, enabled first, disabled marked first, filtered', async () => {
		const { results } = await searchServiceGroups(credentialsFor(sim));
		expect(results).toEqual([
			{
				name: `Standard UK - ${SERVICE_GROUP_REFS.standardUk}`,
				value: SERVICE_GROUP_REFS.standardUk,
			},
			{
				name: `Valuable goods - ${SERVICE_GROUP_REFS.valuableGoods}`,
				value: SERVICE_GROUP_REFS.valuableGoods,
			},
			{
				name: `[disabled] Old group - ${SERVICE_GROUP_REFS.disabled}`,
				value: SERVICE_GROUP_REFS.disabled,
			},
		]);
		expect((await searchServiceGroups(credentialsFor(sim), 'valuable')).results).toHaveLength(1);
		sim.inject({ method: 'GET', path: '/servicegroups', status: 404 });
		expect((await searchServiceGroups(credentialsFor(sim))).results).toEqual([]);
		sim.inject({
			method: 'GET',
			path: '/servicegroups',
			status: 200,
			body: '<html>',
			contentType: 'text/html',
		});
		expect((await rejectionOf(searchServiceGroups(credentialsFor(sim)))).message).toContain(
			'not JSON',
		);
		sim.inject({ method: 'GET', path: '/servicegroups', ...faults.serverError });
		expect((await rejectionOf(searchServiceGroups(credentialsFor(sim)))).message).toContain(
			'HTTP 500',
		);
	});
});

describe('Consignment > Allocate With Cheapest Quote', () => {
	it('sends one request per consignment, with the reference in the path and no body', async () => {
		await allocateBy('allocateWithCheapestQuote', [OK_1, OK_2]);
		expect(
			calls(ENDPOINT.allocateWithCheapestQuote).map((request) => [request.path, request.rawBody]),
		).toEqual([
			[`/allocation/${OK_1}/allocatewithcheapestquote`, ''],
			[`/allocation/${OK_2}/allocatewithcheapestquote`, ''],
		]);
	});

	it('fails only the consignment a refusal is about, and goes on with the others', async () => {
		sim.inject({
			method: 'PUT',
			path: `/allocation/${OK_1}`,
			status: 409,
			body: { Code: 'Conflict', Message: 'Consignment is locked by another user', Details: [] },
		});
		const items = await allocateBy('allocateWithCheapestQuote', [OK_1, OK_2], {
			options: { outputFailedAllocations: true },
		});
		expect(jsonOf(items).map((json) => [json.ConsignmentReference, json.Allocated])).toEqual([
			[OK_1, false],
			[OK_2, true],
		]);
		expect(items[0].json.FailureReason).toBe('Consignment is locked by another user (HTTP 409).');
		expect(items[0].json.ConsignmentState).toBe('Unallocated');
	});

	it('takes the reason of a 400 about the consignment once, with its status and Correlation ID', async () => {
		sim.setBehaviour({ allocationFailure: 'badRequest' });
		const items = await allocateBy('allocateWithCheapestQuote', [INELIGIBLE], {
			options: { outputFailedAllocations: true },
		});
		const { CorrelationId } = items[0].json;
		expect(CorrelationId).toMatch(/^[0-9a-f-]{36}$/);
		expect(items[0].json).toMatchObject({
			Allocated: false,
			FailureReason: `${SEEDED_INELIGIBLE_REASON} (HTTP 400). Correlation ID: ${String(CorrelationId)}.`,
			ConsignmentState: 'Unallocated',
		});
	});

	it('stops at a request-level refusal (429) and accounts for every reference', async () => {
		const refs = [OK_1, OK_2, makeConsignmentReference(9)];
		sim.inject({ ...faults.throttled(3), method: 'PUT', path: '/allocation', after: 1 });
		const error = await rejectionOf(allocateBy('allocateWithCheapestQuote', refs));
		expect(error.message).toContain('too many requests');
		expect(error.description).toContain(`Allocated (these stay allocated): ${OK_1}.`);
		expect(error.description).toContain(`Not allocated, SortedPRO refused the request: ${OK_2}.`);
		expect(error.description).toContain(`Not sent because of the error: ${refs[2]}.`);
	});
});

describe('Consignment > Get Quotes, then Allocate With Quote', () => {
	const getQuotes = (consignmentReference: string, options: Record<string, unknown> = {}) =>
		run('getQuotes', { consignmentReference, options });
	const allocateWithQuote = (
		consignmentReference: string,
		quoteReference: string,
		options: Record<string, unknown> = {},
	) => run('allocateWithQuote', { consignmentReference, quoteReference, options });

	it('allocates with the chosen quote, with the contract of every Allocate', async () => {
		const quotes = await getQuotes(OK_1);
		const ups = quotes.find((item) => item.json.MpdCarrierServiceReference === UPS);
		sim.clearRequests();
		const items = await allocateWithQuote(OK_1, String(ups?.json.QuoteReference));
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			ConsignmentReference: OK_1,
			Allocated: true,
			MpdCarrierServiceReference: UPS,
			CarrierName: 'UPS',
		});
		expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`PUT /allocation/${OK_1}/allocatewithquote/${String(ups?.json.QuoteReference)}`,
			`GET /consignments/${OK_1}`,
		]);
	});

	it('says an expired quote has expired and how to get a fresh one', async () => {
		sim.setBehaviour({ quoteLifetimeMs: 0 });
		const [cheapest] = await getQuotes(OK_1);
		const error = await rejectionOf(allocateWithQuote(OK_1, String(cheapest.json.QuoteReference)));
		expect(error.message).toContain(`Consignment ${OK_1} was not allocated with quote`);
		expect(error.message).toContain('expired');
		expect(error.message).toContain(
			'get new quotes for this consignment with Consignment > Get Quotes',
		);
		expect(sim.getConsignment(OK_1)?.ConsignmentState).toBe('Unallocated');
	});

	it('says a quote of another consignment does not fit', async () => {
		const [quote] = await getQuotes(OK_2);
		const items = await allocateWithQuote(OK_1, String(quote.json.QuoteReference), {
			outputFailedAllocations: true,
		});
		expect(items[0].json).toMatchObject({
			Allocated: false,
			FailureReason: expect.stringContaining('Get Quotes gave for this same consignment'),
			ConsignmentState: 'Unallocated',
		});
	});

	it('is safe to re-run: an allocated consignment is reported done with what it is allocated to', async () => {
		const [quote] = await getQuotes(OK_1);
		const first = await allocateWithQuote(OK_1, String(quote.json.QuoteReference));
		const again = await allocateWithQuote(OK_1, String(quote.json.QuoteReference));
		expect(again[0].json).toMatchObject({ Allocated: true, MpdCarrierServiceReference: DPD });
		expectSameAllocatedItem(first[0].json, again[0].json);
	});

	it.each(['', 'not-a-guid', '12345'])(
		'rejects the quote reference %j before sending',
		async (quote) => {
			const error = await rejectionOf(allocateWithQuote(OK_1, quote));
			expect(error.message).toMatch(/quote reference/);
			expect(error.description).toContain('Nothing was sent to SortedPRO.');
			expect(sim.requests).toHaveLength(0);
		},
	);

	it('names an unknown consignment', async () => {
		const items = await allocateWithQuote('EC-zz', '3f2b8c1e-5d4a-4f7b-9e21-6c0d8a9b1e2f', {
			outputFailedAllocations: true,
		});
		expect(items[0].json).toMatchObject({
			Allocated: false,
			FailureReason: expect.stringContaining('not found'),
		});
	});

	it('treats every allocation mode the same with a rules allocation between', async () => {
		await allocateBy('allocate', [OK_1]);
		const quoteError = await rejectionOf(getQuotes(OK_1));
		expect(quoteError.message).toContain(`get quotes for consignment ${OK_1}`);
		expect(quoteError.description).toContain('deallocate it first');
		expect(sim.getConsignment(OK_1)?.Allocation).toMatchObject({
			MpdCarrierServiceReference: ROYAL_MAIL,
		});
	});
});
