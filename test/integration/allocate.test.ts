import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runSortedPro } from '../harness/n8n';
import {
	AUTO_INELIGIBLE_REASON,
	CARRIER_SERVICE_REFS,
	SEEDED_INELIGIBLE_REASON,
	SEEDED_REFS,
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

const SERVICE = CARRIER_SERVICE_REFS.royalMailTracked48;
const [OK_1, OK_2] = SEEDED_REFS.allocatable;
const INELIGIBLE = SEEDED_REFS.ineligible;

function allocate(
	consignmentReferences: unknown,
	{
		service = { __rl: true, mode: 'id', value: SERVICE },
		options = {},
		items,
		onError,
	}: {
		service?: unknown;
		options?: Record<string, unknown>;
		items?: INodeExecutionData[];
		onError?: 'continueRegularOutput';
	} = {},
) {
	return runSortedPro(
		{
			resource: 'consignment',
			operation: 'allocateWithCarrierService',
			carrierService: service,
			consignmentReferences,
			options,
		} as INodeParameters,
		{ credentials: credentialsFor(sim), items, onError },
	);
}

const allocateRequests = () =>
	sim.requests.filter((request) => request.path === '/allocation/allocatewithcarrierservice');
const lookups = () => sim.requests.filter((request) => request.path.startsWith('/consignments/'));

describe('Allocate With Carrier Service: success', () => {
	it('allocates one consignment and outputs its allocation summary', async () => {
		const items = await allocate(OK_1);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			ConsignmentReference: OK_1,
			Allocated: true,
			AllocationStatus: 'Allocated',
			CarrierName: 'Royal Mail',
			CarrierServiceReference: expect.any(String),
			CarrierServiceName: expect.any(String),
			ConsignmentLegs: [expect.objectContaining({ Leg: 1 })],
			TrackingReferences: [expect.any(String)],
		});
		const [request] = allocateRequests();
		expect(request.method).toBe('PUT');
		expect(request.body).toEqual({
			MpdCarrierServiceReference: SERVICE,
			ConsignmentReferences: [OK_1],
		});
		expect(request.headers).toMatchObject({
			'ocp-apim-subscription-key': sim.apiKey,
			'electio-api-version': '1.1',
			accept: 'application/json',
			'content-type': expect.stringContaining('application/json'),
		});
		expect(sim.getConsignment(OK_1)?.ConsignmentState).toBe('Allocated');
	});

	it('takes a list separated by commas, semicolons, spaces and new lines, trimmed and deduplicated', async () => {
		const third = makeConsignmentReference(1);
		const items = await allocate(` ${OK_1}, ${OK_2};\n${third}  ${OK_1}\n\n`);
		expect(jsonOf(items).map((json) => json.ConsignmentReference)).toEqual([OK_1, OK_2, third]);
		expect(allocateRequests()[0].body).toMatchObject({
			ConsignmentReferences: [OK_1, OK_2, third],
		});
	});

	it('takes an array from an expression, and a carrier service picked from the list', async () => {
		const refs = [makeConsignmentReference(2), makeConsignmentReference(3)];
		const items = await allocate('={{ $json.refs }}', {
			items: [{ json: { refs } }],
			service: { __rl: true, mode: 'list', value: SERVICE, cachedResultName: 'Tracked 48' },
		});
		expect(jsonOf(items).map((json) => [json.ConsignmentReference, json.Allocated])).toEqual(
			refs.map((ref) => [ref, true]),
		);
	});

	it('takes the carrier service reference from an expression', async () => {
		const items = await allocate(OK_1, {
			service: { __rl: true, mode: 'id', value: '={{ $json.service }}' },
			items: [{ json: { service: SERVICE } }],
		});
		expect(items[0].json.Allocated).toBe(true);
		expect(allocateRequests()[0].body).toMatchObject({ MpdCarrierServiceReference: SERVICE });
	});

	it('allocates one reference per item across many items in one request, each paired to its input item', async () => {
		const refs = Array.from({ length: 12 }, (_, n) => makeConsignmentReference(100 + n));
		const items = await allocate('={{ $json.reference }}', {
			items: refs.map((reference) => ({ json: { reference } })),
		});
		expect(items.map((item) => [item.json.ConsignmentReference, item.pairedItem])).toEqual(
			refs.map((ref, index) => [ref, { item: index }]),
		);
		expect(allocateRequests()).toHaveLength(1);
		expect(allocateRequests()[0].body).toMatchObject({ ConsignmentReferences: refs });
	});

	it('sends more than 100 references in requests of at most 100, and merges the answers in input order', async () => {
		const refs = Array.from({ length: 250 }, (_, n) => makeConsignmentReference(1000 + n));
		const items = await allocate(refs.join('\n'));
		expect(
			allocateRequests().map(
				(request) =>
					(request.body as { ConsignmentReferences: string[] }).ConsignmentReferences.length,
			),
		).toEqual([100, 100, 50]);
		expect(jsonOf(items).map((json) => json.ConsignmentReference)).toEqual(refs);
		expect(items.every((item) => item.json.Allocated === true)).toBe(true);
	});

	it('finds the reference in Description when summaries carry no links', async () => {
		sim.setBehaviour({ summaryLinks: false });
		const items = await allocate([OK_2, OK_1]);
		expect(jsonOf(items).map((json) => [json.ConsignmentReference, json.Allocated])).toEqual([
			[OK_2, true],
			[OK_1, true],
		]);
	});
});

