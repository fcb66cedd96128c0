// The e2e scenarios: which workflow (test/e2e/workflows/*.json) to run against which simulator
// behaviour, and what must be true afterwards, both in n8n's output and in the requests the
// simulator received. Run by scripts/e2e.mjs; each `check` throws (node:assert) on failure.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { errorReadingProblem } = createRequire(import.meta.url)('../harness/oneLine.js');

export const WORKFLOW_DIR = join(dirname(fileURLToPath(import.meta.url)), 'workflows');
export const SERVICE = 'MPD_RMDTPS48HNAUT';
export const ALLOCATE_PATH = '/allocation/allocatewithcarrierservice';

/** Credentials the suite imports; ids are referenced by the workflows. */
export const CREDENTIALS = {
	good: { id: 'sortedProE2eGood', name: 'SortedPRO E2E (simulator)' },
	bad: { id: 'sortedProE2eBadK', name: 'SortedPRO E2E (wrong key)' },
};

export function loadWorkflow(file) {
	return JSON.parse(readFileSync(join(WORKFLOW_DIR, file), 'utf8'));
}

/** The reference list a workflow's "Orders" Set node holds, split as the node documents it. */
function ordersOf(workflow) {
	const set = workflow.nodes.find((n) => n.name === 'Orders');
	const { refs } = JSON.parse(set.parameters.jsonOutput);
	return Array.isArray(refs) ? refs : refs.split(/[\s,;]+/).filter(Boolean);
}

/** Every API request carries the key, the API version and asks for JSON. */
function assertHeaders(requests, apiKey) {
	assert.ok(requests.length > 0, 'the simulator received no API request');
	for (const r of requests) {
		assert.equal(
			r.headers['ocp-apim-subscription-key'],
			apiKey,
			`${r.method} ${r.path}: API key header`,
		);
		assert.equal(
			r.headers['electio-api-version'],
			'1.1',
			`${r.method} ${r.path}: electio-api-version header`,
		);
		assert.match(
			String(r.headers.accept),
			/application\/json/,
			`${r.method} ${r.path}: accept header`,
		);
		if (r.method === 'PUT' || r.method === 'POST') {
			assert.match(
				String(r.headers['content-type']),
				/application\/json/,
				`${r.method} ${r.path}: content-type header`,
			);
		}
	}
}

function allocateRequests(requests) {
	const calls = requests.filter(
		(r) => r.method === 'PUT' && r.path.toLowerCase() === ALLOCATE_PATH,
	);
	for (const r of calls) {
		assert.equal(r.body?.MpdCarrierServiceReference, SERVICE, 'body MpdCarrierServiceReference');
		assert.ok(
			Array.isArray(r.body?.ConsignmentReferences),
			'body ConsignmentReferences is an array',
		);
		assert.ok(
			r.body.ConsignmentReferences.length <= 100,
			`at most 100 references per request (got ${r.body.ConsignmentReferences.length})`,
		);
	}
	return calls;
}

/** Text of a node or run error, as n8n stores it (message, description, and the HTTP code if any). */
export function errorText(error) {
	if (!error) return '';
	return [
		error.message,
		error.description,
		error.httpCode,
		error.context?.data && JSON.stringify(error.context.data),
	]
		.filter(Boolean)
		.join(' | ');
}

/**
 * Scenarios run as saved workflows. `via: 'cli'` runs through `n8n execute --id` before the server
 * starts; the others run on the server through POST /rest/workflows/:id/run.
 */
