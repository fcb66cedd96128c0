#!/usr/bin/env node
// End-to-end test of the SortedPRO Trigger in a real n8n (pinned in scripts/lib/runtime.mjs)
// against the SortedPRO simulator: `npm run test:e2e:trigger [-- --keep] [-- --no-build]`.
//
// It takes about five minutes, because n8n polls at most once a minute, so it is a script of its
// own rather than part of scripts/e2e.mjs. What it does:
// 1. Builds and packs the package, installs it into a fresh n8n user folder the way the Community
//    Nodes installer does, imports a credential and a workflow "SortedPRO Trigger (Allocation
//    Failed, every minute) -> No Operation", starts `n8n start` and activates the workflow through
//    the REST API, as the editor's toggle does.
// 2. Consignments that failed before the activation must never show up.
// 3. Two consignments move to AllocationFailed on the simulator: the next poll's execution holds
//    exactly those two, oldest first.
// 4. The next poll is answered HTTP 429: no execution, a log line saying the poll was skipped,
//    the workflow stays active. Two more consignments fail meanwhile; the poll after that emits
//    both.
// 5. n8n is stopped, a consignment fails while it is down, n8n starts again: the poll made on
//    start-up emits it.
// 6. "Fetch Test Event" as the editor runs it returns the most recent consignment.
// 7. One more poll with nothing new: no execution.
// In the end the executions, in order, hold each consignment exactly once and in the order they
// failed, the No Operation node received them, and no API key is in n8n's log.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { ensureN8n, log } from './lib/runtime.mjs';
import {
	CREDENTIAL_TYPE,
	N8nInstance,
	N8nRest,
	PACKAGE_NAME,
	buildAndPack,
	installPackage,
	nodeRun,
	requireFromN8n,
} from './lib/n8n.mjs';

const require = createRequire(import.meta.url);
const simulatorModule = require('../test/simulator/index.js');

const args = process.argv.slice(2);
const KEEP = args.includes('--keep');
const BUILD = !args.includes('--no-build');

const TRIGGER_TYPE = `${PACKAGE_NAME}.sortedProTrigger`;
const CREDENTIAL = { id: 'sortedProTriggerE2e', name: 'SortedPRO (trigger e2e)' };
const TRIGGER_NAME = 'SortedPRO Trigger';
const ALERT_NAME = 'Alert the team';
const WORKFLOW = {
	id: 'sortedProTriggerE2e1',
	name: 'E2E: alert on failed allocations',
	active: false,
	settings: { executionOrder: 'v1' },
	pinData: {},
	nodes: [
		{
			id: 'c7b3a0f4-1111-4a5e-9d43-0a1b2c3d4e01',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				event: 'consignmentStateChanged',
				states: ['AllocationFailed'],
				filters: {},
			},
			credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
		},
		{
			id: 'c7b3a0f4-1111-4a5e-9d43-0a1b2c3d4e02',
			name: ALERT_NAME,
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
			parameters: {},
		},
	],
	connections: {
		[TRIGGER_NAME]: { main: [[{ node: ALERT_NAME, type: 'main', index: 0 }]] },
	},
};

// One poll a minute at a random second; a poll may also wait for the previous one.
const POLL_WAIT_MS = 100 * 1000;

let instance;
let sim;
let cleaningUp;

async function cleanup() {
	cleaningUp ??= (async () => {
		await instance?.stop({ removeFolder: !KEEP }).catch((e) => log(`stopping n8n: ${e.message}`));
		await sim?.close().catch(() => {});
		if (KEEP && instance) log(`Kept the n8n user folder: ${instance.userFolder}`);
	})();
	return cleaningUp;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		log(`${signal}: stopping n8n and the simulator...`);
		await cleanup();
		process.exit(130);
	});
}
process.on('exit', () => instance?.killAllSync());

const searches = () => sim.requests.filter((r) => /^\/consignments\/\d+\/\d+$/.test(r.path));

async function until(what, timeoutMs, check) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const value = await check();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 1000));
	}
	throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
}

