import { sleep, type INodeParameters } from 'n8n-workflow';

import { OVERLAP_MS } from '../../nodes/SortedProTrigger/helpers/pollState';
import { PollHarness, emitted } from '../harness/poll';
import {
	faults,
	makeConsignmentReference,
	startSimulator,
	CARRIER_SERVICE_REFS,
	type Simulator,
} from '../simulator';
import { credentialsFor, everythingShown, rejectionOf } from './helpers';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => {
	sim.reset();
});

const watching = (states: string[], filters: Record<string, string> = {}): INodeParameters => ({
	event: 'consignmentStateChanged',
	states,
	filters,
});

function harness(parameters = watching(['AllocationFailed'])): PollHarness {
	return new PollHarness(parameters, credentialsFor(sim));
}

const searches = () => sim.requests.filter((r) => /^\/consignments\/\d+\/\d+$/.test(r.path));

/**
 * Moves consignments to a state one millisecond apart, in the given order: from now on (then
 * waits until the last change is in the past), or back-dated to end at `endingAt`.
 */
async function move(references: string[], state: string, endingAt?: number): Promise<void> {
	const start = endingAt === undefined ? Date.now() : endingAt - references.length + 1;
	references.forEach((reference, i) =>
		sim.setConsignmentState(reference, state, { at: start + i }),
	);
	await sleep(Math.max(0, start + references.length + 1 - Date.now()));
}

/** One state change now, then a moment so the next one is later. */
async function moveOne(reference: string, state: string, reason?: string): Promise<void> {
	sim.setConsignmentState(reference, state, { reason });
	await sleep(3);
}

const refs = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => makeConsignmentReference(from + i));

describe('first activation', () => {
	it('starts from now: history is not emitted, and the key is checked with one search', async () => {
		await move(refs(0, 3), 'AllocationFailed', Date.now() - 60 * 60 * 1000);
		await move(refs(3, 2), 'AllocationFailed', Date.now() - 30 * 1000);
		const trigger = harness();

		expect(await trigger.activate()).toBeNull();
		expect(searches()).toHaveLength(1);
		expect(searches()[0].headers['ocp-apim-subscription-key']).toBe(sim.apiKey);
		expect(trigger.saved['node:SortedPRO Trigger']).toMatchObject({ version: 1 });
		expect(trigger.logs.some((l) => l.level === 'info' && /from now on/.test(l.message))).toBe(
			true,
		);

		expect(await trigger.poll()).toBeNull();
	});

	it('refuses to activate with a wrong key, with the credential message', async () => {
		const trigger = new PollHarness(
			watching(['AllocationFailed']),
			credentialsFor(sim, { apiKey: 'wrong-key-123' }),
		);
		const error = await rejectionOf(trigger.activate());
		expect(error.message).toBe('SortedPRO rejected the API key');
		expect(error.description).toMatch(/Settings > Users & Roles/);
		expect(everythingShown(error)).not.toContain('wrong-key-123');
		expect(trigger.saved).toEqual({});
	});
});

