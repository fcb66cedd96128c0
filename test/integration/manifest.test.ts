import type { INodeParameters } from 'n8n-workflow';

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
const manifestRequests = () =>
	sim.requests.filter(
		(request) => request.method === 'PUT' && request.path === '/consignments/manifest',
	);

const allocate = (references: string | string[]) => allocateFirst(sim, references);

const manifest = (consignmentReferences: unknown, options: Record<string, unknown> = {}) =>
	runSortedPro(
		{
			resource: 'consignment',
			operation: 'manifest',
			consignmentReferences,
			options,
		} as INodeParameters,
		{
			credentials: credentialsFor(sim),
		},
	);

describe('Consignment > Manifest', () => {
	it('manifests allocated consignments, one item per reference', async () => {
		await allocate([OK_1, OK_2]);
		const items = await manifest(`${OK_1}\n${OK_2}`);
		expect(jsonOf(items)).toEqual([
			{
				ConsignmentReference: OK_1,
				Manifested: true,
				ManifestStatus: 'Manifested',
				FailureReason: null,
				Message: `Consignment ${OK_1} has been manifested`,
			},
			{
				ConsignmentReference: OK_2,
				Manifested: true,
				ManifestStatus: 'Manifested',
				FailureReason: null,
				Message: `Consignment ${OK_2} has been manifested`,
			},
		]);
		expect(manifestRequests().map((request) => request.body)).toEqual([
			{ ConsignmentReferences: [OK_1, OK_2] },
		]);
		expect(manifestRequests()[0].headers).toMatchObject({
			'ocp-apim-subscription-key': sim.apiKey,
			'content-type': expect.stringContaining('application/json'),
		});
		expect(sim.getConsignment(OK_1)?.ConsignmentState).toBe('Manifested');
	});

	it('by default fails naming the consignments that were not manifested and listing those that were', async () => {
		await allocate([OK_1]);
		const error = await rejectionOf(manifest([OK_1, OK_2]));
		expect(error.message).toBe('1 of 2 consignments was not manifested');
		expect(error.description).toContain(
			`${OK_2} (Consignment ${OK_2} is in state Unallocated; only allocated consignments can be manifested)`,
		);
		expect(error.description).toContain(`Manifested (1), these stay manifested: ${OK_1}`);
		expect(error.description).toContain('Output Failed Manifests');
	});

	it('outputs the failures instead with Output Failed Manifests', async () => {
		const items = await manifest(OK_2, { outputFailedManifests: true });
		expect(items[0].json).toMatchObject({
			ConsignmentReference: OK_2,
			Manifested: false,
			ManifestStatus: 'Failed',
			FailureReason: expect.stringContaining('Unallocated'),
		});
	});

	it('sends long lists in requests of at most 100', async () => {
		const refs = Array.from({ length: 130 }, (_, n) => makeConsignmentReference(3000 + n));
		await allocate(refs.slice(0, 100));
		await allocate(refs.slice(100));
		const items = await manifest(refs);
		expect(
			manifestRequests().map(
				(request) =>
					(request.body as { ConsignmentReferences: string[] }).ConsignmentReferences.length,
			),
		).toEqual([100, 30]);
		expect(items.every((item) => item.json.Manifested === true)).toBe(true);
	});

	it('looks up consignments the answer leaves out: already manifested counts as manifested', async () => {
		await allocate([OK_1, OK_2]);
		await manifest(OK_1);
		sim.clearRequests();
		sim.inject({ method: 'PUT', path: '/consignments/manifest', status: 200, body: [] });
		const items = await manifest([OK_1, OK_2], { outputFailedManifests: true });
		expect(
			jsonOf(items).map((json) => [
				json.ConsignmentReference,
				json.Manifested,
				json.ConsignmentState,
			]),
		).toEqual([
			[OK_1, true, 'Manifested'],
			[OK_2, false, 'Allocated'],
		]);
		expect(
			sim.requests.filter((request) => request.method === 'GET').map((request) => request.path),
		).toEqual([`/consignments/${OK_1}`, `/consignments/${OK_2}`]);
	});

	it('reports 202 as not finished', async () => {
		sim.inject({ method: 'PUT', path: '/consignments/manifest', status: 202, body: '' });
		const items = await manifest(OK_1, { outputFailedManifests: true });
		expect(items[0].json).toMatchObject({
			Manifested: false,
			ManifestStatus: 'Pending',
			FailureReason: expect.stringContaining('202 Accepted'),
		});
	});

	it('accounts for every reference when the request is refused', async () => {
		sim.inject({ ...faults.gateway401, path: '/consignments/manifest' });
		const error = await rejectionOf(manifest([OK_1, OK_2]));
		expect(error.message).toBe('SortedPRO rejected the API key');
		expect(error.description).toContain(
			`Nothing was manifested. Consignments not manifested: ${OK_1}, ${OK_2}`,
		);
	});

	it('validates the references before sending', async () => {
		expect((await rejectionOf(manifest('EC#1'))).message).toBe(
			'"EC#1" is not a valid consignment reference',
		);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Consignment > Manifest: other answer shapes', () => {
	it('reads a single result object, whose ApiLinks is not a list of results', async () => {
		await allocate([OK_1]);
		sim.inject({
			method: 'PUT',
			path: '/consignments/manifest',
			status: 200,
			body: {
				IsSuccess: false,
				Message: 'Carrier collection not booked',
				Data: OK_1,
				ApiLinks: [{ Rel: 'detail', Href: `${sim.url}/consignments/${OK_1}` }],
			},
		});
		const items = await manifest(OK_1, { outputFailedManifests: true });
		expect(items[0].json).toMatchObject({
			Manifested: false,
			FailureReason: 'Carrier collection not booked',
			ConsignmentState: 'Allocated',
		});
	});

	it("gives a whole-request failure's message to every consignment it covers", async () => {
		await allocate([OK_1, OK_2]);
		sim.inject({
			method: 'PUT',
			path: '/consignments/manifest',
			status: 200,
			body: [{ IsSuccess: false, Message: 'Manifest window closed', Data: null }],
		});
		const items = await manifest([OK_1, OK_2], { outputFailedManifests: true });
		expect(jsonOf(items).map((json) => json.FailureReason)).toEqual([
			'Manifest window closed',
			'Manifest window closed',
		]);
	});

	it('fails only the consignments a 400 blames and manifests the rest', async () => {
		await allocate([OK_1, OK_2]);
		sim.inject({
			method: 'PUT',
			path: '/consignments/manifest',
			status: 400,
			body: {
				Message: 'Invalid consignments',
				Details: [{ Target: 'ConsignmentReferences[0]', Message: 'Customs data missing' }],
			},
		});
		const items = await manifest([OK_1, OK_2], { outputFailedManifests: true });
		expect(
			jsonOf(items).map((json) => [json.ConsignmentReference, json.Manifested, json.FailureReason]),
		).toEqual([
			// The detail that applies, and the answer's own Message for support.
			[OK_1, false, 'Customs data missing. SortedPRO said: Invalid consignments.'],
			[OK_2, true, null],
		]);
	});

	it('with On Error: Continue, gives an error item per failed input item without pointing at the others', async () => {
		await allocate([OK_1]);
		const items = await runSortedPro(
			{
				resource: 'consignment',
				operation: 'manifest',
				consignmentReferences: '={{ $json.ref }}',
				options: {},
			} as INodeParameters,
			{
				credentials: credentialsFor(sim),
				items: [{ json: { ref: OK_1 } }, { json: { ref: OK_2 } }],
				onError: 'continueRegularOutput',
			},
		);
		expect(items[0].json).toMatchObject({ ConsignmentReference: OK_1, Manifested: true });
		expect(items[1].error?.message).toContain(`Consignment ${OK_2} was not manifested`);
		expect(String((items[1].error as { description?: string }).description)).not.toContain(
			'other input items',
		);
	});

	it('never outputs the key, even when an answer echoes it', async () => {
		await allocate([OK_1]);
		sim.inject({
			method: 'PUT',
			path: '/consignments/manifest',
			status: 200,
			body: [{ IsSuccess: true, Message: `Manifested by ${sim.apiKey}`, Data: OK_1 }],
		});
		const items = await manifest(OK_1);
		expect(items[0].json.Message).toBe('Manifested by ***');
		expect(everythingShown(items)).not.toContain(sim.apiKey);
	});
});
