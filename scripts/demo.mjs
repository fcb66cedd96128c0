#!/usr/bin/env node
// One-command demo: `npm start` builds this package, starts the SortedPRO simulator and a real
// n8n (pinned in scripts/lib/runtime.mjs, installed into .cache/ on first use) with the package
// installed as the Community Nodes installer does, a credential "SortedPRO Simulator" and the
// workflows in examples/; then prints the editor URL and the login it created. Ctrl-C stops it all.
//
//   npm start                      editor at http://127.0.0.1:5678 (next free port if taken)
//   npm start -- --port 5690       another port (0: any free port)
//   npm start -- --headless        no server: run the examples once with `n8n execute`, print
//                                  the results and exit (non-zero if the allocation run failed)
//   npm start -- --no-build        use the existing dist/
//
// Everything binds to 127.0.0.1 and runs offline in a fresh n8n user folder (DEMO_DIR in
// scripts/lib/n8n.mjs, under the system's temporary folder and wiped at each start; --headless
// uses a temporary one of its own), so each start is a clean slate. The folder is outside the
// checkout on purpose: inside it, the installed package would load this project's n8n-workflow
// instead of n8n's, and the demo refuses to start if it would. While it runs, state.json in that
// folder tells scripts/screenshots.mjs where the editor and simulator are and how to log in.
import { createRequire } from 'node:module';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { N8N_VERSION, ROOT, ensureN8n, log } from './lib/runtime.mjs';
import {
	CREDENTIAL_TYPE,
	DEMO_DIR,
	DEMO_STATE_FILE as STATE_FILE,
	N8nInstance,
	N8nRest,
	buildAndPack,
	foreignN8nWorkflow,
	freePort,
	installPackage,
	listFiles,
	nodeRun,
} from './lib/n8n.mjs';

const require = createRequire(import.meta.url);
const { SEEDED_REFS, startSimulator } = require('../test/simulator/index.js');
const { freshReferences, referencesToTry } = require('./lib/demoBanner.js');

const args = process.argv.slice(2);
const HEADLESS = args.includes('--headless');
const BUILD = !args.includes('--no-build');
const portArg = args.find((a, i) => a.startsWith('--port=') || args[i - 1] === '--port');
const PORT = portArg
	? Number(portArg.replace('--port=', ''))
	: Number(process.env.N8N_DEMO_PORT ?? 5678);

const DEMO_LOGIN = {
	email: 'demo@example.com',
	password: 'SortedPro-Demo1',
	firstName: 'Demo',
	lastName: 'User',
};
const DEMO_CREDENTIAL = {
	id: 'sortedProDemoSim',
	name: 'SortedPRO Simulator',
	type: CREDENTIAL_TYPE,
};
const DEMO_API_KEY = 'demo-simulator-key';
const EXAMPLES_DIR = join(ROOT, 'examples');
const ALLOCATE_EXAMPLE = 'allocate-orders.json';

let instance;
let sim;
let stopping;

async function stopAll(code = 0) {
	stopping ??= (async () => {
		if (!HEADLESS && instance) rmSync(STATE_FILE, { force: true });
		await instance?.stop().catch(() => {});
		await sim?.close().catch(() => {});
	})();
	await stopping;
	process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (!HEADLESS) process.stderr.write('\n');
		log('Stopping n8n and the simulator...');
		void stopAll(signal === 'SIGINT' ? 0 : 130);
	});
}
process.on('exit', () => instance?.killAllSync());

async function portIsFree(port) {
	const { createServer } = await import('node:net');
	return new Promise((resolve) => {
		const s = createServer();
		s.once('error', () => resolve(false));
		s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
	});
}