/** The workflow's executions, oldest first, each with the references its trigger emitted. */
async function executions(rest, flatted) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW.id }));
	const list = (await rest.get(`/executions?filter=${filter}&limit=100`)).body;
	const results = [...(list?.results ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
	const done = [];
	for (const summary of results) {
		if (['new', 'running', 'waiting'].includes(summary.status) || summary.mode === 'manual')
			continue;
		const { body } = await rest.get(`/executions/${summary.id}`);
		const data = typeof body.data === 'string' ? flatted.parse(body.data) : body.data;
		const runData = data?.resultData?.runData ?? {};
		const trigger = nodeRun(runData, TRIGGER_NAME);
		const alert = nodeRun(runData, ALERT_NAME);
		done.push({
			id: summary.id,
			status: body.status,
			mode: body.mode,
			references: trigger.items.map((i) => i.ConsignmentReference),
			states: trigger.items.map((i) => i.State),
			alerted: alert.items.map((i) => i.ConsignmentReference),
		});
	}
	return done;
}

/** Moves consignments to AllocationFailed one after another, so their order is defined. */
async function fail(references) {
	for (const reference of references) {
		sim.setConsignmentState(reference, 'AllocationFailed', {
			reason: `Simulated carrier event for ${reference}`,
		});
		await new Promise((r) => setTimeout(r, 5));
	}
}

async function main() {
	const t0 = Date.now();
	log(`Trigger E2E: ${TRIGGER_TYPE} in a real n8n, polling the SortedPRO simulator`);
	const [, packed] = await Promise.all([ensureN8n(), buildAndPack({ build: BUILD })]);
	const apiKey = `e2e-key-${randomBytes(6).toString('hex')}`;
	sim = await simulatorModule.startSimulator({ apiKey });
	log(`Simulator at ${sim.url}`);

	instance = await N8nInstance.create({ label: 'e2e-trigger', keepFolder: true });
	installPackage(instance.userFolder, packed.tarball, packed.version);
	packed.cleanup();
	await instance.importCredentials([
		{
			...CREDENTIAL,
			type: CREDENTIAL_TYPE,
			data: { apiKey, environment: 'custom', baseUrl: sim.url },
		},
	]);
	await instance.importWorkflows([WORKFLOW]);
	const flatted = requireFromN8n(instance.dir, 'flatted');

	const ref = (n) => simulatorModule.makeConsignmentReference(n);
	const history = [ref(900001), ref(900002)];
	const firstPoll = [ref(900011), ref(900012)];
	const afterThrottle = [ref(900021), ref(900022)];
	const duringDowntime = [ref(900031)];

	await fail(history);
	await instance.start();
	const rest = new N8nRest(instance.url);
	await rest.setupOwner({ email: 'e2e-trigger@example.com', password: 'E2e-Passw0rd' });

	const { body: stored } = await rest.get(`/workflows/${WORKFLOW.id}`);
	await rest.post(`/workflows/${WORKFLOW.id}/activate`, { versionId: stored.versionId });
	const activated = (await rest.get(`/workflows/${WORKFLOW.id}`)).body;
	assert.ok(activated.active, 'the workflow is active');
	// The activation's own poll may land a moment after the REST call returns.
	await until('the activation poll', 30000, () => searches().length >= 1);
	await new Promise((r) => setTimeout(r, 1000));
	assert.equal(searches().length, 1, 'activation made one search (the connection check)');
	assert.equal(searches()[0].headers['ocp-apim-subscription-key'], apiKey);
	log('Workflow active; activation checked the connection with one search.');

	// --- poll 1: two consignments fail
	await fail(firstPoll);
	const afterPoll1 = await until('the execution of the first poll', POLL_WAIT_MS, async () => {
		const list = await executions(rest, flatted);
		return list.length >= 1 ? list : undefined;
	});
	assert.equal(afterPoll1.length, 1, `one execution: ${JSON.stringify(afterPoll1)}`);
	assert.deepEqual(afterPoll1[0].references, firstPoll, 'the first poll emits both, in order');
	log(`Poll 1: execution ${afterPoll1[0].id} with ${afterPoll1[0].references.join(', ')}.`);

	// --- poll 2 is throttled; two more fail meanwhile
	const searchesBefore = searches().length;
	sim.inject({ ...simulatorModule.faults.throttled(30), method: 'GET', path: '/consignments/' });
	await fail(afterThrottle);
	await until('the throttled poll', POLL_WAIT_MS, () => searches().length > searchesBefore);
	await new Promise((r) => setTimeout(r, 3000));
	assert.match(
		instance.serverLog,
		/skipped this poll: SortedPRO is receiving too many requests[^\n]*HTTP 429/,
		'n8n logged the skipped poll',
	);
	assert.equal((await executions(rest, flatted)).length, 1, 'no execution for the throttled poll');
	assert.ok((await rest.get(`/workflows/${WORKFLOW.id}`)).body.active, 'still active after a 429');
	log('Poll 2: HTTP 429, skipped with a log line; the workflow stays active.');

	// --- poll 3 catches up
	const afterPoll3 = await until(
		'the execution after the throttled poll',
		POLL_WAIT_MS,
		async () => {
			const list = await executions(rest, flatted);
			return list.length >= 2 ? list : undefined;
		},
	);
	assert.deepEqual(
		afterPoll3[1].references,
		afterThrottle,
		'the next poll emits what failed meanwhile',
	);
	log(`Poll 3: execution ${afterPoll3[1].id} with ${afterPoll3[1].references.join(', ')}.`);

	// --- n8n restarts; one consignment fails while it is down
	log('Stopping n8n...');
	const firstServerLog = instance.serverLog;
	await instance.stop({ removeFolder: false });
	await fail(duringDowntime);
	await instance.start();
	await rest.login({ email: 'e2e-trigger@example.com', password: 'E2e-Passw0rd' });
	const afterRestart = await until('the execution after the restart', POLL_WAIT_MS, async () => {
		const list = await executions(rest, flatted);
		return list.length >= 3 ? list : undefined;
	});
	assert.deepEqual(afterRestart[2].references, duringDowntime, 'what failed during the downtime');
	log(
		`After the restart: execution ${afterRestart[2].id} with ${afterRestart[2].references.join(', ')}.`,
	);

	// --- the editor's "Fetch Test Event": the most recent match, nothing else changes
	const { body: manual } = await rest.post(`/workflows/${WORKFLOW.id}/run`, {
		triggerToStartFrom: { name: TRIGGER_NAME },
		destinationNode: { nodeName: TRIGGER_NAME, mode: 'inclusive' },
	});
	assert.ok(manual?.executionId, `a manual run started: ${JSON.stringify(manual)}`);
	const testEvent = await until('the Fetch Test Event run', 60000, async () => {
		const { body } = await rest.get(`/executions/${manual.executionId}`);
		if (!body?.data || ['new', 'running', 'waiting'].includes(body.status)) return undefined;
		const data = typeof body.data === 'string' ? flatted.parse(body.data) : body.data;
		return nodeRun(data?.resultData?.runData ?? {}, TRIGGER_NAME);
	});
	assert.deepEqual(
		testEvent.items.map((i) => i.ConsignmentReference),
		duringDowntime,
		'Fetch Test Event returns the most recent consignment in the state',
	);
	log(`Fetch Test Event: ${testEvent.items[0].ConsignmentReference}.`);

	// --- a quiet poll emits nothing (and the test event changed nothing)
	const searchesQuiet = searches().length;
	await until('a poll with nothing new', POLL_WAIT_MS, () => searches().length > searchesQuiet);
	await new Promise((r) => setTimeout(r, 5000));
	const all = await executions(rest, flatted);
	assert.equal(all.length, 3, `no execution for a poll with nothing new: ${JSON.stringify(all)}`);

	const emitted = all.flatMap((e) => e.references);
	assert.deepEqual(
		emitted,
		[...firstPoll, ...afterThrottle, ...duringDowntime],
		'each once, in order',
	);
	for (const reference of history)
		assert.ok(!emitted.includes(reference), `${reference} failed before activation: not emitted`);
	for (const execution of all) {
		assert.equal(execution.status, 'success', `execution ${execution.id} succeeded`);
		assert.deepEqual(execution.alerted, execution.references, 'the next node got the items');
		assert.ok(execution.states.every((s) => s === 'AllocationFailed'));
	}
	for (const serverLog of [firstServerLog, instance.serverLog])
		assert.equal(serverLog.indexOf(apiKey), -1, 'the API key is not in the n8n log');

	log(
		`PASS  trigger e2e: ${all.length} executions, ${emitted.length} consignments each once and in order, ` +
			`a 429 skipped, a restart survived (${((Date.now() - t0) / 1000).toFixed(0)} s).`,
	);
}

try {
	await main();
} catch (error) {
	log(`FAIL  trigger e2e: ${error.stack ?? error}`);
	if (instance?.serverLog)
		process.stderr.write(`--- last n8n server output ---\n${instance.serverLog.slice(-4000)}\n`);
	process.exitCode = 1;
} finally {
	await cleanup();
}