export const workflowScenarios = [
	{
		name: 'list carrier services (headless CLI: n8n execute --id)',
		via: 'cli',
		workflow: 'list-carrier-services.json',
		check({ execution, node, requests, sim, seed }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const all = node('List All').items;
			assert.equal(all.length, seed.SEED_CARRIER_SERVICES.length, 'one item per carrier service');
			assert.deepEqual(
				all.map((s) => s.Reference).sort(),
				seed.SEED_CARRIER_SERVICES.map((s) => s.Reference).sort(),
			);
			const rm = all.find((s) => s.Reference === SERVICE);
			assert.ok(
				rm && rm.CarrierName === 'Royal Mail' && typeof rm.Name === 'string',
				'Royal Mail service with API field names',
			);
			assert.equal(node('List Two').items.length, 2, 'limit 2 gives 2 items');
			// A readable status beside the numeric one: the disabled service says so.
			const status = (ref) => {
				const service = all.find((s) => s.Reference === ref);
				return [service?.StatusName, service?.IsEnabled];
			};
			assert.deepEqual(status(SERVICE), ['Enabled', true], 'StatusName and IsEnabled');
			assert.deepEqual(status(seed.CARRIER_SERVICE_REFS.parcelforceExpress24Disabled), [
				'Disabled',
				false,
			]);
			assertHeaders(requests, sim.apiKey);
			assert.equal(requests.length, 2, 'one GET per node');
			for (const r of requests)
				assert.equal(`${r.method} ${r.path.toLowerCase()}`, 'GET /carrierservices');
		},
	},
	{
		name: 'list carrier services, API answers a bare array',
		workflow: 'list-carrier-services.json',
		behaviour: { carrierServices: 'bareArray' },
		check({ execution, node, requests, seed }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			assert.equal(node('List All').items.length, seed.SEED_CARRIER_SERVICES.length);
			assert.equal(node('List Two').items.length, 2);
			assert.equal(requests.length, 2);
		},
	},
	{
		name: 'allocate one reference per item, 25 items (combined into one request)',
		workflow: 'allocate-per-item.json',
		check({ execution, node, requests, sim, workflow }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const refs = ordersOf(workflow);
			const out = node('Allocate').items;
			assert.equal(out.length, refs.length, 'one output item per reference');
			assert.deepEqual(out.map((i) => i.ConsignmentReference).sort(), [...refs].sort());
			for (const item of out) {
				assert.equal(item.Allocated, true, `${item.ConsignmentReference} allocated`);
				assert.equal(item.CarrierName, 'Royal Mail', `${item.ConsignmentReference} carrier`);
			}
			assertHeaders(requests, sim.apiKey);
			const calls = allocateRequests(requests);
			// The 25 items of the run are combined into one bulk request (at most 100 references).
			assert.equal(calls.length, 1, 'one allocate request for the 25 items');
			assert.equal(requests.length, calls.length, 'no other API calls');
			assert.deepEqual([...calls[0].body.ConsignmentReferences].sort(), [...refs].sort());
			for (const ref of refs)
				assert.equal(
					sim.getConsignment(ref)?.ConsignmentState,
					'Allocated',
					`${ref} is Allocated in the simulator`,
				);
		},
	},
	{
		name: '500 orders one per item are allocated in 5 requests',
		workflow: 'allocate-500-items.json',
		check({ execution, node, requests, sim, workflow }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const refs = ordersOf(workflow);
			const out = node('Allocate').items;
			assert.equal(out.length, 500, 'one output item per order');
			assert.deepEqual(
				out.map((i) => i.ConsignmentReference),
				refs,
				'output in input order',
			);
			assert.ok(out.every((i) => i.Allocated === true));
			const calls = allocateRequests(requests);
			assert.equal(calls.length, 5, 'five allocate requests of at most 100 references');
			for (const c of calls) assert.equal(c.body.ConsignmentReferences.length, 100);
			for (const ref of refs) assert.equal(sim.getConsignment(ref)?.ConsignmentState, 'Allocated');
		},
	},
	{
		name: 'allocate 250 references in one item (chunked by 100, duplicate sent once)',
		workflow: 'allocate-chunked.json',
		check({ execution, node, requests, sim, workflow }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const refs = [...new Set(ordersOf(workflow))];
			assert.equal(refs.length, 250, 'the workflow holds 250 distinct references');
			const out = node('Allocate').items;
			assert.equal(out.length, 250, 'one output item per distinct reference');
			assert.ok(
				out.every((i) => i.Allocated === true),
				'all allocated',
			);
			assert.deepEqual(out.map((i) => i.ConsignmentReference).sort(), [...refs].sort());
			assertHeaders(requests, sim.apiKey);
			const calls = allocateRequests(requests);
			assert.deepEqual(
				calls.map((c) => c.body.ConsignmentReferences.length).sort((a, b) => b - a),
				[100, 100, 50],
				'chunk sizes',
			);
			assert.equal(requests.length, 3, 'exactly three API calls');
			const sent = calls.map((c) => c.body.ConsignmentReferences).flat();
			assert.equal(new Set(sent).size, sent.length, 'no reference sent twice');
			assert.deepEqual([...sent].sort(), [...refs].sort());
		},
	},
	{
		name: 'partial failure, default: the node fails and names every failed reference',
		workflow: 'partial-failure-default.json',
		check({ execution, node, requests, sim }) {
			assert.equal(execution.status, 'error', 'the execution fails');
			const text = errorText(node('Allocate').error ?? execution.error);
			assert.match(text, /EC-000-A04-0DV/, `error names EC-000-A04-0DV: ${text}`);
			assert.match(text, /EC-000-000-F01/, `error names EC-000-000-F01: ${text}`);
			assertHeaders(requests, sim.apiKey);
			const calls = allocateRequests(requests);
			assert.equal(calls.length, 1, 'one allocate request');
			assert.deepEqual(calls[0].body.ConsignmentReferences, [
				'EC-000-05A-Z6S',
				'EC-000-A04-0DV',
				'EC-000-000-F01',
			]);
			assert.equal(sim.getConsignment('EC-000-A04-0DV').ConsignmentState, 'AllocationFailed');
		},
	},
	...['omit', 'statusCode'].map((style) => ({
		name: `partial failure, outputFailedAllocations (API failure style '${style}')`,
		workflow: 'partial-failure-output.json',
		behaviour: { allocationFailure: style },
		check({ execution, node, requests, sim }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const out = node('Allocate').items;
			const by = Object.fromEntries(out.map((i) => [i.ConsignmentReference, i]));
			assert.equal(out.length, 3, 'one item per reference');
			assert.equal(by['EC-000-05A-Z6S']?.Allocated, true);
			assert.equal(by['EC-000-05A-Z6S']?.CarrierName, 'Royal Mail');
			for (const ref of ['EC-000-A04-0DV', 'EC-000-000-F01']) {
				assert.equal(by[ref]?.Allocated, false, `${ref} not allocated`);
				assert.ok(
					typeof by[ref]?.FailureReason === 'string' && by[ref].FailureReason.length > 0,
					`${ref} has a FailureReason`,
				);
			}
			assert.match(by['EC-000-A04-0DV'].FailureReason, /delivery promise/i, 'reason from the API');
			assertHeaders(requests, sim.apiKey);
			assert.equal(allocateRequests(requests).length, 1, 'one allocate request');
			// Every failure is checked on the consignment: 'omit' gives no reason at all, and in either
			// style a consignment a previous run already allocated must count as allocated.
			const lookups = requests
				.filter((r) => r.method === 'GET')
				.map((r) => decodeURIComponent(r.path).toLowerCase())
				.sort();
			assert.deepEqual(
				lookups,
				['/consignments/ec-000-000-f01', '/consignments/ec-000-a04-0dv'],
				'consignment look-ups for the failures',
			);
		},
	})),
	{
		name: '202 Accepted: reported as not finished, never as allocated',
		workflow: 'partial-failure-output.json',
		behaviour: { allocationAccepted: true },
		check({ execution, node, requests, sim }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const out = node('Allocate').items;
			assert.equal(out.length, 3);
			for (const item of out) {
				assert.equal(
					item.Allocated,
					false,
					`${item.ConsignmentReference} is not reported as allocated`,
				);
				assert.match(
					`${item.AllocationStatus} ${item.FailureReason}`,
					/pending|202|accepted/i,
					`${item.ConsignmentReference} says it is pending`,
				);
			}
			assert.equal(allocateRequests(requests).length, 1);
			assert.equal(sim.getConsignment('EC-000-05A-Z6S').ConsignmentState, 'Allocating');
		},
	},
	{
		name: 'whole-request 400 with On Error: Continue (regular output)',
		workflow: 'bad-request-continue.json',
		// A 400 that blames no consignment (PRO's error body without Details): nothing to retry.
		setup: (sim) => sim.inject({ method: 'PUT', path: ALLOCATE_PATH, status: 400 }),
		check({ execution, node, requests, sim }) {
			assert.equal(
				execution.status,
				'success',
				`the workflow carries on: ${execution.status} ${errorText(execution.error)}`,
			);
			const alloc = node('Allocate');
			assert.equal(alloc.rawItems.length, 1, 'one item out of the failed node');
			const text = errorText(alloc.rawItems[0].error) || JSON.stringify(alloc.rawItems[0].json);
			assert.match(text, /400|rejected|bad request/i, `the item carries the API error: ${text}`);
			assert.equal(node('After').ran, true, 'the next node ran');
			assert.equal(node('After').rawItems.length, 1);
			assert.equal(allocateRequests(requests).length, 1, 'one allocate request, not retried');
			assert.equal(requests.length, 1);
			assert.equal(
				sim.getConsignment('EC-000-083-45D').ConsignmentState,
				'Unallocated',
				'nothing changed on a 400',
			);
		},
	},
	{
		name: '400 blaming one consignment, On Error: Continue: the others are re-sent without it',
		workflow: 'bad-request-continue.json',
		behaviour: { allocationFailure: 'badRequest' },
		check({ execution, node, requests, sim }) {
			assert.equal(
				execution.status,
				'success',
				`the workflow carries on: ${execution.status} ${errorText(execution.error)}`,
			);
			const alloc = node('Allocate');
			assert.equal(alloc.rawItems.length, 1, 'one item out of the failed node');
			const text = errorText(alloc.rawItems[0].error) || JSON.stringify(alloc.rawItems[0].json);
			assert.match(text, /EC-000-A04-0DV/, `the error names the rejected consignment: ${text}`);
			assert.match(
				text,
				/Correlation ID: [0-9a-f-]{36}/,
				`support's Correlation ID is kept: ${text}`,
			);
			assert.equal(node('After').ran, true, 'the next node ran');
			const calls = allocateRequests(requests);
			assert.deepEqual(
				calls.map((c) => c.body.ConsignmentReferences),
				[['EC-000-083-45D', 'EC-000-A04-0DV'], ['EC-000-083-45D']],
				'sent once with both, then again without the rejected one',
			);
			assert.equal(sim.getConsignment('EC-000-083-45D').ConsignmentState, 'Allocated');
			assert.equal(
				sim.getConsignment('EC-000-A04-0DV').ConsignmentState,
				'Unallocated',
				'a 400 changes nothing',
			);
		},
	},
	{
		name: 'order journey: allocate, get the consignment, get its label as a binary file, manifest',
		workflow: 'order-journey.json',
		check({ execution, node, requests, sim }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			assert.equal(node('Allocate').items[0]?.Allocated, true, 'allocated');
			const consignment = node('Get Consignment').items[0];
			assert.equal(consignment?.Reference, 'EC-000-05A-Z6S');
			assert.equal(consignment?.ConsignmentState, 'Allocated', 'Get shows the new state');
			const label = node('Get Label').rawItems[0];
			assert.equal(label?.json?.FileName, 'EC-000-05A-Z6S.pdf');
			assert.equal(label?.json?.ContentType, 'application/pdf');
			const file = label?.binary?.label;
			assert.ok(file, `a binary property "label": ${JSON.stringify(label?.binary)}`);
			assert.equal(file.mimeType, 'application/pdf');
			assert.equal(file.fileName, 'EC-000-05A-Z6S.pdf');
			const manifested = node('Manifest').items[0];
			assert.equal(manifested?.ConsignmentReference, 'EC-000-05A-Z6S');
			assert.equal(manifested?.Manifested, true, 'manifested');
			assert.equal(sim.getConsignment('EC-000-05A-Z6S').ConsignmentState, 'Manifested');
			assertHeaders(requests, sim.apiKey);
			assert.deepEqual(
				requests.map((r) => `${r.method} ${r.path}`),
				[
					`PUT ${ALLOCATE_PATH}`,
					'GET /consignments/EC-000-05A-Z6S',
					'GET /labels/EC-000-05A-Z6S/PDF',
					'PUT /consignments/manifest',
				],
			);
			assert.deepEqual(requests[3].body, { ConsignmentReferences: ['EC-000-05A-Z6S'] });
		},
	},
	{
		name: "the credential in n8n's HTTP Request node: headers sent, plain http to a remote host refused",
		workflow: 'http-request-credential.json',
		check({ execution, node, requests, sim, raw, seed }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			assert.equal(
				node('Call API').items.length,
				seed.SEED_SHIPPING_LOCATIONS.length,
				'one item per shipping location',
			);
			assertHeaders(requests, sim.apiKey);
			assert.deepEqual(
				requests.map((r) => `${r.method} ${r.path}`),
				['GET /shippinglocations'],
				'only the loopback call reached the simulator',
			);
			const refused = node('Clear Text').rawItems[0];
			const text = errorText(refused?.error) || JSON.stringify(refused?.json ?? {});
			assert.match(text, /clear text/i, `the remote http call is refused before sending: ${text}`);
			assert.ok(!raw.includes(sim.apiKey), 'the key does not appear in the execution data');
		},
	},
	{
		name: 'wrong API key: 401 message, key not leaked',
		workflow: 'wrong-api-key.json',
		check({ execution, node, requests, sim, raw, badKey }) {
			assert.equal(execution.status, 'error', 'the execution fails');
			const text = errorText(node('List All').error ?? execution.error);
			assert.match(text, /401|key|unauthori[sz]ed|access denied/i, `a 401 message: ${text}`);
			assert.equal(requests.length, 1, 'one request, no retries');
			assert.equal(
				requests[0].headers['ocp-apim-subscription-key'],
				badKey,
				'the stored (wrong) key was sent',
			);
			assert.ok(
				!raw.includes(badKey),
				'the wrong key does not appear anywhere in the execution data',
			);
			assert.ok(
				!raw.includes(sim.apiKey),
				'the real key does not appear anywhere in the execution data',
			);
		},
	},
];

