import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runSortedPro } from '../harness/n8n';
import {
	SEEDED_REFS,
	faults,
	makeConsignmentReference,
	startSimulator,
	type Simulator,
} from '../simulator';
import { allocateFirst, credentialsFor, everythingShown, jsonOf, rejectionOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const [OK_1, OK_2] = SEEDED_REFS.allocatable;

const KINDS = {
	deallocate: {
		path: '/consignments/deallocatelist',
		flag: 'Deallocated',
		status: 'DeallocationStatus',
		option: 'outputFailedDeallocations',
		optionName: 'Output Failed Deallocations',
		verb: 'deallocated',
		after: 'Unallocated',
	},
	cancel: {
		path: '/consignments/cancellist',
		flag: 'Cancelled',
		status: 'CancellationStatus',
		option: 'outputFailedCancellations',
		optionName: 'Output Failed Cancellations',
		verb: 'cancelled',
		after: 'Cancelled',
	},
} as const;

function runKind(
	operation: keyof typeof KINDS,
	consignmentReferences: unknown,
	{
		outputFailed = false,
		items,
		onError,
	}: {
		outputFailed?: boolean;
		items?: INodeExecutionData[];
		onError?: 'continueRegularOutput';
	} = {},
) {
	return runSortedPro(
		{
			resource: 'consignment',
			operation,
			consignmentReferences,
			options: outputFailed ? { [KINDS[operation].option]: true } : {},
		} as INodeParameters,
		{ credentials: credentialsFor(sim), items, onError },
	);
}

const listCalls = (path: string) =>
	sim.requests.filter((request) => request.method === 'PUT' && request.path === path);

describe.each(['deallocate', 'cancel'] as const)('Consignment > %s', (operation) => {
	const kind = KINDS[operation];

	it('sends the references as a bare array and outputs one item per reference, every key present', async () => {
		await allocateFirst(sim, [OK_1, OK_2]);
		const items = await runKind(operation, `${OK_1}, ${OK_2}`);
		expect(listCalls(kind.path).map((request) => request.body)).toEqual([[OK_1, OK_2]]);
		expect(jsonOf(items)).toEqual(
			[OK_1, OK_2].map((reference) => ({
				ConsignmentReference: reference,
				[kind.flag]: true,
				[kind.status]: kind.flag,
				FailureReason: null,
				Message: expect.stringContaining('completed successfully'),
				ConsignmentState: null,
			})),
		);
		expect(sim.getConsignment(OK_1)?.ConsignmentState).toBe(kind.after);
	});

	it('counts a consignment already in the end state as done, found by its record', async () => {
		await allocateFirst(sim, [OK_1]);
		await runKind(operation, OK_1);
		sim.clearRequests();
		const items = await runKind(operation, OK_1);
		expect(items[0].json).toMatchObject({ [kind.flag]: true, ConsignmentState: kind.after });
		expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`PUT ${kind.path}`,
			`GET /consignments/${OK_1}`,
		]);
	});

	it.each(['message', 'omit', 'badRequest'] as const)(
		'names each consignment refused and why, whatever the failure style (%s)',
		async (listFailure) => {
			sim.setBehaviour({ listFailure });
			sim.addConsignment({ reference: 'EC-000-DEL-001', state: 'Delivered' });
			await allocateFirst(sim, [OK_1]);
			const error = await rejectionOf(runKind(operation, [OK_1, 'EC-000-DEL-001']));
			expect(error.message).toBe(`1 of 2 consignments was not ${kind.verb}`);
			expect(error.description).toContain(`Not ${kind.verb} (1): EC-000-DEL-001 (`);
			expect(error.description).toContain('state Delivered');
			expect(error.description).toContain(`these stay ${kind.verb}: ${OK_1}.`);
			expect(error.description).toContain(kind.optionName);
			expect(sim.getConsignment(OK_1)?.ConsignmentState).toBe(kind.after);
			// After a 400 that names the refused one, only the others are sent again.
			expect(listCalls(kind.path)).toHaveLength(listFailure === 'badRequest' ? 2 : 1);
		},
	);

	it('outputs the failures instead with its option, with the state looked up', async () => {
		sim.addConsignment({ reference: 'EC-000-TRN-001', state: 'InTransit' });
		const items = await runKind(operation, ['EC-000-TRN-001', 'EC-zz-unknown'], {
			outputFailed: true,
		});
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({
				ConsignmentReference: 'EC-000-TRN-001',
				[kind.flag]: false,
				[kind.status]: 'Failed',
				FailureReason: expect.stringContaining('state InTransit'),
				ConsignmentState: 'InTransit',
			}),
			expect.objectContaining({
				ConsignmentReference: 'EC-zz-unknown',
				[kind.flag]: false,
				FailureReason: expect.stringContaining('not found'),
			}),
		]);
	});

	it('combines the items of a run into one request, and chunks by 100', async () => {
		const refs = Array.from({ length: 150 }, (_, n) => makeConsignmentReference(600 + n));
		await allocateFirst(sim, refs);
		const items = await runKind(operation, '={{ $json.ref }}', {
			items: refs.map((ref) => ({ json: { ref } })),
		});
		expect(items).toHaveLength(150);
		expect(listCalls(kind.path).map((request) => (request.body as string[]).length)).toEqual([
			100, 50,
		]);
	});

	it('after a 500 looks the consignments up instead of sending them again', async () => {
		await allocateFirst(sim, [OK_1, OK_2]);
		sim.inject({ ...faults.serverError, method: 'PUT', path: kind.path });
		const error = await rejectionOf(runKind(operation, [OK_1, OK_2]));
		expect(error.message).toContain('HTTP 500');
		expect(listCalls(kind.path)).toHaveLength(1);
		expect(error.description).toContain(`Not ${kind.verb}: ${OK_1}, ${OK_2}`);
	});

	it('after a time-out, says what the look-ups found and sends nothing again', async () => {
		await allocateFirst(sim, [OK_1]);
		sim.inject({ method: 'PUT', path: kind.path, status: 200, body: [], delayMs: 1500 });
		const error = await rejectionOf(
			runSortedPro(
				{
					resource: 'consignment',
					operation,
					consignmentReferences: OK_1,
					options: {},
					requestOptions: { timeout: 400 },
				} as INodeParameters,
				{ credentials: credentialsFor(sim) },
			),
		);
		expect(error.message).toContain('did not answer in time');
		expect(listCalls(kind.path)).toHaveLength(1);
		expect(error.description).toContain(OK_1);
	});

	it('reports 202 Accepted as pending', async () => {
		sim.inject({ method: 'PUT', path: kind.path, status: 202, body: '' });
		const items = await runKind(operation, OK_1, { outputFailed: true });
		expect(items[0].json).toMatchObject({ [kind.flag]: false, [kind.status]: 'Pending' });
	});

	it('rejects bad references before sending', async () => {
		const error = await rejectionOf(runKind(operation, 'EC#1'));
		expect(error.message).toContain('"EC#1" is not a valid consignment reference');
		expect(sim.requests).toHaveLength(0);
	});

	it('never shows the API key', async () => {
		sim.inject(faults.gateway401);
		const error = await rejectionOf(runKind(operation, OK_1));
		expect(error.message).toBe('SortedPRO rejected the API key');
		expect(error.httpCode).toBe('401');
		expect(everythingShown(error)).not.toContain(sim.apiKey);
	});
});

