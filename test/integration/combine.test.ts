/**
 * Items of one run that go to the same request are combined (bulk/combine.ts); each item still
 * gets exactly what it would get alone. Requests are counted on the simulator.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runSortedPro } from '../harness/n8n';
import {
	CARRIER_SERVICE_REFS,
	SEEDED_REFS,
	makeConsignmentReference,
	startSimulator,
	type Simulator,
} from '../simulator';
import { credentialsFor, rejectionOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const TRACKED = CARRIER_SERVICE_REFS.royalMailTracked48;
const OTHER = Object.values(CARRIER_SERVICE_REFS).find(
	(reference) =>
		reference !== TRACKED && reference !== CARRIER_SERVICE_REFS.parcelforceExpress24Disabled,
) as string;

const allocateRequests = () =>
	sim.requests.filter((request) => request.path === '/allocation/allocatewithcarrierservice');
const sentReferences = () =>
	allocateRequests().flatMap(
		(request) => (request.body as { ConsignmentReferences: string[] }).ConsignmentReferences,
	);

function itemsFor(references: string[], extra: (index: number) => object = () => ({})) {
	return references.map(
		(reference, index): INodeExecutionData => ({
			json: { reference, ...extra(index) },
		}),
	);
}

function allocateEach(
	items: INodeExecutionData[],
	{
		service = TRACKED as unknown,
		options = {} as Record<string, unknown>,
		requestOptions,
		onError,
	}: {
		service?: unknown;
		options?: Record<string, unknown>;
		requestOptions?: Record<string, unknown>;
		onError?: 'continueRegularOutput';
	} = {},
) {
	return runSortedPro(
		{
			resource: 'consignment',
			operation: 'allocateWithCarrierService',
			carrierService: { __rl: true, mode: 'id', value: service },
			consignmentReferences: '={{ $json.reference }}',
			options,
			...(requestOptions ? { requestOptions } : {}),
		} as INodeParameters,
		{ credentials: credentialsFor(sim), items, onError },
	);
}

describe('Combining items into bulk requests', () => {
	it('allocates 250 items of one reference each in 3 requests, each item paired to its input', async () => {
		const references = Array.from({ length: 250 }, (_, n) => makeConsignmentReference(3000 + n));
		const output = await allocateEach(itemsFor(references));
		expect(
			allocateRequests().map(
				(request) =>
					(request.body as { ConsignmentReferences: string[] }).ConsignmentReferences.length,
			),
		).toEqual([100, 100, 50]);
		expect(output.map((item) => [item.json.ConsignmentReference, item.pairedItem])).toEqual(
			references.map((reference, index) => [reference, { item: index }]),
		);
		expect(output.every((item) => item.json.Allocated === true)).toBe(true);
		// n8n's routing engine checks every node property for every item; on a loaded machine 250
		// items take longer than jest's default 5 s.
	}, 30_000);

	it('sends one request per carrier service when items ask for different ones', async () => {
		const references = Array.from({ length: 20 }, (_, n) => makeConsignmentReference(3300 + n));
		const items = itemsFor(references, (index) => ({ service: index % 2 ? OTHER : TRACKED }));
		const output = await allocateEach(items, { service: '={{ $json.service }}' });
		const services = allocateRequests().map(
			(request) =>
				(request.body as { MpdCarrierServiceReference: string }).MpdCarrierServiceReference,
		);
		expect(services.sort()).toEqual([OTHER, TRACKED].sort());
		expect(output).toHaveLength(20);
		for (const [index, item] of output.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			const consignment = sim.getConsignment(references[index]) as {
				Allocation?: Record<string, unknown>;
			};
			expect(JSON.stringify(consignment.Allocation)).toContain(index % 2 ? OTHER : TRACKED);
		}
	});

	it('gives a bad item its own error item under On Error: Continue and sends the others together', async () => {
		const references = Array.from({ length: 5 }, (_, n) => makeConsignmentReference(3400 + n));
		const items = itemsFor(references);
		items[2] = { json: { reference: 'EC/../1' } };
		const output = await allocateEach(items, { onError: 'continueRegularOutput' });
		expect(output).toHaveLength(5);
		expect(output[2].json).toEqual({});
		expect(output[2].error?.message).toContain('EC/../1');
		expect(allocateRequests()).toHaveLength(1);
		expect(sentReferences()).toEqual(references.filter((_, index) => index !== 2));
		expect(output.filter((item) => item.json.Allocated === true)).toHaveLength(4);
	});

	it('still sends the other items when one is rejected before sending under the default setting', async () => {
		const references = Array.from({ length: 4 }, (_, n) => makeConsignmentReference(3500 + n));
		const items = itemsFor(references);
		items[0] = { json: { reference: '' } };
		const error = await rejectionOf(allocateEach(items));
		expect(error.message).toBe('No consignment references given');
		expect(sentReferences()).toEqual(references.slice(1));
	});

	it('fails only the item whose consignment a 400 blames, and sends the others again without it', async () => {
		const good = Array.from({ length: 3 }, (_, n) => makeConsignmentReference(3600 + n));
		const blamed = makeConsignmentReference(3699);
		sim.setBehaviour({ allocationFailure: 'badRequest' });
		sim.addConsignment({ reference: blamed, ineligibleReason: 'Too heavy for this service' });
		const output = await allocateEach(itemsFor([good[0], blamed, good[1], good[2]]), {
			onError: 'continueRegularOutput',
		});
		expect(allocateRequests()).toHaveLength(2);
		expect(
			(allocateRequests()[1].body as { ConsignmentReferences: string[] }).ConsignmentReferences,
		).toEqual(good);
		expect(output[1].error?.message).toContain(blamed);
		expect(output[1].error?.message).toContain('Too heavy for this service');
		expect([output[0], output[2], output[3]].map((item) => item.json.Allocated)).toEqual([
			true,
			true,
			true,
		]);
	});

	it('applies each item its own Output Failed Allocations setting', async () => {
		const [first, second] = [
			makeConsignmentReference(3700, { ineligible: true }),
			makeConsignmentReference(3701, { ineligible: true }),
		];
		const items = itemsFor([first, second], (index) => ({ outputFailed: index === 0 }));
		const output = await allocateEach(items, {
			options: { outputFailedAllocations: '={{ $json.outputFailed }}' },
			onError: 'continueRegularOutput',
		});
		expect(allocateRequests()).toHaveLength(1);
		expect(output[0].json).toMatchObject({ ConsignmentReference: first, Allocated: false });
		expect(output[1].error?.message).toContain(second);
	});

	it('gives every item touched by a request-level error its own error, accounting for its references', async () => {
		const references = Array.from({ length: 3 }, (_, n) => makeConsignmentReference(3800 + n));
		sim.inject({
			method: 'PUT',
			path: '/allocation',
			status: 429,
			headers: { 'Retry-After': '7' },
		});
		const output = await allocateEach(itemsFor(references), { onError: 'continueRegularOutput' });
		expect(allocateRequests()).toHaveLength(1);
		// n8n's engine gives a failed item's error item no pairedItem; its position pairs it.
		expect(output).toHaveLength(references.length);
		for (const [index, item] of output.entries()) {
			expect(item.error?.description).toContain(references[index]);
		}
		// Each item's error names its own consignment, not the others'.
		expect(output[0].error?.description).not.toContain(references[1]);
	});

	it('combines within each batch when n8n Batching is set', async () => {
		const references = Array.from({ length: 30 }, (_, n) => makeConsignmentReference(3900 + n));
		await allocateEach(itemsFor(references), {
			requestOptions: { batching: { batch: { batchSize: 10, batchInterval: 0 } } },
		});
		expect(allocateRequests()).toHaveLength(3);
		sim.clearRequests();
		const more = Array.from({ length: 20 }, (_, n) => makeConsignmentReference(3950 + n));
		await allocateEach(itemsFor(more), {
			requestOptions: { batching: { batch: { batchSize: 10, batchInterval: 5 } } },
		});
		expect(allocateRequests()).toHaveLength(2);
	});

	it('never combines two runs of the node, even at the same moment', async () => {
		const [a, b] = [makeConsignmentReference(4000), makeConsignmentReference(4001)];
		const outputs = await Promise.all([allocateEach(itemsFor([a])), allocateEach(itemsFor([b]))]);
		expect(allocateRequests()).toHaveLength(2);
		expect(outputs.map((output) => output[0].json.ConsignmentReference)).toEqual([a, b]);
	});

	it('takes two items naming the same consignment as one reference, and answers both', async () => {
		const reference = SEEDED_REFS.allocatable[0];
		const output = await allocateEach(itemsFor([reference, reference.toLowerCase()]));
		expect(sentReferences()).toEqual([reference]);
		expect(output.map((item) => [item.json.ConsignmentReference, item.json.Allocated])).toEqual([
			[reference, true],
			[reference.toLowerCase(), true],
		]);
	});
});

describe('Combining items: manifest', () => {
	it('manifests 150 items of one reference each in 2 requests', async () => {
		const references = Array.from({ length: 150 }, (_, n) => makeConsignmentReference(4100 + n));
		await allocateEach(itemsFor(references));
		sim.clearRequests();
		const output = await runSortedPro(
			{
				resource: 'consignment',
				operation: 'manifest',
				consignmentReferences: '={{ $json.reference }}',
			} as INodeParameters,
			{ credentials: credentialsFor(sim), items: itemsFor(references) },
		);
		expect(
			sim.requests.filter((request) => request.path === '/consignments/manifest'),
		).toHaveLength(2);
		expect(output.every((item) => item.json.Manifested === true)).toBe(true);
	});
});