describe('polling', () => {
	it('emits each consignment that reached the state once, oldest first, with its summary', async () => {
		const trigger = harness();
		await trigger.activate();
		const moved = [refs(10, 1)[0], refs(11, 1)[0], refs(12, 1)[0]];
		await move(moved, 'AllocationFailed');
		sim.clearRequests();

		const items = emitted(await trigger.poll());
		expect(items.map((i) => i.ConsignmentReference)).toEqual(moved);
		expect(items[0]).toMatchObject({
			State: 'AllocationFailed',
			FailureMessage: 'The carrier service cannot meet the delivery promise of this consignment',
			CarrierServiceReference: CARRIER_SERVICE_REFS.royalMailTracked48,
			ConsignmentReferenceProvidedByCustomer: `ORDER-${moved[0].slice(3)}`,
			Reference: moved[0],
		});
		expect(typeof items[0].StateReachedAt).toBe('string');
		const [search] = searches();
		expect(search.query.state).toBe('AllocationFailed');
		expect(Date.parse(search.query.endAt) - Date.parse(search.query.startFrom)).toBeGreaterThan(0);

		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	it('pages through 250 consignments: every one once, none twice', async () => {
		const trigger = harness();
		await trigger.activate();
		const moved = refs(100, 250);
		await move(moved, 'AllocationFailed');
		sim.clearRequests();

		const items = emitted(await trigger.poll());
		expect(items).toHaveLength(250);
		expect(new Set(items.map((i) => i.ConsignmentReference))).toEqual(new Set(moved));
		expect(items.map((i) => i.ConsignmentReference)).toEqual(moved);
		// Count is the total here, so no empty page is needed to know the end.
		expect(searches().map((r) => r.path)).toEqual([
			'/consignments/100/0',
			'/consignments/100/100',
			'/consignments/100/200',
		]);
	});

	it('finds every consignment when Count is the page size and SortedPRO serves smaller pages', async () => {
		sim.setBehaviour({ searchCount: 'page', searchMaxTake: 40 });
		const trigger = harness();
		await trigger.activate();
		const moved = refs(400, 130);
		await move(moved, 'AllocationFailed');
		sim.clearRequests();

		const items = emitted(await trigger.poll());
		expect(items.map((i) => i.ConsignmentReference)).toEqual(moved);
		// 40 + 40 + 40 + 10, then an empty page ends the search.
		expect(searches().map((r) => r.path.split('/')[3])).toEqual(['0', '40', '80', '120', '130']);
	});

	it('emits a consignment again only when it leaves and re-enters the state', async () => {
		const trigger = harness();
		await trigger.activate();
		const [reference] = refs(600, 1);
		await moveOne(reference, 'AllocationFailed');
		expect(emitted(await trigger.poll()).map((i) => i.ConsignmentReference)).toEqual([reference]);

		await moveOne(reference, 'Allocated');
		expect(await trigger.poll()).toBeNull();
		await moveOne(reference, 'AllocationFailed', 'Second try failed');
		const again = emitted(await trigger.poll());
		expect(again.map((i) => i.ConsignmentReference)).toEqual([reference]);
		expect(again[0].FailureMessage).toBe('Second try failed');
		expect(await trigger.poll()).toBeNull();
	});

	it('watches several states in one poll and orders them by when they were reached', async () => {
		const trigger = harness(watching(['Delivered', 'AllocationFailed']));
		await trigger.activate();
		const [a, b, c] = refs(700, 3);
		await moveOne(a, 'Delivered');
		await moveOne(b, 'AllocationFailed');
		await moveOne(c, 'Delivered');
		sim.clearRequests();

		const items = emitted(await trigger.poll());
		expect(items.map((i) => [i.ConsignmentReference, i.State])).toEqual([
			[a, 'Delivered'],
			[b, 'AllocationFailed'],
			[c, 'Delivered'],
		]);
		// One search per state; Count equal to the page leaves its meaning open, so an empty page ends each.
		expect(searches().map((r) => `${r.query.state} ${r.path}`)).toEqual([
			'Delivered /consignments/100/0',
			'Delivered /consignments/100/2',
			'AllocationFailed /consignments/100/0',
			'AllocationFailed /consignments/100/1',
		]);
	});

	it('sends the filters as search terms and applies them to what comes back', async () => {
		const trigger = harness(
			watching(['AllocationFailed'], {
				carrierService: CARRIER_SERVICE_REFS.royalMailTracked48,
				customerReference: 'ORDER-100-000-801',
				shippingLocationReference: 'SL-MAIN-WAREHOUSE',
			}),
		);
		await trigger.activate();
		await move(refs(800, 3), 'AllocationFailed');
		sim.clearRequests();

		const items = emitted(await trigger.poll());
		expect(items.map((i) => i.ConsignmentReference)).toEqual([makeConsignmentReference(801)]);
		expect(searches()[0].query).toMatchObject({
			carrierService: CARRIER_SERVICE_REFS.royalMailTracked48,
			referenceProvidedByCustomer: 'ORDER-100-000-801',
			shippingLocationReference: 'SL-MAIN-WAREHOUSE',
		});
	});

	it('ignores what a search ignoring its terms returns: other states, filters, old changes', async () => {
		const trigger = harness(watching(['AllocationFailed'], { customerReference: 'ORDER-X' }));
		await trigger.activate();
		const summary = (reference: string, extra: Record<string, unknown>) => ({
			Reference: reference,
			State: 'AllocationFailed',
			ConsignmentReferenceProvidedByCustomer: 'ORDER-X',
			FailedAllocationAttemptedAllocationDate: new Date().toISOString(),
			...extra,
		});
		sim.inject({
			method: 'GET',
			path: '/consignments/100/0',
			status: 200,
			body: {
				Count: 4,
				ConsignmentSummaries: [
					summary('EC-900-000-001', {}),
					summary('EC-900-000-002', { State: 'Delivered' }),
					summary('EC-900-000-003', { ConsignmentReferenceProvidedByCustomer: 'ORDER-Y' }),
					summary('EC-900-000-004', {
						FailedAllocationAttemptedAllocationDate: '2020-01-01T00:00:00Z',
					}),
				],
			},
		});
		const items = emitted(await trigger.poll());
		expect(items.map((i) => i.ConsignmentReference)).toEqual(['EC-900-000-001']);
	});
});

describe('searches that behave oddly', () => {
	it('stops paging when SortedPRO repeats a page (skip ignored), with a warning', async () => {
		const trigger = harness();
		await trigger.activate();
		const at = new Date().toISOString();
		const page = ['EC-910-000-001', 'EC-910-000-002'].map((Reference) => ({
			Reference,
			State: 'AllocationFailed',
			FailedAllocationAttemptedAllocationDate: at,
		}));
		sim.inject({
			method: 'GET',
			path: '/consignments/100/',
			status: 200,
			body: page,
			times: Infinity,
		});
		sim.clearRequests();

		const items = emitted(await trigger.poll());
		sim.clearFaults();
		expect(items.map((i) => i.ConsignmentReference)).toEqual(['EC-910-000-001', 'EC-910-000-002']);
		expect(searches().map((r) => r.path)).toEqual(['/consignments/100/0', '/consignments/100/2']);
		expect(trigger.logs.find((l) => l.level === 'warn')?.message).toMatch(/same page .* twice/);
	});
});

describe('answers that are not failures of the moment', () => {
	it('reads a 404 as "nothing matches"', async () => {
		const trigger = harness();
		await trigger.activate();
		sim.inject({ method: 'GET', path: '/consignments/100/0', status: 404 });
		expect(await trigger.poll()).toBeNull();
		expect(trigger.logs.filter((l) => l.level === 'warn')).toEqual([]);
	});

	it("throws a 400 with SortedPRO's details, so the failed execution shows what to fix", async () => {
		const trigger = harness();
		await trigger.activate();
		sim.inject({
			method: 'GET',
			path: '/consignments/',
			status: 400,
			body: {
				Code: 'InvalidRequest',
				Message: 'carrierService is not a known carrier service',
				CorrelationId: 'corr-400-1',
				Details: [],
			},
		});
		const error = await rejectionOf(trigger.poll());
		expect(error.message).toBe(
			'SortedPRO rejected the request to search consignments: carrierService is not a known carrier service',
		);
		expect(error.description).toMatch(/corr-400-1/);
	});

	it('a 429 during activation still starts watching, with a warning', async () => {
		sim.inject({ ...faults.throttled(5), path: '/consignments/' });
		const trigger = harness();
		expect(await trigger.activate()).toBeNull();
		expect(trigger.logs.find((l) => l.level === 'warn')?.message).toMatch(
			/could not check the connection: .*HTTP 429.* It starts watching anyway/,
		);
		await move(refs(1800, 1), 'AllocationFailed');
		expect(emitted(await trigger.poll()).map((i) => i.ConsignmentReference)).toEqual(refs(1800, 1));
	});

	it('Fetch Test Event shows an answer that is not a search result', async () => {
		sim.inject({ method: 'GET', path: '/consignments/', status: 200, body: { Hello: 'proxy' } });
		const error = await rejectionOf(harness().fetchTestEvent());
		expect(error.message).toMatch(/unusable answer .*no ConsignmentSummaries list/);
	});
});

describe('temporary failures skip one poll; nothing is lost', () => {
	it.each([
		['HTTP 429', () => faults.throttled(30), /too many requests.*HTTP 429/],
		['HTTP 500', () => faults.serverError, /HTTP 500/],
		['an HTML page from a proxy', () => faults.nonJson(502), /HTTP 502/],
	])(
		'%s: logged, nothing emitted, the next poll emits the consignments',
		async (_name, fault, said) => {
			const trigger = harness();
			await trigger.activate();
			await move(refs(1000, 2), 'AllocationFailed');
			const before = JSON.stringify(trigger.memory);
			sim.inject({ ...fault(), path: '/consignments/' });

			expect(await trigger.poll()).toBeNull();
			const warning = trigger.logs.find((l) => l.level === 'warn');
			expect(warning?.message).toMatch(/skipped this poll/);
			expect(warning?.message).toMatch(said);
			expect(warning?.message).toMatch(/no consignment is missed/);
			expect(JSON.stringify(trigger.memory)).toBe(before);

			expect(emitted(await trigger.poll()).map((i) => i.ConsignmentReference)).toEqual(
				refs(1000, 2),
			);
		},
	);

	it('a failure on the second page skips the whole poll, and the next one emits each consignment once', async () => {
		const trigger = harness();
		await trigger.activate();
		await move(refs(1100, 150), 'AllocationFailed');
		sim.inject({ ...faults.serverError, path: '/consignments/100/100' });
		expect(await trigger.poll()).toBeNull();
		expect(emitted(await trigger.poll()).map((i) => i.ConsignmentReference)).toEqual(
			refs(1100, 150),
		);
	});

	it('no answer at all (connection refused) skips the poll too', async () => {
		const trigger = harness();
		await trigger.activate();
		const down = new PollHarness(
			watching(['AllocationFailed']),
			credentialsFor(sim, { baseUrl: 'http://127.0.0.1:9' }),
		);
		down.saved = trigger.saved;
		await down.restart();
		expect(await down.poll()).toBeNull();
		expect(down.logs.find((l) => l.level === 'warn')?.message).toMatch(
			/skipped this poll: Could not reach SortedPRO/,
		);
	});

	it('a 401 while active throws the credential message and keeps the key out of it', async () => {
		const trigger = harness();
		await trigger.activate();
		sim.inject(faults.gateway401);
		const error = await rejectionOf(trigger.poll());
		expect(error.message).toBe('SortedPRO rejected the API key');
		expect(error.httpCode).toBe('401');
		expect(everythingShown(error)).not.toContain(sim.apiKey);
		expect(JSON.stringify(trigger.logs)).not.toContain(sim.apiKey);
	});
});

describe('n8n restarts', () => {
	it('after a restart, consignments of the downtime are emitted and earlier ones are not repeated', async () => {
		const trigger = harness();
		await trigger.activate();
		await move(refs(1200, 2), 'AllocationFailed');
		expect(emitted(await trigger.poll())).toHaveLength(2);
		// A quiet poll: its progress stays in memory only, as in n8n.
		expect(await trigger.poll()).toBeNull();
		await move(refs(1202, 2), 'AllocationFailed');

		const afterRestart = emitted(await trigger.restart());
		expect(afterRestart.map((i) => i.ConsignmentReference)).toEqual(refs(1202, 2));
		expect(await trigger.poll()).toBeNull();
	});

	it('a restart before anything was emitted still covers the time since activation', async () => {
		const trigger = harness();
		await trigger.activate();
		await move(refs(1300, 1), 'AllocationFailed');
		expect(emitted(await trigger.restart()).map((i) => i.ConsignmentReference)).toEqual(
			refs(1300, 1),
		);
	});

	it('a restart right after an emit emits nothing again, even within the overlap', async () => {
		const trigger = harness();
		await trigger.activate();
		await move(refs(1400, 3), 'AllocationFailed');
		expect(emitted(await trigger.poll())).toHaveLength(3);
		expect(await trigger.restart()).toBeNull();
	});

	it('a long downtime is searched in full, beyond the overlap', async () => {
		const trigger = harness();
		await trigger.activate();
		const state = trigger.saved['node:SortedPRO Trigger'] as Record<string, string>;
		// As if n8n had been down for an hour since the last save.
		const hourAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
		state.since = hourAgo;
		state.startedAt = hourAgo;
		await move(refs(1500, 1), 'AllocationFailed', Date.now() - OVERLAP_MS - 10 * 60 * 1000);
		expect(emitted(await trigger.restart()).map((i) => i.ConsignmentReference)).toEqual(
			refs(1500, 1),
		);
	});

	it('changing the watched states starts afresh from now', async () => {
		const trigger = harness();
		await trigger.activate();
		await move(refs(1600, 1), 'Delivered');
		const changed = new PollHarness(watching(['Delivered']), credentialsFor(sim));
		changed.saved = trigger.saved;
		expect(await changed.restart()).toBeNull();
		await move(refs(1601, 1), 'Delivered');
		expect(emitted(await changed.poll()).map((i) => i.ConsignmentReference)).toEqual(refs(1601, 1));
	});
});

describe('Fetch Test Event', () => {
	it('returns the most recent matching consignment and leaves the static data alone', async () => {
		const trigger = harness();
		await move(refs(1700, 3), 'AllocationFailed', Date.now() - 24 * 60 * 60 * 1000);
		const items = emitted(await trigger.fetchTestEvent());
		expect(items.map((i) => i.ConsignmentReference)).toEqual([makeConsignmentReference(1702)]);
		expect(trigger.memory).toEqual({});
		expect(searches()[0].query.state).toBe('AllocationFailed');
	});

	it('says what to do when nothing matches', async () => {
		const error = await rejectionOf(harness(watching(['ManifestFailed'])).fetchTestEvent());
		expect(error.message).toBe('No consignment reached ManifestFailed in the last 30 days');
		expect(error.description).toMatch(/Move a consignment into one of the watched states/);
	});

	it('shows a 429 instead of skipping it', async () => {
		sim.inject({ ...faults.throttled(5), path: '/consignments/' });
		const error = await rejectionOf(harness().fetchTestEvent());
		expect(error.message).toMatch(/HTTP 429/);
	});
});

describe('settings', () => {
	it('refuses an empty list of states before sending anything', async () => {
		const error = await rejectionOf(harness(watching([])).activate());
		expect(error.message).toBe('No state to watch is chosen');
		expect(error.description).toMatch(/Pick at least one state in States/);
		expect(sim.requests).toHaveLength(0);
	});

	it('names a state that is not one of SortedPRO', async () => {
		const error = await rejectionOf(harness(watching(['Exploded'])).activate());
		expect(error.message).toBe('States: "Exploded" is not a SortedPRO consignment state');
		expect(sim.requests).toHaveLength(0);
	});
});
