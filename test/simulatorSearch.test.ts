import { sleep } from 'n8n-workflow';

import {
	CARRIER_SERVICE_REFS,
	makeConsignmentReference,
	startSimulator,
	type Simulator,
} from './simulator';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => sim.reset());

interface SearchAnswer {
	status: number;
	body: {
		Count: number;
		ConsignmentSummaries: Array<Record<string, unknown>>;
		Details?: Array<{ Target: string }>;
	};
}

async function search(
	take: number,
	skip: number,
	query: Record<string, string> = {},
): Promise<SearchAnswer> {
	const response = await fetch(
		`${sim.url}/consignments/${take}/${skip}?${new URLSearchParams(query)}`,
		{
			headers: { 'ocp-apim-subscription-key': sim.apiKey },
		},
	);
	return { status: response.status, body: (await response.json()) as SearchAnswer['body'] };
}

const references = (answer: SearchAnswer) =>
	answer.body.ConsignmentSummaries.map((s) => s.Reference);
const ref = (n: number) => makeConsignmentReference(n);

describe('Search Consignments', () => {
	it('filters by state (any case) and pages with take and skip, newest change first', async () => {
		for (let n = 0; n < 5; n++)
			sim.setConsignmentState(ref(n), 'AllocationFailed', { at: Date.now() - 5000 + n });
		sim.setConsignmentState(ref(9), 'Delivered');
		const first = await search(2, 0, { State: 'allocationfailed' });
		expect(first.status).toBe(200);
		expect(first.body.Count).toBe(5);
		expect(references(first)).toEqual([ref(4), ref(3)]);
		expect(references(await search(2, 4, { state: 'AllocationFailed' }))).toEqual([ref(0)]);
		expect(references(await search(2, 6, { state: 'AllocationFailed' }))).toEqual([]);
	});

	it('selects by when the state last changed with startFrom and endAt, inclusive', async () => {
		const t = Date.parse('2026-12-01T10:00:00Z');
		sim.setConsignmentState(ref(10), 'AllocationFailed', { at: t - 1 });
		sim.setConsignmentState(ref(11), 'AllocationFailed', { at: t });
		sim.setConsignmentState(ref(12), 'AllocationFailed', { at: new Date(t + 60000).toISOString() });
		sim.setConsignmentState(ref(13), 'AllocationFailed', { at: t + 60001 });
		const window = {
			startFrom: new Date(t).toISOString(),
			endAt: new Date(t + 60000).toISOString(),
		};
		expect(references(await search(100, 0, { state: 'AllocationFailed', ...window }))).toEqual([
			ref(12),
			ref(11),
		]);
	});

	it('records changes made by the API too: an allocation that fails', async () => {
		const reference = makeConsignmentReference(5, { ineligible: true });
		const before = new Date().toISOString();
		await sleep(2);
		const allocated = await fetch(`${sim.url}/allocation/allocatewithcarrierservice`, {
			method: 'PUT',
			headers: { 'ocp-apim-subscription-key': sim.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({
				MpdCarrierServiceReference: CARRIER_SERVICE_REFS.royalMailTracked48,
				ConsignmentReferences: [reference],
			}),
		});
		expect(allocated.status).toBe(200);
		const found = await search(10, 0, { state: 'AllocationFailed', startFrom: before });
		expect(references(found)).toEqual([reference]);
		expect(found.body.ConsignmentSummaries[0]).toMatchObject({
			State: 'AllocationFailed',
			FailedAllocationMpdCarrierServiceReference: CARRIER_SERVICE_REFS.royalMailTracked48,
		});
		expect(typeof found.body.ConsignmentSummaries[0].FailedAllocationMessage).toBe('string');
	});

	it('filters by carrier service, customer reference, shipping location and partial reference', async () => {
		sim.setConsignmentState(ref(20), 'Allocated');
		sim.setConsignmentState(ref(21), 'Allocated');
		const all = { state: 'Allocated' };
		expect(references(await search(10, 0, { ...all, carrierService: 'MPD_OTHER' }))).toEqual([]);
		expect(
			references(
				await search(10, 0, { ...all, carrierService: CARRIER_SERVICE_REFS.royalMailTracked48 }),
			),
		).toHaveLength(2);
		expect(
			references(await search(10, 0, { ...all, referenceProvidedByCustomer: 'order-100-000-021' })),
		).toEqual([ref(21)]);
		expect(
			references(await search(10, 0, { ...all, shippingLocationReference: 'SL-RETURNS' })),
		).toEqual([]);
		expect(references(await search(10, 0, { ...all, reference: '000-020' }))).toEqual([ref(20)]);
	});

	it('serves at most searchMaxTake, and Count as the page size when asked', async () => {
		for (let n = 0; n < 7; n++)
			sim.setConsignmentState(ref(30 + n), 'Delivered', { at: Date.now() - 100 + n });
		sim.setBehaviour({ searchMaxTake: 3, searchCount: 'page' });
		const page = await search(100, 6, { state: 'Delivered' });
		expect(references(page)).toEqual([ref(30)]);
		expect(page.body.Count).toBe(1);
		expect(references(await search(100, 0, { state: 'Delivered' }))).toHaveLength(3);
	});

	it('answers 400 naming an unreadable date', async () => {
		const answer = await search(10, 0, { startFrom: 'last tuesday' });
		expect(answer.status).toBe(400);
		expect(answer.body.Details?.[0].Target).toBe('startFrom');
	});
});

describe('carrier events', () => {
	it('over the control endpoint: sets the state and its details, back-dated', async () => {
		const at = '2026-11-30T08:00:00.000Z';
		const response = await fetch(`${sim.url}/__sim/consignments/${ref(40)}/state`, {
			method: 'POST',
			body: JSON.stringify({ state: 'AllocationFailed', reason: 'No van today', at }),
		});
		expect(response.status).toBe(200);
		const consignment = (await response.json()) as Record<string, unknown>;
		expect(consignment).toMatchObject({
			ConsignmentState: 'AllocationFailed',
			FailedAllocation: { Message: 'No van today', AttemptedAllocationDate: at },
		});
		const [summary] = (await search(1, 0, { state: 'AllocationFailed' })).body.ConsignmentSummaries;
		expect(summary).toMatchObject({
			FailedAllocationMessage: 'No van today',
			FailedAllocationAttemptedAllocationDate: at,
		});
		expect(sim.requests.filter((r) => r.path.startsWith('/__sim'))).toEqual([]);
	});

	it('rejects a malformed state and an unknown malformed reference', async () => {
		const bad = await fetch(`${sim.url}/__sim/consignments/${ref(41)}/state`, {
			method: 'POST',
			body: JSON.stringify({ state: 'not a state' }),
		});
		expect(bad.status).toBe(400);
		expect(() => sim.setConsignmentState('nope', 'Delivered')).toThrow(/no consignment nope/);
	});

	it('re-entering the same state counts as a new change', async () => {
		sim.setConsignmentState(ref(42), 'Delivered', { at: Date.parse('2026-11-01T00:00:00Z') });
		sim.setConsignmentState(ref(42), 'Delivered');
		const recent = await search(10, 0, {
			state: 'Delivered',
			startFrom: new Date(Date.now() - 60000).toISOString(),
		});
		expect(references(recent)).toEqual([ref(42)]);
	});
});
