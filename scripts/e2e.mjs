#!/usr/bin/env node
// End-to-end suite: this package in a real n8n (pinned in scripts/lib/runtime.mjs), against the
// project's SortedPRO simulator. `npm run test:e2e [-- --keep] [-- --no-build] [-- --only=<text>]`.
//
// How it runs, and why:
// - n8n and Node 24 come from the cache (.cache/, installed on first use, with progress).
// - The package is built, packed with `npm pack`, and unpacked into an isolated temporary user
//   folder's .n8n/nodes/node_modules exactly as the Community Nodes installer does, so workflows
//   use the node type `n8n-nodes-sortedpro.sortedPro`.
// - The simulator runs in this process, so every request it received can be asserted on directly.
// - Credentials and all scenario workflows are imported with two CLI calls (`import:credentials`,
//   `import:workflow --separate`), not one per workflow: each n8n CLI start costs 4-5 s.
// - One scenario runs through `n8n execute --id` (the headless CLI path the demo's --headless uses).
//   Everything else shares ONE `n8n start` server: a workflow run over its REST API
//   (POST /rest/workflows/:id/run, as the editor's button does) takes well under a second, whereas
//   a fresh `n8n execute` per scenario would cost ~5 s each plus 400 MB; the credential test and
//   the carrier-service list search need a running server and a logged-in owner anyway.
// - n8n is offline (telemetry, templates, version checks, community registry off), bound to
//   127.0.0.1, and every process it starts is in its own process group, killed in `finally` and on
//   SIGINT/SIGTERM. The temporary user folder is removed unless --keep is given.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, ensureN8n, log } from './lib/runtime.mjs';
import {
	CREDENTIAL_TYPE,
	N8nInstance,
	N8nRest,
	NODE_TYPE,
	buildAndPack,
	foreignN8nWorkflow,
	installPackage,
	listFiles,
	nodeRun,
	requireFromN8n,
} from './lib/n8n.mjs';
import {
	CREDENTIALS,
	SERVICE,
	WORKFLOW_DIR,
	checkCredentialTestResult,
	credentialTestCases,
	errorText,
	loadWorkflow,
	workflowScenarios,
} from '../test/e2e/scenarios.mjs';

const require = createRequire(import.meta.url);
const simulatorModule = require('../test/simulator/index.js');

const args = process.argv.slice(2);
const KEEP = args.includes('--keep');
const BUILD = !args.includes('--no-build');
const ONLY = args
	.find((a) => a.startsWith('--only='))
	?.slice('--only='.length)
	.toLowerCase();

const results = [];
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

async function scenario(name, fn) {
	if (ONLY && !name.toLowerCase().includes(ONLY)) return;
	const started = Date.now();
	try {
		await fn();
		results.push({ name, ok: true, ms: Date.now() - started });
		log(`PASS  ${name} (${Date.now() - started} ms)`);
	} catch (error) {
		results.push({ name, ok: false, ms: Date.now() - started, error });
		log(
			`FAIL  ${name} (${Date.now() - started} ms)\n      ${String(error.message).split('\n').join('\n      ')}`,
		);
	}
}

function context({ workflow, execution, raw, badKey }) {
	const runData = execution?.data?.resultData?.runData ?? {};
	return {
		workflow,
		execution: { status: execution?.status, error: execution?.data?.resultData?.error },
		node: (name) => nodeRun(runData, name),
		requests: [...sim.requests],
		sim,
		seed: simulatorModule,
		raw,
		badKey,
		userFolder: instance?.userFolder,
	};
}