function printAllocation(items) {
	const rows = items.map((i) => ({
		ConsignmentReference: i.ConsignmentReference,
		Allocated: i.Allocated,
		Carrier: i.Allocated ? `${i.CarrierName ?? ''} ${i.CarrierServiceName ?? ''}`.trim() : '',
		Tracking: (i.ConsignmentLegs ?? []).flatMap((l) => l.TrackingReferences ?? []).join(' '),
		FailureReason: i.FailureReason ?? '',
	}));
	console.table(rows);
}

function runningDemo() {
	try {
		const state = JSON.parse(readFileSync(STATE_FILE, 'utf8'));
		process.kill(state.pid, 0);
		return state;
	} catch {
		return undefined;
	}
}

async function main() {
	const other = HEADLESS ? undefined : runningDemo();
	if (other) {
		log(
			`A demo is already running (process ${other.pid}): ${other.editorUrl}, login ${other.login.email} / ${other.login.password}. Stop it first (Ctrl-C in its terminal).`,
		);
		process.exit(1);
	}
	const [, packed] = await Promise.all([ensureN8n(), buildAndPack({ build: BUILD })]);
	sim = await startSimulator({ apiKey: DEMO_API_KEY });
	log(`SortedPRO simulator at ${sim.url} (API key "${DEMO_API_KEY}")`);

	let port = PORT || (await freePort());
	if (!HEADLESS && !(await portIsFree(port))) {
		port = await freePort();
		log(`Port ${PORT} is taken; using ${port} instead.`);
	}
	// The editor demo lives in DEMO_DIR (wiped at each start); --headless uses a temporary
	// folder, so it can run while an editor demo is up.
	if (!HEADLESS) {
		rmSync(DEMO_DIR, { recursive: true, force: true });
		mkdirSync(DEMO_DIR, { recursive: true });
	}
	instance = HEADLESS
		? await N8nInstance.create({ label: 'demo', port })
		: await N8nInstance.create({ label: 'demo', userFolder: DEMO_DIR, port, keepFolder: true });
	const packageDir = installPackage(instance.userFolder, packed.tarball, packed.version);
	packed.cleanup();
	const foreign = foreignN8nWorkflow(packageDir, instance.dir);
	if (foreign) {
		log(
			`Refusing to start: the installed package (${packageDir}) would load n8n-workflow from ${foreign} instead of n8n's own copy, ` +
				'and with two copies n8n no longer recognises the errors the node throws (a real 400 would show "Error code: none"). ' +
				`The n8n user folder (${instance.userFolder}) must be outside any folder holding node_modules/n8n-workflow: ` +
				`start the demo with a temporary folder elsewhere, e.g. \`TMPDIR=/tmp npm start\`.`,
		);
		await stopAll(1);
		return;
	}

	await instance.importCredentials([
		{ ...DEMO_CREDENTIAL, data: { apiKey: DEMO_API_KEY, environment: 'custom', baseUrl: sim.url } },
	]);
	const exampleFiles = listFiles(EXAMPLES_DIR);
	const examples = exampleFiles.map((f) => JSON.parse(readFileSync(join(EXAMPLES_DIR, f), 'utf8')));
	await instance.importWorkflows(examples);
	log(
		`Imported the credential "${DEMO_CREDENTIAL.name}" and ${examples.length} example workflows (${exampleFiles.join(', ')}).`,
	);

	if (HEADLESS) {
		let ok = true;
		// The allocation example last, so its result is what ends up on screen.
		const order = exampleFiles
			.map((f, i) => [f, examples[i]])
			.sort(([a], [b]) => Number(a === ALLOCATE_EXAMPLE) - Number(b === ALLOCATE_EXAMPLE));
		for (const [file, wf] of order) {
			// `n8n execute` starts only from a Manual Trigger; a webhook or trigger example needs the editor.
			if (!wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')) {
				const polls = wf.nodes.some((n) => n.type.endsWith('.sortedProTrigger'));
				log(
					polls
						? `Skipping "${wf.name}" (examples/${file}): it starts from the SortedPRO Trigger, which n8n execute cannot run. Run \`npm start\`, open it and activate it.`
						: `Skipping "${wf.name}" (examples/${file}): it starts with a Webhook, which n8n execute cannot run. Run \`npm start\`, open it and click "Execute workflow" (it uses the pinned sample order).`,
				);
				continue;
			}
			log(`Running "${wf.name}" (examples/${file}) with n8n execute...`);
			const result = await instance.execute(wf.id);
			const run = result.run;
			const status = run?.status ?? (run?.data?.resultData?.error ? 'error' : 'unknown');
			const runData = run?.data?.resultData?.runData ?? {};
			const last = wf.nodes.filter((n) => n.type.endsWith('.sortedPro')).at(-1);
			const { items, error } = nodeRun(runData, last.name);
			console.log(`\n=== ${wf.name}: ${status} ===`);
			if (error || run?.data?.resultData?.error) {
				const e = error ?? run.data.resultData.error;
				console.log(`Error: ${e.message}${e.description ? `\n${e.description}` : ''}`);
			}
			if (file === ALLOCATE_EXAMPLE) {
				console.log(JSON.stringify(items, null, 2));
				console.log(
					`\nAllocation result (${items.filter((i) => i.Allocated).length} of ${items.length} allocated):`,
				);
				printAllocation(items);
				if (status !== 'success') ok = false;
			} else {
				console.table(
					items.map((s) => ({ Reference: s.Reference, Name: s.Name, CarrierName: s.CarrierName })),
				);
			}
			if (!run) {
				ok = false;
				console.log(
					`(no result from n8n execute, exit ${result.code})\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
				);
			}
		}
		const allocations = sim.requests.filter((r) => r.method === 'PUT').length;
		console.log(
			`\nThe simulator received ${sim.requests.length} API requests (${allocations} allocation request${allocations === 1 ? '' : 's'}).`,
		);
		await stopAll(ok ? 0 : 1);
		return;
	}

	const logFile = join(DEMO_DIR, 'n8n.log');
	writeFileSync(logFile, '');
	await instance.start({ onLine: (line) => appendFileSync(logFile, `${line}\n`) });
	const rest = new N8nRest(instance.url);
	await rest.setupOwner(DEMO_LOGIN);
	const state = {
		editorUrl: instance.url,
		simulatorUrl: sim.url,
		login: { email: DEMO_LOGIN.email, password: DEMO_LOGIN.password },
		credential: DEMO_CREDENTIAL,
		workflows: examples.map((w) => ({
			id: w.id,
			name: w.name,
			url: `${instance.url}/workflow/${w.id}`,
		})),
		pid: process.pid,
	};
	writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
	const fresh = freshReferences(3);
	const line = '='.repeat(72);
	console.log(`
${line}
 SortedPRO demo is running (n8n ${N8N_VERSION}, simulated SortedPRO API)

 Editor:    ${instance.url}
 Login:     ${DEMO_LOGIN.email}  /  ${DEMO_LOGIN.password}
 Workflows: ${state.workflows.map((w) => `\n   - ${w.name}: ${w.url}`).join('')}
 Credential "${DEMO_CREDENTIAL.name}" points at the simulator: ${sim.url}

${referencesToTry({ fresh, seeded: SEEDED_REFS.allocatable, ineligible: SEEDED_REFS.ineligible })}

 Open a workflow and click "Execute workflow". n8n's log: ${logFile}
 Press Ctrl-C to stop n8n and the simulator.
${line}
`);
	// Keep running until a signal arrives; if n8n dies, say so and exit.
	instance.server.on('close', (code) => {
		if (stopping) return;
		log(`n8n exited unexpectedly (code ${code}); see ${logFile}`);
		void stopAll(1);
	});
}

main().catch(async (error) => {
	log(`Demo failed: ${error.stack ?? error}`);
	if (instance?.serverLog)
		process.stderr.write(`--- last n8n output ---\n${instance.serverLog.slice(-3000)}\n`);
	await stopAll(1);
});
