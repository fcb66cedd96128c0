#!/usr/bin/env node
// Benchmark: this node against n8n's HTTP Request node doing the same work, side by side in ONE
// real n8n (the end-to-end suite's, pinned in scripts/lib/runtime.mjs) against the simulator
// answering instantly. `npm run bench [-- --reps=N] [-- --quick] [-- --only=<case>] [-- --no-start]`.
//
// Why it is built this way:
// - Variants run alternately (A B C, C B A, ...) so drift on a shared machine (other processes,
//   CPU frequency, n8n's own warm-up) spreads over all of them instead of favouring one.
// - The figure compared is the node's own execution time from n8n's run data (`executionTime` of
//   its task), the same clock for every variant; the workflow around it is identical.
// - The simulator is reset before every run, so every run allocates fresh Unallocated
//   consignments and nothing takes the re-run path (which looks consignments up).
// - A benchmark, not a test: it asserts only that each run did the work (every reference
//   allocated or manifested), never how fast.
// Writes bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, N8N_VERSION, ensureN8n, log } from './lib/runtime.mjs';
import {
	CREDENTIAL_TYPE,
	N8nInstance,
	N8nRest,
	NODE_TYPE,
	buildAndPack,
	installPackage,
	requireFromN8n,
} from './lib/n8n.mjs';

const require = createRequire(import.meta.url);
const simulatorModule = require('../test/simulator/index.js');

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const BUILD = !args.includes('--no-build');
const ONLY = args
	.find((a) => a.startsWith('--only='))
	?.slice(7)
	.toLowerCase();
const START = !args.includes('--no-start');
const REPS = Number(args.find((a) => a.startsWith('--reps='))?.slice(7) ?? (QUICK ? 2 : 5));
const SERVICE = 'MPD_RMDTPS48HNAUT';
const CHUNK = 100;

const CRED = {
	sortedPro: { id: 'benchSortedPro01', name: 'SortedPRO (bench)' },
	header: { id: 'benchHeaderAuth1', name: 'SortedPRO key as Header Auth (bench)' },
};

const VARIANTS = [
	{ key: 'node', label: 'SortedPRO node' },
	{ key: 'httpCred', label: 'HTTP Request + Header Auth credential' },
	{ key: 'httpHeaders', label: 'HTTP Request, key in Send Headers' },
];

const reference = (n) => {
	const s = String(n).padStart(9, '0');
	return `EC-${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6)}`;
};
const references = (count) => Array.from({ length: count }, (_, n) => reference(n + 1));

const chunks = (list) => {
	const out = [];
	for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
	return out;
};

// --- workflows -------------------------------------------------------------------------------

function workflow(id, name, items, target) {
	const nodes = [
		{
			parameters: {},
			id: `${id}-start`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
		},
		{
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ items }),
				options: {},
			},
			id: `${id}-input`,
			name: 'Input',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
		},
		{
			parameters: { fieldToSplitOut: 'items', options: {} },
			id: `${id}-split`,
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
		},
		{ ...target, id: `${id}-target`, name: 'Target', position: [600, 0] },
	];
	const link = (node) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	return {
		id,
		name,
		active: false,
		nodes,
		connections: { Start: link('Input'), Input: link('Items'), Items: link('Target') },
		settings: { executionOrder: 'v1' },
	};
}

function sortedProNode(parameters) {
	return {
		parameters,
		type: NODE_TYPE,
		typeVersion: 1,
		credentials: { [CREDENTIAL_TYPE]: CRED.sortedPro },
	};
}

function httpNode({ method, path, jsonBody, unsafe, simUrl, apiKey }) {
	const headers = [{ name: 'electio-api-version', value: '1.1' }];
	if (unsafe) headers.push({ name: 'ocp-apim-subscription-key', value: apiKey });
	return {
		parameters: {
			method,
			url: `${simUrl}${path}`,
			authentication: unsafe ? 'none' : 'genericCredentialType',
			...(unsafe ? {} : { genericAuthType: 'httpHeaderAuth' }),
			sendHeaders: true,
			headerParameters: { parameters: headers },
			...(jsonBody ? { sendBody: true, specifyBody: 'json', jsonBody } : {}),
			options: {},
		},
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		...(unsafe ? {} : { credentials: { httpHeaderAuth: CRED.header } }),
	};
}