describe('Allocate With Carrier Service: validation before any request', () => {
	it.each([
		[
			'a value with illegal characters',
			`${OK_1}, EC/000#1`,
			'"EC/000#1" is not a valid consignment reference',
		],
		['an absurdly long value', 'X'.repeat(80), 'is not a valid consignment reference'],
		['an object mapped by mistake', [{ ref: OK_1 }], 'is not a valid consignment reference'],
	])('rejects %s, naming it', async (_case, references, message) => {
		const error = await rejectionOf(allocate(references));
		expect(error.message).toContain(message);
		expect(error.description).toContain('Nothing was sent');
		expect(sim.requests).toHaveLength(0);
	});

	it.each([
		['EC 000 05A Z6S', 'EC-000-05A-Z6S'],
		['EC 000/05A', 'EC-000-05A'],
	])('stops before sending when spaces would split %j into fragments', async (typed, meant) => {
		const error = await rejectionOf(allocate(`${typed}\n${OK_1}`));
		expect(error.message).toBe(`"${typed}" is not a valid consignment reference`);
		expect(error.description).toContain('spaces separate references, so it was read as');
		expect(error.description).toContain(`probably the one reference ${meant}`);
		expect(error.description).toContain('Nothing was sent');
		expect(error.context?.itemIndex).toBe(0);
		expect(sim.requests).toHaveLength(0);
	});

	it('names every bad value when there are several', async () => {
		const error = await rejectionOf(allocate('EC#1 EC$2 EC-3'));
		expect(error.message).toContain('2 values are not valid');
		expect(error.description).toContain('"EC#1"');
		expect(error.description).toContain('"EC$2"');
	});

	it.each([
		['', 'empty text'],
		[' , ;\n', 'only separators'],
		['={{ $json.missing }}', 'an expression giving nothing'],
	])('rejects an empty list (%j, %s)', async (references) => {
		const error = await rejectionOf(allocate(references));
		expect(error.message).toBe('No consignment references given');
		expect(sim.requests).toHaveLength(0);
	});

	it('rejects a missing or malformed carrier service', async () => {
		expect(
			(await rejectionOf(allocate(OK_1, { service: { __rl: true, mode: 'list', value: '' } })))
				.message,
		).toBe('No carrier service chosen');
		expect(
			(
				await rejectionOf(
					allocate(OK_1, { service: { __rl: true, mode: 'id', value: 'MPD/<script>' } }),
				)
			).message,
		).toContain('is not a carrier service reference');
		expect(sim.requests).toHaveLength(0);
	});

	it('fails only the bad item when On Error is Continue, and allocates the others', async () => {
		const items = await allocate('={{ $json.reference }}', {
			items: [
				{ json: { reference: OK_1 } },
				{ json: { reference: 'bad ref!' } },
				{ json: { reference: OK_2 } },
			],
			onError: 'continueRegularOutput',
		});
		expect(items).toHaveLength(3);
		expect(items[0].json.ConsignmentReference).toBe(OK_1);
		expect(items[1].error?.message).toContain('"bad ref!" is not a valid consignment reference');
		expect(items[2].json.ConsignmentReference).toBe(OK_2);
	});
});

