import { runSortedPro } from '../harness/n8n';
import {
	CARRIER_SERVICE_REFS,
	SEEDED_INELIGIBLE_REASON,
	SEEDED_REFS,
	faults,
	startSimulator,
	type Simulator,
} from '../simulator';
import { credentialsFor, rejectionOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const get = (
	consignmentReference: unknown,
	items = [{ json: {} }],
	onError?: 'continueRegularOutput',
) =>
	runSortedPro({ resource: 'consignment', operation: 'get', consignmentReference } as never, {
		credentials: credentialsFor(sim),
		items,
		onError,
	});

describe('Consignment > Get', () => {
	it('outputs the consignment as SortedPRO returns it, one item per input item', async () => {
		const [first, second] = SEEDED_REFS.allocatable;
		const items = await get('={{ $json.ref }}', [
			{ json: { ref: first } },
			{ json: { ref: ` ${second} ` } },
		]);
		expect(
			items.map((item) => [item.json.Reference, item.json.ConsignmentState, item.pairedItem]),
		).toEqual([
			[first, 'Unallocated', { item: 0 }],
			[second, 'Unallocated', { item: 1 }],
		]);
		expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /consignments/${first}`,
			`GET /consignments/${second}`,
		]);
	});

	it('shows why an allocation failed', async () => {
		await runSortedPro(
			{
				resource: 'consignment',
				operation: 'allocateWithCarrierService',
				carrierService: { __rl: true, mode: 'id', value: CARRIER_SERVICE_REFS.royalMailTracked48 },
				consignmentReferences: SEEDED_REFS.ineligible,
				options: { outputFailedAllocations: true },
			} as never,
			{ credentials: credentialsFor(sim) },
		);
		const [item] = await get(SEEDED_REFS.ineligible);
		expect(item.json).toMatchObject({
			ConsignmentState: 'AllocationFailed',
			FailedAllocation: { Message: SEEDED_INELIGIBLE_REASON },
		});
	});

	it('names a reference SortedPRO does not know', async () => {
		const error = await rejectionOf(get('EC-999-999-999X'));
		expect(error.message).toBe('SortedPRO has no consignment EC-999-999-999X');
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/Correlation ID: [0-9a-f-]{36}/);
	});

	it.each([
		['', 'No consignment reference given'],
		['EC-1, EC-2', 'Get takes one consignment reference, got 2'],
		['EC/1', '"EC/1" is not a valid consignment reference'],
	])('rejects %j before any request', async (reference, message) => {
		expect((await rejectionOf(get(reference))).message).toBe(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('words API errors and honours On Error: Continue', async () => {
		sim.inject(faults.serverError);
		const items = await get(SEEDED_REFS.ineligible, [{ json: {} }], 'continueRegularOutput');
		expect(items[0].error?.message).toBe(
			`SortedPRO failed while trying to get consignment ${SEEDED_REFS.ineligible} (HTTP 500)`,
		);
	});

	it('reports an answer that holds no consignment', async () => {
		sim.inject({ path: '/consignments', status: 200, body: [] });
		expect((await rejectionOf(get(SEEDED_REFS.ineligible))).message).toContain(
			'the answer held no consignment',
		);
		sim.inject({ path: '/consignments', status: 200, body: 'fine', contentType: 'text/plain' });
		expect((await rejectionOf(get(SEEDED_REFS.ineligible))).message).toContain('not JSON');
	});
});