describe('Consignment > Deallocate: state rules', () => {
	it('deallocates a manifested consignment, which can then be allocated again', async () => {
		await allocateFirst(sim, [OK_1]);
		sim.addConsignment({ reference: 'EC-000-MAN-002', state: 'Manifested' });
		const items = await runKind('deallocate', [OK_1, 'EC-000-MAN-002']);
		expect(items.every((item) => item.json.Deallocated === true)).toBe(true);
		expect(sim.getConsignment(OK_1)).toMatchObject({
			ConsignmentState: 'Unallocated',
			Allocation: null,
		});
		await allocateFirst(sim, [OK_1]);
		expect(sim.getConsignment(OK_1)?.ConsignmentState).toBe('Allocated');
	});

	it('counts an unallocated consignment as done', async () => {
		const items = await runKind('deallocate', OK_1);
		expect(items[0].json).toMatchObject({
			Deallocated: true,
			Message: `Consignment ${OK_1} is not allocated (state Unallocated).`,
			ConsignmentState: 'Unallocated',
		});
	});
});

describe('Consignment > Cancel: final', () => {
	it('cancels an unallocated consignment, which nothing can allocate afterwards', async () => {
		const items = await runKind('cancel', OK_1);
		expect(items[0].json).toMatchObject({ Cancelled: true, CancellationStatus: 'Cancelled' });
		const allocation = await rejectionOf(allocateFirst(sim, [OK_1]));
		expect(allocation.message).toContain('create a new consignment');
	});

	it('says a manifested consignment is past cancelling, and what to do', async () => {
		sim.addConsignment({ reference: 'EC-000-MAN-003', state: 'Manifested' });
		const error = await rejectionOf(runKind('cancel', 'EC-000-MAN-003'));
		expect(error.message).toContain('EC-000-MAN-003 was not cancelled');
		expect(error.message).toContain('manifested');
		expect(error.message).toContain('Ask the carrier or Sorted support');
	});

	it('under On Error: Continue gives the failed item its error and goes on', async () => {
		sim.addConsignment({ reference: 'EC-000-MAN-004', state: 'Manifested' });
		const items = await runKind('cancel', '={{ $json.ref }}', {
			items: [{ json: { ref: 'EC-000-MAN-004' } }, { json: { ref: OK_2 } }],
			onError: 'continueRegularOutput',
		});
		expect(items[0].error?.message).toContain('EC-000-MAN-004');
		expect(items[1].json).toMatchObject({ ConsignmentReference: OK_2, Cancelled: true });
		expect(listCalls(KINDS.cancel.path)).toHaveLength(1);
	});
});