/** The consignments the simulator holds for a customer reference, through its own API. */
async function consignmentsFor(sim, customerReference) {
	const response = await fetch(
		`${sim.url}/consignments/getConsignmentReferences` +
			`?referenceProvidedByCustomer=${encodeURIComponent(customerReference)}`,
		{ headers: { 'ocp-apim-subscription-key': sim.apiKey, 'electio-api-version': '1.1' } },
	);
	return await response.json();
}

/** What an order-to-label run must leave behind: a label file for the consignment, and its state. */
function assertLabelSaved({ node, sim, userFolder }, reference) {
	const label = node('Get Label').rawItems[0];
	assert.equal(label?.json?.FileName, `${reference}.pdf`);
	const saved = node('Save Label File');
	assert.equal(saved.ran, true, 'the label was written');
	assert.ok(!saved.error, `writing the label failed: ${errorText(saved.error)}`);
	const file = join(userFolder, 'sortedpro-labels', `${reference}.pdf`);
	assert.ok(existsSync(file), `label file ${file} exists`);
	assert.match(readFileSync(file, 'utf8'), /^%PDF-/, 'the file is the PDF label');
	assert.equal(sim.getConsignment(reference)?.ConsignmentState, 'Allocated');
}

/** The e2e copy of examples/order-to-label.json differs only in ids and credentials. */
function assertIsTheExample(workflow) {
	const example = JSON.parse(
		readFileSync(join(WORKFLOW_DIR, '..', '..', '..', 'examples', 'order-to-label.json'), 'utf8'),
	);
	const comparable = ({ id, name, nodes, ...rest }) => ({
		...rest,
		nodes: nodes.map(({ credentials, ...node }) => node),
	});
	assert.deepEqual(comparable(workflow), comparable(example), 'the e2e workflow is the example');
	for (const n of example.nodes.filter((n) => n.credentials))
		assert.equal(n.credentials.sortedProApi.id, 'sortedProDemoSim', `${n.name}: demo credential`);
}