describe('Allocate With Carrier Service: consignments that are not allocated', () => {
	it(
		'by default fails the item naming every failed reference and its ' +
			'reason, and lists the allocated ones',
		async () => {
			const autoFail = makeConsignmentReference(7, { ineligible: true });
			const error = await rejectionOf(allocate([OK_1, INELIGIBLE, OK_2, autoFail]));
			expect(error.message).toBe(`2 of 4 consignments were not allocated with ${SERVICE}`);
			expect(error.description).toContain(`${INELIGIBLE} (${SEEDED_INELIGIBLE_REASON})`);
			expect(error.description).toContain(
				`${autoFail} (${AUTO_INELIGIBLE_REASON.replace(/[.\s]+$/, '')})`,
			);
			expect(error.description).toContain(`Allocated (2), these stay allocated: ${OK_1}, ${OK_2}`);
			expect(error.description).toContain('Output Failed Allocations');
		},
	);

	it('names the single failed reference in the message', async () => {
		const error = await rejectionOf(allocate(INELIGIBLE));
		expect(error.message).toBe(
			`Consignment ${INELIGIBLE} was not allocated with ${SERVICE}: ${SEEDED_INELIGIBLE_REASON}`,
		);
	});

	it('when missing from the answer, fetches the reason stored on the consignment', async () => {
		sim.setBehaviour({ allocationFailure: 'omit' });
		const items = await allocate([OK_1, INELIGIBLE], {
			options: { outputFailedAllocations: true },
		});
		expect(jsonOf(items)).toEqual([
			expect.objectContaining({ ConsignmentReference: OK_1, Allocated: true }),
			{
				ConsignmentReference: INELIGIBLE,
				Allocated: false,
				AllocationStatus: 'Failed',
				FailureReason: SEEDED_INELIGIBLE_REASON,
				ConsignmentState: 'AllocationFailed',
			},
		]);
		expect(lookups().map((request) => request.path)).toEqual([`/consignments/${INELIGIBLE}`]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('when answered with a non-2xx StatusCode, keeps its Description as the reason and adds the state', async () => {
		sim.setBehaviour({ allocationFailure: 'statusCode' });
		const items = await allocate([INELIGIBLE, OK_1], {
			options: { outputFailedAllocations: true },
		});
		expect(items[0].json).toMatchObject({
			ConsignmentReference: INELIGIBLE,
			Allocated: false,
			FailureReason: expect.stringContaining(SEEDED_INELIGIBLE_REASON),
			ConsignmentState: 'AllocationFailed',
		});
		expect(items[1].json).toMatchObject({ ConsignmentReference: OK_1, Allocated: true });
		expect(lookups().map((request) => request.path)).toEqual([`/consignments/${INELIGIBLE}`]);
	});

	it.each(['statusCode', 'badRequest'] as const)(
		'is safe to re-run when failures are reported as %s',
		async (allocationFailure) => {
			sim.setBehaviour({ allocationFailure });
			await allocate([OK_1]);
			const items = await allocate([OK_1, OK_2]);
			expect(jsonOf(items).map((json) => [json.ConsignmentReference, json.Allocated])).toEqual([
				[OK_1, true],
				[OK_2, true],
			]);
			expect(items[0].json.Description).toContain('already allocated');
		},
	);

	it('when the whole request is refused with 400, fails the blamed ones and sends the rest again', async () => {
		sim.setBehaviour({ allocationFailure: 'badRequest' });
		const items = await allocate([OK_1, INELIGIBLE, OK_2], {
			options: { outputFailedAllocations: true },
		});
		expect(jsonOf(items).map((json) => [json.ConsignmentReference, json.Allocated])).toEqual([
			[OK_1, true],
			[INELIGIBLE, false],
			[OK_2, true],
		]);
		expect(items[1].json.FailureReason).toContain(SEEDED_INELIGIBLE_REASON);
		expect(
			allocateRequests().map(
				(request) => (request.body as { ConsignmentReferences: string[] }).ConsignmentReferences,
			),
		).toEqual([
			[OK_1, INELIGIBLE, OK_2],
			[OK_1, OK_2],
		]);
	});

	it('reports a consignment unknown to SortedPRO as such', async () => {
		const items = await allocate('EC-zz-unknown', { options: { outputFailedAllocations: true } });
		expect(items[0].json).toMatchObject({
			Allocated: false,
			FailureReason: expect.stringContaining('no consignment with this reference'),
		});
	});

	it('reports a consignment in the wrong state with its state', async () => {
		sim.addConsignment({ reference: 'EC-000-MAN-001', state: 'Manifested' });
		const items = await allocate('EC-000-MAN-001', { options: { outputFailedAllocations: true } });
		expect(items[0].json).toMatchObject({ Allocated: false, ConsignmentState: 'Manifested' });
	});

	it('accounts for a failed lookup too, without losing the reference', async () => {
		sim.inject({ method: 'GET', path: '/consignments', ...faults.serverError });
		const items = await allocate([INELIGIBLE], { options: { outputFailedAllocations: true } });
		expect(items[0].json).toMatchObject({
			ConsignmentReference: INELIGIBLE,
			Allocated: false,
			FailureReason: expect.stringContaining('HTTP 500'),
		});
	});

	it('reports 202 Accepted as not finished, never as allocated', async () => {
		sim.setBehaviour({ allocationAccepted: true });
		const error = await rejectionOf(allocate(OK_1));
		expect(error.message).toBe(
			`The allocation of consignment ${OK_1} with ${SERVICE} has not finished yet`,
		);
		sim.reset();
		sim.setBehaviour({ allocationAccepted: true });
		const items = await allocate([OK_1, OK_2], { options: { outputFailedAllocations: true } });
		expect(jsonOf(items).map((json) => [json.Allocated, json.AllocationStatus])).toEqual([
			[false, 'Pending'],
			[false, 'Pending'],
		]);
		expect(items[0].json.FailureReason).toContain('202 Accepted');
	});

	it('reports a consignment left in state Allocating as pending', async () => {
		sim.addConsignment({ reference: 'EC-000-ING-001', state: 'Allocating' });
		const items = await allocate('EC-000-ING-001', { options: { outputFailedAllocations: true } });
		expect(items[0].json).toMatchObject({ Allocated: false, AllocationStatus: 'Pending' });
	});

	it('outputs per-reference items across chunks with failures in several of them', async () => {
		const refs = Array.from({ length: 205 }, (_, n) =>
			n % 50 === 0
				? makeConsignmentReference(n, { ineligible: true })
				: makeConsignmentReference(5000 + n),
		);
		const items = await allocate(refs, { options: { outputFailedAllocations: true } });
		expect(items).toHaveLength(205);
		expect(
			jsonOf(items)
				.filter((json) => json.Allocated === false)
				.map((json) => json.ConsignmentReference),
		).toEqual(refs.filter((_, n) => n % 50 === 0));
	});
});

describe('Allocate With Carrier Service: re-runs and answers without details', () => {
	it('reports consignments already allocated with this service as allocated on a re-run', async () => {
		const first = await allocate([OK_1]);
		sim.clearRequests();
		const items = await allocate([OK_1, OK_2]);
		expect(jsonOf(items).map((json) => [json.ConsignmentReference, json.Allocated])).toEqual([
			[OK_1, true],
			[OK_2, true],
		]);
		expect(items[0].json.TrackingReferences).toEqual([expect.any(String)]);
		expectSameAllocatedItem(first[0].json, items[0].json);
	});

	it('fails a consignment already allocated with another service, saying which', async () => {
		await allocate([OK_1], {
			service: { __rl: true, mode: 'id', value: CARRIER_SERVICE_REFS.dpdNextDay },
		});
		const error = await rejectionOf(allocate([OK_1]));
		expect(error.message).toContain(`another carrier service (${CARRIER_SERVICE_REFS.dpdNextDay}`);
	});

	it('treats a 200 that is not JSON like an answer without details, and asks each consignment', async () => {
		sim.inject({
			method: 'PUT',
			path: '/allocation',
			status: 200,
			body: 'OK',
			contentType: 'text/plain',
		});
		const items = await allocate([OK_1], { options: { outputFailedAllocations: true } });
		expect(items[0].json).toMatchObject({
			ConsignmentReference: OK_1,
			Allocated: false,
			ConsignmentState: 'Unallocated',
		});
		expect(lookups()).toHaveLength(1);
	});

	it('allocates by typed reference while the carrier-service list is failing', async () => {
		sim.inject({ path: '/carrierservices', ...faults.serverError, times: Infinity });
		const items = await allocate(OK_1);
		expect(items[0].json.Allocated).toBe(true);
	});

	it('takes case variants of one reference as one consignment', async () => {
		const items = await allocate(`${OK_1}, ${OK_1.toLowerCase()}`);
		expect(jsonOf(items).map((json) => json.ConsignmentReference)).toEqual([OK_1]);
	});
});

describe('Allocate With Carrier Service: several input items, default error', () => {
	it('names the references of the other items, which were sent too', async () => {
		const error = await rejectionOf(
			allocate('={{ $json.ref }}', {
				items: [{ json: { ref: OK_1 } }, { json: { ref: INELIGIBLE } }, { json: { ref: OK_2 } }],
			}),
		);
		expect(error.message).toBe(
			`Consignment ${INELIGIBLE} was not allocated with ${SERVICE}: ${SEEDED_INELIGIBLE_REASON}`,
		);
		expect(error.description).toContain(
			`not in the output because the node stopped: ${OK_1}, ${OK_2}`,
		);
		expect(sim.getConsignment(OK_2)?.ConsignmentState).toBe('Allocated');
	});

	it('does the same for a request-level error', async () => {
		const error = await rejectionOf(
			allocate('={{ $json.ref }}', {
				service: { __rl: true, mode: 'id', value: '={{ $json.service }}' },
				items: [
					{ json: { ref: OK_1, service: 'MPD_NOPE' } },
					{ json: { ref: OK_2, service: SERVICE } },
				],
			}),
		);
		expect(error.description).toContain(
			`Nothing was allocated. Consignments not allocated: ${OK_1}`,
		);
		expect(error.description).toContain(`not in the output because the node stopped: ${OK_2}`);
	});
});

describe('Allocate With Carrier Service: request-level errors', () => {
	it('after a time-out on a later request, checks each consignment of that request', async () => {
		const refs = Array.from({ length: 150 }, (_, n) => makeConsignmentReference(7000 + n));
		sim.inject({
			method: 'PUT',
			path: '/allocation',
			status: 200,
			body: [],
			delayMs: 1500,
			after: 1,
		});
		const error = await rejectionOf(
			runSortedPro(
				{
					resource: 'consignment',
					operation: 'allocateWithCarrierService',
					carrierService: { __rl: true, mode: 'id', value: SERVICE },
					consignmentReferences: refs.join(','),
					options: {},
					requestOptions: { timeout: 500 },
				} as INodeParameters,
				{ credentials: credentialsFor(sim) },
			),
		);
		expect(error.message).toBe(
			`SortedPRO did not answer in time when trying to allocate consignments with carrier service ${SERVICE}`,
		);
		expect(error.description).toContain(
			`Allocated (these stay allocated): ${refs.slice(0, 100).join(', ')}`,
		);
		// Each consignment of the timed-out request is checked: the simulator had not acted on it.
		expect(error.description).toContain(
			`${refs[149]} (The request failed before SortedPRO allocated it)`,
		);
		expect(error.description).not.toContain('Outcome unknown');
	});

	it('says the outcome is unknown when the consignments cannot be checked either', async () => {
		sim.inject({ ...faults.serverError, method: 'PUT', path: '/allocation' });
		sim.inject({ ...faults.serverError, method: 'GET', path: '/consignments', times: Infinity });
		const error = await rejectionOf(allocate([OK_1, OK_2]));
		expect(error.description).toContain(
			`Outcome unknown, check their state with Consignment > Get before running again: ${OK_1}, ${OK_2}`,
		);
	});

	it('after a 500, checks each consignment of that request', async () => {
		sim.inject({ ...faults.serverError, method: 'PUT', path: '/allocation' });
		const error = await rejectionOf(allocate([OK_1, OK_2]));
		expect(error.message).toContain('(HTTP 500)');
		expect(error.description).toContain(
			`Not allocated: ${OK_1}, ${OK_2} (The request failed before SortedPRO allocated it).`,
		);
	});

	it('turns a 400 for an unknown carrier service into an error naming it, with the correlation ID', async () => {
		const error = await rejectionOf(
			allocate([OK_1, OK_2], { service: { __rl: true, mode: 'id', value: 'MPD_NOPE' } }),
		);
		expect(error.message).toContain(
			'SortedPRO rejected the request to allocate consignments with carrier service MPD_NOPE',
		);
		expect(error.description).toMatch(/MpdCarrierServiceReference: .*MPD_NOPE/);
		expect(error.description).toMatch(/Correlation ID: [0-9a-f-]{36}/);
		expect(error.description).toContain(
			`Nothing was allocated. Consignments not allocated: ${OK_1}, ${OK_2}`,
		);
	});

	it('gives an error item for that input item with On Error: Continue, and goes on with the others', async () => {
		const items = await allocate('={{ $json.ref }}', {
			service: { __rl: true, mode: 'id', value: '={{ $json.service }}' },
			items: [
				{ json: { ref: OK_1, service: 'MPD_NOPE' } },
				{ json: { ref: OK_2, service: SERVICE } },
			],
			onError: 'continueRegularOutput',
		});
		expect(items).toHaveLength(2);
		expect(items[0].error?.message).toContain('MPD_NOPE');
		expect(items[1].json).toMatchObject({ ConsignmentReference: OK_2, Allocated: true });
	});

	it('accounts for references allocated by earlier requests when a later one fails', async () => {
		const refs = Array.from({ length: 250 }, (_, n) => makeConsignmentReference(9000 + n));
		sim.inject({ ...faults.throttled(5), method: 'PUT', path: '/allocation', after: 1 });
		const error = await rejectionOf(allocate(refs));
		expect(error.message).toContain('too many requests');
		expect(error.description).toContain(
			`Allocated (these stay allocated): ${refs.slice(0, 100).join(', ')}`,
		);
		expect(error.description).toContain(
			`Not allocated, SortedPRO refused the request: ${refs.slice(100, 200).join(', ')}`,
		);
		expect(error.description).toContain(
			`Not sent because of the error: ${refs.slice(200).join(', ')}`,
		);
		expect(
			refs.slice(0, 100).every((ref) => sim.getConsignment(ref)?.ConsignmentState === 'Allocated'),
		).toBe(true);
	});

	it('never shows the API key, whatever fails', async () => {
		sim.inject(faults.gateway401);
		const rejected = await rejectionOf(allocate([OK_1]));
		sim.setBehaviour({ allocationFailure: 'statusCode' });
		const failed = await rejectionOf(allocate([INELIGIBLE]));
		const items = await allocate([OK_2, INELIGIBLE], {
			options: { outputFailedAllocations: true },
		});
		for (const shown of [
			everythingShown(rejected),
			everythingShown(failed),
			everythingShown(items),
		])
			expect(shown).not.toContain(sim.apiKey);
	});
});