/**
 * The cases. `items(variant)` is what the node receives; for one item holding 1 000 references
 * the HTTP Request variants receive them already cut into chunks of 100 (the API's limit), since a
 * user of that node must chunk them upstream; the chunking itself is not timed.
 */
function cases(sim) {
	const allocate = (count, { oneItem = false } = {}) => ({
		setup: () => {},
		items: (variant) => {
			const refs = references(count);
			if (oneItem) return variant === 'node' ? [{ refs }] : chunks(refs).map((refs) => ({ refs }));
			return refs.map((ref) => ({ refs: [ref] }));
		},
		node: sortedProNode({
			resource: 'consignment',
			operation: 'allocateWithCarrierService',
			carrierService: { __rl: true, mode: 'id', value: SERVICE },
			consignmentReferences: '={{ $json.refs }}',
			options: {},
		}),
		http: {
			method: 'PUT',
			path: '/allocation/allocatewithcarrierservice',
			jsonBody: `={{ JSON.stringify({ MpdCarrierServiceReference: '${SERVICE}', ConsignmentReferences: $json.refs }) }}`,
		},
		done: () =>
			references(count).every((r) => sim.getConsignment(r)?.ConsignmentState === 'Allocated'),
		expectedRequests: Math.ceil(count / CHUNK),
	});
	const list = [
		{ name: 'allocate, 1 item (1 reference)', count: 1, ...allocate(1) },
		{ name: 'allocate, 200 items (1 reference each)', count: 200, ...allocate(200) },
		{ name: 'allocate, 1 000 items (1 reference each)', count: 1000, ...allocate(1000) },
		{ name: 'allocate, 5 000 items (1 reference each)', count: 5000, ...allocate(5000) },
		{
			name: 'allocate, 1 item holding 1 000 references',
			count: 1000,
			...allocate(1000, { oneItem: true }),
		},
		{
			name: 'list carrier services, 200 items',
			count: 200,
			setup: () => {},
			items: () => Array.from({ length: 200 }, (_, n) => ({ n })),
			node: sortedProNode({ resource: 'carrierService', operation: 'list', returnAll: true }),
			http: { method: 'GET', path: '/carrierservices' },
			done: () => true,
			expectedRequests: 200,
		},
		{
			name: 'manifest, 1 000 items (1 reference each)',
			count: 1000,
			setup: () => {
				for (const r of references(1000)) sim.addConsignment({ reference: r, state: 'Allocated' });
			},
			items: (variant) => references(1000).map((ref) => ({ refs: [ref] })),
			node: sortedProNode({
				resource: 'consignment',
				operation: 'manifest',
				consignmentReferences: '={{ $json.refs }}',
				options: {},
			}),
			http: {
				method: 'PUT',
				path: '/consignments/manifest',
				jsonBody: '={{ JSON.stringify({ ConsignmentReferences: $json.refs }) }}',
			},
			done: () =>
				references(1000).every((r) => sim.getConsignment(r)?.ConsignmentState === 'Manifested'),
			expectedRequests: 10,
		},
	];
	return list.filter(
		(c) => (!QUICK || c.count <= 1000) && (!ONLY || c.name.toLowerCase().includes(ONLY)),
	);
}

// --- measuring -------------------------------------------------------------------------------

function rssKb(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	} catch {
		return 0;
	}
}

/** Peak resident memory of n8n's main process while `fn` runs (sampled every 20 ms). */
async function withPeakMemory(pid, fn) {
	let peak = rssKb(pid);
	const timer = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 20);
	try {
		const result = await fn();
		return { result, peakMb: Math.max(peak, rssKb(pid)) / 1024 };
	} finally {
		clearInterval(timer);
	}
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

async function startTimes(packed) {
	// The time the package adds to n8n's start: alternate starts with and without it installed.
	const times = { with: [], without: [] };
	for (let i = 0; i < 2; i++) {
		for (const withPackage of i % 2 ? [true, false] : [false, true]) {
			const inst = await N8nInstance.create({ label: `start-${withPackage ? 'with' : 'without'}` });
			if (withPackage) installPackage(inst.userFolder, packed.tarball, packed.version);
			const t = Date.now();
			await inst.start();
			(withPackage ? times.with : times.without).push(Date.now() - t);
			await inst.stop({ removeFolder: true });
		}
	}
	return times;
}