let firstOrderReference;

workflowScenarios.push(
	{
		name: 'order to label: a Shopify order in, a consignment created, allocated, its label file out',
		workflow: 'order-to-label.json',
		async check(context) {
			const { execution, node, requests, sim } = context;
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			assertIsTheExample(context.workflow);
			const created = node('Create Consignment').items[0];
			assert.equal(created?.Created, true, 'a new consignment');
			assert.equal(created?.ConsignmentReferenceProvidedByCustomer, '#1001');
			const reference = created.ConsignmentReference;
			assert.match(reference, /^EC-/);
			assertHeaders(requests, sim.apiKey);
			assert.deepEqual(
				requests.map((r) => `${r.method} ${r.path}`),
				[
					'GET /consignments/getConsignmentReferences',
					'POST /consignments',
					`PUT ${ALLOCATE_PATH}`,
					`GET /labels/${reference}/PDF`,
				],
			);
			assert.deepEqual(requests[0].query, { referenceProvidedByCustomer: '#1001' });
			// The order mapped field by field (README: Consignment > Create).
			assert.deepEqual(requests[1].body, {
				ConsignmentReferenceProvidedByCustomer: '#1001',
				Addresses: [
					{ AddressType: 'Origin', ShippingLocationReference: 'SL-MAIN-WAREHOUSE' },
					{
						AddressType: 'Destination',
						Contact: {
							FirstName: 'Ada',
							LastName: 'Lovelace',
							Email: 'ada@example.com',
							Telephone: '07700 900123',
						},
						CompanyName: 'Analytical Engines Ltd',
						AddressLine1: '13 Porter Street',
						AddressLine2: 'Flat 2',
						Town: 'Manchester',
						Region: 'Greater Manchester',
						Postcode: 'M1 5WG',
						Country: { IsoCode: { TwoLetterCode: 'GB' } },
						SpecialInstructions: 'Please leave with the neighbour at number 15',
					},
				],
				Packages: [
					{
						Description: '2 x Merino socks, 1 x Walking boots',
						Weight: { Value: 1.45, Unit: 'Kg' },
						Dimensions: { Unit: 'Cm', Width: 25, Length: 35, Height: 15 },
						Value: { Amount: 54, Currency: { IsoCode: 'GBP' } },
					},
				],
			});
			assert.deepEqual(requests[2].body, {
				MpdCarrierServiceReference: SERVICE,
				ConsignmentReferences: [reference],
			});
			assert.equal(node('Allocate With Royal Mail').items[0]?.Allocated, true);
			assertLabelSaved(context, reference);
			assert.deepEqual(await consignmentsFor(sim, '#1001'), [reference]);
		},
	},
	{
		name: 'order to label re-run (Reuse Existing): the same consignment, nothing new created',
		workflow: 'order-to-label.json',
		async setup(sim, { run }) {
			const first = await run();
			firstOrderReference =
				first.data?.resultData?.runData?.['Create Consignment']?.[0]?.data?.main?.[0]?.[0]?.json
					?.ConsignmentReference;
			assert.match(String(firstOrderReference), /^EC-/, 'the first run created a consignment');
			sim.clearRequests();
		},
		async check(context) {
			const { execution, node, requests, sim } = context;
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const reused = node('Create Consignment').items[0];
			assert.equal(reused?.Created, false, 'reused, not created');
			assert.equal(
				reused?.ConsignmentReference,
				firstOrderReference,
				"the first run's consignment",
			);
			assert.equal(reused?.ConsignmentState, 'Allocated', 'with its state');
			assert.equal(
				requests.filter((r) => r.method === 'POST').length,
				0,
				'no POST /consignments on the re-run',
			);
			assert.equal(requests[0].path, '/consignments/getConsignmentReferences');
			// Already allocated by the first run: the allocation counts as done, not as a failure.
			assert.equal(node('Allocate With Royal Mail').items[0]?.Allocated, true);
			assertLabelSaved(context, firstOrderReference);
			assert.deepEqual(await consignmentsFor(sim, '#1001'), [firstOrderReference]);
		},
	},
	{
		name: 'list shipping locations and package sizes',
		workflow: 'list-shipping-locations.json',
		check({ execution, node, requests, sim, seed }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			assert.deepEqual(
				node('Shipping Locations').items.map((l) => l.Reference),
				seed.SEED_SHIPPING_LOCATIONS.map((l) => l.Reference),
			);
			assert.equal(node('Shipping Locations').items[0].Town, 'Manchester');
			assert.deepEqual(
				node('One Package Size').items.map((s) => s.Reference),
				[seed.SEED_PACKAGE_SIZES[0].Reference],
				'the limit of 1',
			);
			assertHeaders(requests, sim.apiKey);
			assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`).sort(), [
				'GET /packagesizes',
				'GET /shippinglocations',
			]);
		},
	},
);

// Allocation modes and undoing them (issue 9). Appended to workflowScenarios below.
const CANCEL_REF = 'EC-200-000-002';
const LEADING_ALLOCATION_KEYS = [
	'ConsignmentReference',
	'Allocated',
	'AllocationStatus',
	'FailureReason',
	'MpdCarrierServiceReference',
	'MpdCarrierServiceName',
	'CarrierReference',
	'CarrierName',
	'CarrierServiceReference',
	'CarrierServiceName',
	'TrackingReferences',
	'ConsignmentLegs',
	'AllocationDate',
	'Description',
];

workflowScenarios.push(
	{
		name:
			'order journey: create, get quotes, allocate with quote, deallocate, allocate with rules, ' +
			'label, manifest, tracking',
		workflow: 'allocation-journey.json',
		check({ execution, node, requests, sim, seed }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const created = node('Create Consignment').items[0];
			assert.equal(created?.Created, true, 'a new consignment');
			const JOURNEY_REF = created.ConsignmentReference;
			assert.match(JOURNEY_REF, /^EC-200-/, 'numbered as the simulator numbers created ones');
			assert.equal(
				sim.getConsignment(JOURNEY_REF)?.ConsignmentReferenceProvidedByCustomer,
				'#2001',
			);
			const quotes = node('Get Quotes').items;
			assert.ok(quotes.length >= 2, `several quotes: ${quotes.length}`);
			const prices = quotes.filter((q) => q.Available).map((q) => q.PriceGross);
			assert.deepEqual(
				prices,
				[...prices].sort((a, b) => a - b),
				'cheapest first',
			);
			const cheapest = quotes[0];
			assert.match(cheapest.QuoteReference, /^[0-9a-f-]{36}$/, 'a quote reference');

			const withQuote = node('Allocate With Quote').items;
			assert.equal(withQuote.length, 1);
			assert.equal(withQuote[0].Allocated, true, 'allocated with the quote');
			assert.equal(withQuote[0].MpdCarrierServiceReference, cheapest.MpdCarrierServiceReference);
			assert.deepEqual(
				Object.keys(withQuote[0]).slice(0, LEADING_ALLOCATION_KEYS.length),
				LEADING_ALLOCATION_KEYS,
			);
			assert.equal(node('Deallocate').items[0]?.Deallocated, true, 'deallocated');

			const byRules = node('Allocate With Rules').items;
			assert.equal(byRules[0]?.Allocated, true, 'allocated again, by the rules');
			assert.equal(byRules[0].MpdCarrierServiceReference, seed.RULES_SERVICE);
			assert.deepEqual(
				Object.keys(byRules[0]).slice(0, LEADING_ALLOCATION_KEYS.length),
				LEADING_ALLOCATION_KEYS,
			);
			assert.match(byRules[0].TrackingReferences[0], /^TRK\d{8}$/, 'tracking reference to map');

			assert.equal(node('Get Label').rawItems[0]?.binary?.label?.mimeType, 'application/pdf');
			assert.equal(node('Manifest').items[0]?.Manifested, true, 'manifested');
			const tracking = node('Get Tracking').items;
			assert.equal(tracking[0]?.Code, 'MANIFESTED', 'the carrier has it');
			assert.equal(sim.getConsignment(JOURNEY_REF).ConsignmentState, 'Manifested');

			// The allocate-with-quote PUT has no body, hence no content type; the rest as always.
			const bodiless = requests.filter((r) => r.method === 'PUT' && r.rawBody === '');
			assert.equal(bodiless.length, 1, 'only allocate with quote is sent without a body');
			assertHeaders(
				requests.filter((r) => !bodiless.includes(r)),
				sim.apiKey,
			);
			assert.equal(bodiless[0].headers['ocp-apim-subscription-key'], sim.apiKey);
			assert.equal(bodiless[0].headers['electio-api-version'], '1.1');
			const quote = encodeURIComponent(cheapest.QuoteReference);
			assert.deepEqual(
				requests.map((r) => `${r.method} ${r.path}`),
				[
					'POST /consignments',
					`GET /quotes/consignment/${JOURNEY_REF}`,
					`PUT /allocation/${JOURNEY_REF}/allocatewithquote/${quote}`,
					`GET /consignments/${JOURNEY_REF}`,
					'PUT /consignments/deallocatelist',
					'PUT /allocation/allocate',
					`GET /consignments/${JOURNEY_REF}`,
					`GET /labels/${JOURNEY_REF}/PDF`,
					'PUT /consignments/manifest',
					`GET /tracking/${JOURNEY_REF}`,
				],
			);
			const weight = requests[0].body.Packages[0].Weight;
			assert.deepEqual(weight, { Value: 1.2, Unit: 'Kg' }, 'a shop-style "1,2" sent as 1.2 Kg');
			assert.deepEqual(requests[4].body, [JOURNEY_REF], 'deallocate sends a bare array');
			assert.deepEqual(requests[5].body, { ConsignmentReferences: [JOURNEY_REF] });
		},
	},
	{
		// Issue 12: a re-run (already allocated) gives the keys and values of a first run.
		name: 'allocation modes, re-run of Allocate With Carrier Service: same leading keys, Service Code, tracking',
		workflow: 'order-journey.json',
		setup: (sim) => sim.addConsignment({ reference: 'EC-000-05A-Z6S', state: 'Allocated' }),
		check({ execution, node, requests }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const item = node('Allocate').items[0];
			assert.deepEqual(
				Object.keys(item).slice(0, LEADING_ALLOCATION_KEYS.length),
				LEADING_ALLOCATION_KEYS,
			);
			assert.equal(item.Allocated, true);
			assert.equal(
				item.MpdCarrierServiceReference,
				SERVICE,
				'the Service Code, not the carrier code',
			);
			assert.match(item.TrackingReferences[0], /^TRK\d{8}$/, 'TrackingReferences[0] to map');
			assert.match(item.Description, /already allocated/);
			assert.equal(node('Manifest').items[0]?.Manifested, true, 'the journey goes on');
			assert.deepEqual(
				requests.slice(0, 2).map((r) => `${r.method} ${r.path}`),
				[`PUT ${ALLOCATE_PATH}`, 'GET /consignments/EC-000-05A-Z6S'],
			);
		},
	},
	{
		name: 'allocation modes, cancel an unallocated consignment: cancelled for good, allocating it afterwards fails',
		workflow: 'cancel-unallocated.json',
		check({ execution, node, requests, sim }) {
			assert.equal(
				execution.status,
				'success',
				`status ${execution.status}: ${errorText(execution.error)}`,
			);
			const cancelled = node('Cancel').items;
			assert.equal(cancelled.length, 1);
			assert.equal(cancelled[0].ConsignmentReference, CANCEL_REF);
			assert.equal(cancelled[0].Cancelled, true, 'cancelled');
			assert.equal(cancelled[0].FailureReason, null);
			assert.equal(sim.getConsignment(CANCEL_REF).ConsignmentState, 'Cancelled');
			const after = node('Allocate After Cancel').items[0];
			assert.equal(after?.Allocated, false, 'a cancelled consignment is not allocated');
			assert.equal(after.ConsignmentState, 'Cancelled');
			assert.match(after.FailureReason, /create a new consignment/, after.FailureReason);
			const cancels = requests.filter((r) => r.path === '/consignments/cancellist');
			assert.equal(cancels.length, 1, 'one cancel request, never repeated');
			assert.deepEqual(cancels[0].body, [CANCEL_REF]);
		},
	},
);

/**
 * The credential test through n8n's API with a Base URL as the user typed it in the credential
 * form (the editor sends the form's data; n8n swaps the stored key back in). Each must get a
 * sentence to act on, not n8n's bare "ECONNREFUSED", "Not Found" or "EPROTO".
 */
export const credentialTestCases = [
	{
		name: 'nothing listening (ECONNREFUSED)',
		baseUrl: ({ closedUrl }) => closedUrl,
		expect: /Nothing is listening at that address/,
	},
	{
		name: 'a base URL with an extra path (404)',
		baseUrl: ({ sim }) => `${sim.url}/api`,
		expect: /has no \/shippinglocations \(HTTP 404\).*It ends in "\/api"/,
		requests: ['GET /api/shippinglocations'],
	},
	{
		name: 'https to a plain-http host (EPROTO)',
		baseUrl: ({ sim }) => sim.url.replace('http://', 'https://'),
		expect: /does not speak https/,
	},
	{
		name: 'not a URL, quoted as typed',
		baseUrl: () => 'localhost:3000',
		expect: /The base URL "localhost:3000" is not a valid URL/,
		requests: [],
	},
];

export function checkCredentialTestResult(testCase, body, { requests, apiKey }) {
	assert.equal(body?.status, 'Error', `${testCase.name}: ${JSON.stringify(body)}`);
	const message = String(body.message);
	assert.match(message, testCase.expect, `${testCase.name}: ${message}`);
	assert.doesNotMatch(message, /^(ECONNREFUSED|EPROTO|Not Found)$/);
	assert.doesNotMatch(message, /\n/, `${testCase.name}: one line`);
	assert.ok(!message.includes(apiKey), `${testCase.name}: the key is not in the message`);
	if (testCase.requests)
		assert.deepEqual(
			requests.map((r) => `${r.method} ${r.path.toLowerCase()}`),
			testCase.requests,
			`${testCase.name}: requests`,
		);
}

/**
 * n8n's error panel drops the line breaks of a description: every error of a SortedPRO node, and
 * the execution's error when one of them failed it, must read correctly as one line.
 */
export function assertErrorsReadAsOneLine({ workflow, execution, node }) {
	const ours = workflow.nodes.filter((n) => n.type.endsWith('.sortedPro'));
	const errors = [];
	for (const { name } of ours) {
		const run = node(name);
		if (run.error) errors.push([name, run.error]);
		for (const [index, item] of (run.rawItems ?? []).entries())
			if (item.error) errors.push([`${name}, item ${index}`, item.error]);
	}
	const failedNode = execution.error?.node?.name;
	if (execution.error && (!failedNode || ours.some((n) => n.name === failedNode)))
		errors.push(['the execution', execution.error]);
	for (const [where, error] of errors) {
		const problem = errorReadingProblem(error);
		assert.equal(problem, undefined, `${where}: the error does not read as one line: ${problem}`);
	}
	return errors.length;
}

// Applied to every scenario, including those added above later.
for (const scenario of workflowScenarios) {
	const check = scenario.check;
	scenario.check = async (context) => {
		await check(context);
		assertErrorsReadAsOneLine(context);
	};
}