async function main() {
	const t0 = Date.now();
	log(`E2E: n8n + ${NODE_TYPE} against the SortedPRO simulator (${ROOT})`);
	// The n8n install (network, disk) and the build (CPU) overlap on a cold run.
	const [, packed] = await Promise.all([ensureN8n(), buildAndPack({ build: BUILD })]);
	const tReady = Date.now();

	const apiKey = `e2e-key-${randomBytes(6).toString('hex')}`;
	const badKey = `wrong-key-${randomBytes(6).toString('hex')}`;
	sim = await simulatorModule.startSimulator({ apiKey });
	log(`Simulator at ${sim.url}`);

	instance = await N8nInstance.create({ label: 'e2e', keepFolder: KEEP });
	const packageDir = installPackage(instance.userFolder, packed.tarball, packed.version);
	packed.cleanup();
	log(`n8n user folder ${instance.userFolder}; package installed into .n8n/nodes/node_modules`);

	const credentialData = (key) => ({ apiKey: key, environment: 'custom', baseUrl: sim.url });
	await instance.importCredentials([
		{ ...CREDENTIALS.good, type: CREDENTIAL_TYPE, data: credentialData(apiKey) },
		{ ...CREDENTIALS.bad, type: CREDENTIAL_TYPE, data: credentialData(badKey) },
	]);
	const workflowFiles = listFiles(WORKFLOW_DIR);
	// Workflows that call the simulator directly (the HTTP Request node) say __SIMULATOR_URL__.
	const withSimulatorUrl = (workflow) =>
		JSON.parse(JSON.stringify(workflow).replaceAll('__SIMULATOR_URL__', sim.url));
	const workflows = Object.fromEntries(
		workflowFiles.map((f) => [f, withSimulatorUrl(loadWorkflow(f))]),
	);
	await instance.importWorkflows(Object.values(workflows));
	log(`Imported 2 credentials and ${workflowFiles.length} workflows.`);

	const flatted = requireFromN8n(instance.dir, 'flatted');

	// --- headless CLI scenarios (before the server: one n8n process at a time on this folder)
	for (const sc of workflowScenarios.filter((s) => s.via === 'cli')) {
		await scenario(sc.name, async () => {
			sim.reset();
			if (sc.behaviour) sim.setBehaviour(sc.behaviour);
			const workflow = workflows[sc.workflow];
			const result = await instance.execute(workflow.id);
			assert.ok(
				result.run,
				`no run JSON in n8n execute output (exit ${result.code}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`,
			);
			await sc.check(
				context({ workflow, execution: result.run, raw: result.stdout + result.stderr, badKey }),
			);
		});
	}

	// --- one server for everything else
	await instance.start();
	const rest = new N8nRest(instance.url);
	await rest.setupOwner({ email: 'e2e@example.com', password: 'E2e-Passw0rd' });

	await scenario(
		'the editor knows the node and the credential type (GET /types/*.json)',
		async () => {
			const nodes = (await rest.get('/types/nodes.json', { prefix: '' })).raw;
			const node = nodes.find((n) => n.name === NODE_TYPE);
			assert.ok(node, `${NODE_TYPE} is among the ${nodes.length} node types the editor loads`);
			assert.equal(node.displayName, 'SortedPRO');
			assert.deepEqual([node.version].flat(), [1]);
			assert.ok(
				node.credentials?.some((c) => c.name === CREDENTIAL_TYPE),
				'the node uses the credential type',
			);
			const credentialTypes = (await rest.get('/types/credentials.json', { prefix: '' })).raw;
			const credentialType = credentialTypes.find((c) => c.name === CREDENTIAL_TYPE);
			assert.ok(credentialType, `${CREDENTIAL_TYPE} is a known credential type`);
			assert.equal(credentialType.displayName, 'SortedPRO API');
			const stored = (await rest.get('/credentials')).body;
			assert.ok(
				stored.some((c) => c.id === CREDENTIALS.good.id && c.type === CREDENTIAL_TYPE),
				'the imported credential is stored',
			);
		},
	);

	for (const sc of workflowScenarios.filter((s) => s.via !== 'cli')) {
		await scenario(sc.name, async () => {
			sim.reset();
			if (sc.behaviour) sim.setBehaviour(sc.behaviour);
			const workflow = workflows[sc.workflow];
			// A setup may run the workflow first (a re-run scenario) through the same server.
			await sc.setup?.(sim, { run: () => rest.runWorkflow(workflow, { flatted }) });
			const execution = await rest.runWorkflow(workflow, { flatted });
			await sc.check(context({ workflow, execution, raw: JSON.stringify(execution), badKey }));
		});
	}

	await scenario("credential test through n8n's API (POST /rest/credentials/test)", async () => {
		// As the editor's credential modal does: load the stored credential (secrets come back
		// redacted), then send the form's data back for testing; n8n swaps the stored key back in.
		const test = async (cred) => {
			const stored = await rest.get(`/credentials/${cred.id}?includeData=true`);
			assert.ok(
				!stored.text.includes(apiKey) && !stored.text.includes(badKey),
				'the API key is redacted when the editor loads the credential',
			);
			assert.equal(stored.body?.data?.baseUrl, sim.url);
			return rest.post('/credentials/test', {
				credentials: {
					id: cred.id,
					name: cred.name,
					type: CREDENTIAL_TYPE,
					data: stored.body.data,
				},
			});
		};
		sim.reset();
		const ok = await test(CREDENTIALS.good);
		assert.equal(ok.body?.status, 'OK', `good key: ${JSON.stringify(ok.body)}`);
		const okCalls = [...sim.requests];
		assert.equal(
			okCalls.length,
			1,
			`one test request: ${okCalls.map((r) => r.method + ' ' + r.path).join(', ')}`,
		);
		assert.equal(`${okCalls[0].method} ${okCalls[0].path.toLowerCase()}`, 'GET /shippinglocations');
		assert.equal(okCalls[0].headers['ocp-apim-subscription-key'], apiKey);
		assert.equal(okCalls[0].headers['electio-api-version'], '1.1');

		sim.clearRequests();
		const bad = await test(CREDENTIALS.bad);
		assert.equal(bad.body?.status, 'Error', `wrong key: ${JSON.stringify(bad.body)}`);
		assert.match(
			String(bad.body?.message),
			/key/i,
			`a message about the key: ${bad.body?.message}`,
		);
		assert.ok(!bad.text.includes(badKey), 'the key is not echoed back');
		// n8n's request helper itself re-sends a request once after a 401 (its token-refresh path),
		// so the credential test may reach the API twice.
		assert.ok(
			[1, 2].includes(sim.requests.length),
			`one or two test requests, got ${sim.requests.length}`,
		);
		for (const r of sim.requests) {
			assert.equal(`${r.method} ${r.path.toLowerCase()}`, 'GET /shippinglocations');
			assert.equal(r.headers['ocp-apim-subscription-key'], badKey);
		}
		// n8n encrypts credential data at rest: no key in plain text anywhere in its database.
		const dbDir = join(instance.userFolder, '.n8n');
		const dbFiles = readdirSync(dbDir).filter((f) => f.startsWith('database.sqlite'));
		assert.ok(dbFiles.length > 0, 'n8n database found');
		for (const file of dbFiles) {
			const bytes = readFileSync(join(dbDir, file));
			for (const key of [apiKey, badKey])
				assert.equal(bytes.indexOf(key), -1, `the API key is not stored in plain text in ${file}`);
		}
	});

	await scenario("credential test through n8n's API: a base URL that leads nowhere", async () => {
		// The node's testedBy method runs in n8n's own tester: each outcome is a sentence to act on.
		const stored = await rest.get(`/credentials/${CREDENTIALS.good.id}?includeData=true`);
		const gone = await simulatorModule.startSimulator();
		await gone.close();
		for (const testCase of credentialTestCases) {
			sim.reset();
			const baseUrl = testCase.baseUrl({ sim, closedUrl: gone.url });
			const { body } = await rest.post('/credentials/test', {
				credentials: {
					...CREDENTIALS.good,
					type: CREDENTIAL_TYPE,
					data: { ...stored.body.data, baseUrl },
				},
			});
			checkCredentialTestResult(testCase, body, { requests: sim.requests, apiKey });
		}
	});

	await scenario(
		"carrier-service list search through n8n's API, as the editor calls it",
		async () => {
			sim.reset();
			const payload = (filter) => ({
				nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
				path: 'parameters.carrierService',
				methodName: 'searchCarrierServices',
				...(filter === undefined ? {} : { filter }),
				currentNodeParameters: {
					resource: 'consignment',
					operation: 'allocateWithCarrierService',
					carrierService: { __rl: true, mode: 'list', value: '' },
					consignmentReferences: '',
					options: {},
				},
				credentials: { [CREDENTIAL_TYPE]: CREDENTIALS.good },
			});
			const all = await rest.post('/dynamic-node-parameters/resource-locator-results', payload());
			const results = all.body?.results;
			assert.ok(Array.isArray(results), `results array: ${all.text.slice(0, 500)}`);
			assert.equal(
				results.length,
				simulatorModule.SEED_CARRIER_SERVICES.length,
				'every service listed',
			);
			const rm = results.find((r) => r.value === SERVICE);
			assert.ok(rm, `${SERVICE} offered`);
			assert.match(rm.name, /Tracked 48/, `a readable name: ${rm.name}`);
			assert.equal(sim.requests.length, 1);
			assert.equal(
				`${sim.requests[0].method} ${sim.requests[0].path.toLowerCase()}`,
				'GET /carrierservices',
			);
			assert.equal(sim.requests[0].headers['ocp-apim-subscription-key'], apiKey);

			const filtered = await rest.post(
				'/dynamic-node-parameters/resource-locator-results',
				payload('royal'),
			);
			assert.ok(filtered.body.results.length >= 1, 'filter finds Royal Mail');
			assert.ok(filtered.body.results.length < results.length, 'filter narrows the list');
			assert.ok(filtered.body.results.some((r) => r.value === SERVICE));
		},
	);

	await scenario("the API keys appear nowhere in n8n's server log", async () => {
		assert.ok(instance.serverLog.length > 0, 'the server log was captured');
		for (const key of [apiKey, badKey])
			assert.equal(instance.serverLog.indexOf(key), -1, 'an API key appears in the n8n server log');
	});

	await scenario("the installed package loads n8n's own n8n-workflow", async () => {
		assert.equal(foreignN8nWorkflow(packageDir, instance.dir), undefined);
	});

	const TRAP = '.sortedpro-demo-trap-';
	// Issue 12 item 10: with a second n8n-workflow in reach, n8n no longer recognises the node's
	// errors. The demo must refuse to start rather than show "Error code: none" for a real 400.
	await scenario(
		'the demo refuses to start when the package would load another n8n-workflow',
		async () => {
			// A temporary folder inside the checkout puts the repository's node_modules in reach.
			// One left by a killed run goes first.
			const modules = join(ROOT, 'node_modules');
			for (const stale of readdirSync(modules).filter((name) => name.startsWith(TRAP)))
				rmSync(join(modules, stale), { recursive: true, force: true });
			const trap = mkdtempSync(join(modules, TRAP));
			try {
				const demo = spawnSync(
					process.execPath,
					[join(ROOT, 'scripts', 'demo.mjs'), '--headless', '--no-build'],
					{ cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: trap }, timeout: 120_000 },
				);
				const output = `${demo.stdout}${demo.stderr}`;
				assert.equal(demo.status, 1, `exit code ${demo.status}:\n${output.slice(-2000)}`);
				assert.match(output, /Refusing to start/);
				assert.match(output, /TMPDIR=\/tmp npm start/, 'the message says how to start it right');
				assert.ok(
					output.includes(join(ROOT, 'node_modules', 'n8n-workflow')),
					`the message names the copy it would load:\n${output.slice(-2000)}`,
				);
				assert.doesNotMatch(output, /Imported the credential/, 'nothing was set up after refusing');
			} finally {
				rmSync(trap, { recursive: true, force: true });
			}
		},
	);

	const failed = results.filter((r) => !r.ok);
	const total = Date.now() - t0;
	const line = '-'.repeat(72);
	process.stderr.write(
		`\n${line}\nE2E summary (n8n ${instance ? 'in ' + instance.url : ''}, simulator ${sim.url})\n${line}\n`,
	);
	for (const r of results)
		process.stderr.write(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${r.ms} ms)\n`);
	process.stderr.write(
		`${line}\n${results.length - failed.length} passed, ${failed.length} failed; ` +
			`total ${(total / 1000).toFixed(1)} s (setup: n8n + build + pack ${((tReady - t0) / 1000).toFixed(1)} s)\n${line}\n`,
	);
	if (failed.length) {
		if (!KEEP)
			process.stderr.write(
				'Re-run with `npm run test:e2e -- --keep` to keep the n8n user folder for inspection.\n',
			);
		process.exitCode = 1;
	}
	if (!results.length) {
		process.stderr.write('No scenario matched.\n');
		process.exitCode = 1;
	}
}

try {
	await main();
} catch (error) {
	log(`E2E aborted: ${error.stack ?? error}`);
	if (instance?.serverLog)
		process.stderr.write(`--- last n8n server output ---\n${instance.serverLog.slice(-3000)}\n`);
	process.exitCode = 1;
} finally {
	await cleanup();
}