async function main() {
	const t0 = Date.now();
	const [, packed] = await Promise.all([ensureN8n(), buildAndPack({ build: BUILD })]);
	const packageBytes = statSync(packed.tarball).size;
	const start = START ? await startTimes(packed) : undefined;

	const apiKey = `bench-key-${randomBytes(6).toString('hex')}`;
	const sim = await simulatorModule.startSimulator({ apiKey });
	const instance = await N8nInstance.create({ label: 'bench' });
	process.on('exit', () => instance.killAllSync());
	for (const signal of ['SIGINT', 'SIGTERM'])
		process.on(signal, () => {
			instance.killAllSync();
			process.exit(130);
		});
	installPackage(instance.userFolder, packed.tarball, packed.version);
	packed.cleanup();
	await instance.importCredentials([
		{
			...CRED.sortedPro,
			type: CREDENTIAL_TYPE,
			data: { apiKey, environment: 'custom', baseUrl: sim.url },
		},
		{
			...CRED.header,
			type: 'httpHeaderAuth',
			data: { name: 'ocp-apim-subscription-key', value: apiKey },
		},
	]);

	const benchCases = cases(sim);
	const workflows = [];
	benchCases.forEach((c, ci) => {
		c.workflows = {};
		for (const v of VARIANTS) {
			const target =
				v.key === 'node'
					? c.node
					: httpNode({ ...c.http, unsafe: v.key === 'httpHeaders', simUrl: sim.url, apiKey });
			const wf = workflow(
				`bench${ci}${v.key}`.padEnd(16, '0').slice(0, 16),
				`bench: ${c.name} (${v.label})`,
				c.items(v.key),
				target,
			);
			c.workflows[v.key] = wf;
			workflows.push(wf);
		}
	});
	await instance.importWorkflows(workflows);
	// --cpu-prof=<dir>: profile the n8n server (where the time goes), written when it stops.
	const profileDir = args.find((a) => a.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length);
	await instance.start({
		nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
	});
	const rest = new N8nRest(instance.url);
	await rest.setupOwner({ email: 'bench@example.com', password: 'Bench-Passw0rd' });
	const flatted = requireFromN8n(instance.dir, 'flatted');
	const pid = instance.server.pid;

	const runOnce = async (c, variant) => {
		sim.reset();
		c.setup();
		const wf = c.workflows[variant];
		const { result: execution, peakMb } = await withPeakMemory(pid, () =>
			rest.runWorkflow(wf, { flatted, timeoutMs: 600000 }),
		);
		const task = execution.data?.resultData?.runData?.Target?.[0];
		if (execution.status !== 'success' || !task)
			throw new Error(
				`${wf.name}: execution ${execution.status}: ` +
					JSON.stringify(execution.data?.resultData?.error ?? {}).slice(0, 1500),
			);
		if (!c.done()) throw new Error(`${wf.name}: the simulator did not do the work`);
		return { ms: task.executionTime, requests: sim.requests.length, peakMb };
	};

	// Warm-up: one run of every workflow, not recorded (n8n compiles, loads and caches on first use).
	for (const c of benchCases) for (const v of VARIANTS) await runOnce(c, v.key);

	const rows = [];
	for (const c of benchCases) {
		const samples = Object.fromEntries(VARIANTS.map((v) => [v.key, []]));
		for (let r = 0; r < REPS; r++) {
			const order = r % 2 ? [...VARIANTS].reverse() : VARIANTS;
			for (const v of order) samples[v.key].push(await runOnce(c, v.key));
		}
		const base = median(samples.httpCred.map((s) => s.ms));
		for (const v of VARIANTS) {
			const ms = samples[v.key].map((s) => s.ms);
			rows.push({
				case: c.name,
				variant: v.label,
				median: median(ms),
				min: Math.min(...ms),
				max: Math.max(...ms),
				ratio: median(ms) / base,
				requests: median(samples[v.key].map((s) => s.requests)),
				peakMb: Math.max(...samples[v.key].map((s) => s.peakMb)),
			});
		}
		log(
			`${c.name}: node ${fmt(median(samples.node.map((s) => s.ms)))}, ` +
				`HTTP Request ${fmt(base)}, ratio ${(median(samples.node.map((s) => s.ms)) / base).toFixed(2)}`,
		);
	}
	await instance.stop({ removeFolder: true });
	await sim.close();

	const cpu = cpus();
	const lines = [
		'# Benchmark results',
		'',
		'Written by `npm run bench` (scripts/bench.mjs); do not edit by hand.',
		'',
		`- Date: ${new Date().toISOString()}`,
		`- Machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
		`- n8n ${N8N_VERSION} on Node ${execFileSync(instance.node24, ['--version']).toString().trim()}; ` +
			`${packed.version ? `${'n8n-nodes-sortedpro'} ${packed.version}` : ''}`,
		`- ${REPS} measured runs per case and variant, alternating (A B C, C B A, ...), after one warm-up run each`,
		'- Simulator answering instantly (no delay), in the benchmark process, over loopback HTTP',
		'',
		"Time is the node's own execution time from n8n's run data (median, min-max over the runs).",
		'Ratio is median time / median time of HTTP Request + Header Auth credential. Requests are',
		'those the simulator received in one run. Memory is the peak resident size of the n8n process',
		'during the runs of that variant.',
		'',
		'| case | node | median | min-max | ratio | requests | n8n peak memory |',
		'|---|---|---|---|---|---|---|',
		...rows.map(
			(r) =>
				`| ${r.case} | ${r.variant} | ${fmt(r.median)} | ${fmt(r.min)}-${fmt(r.max)} | ` +
				`${r.ratio.toFixed(2)} | ${r.requests} | ${Math.round(r.peakMb)} MB |`,
		),
		'',
		'For one item holding 1 000 references, the HTTP Request variants receive the references',
		'already cut into 10 items of 100 (SortedPRO takes at most 100 per call); that cutting is not',
		'timed.',
		'',
		'## Where the time goes, and what stands in the way of the targets',
		'',
		'Targets: ratio at most 0.5 at 200 items, 0.25 at 1 000 and 5 000, 1.1 at one item.',
		'Requests are on target everywhere (one per 100 references per carrier service). Time is not,',
		'for a reason outside this node, found by profiling n8n (`npm run bench -- --cpu-prof=<dir>`):',
		'',
		'- n8n 2.41 evaluates expressions in an isolated V8 context by default',
		'  (`N8N_EXPRESSION_ENGINE=vm`), about a millisecond per evaluation on this machine.',
		"- n8n's routing engine (`runNode` and `resolveBaseUrl` in n8n-core's routing-node.ts)",
		'  evaluates the value of every property of a declarative node twice per item before the',
		'  operation runs, and the operation reads its parameter once more: a mapped reference costs',
		'  3 evaluations per item. The HTTP Request node evaluates its body once per item. The node',
		'  already keeps this to the minimum the engine allows (docs/adr/0004: one property per',
		'  shared parameter, no base-URL expression; before that it was 7 per item, and combining',
		'  cost time squared in the number of items).',
		'- So per item, this node costs about 3 ms where HTTP Request + credential costs about 6 ms',
		'  (its own evaluation, and the credential applied to each of its requests): the ratio settles',
		'  near 0.5 however many items, and 0.25 is out of reach while the engine evaluates every',
		'  property twice. Sending 100 times fewer requests is what brings it from about 1.2 to 0.5.',
		'- One item: the same 3 evaluations against 1, plus one zero timer for combining. The',
		'  difference is 10 to 15 ms per execution, whatever the number of items.',
		'- One item holding 1 000 references: the node sends its 10 chunks one after another (so that',
		'  a failure stops before the rest, and what was not sent is named); HTTP Request sends its 10',
		'  items in parallel.',
		'',
		'## Package',
		'',
		`- Packed size: ${(packageBytes / 1024).toFixed(1)} KiB`,
		...(start
			? [
					`- n8n start to readiness, with the package: ${start.with.map(fmt).join(', ')}; ` +
						`without: ${start.without.map(fmt).join(', ')} (median difference ` +
						`${fmt(median(start.with) - median(start.without))})`,
				]
			: ['- n8n start: not measured (--no-start)']),
		'',
		`Total benchmark time: ${fmt(Date.now() - t0)}.`,
		'',
	];
	mkdirSync(join(ROOT, 'bench'), { recursive: true });
	writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), lines.join('\n'));
	process.stdout.write(lines.join('\n'));
	log('Wrote bench/RESULTS.md');
}

main().catch((error) => {
	process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
