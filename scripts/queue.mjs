#!/usr/bin/env node
// Queue mode under load, with the real components: `npm run test:queue`
// [-- --orders=1000] [-- --concurrency=50] [-- --keep] [-- --no-build] [-- --json=<file>].
//
// What it builds, and why each part is the real thing:
// - Redis and PostgreSQL from Debian's packages (installed with apt-get when missing), each our
//   own throw-away server on a free loopback port in a temporary folder, so nothing on the
//   machine is touched and nothing is left behind.
// - n8n 2.41.1 (cached by scripts/lib/runtime.mjs) as production runs queue mode: one `n8n start`
//   main (webhooks, enqueues executions in Redis) and two `n8n worker` processes (run them),
//   all on PostgreSQL. Each has its own user folder with this package unpacked as the Community
//   Nodes installer does it; they share only the encryption key, Redis and PostgreSQL.
// - The SortedPRO simulator runs in this process, so its records (every request, every answer,
//   every consignment's state) are asserted on directly, and its faults are switched on at set
//   points of the load: a burst of HTTP 500s on allocation, then allocations carried out whose
//   answers are lost (connection reset, scripts/lib/queue-answers.mjs), then a slow period.
// - A webhook workflow (test/queue/order-allocate.json: order in -> Allocate With Carrier
//   Service, Retry On Fail on) receives the orders, one consignment reference each, 50 at a time.
//
// It asserts: every consignment allocated exactly once (successful allocation answers per
// reference), none lost, none reported allocated that is not, one finished execution per order,
// and the API key nowhere in PostgreSQL (pg_dump), n8n's logs, or Redis (every command it ran,
// from MONITOR, and SAVE snapshots during and after the load). It prints throughput and
// execution-time percentiles, then stops everything and checks that no process or port is left.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureN8n, log } from './lib/runtime.mjs';
import {
	CREDENTIAL_TYPE,
	buildAndPack,
	freePort,
	installPackage,
	n8nEnv,
	requireFromN8n,
} from './lib/n8n.mjs';
import {
	Service,
	ensureRedisAndPostgres,
	groupAlive,
	monitorRedis,
	pgDump,
	portOpen,
	processesTagged,
	psql,
	redisCli,
	startPostgres,
	startRedis,
} from './lib/queue-services.mjs';
import { recordAnswers } from './lib/queue-answers.mjs';

const require = createRequire(import.meta.url);
const simulatorModule = require('../test/simulator/index.js');
const { faults, makeConsignmentReference } = simulatorModule;

const WORKFLOW_FILE = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'test',
	'queue',
	'order-allocate.json',
);
const CREDENTIAL = { id: 'sortedProQueue01', name: 'SortedPRO Queue (simulator)' };
const WEBHOOK_PATH = 'sortedpro-queue-order';
const ALLOCATE_PATH = '/allocation/allocatewithcarrierservice';
const WORKERS = 2;

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const found = args.find((a) => a.startsWith(`--${name}=`));
	return found ? found.slice(name.length + 3) : fallback;
};
const KEEP = args.includes('--keep');
const BUILD = !args.includes('--no-build');
const ORDERS = Number(option('orders', 1000));
const CONCURRENCY = Number(option('concurrency', 50));
// n8n's own default (`n8n worker --concurrency=10`): 20 executions run at once, the other
// orders in flight wait in Redis, as they would in production.
const WORKER_CONCURRENCY = Number(option('worker-concurrency', 10));
// The faults: once a quarter of the orders are sent, the next BURST allocation requests are
// answered HTTP 500; once 40% are sent (and the burst is over), LOST allocation requests are
// carried out but their answers lost; at 55%, every API answer is delayed SLOW_MS for
// SLOW_FOR_MS. Retry On Fail gives each execution 5 tries, so neither fault fails an order more
// than 4 times: the burst ends early, and a lost answer skips the order, once an order has failed
// 4 tries. Each fault also ends after FAULT_MAX_MS, so it cannot outlast the load.
const BURST = Number(option('burst', 100));
const LOST = Number(option('lost', 30));
const FAULT_MAX_MS = 30000;
const SLOW_MS = Number(option('slow-ms', 1500));
const SLOW_FOR_MS = Number(option('slow-for-ms', 6000));
const LOG_LEVEL = option('log-level', 'debug');

// Every process started from here inherits this tag, so teardown can find any left behind.
const RUN_TAG_NAME = 'SORTEDPRO_QUEUE_RUN';
const RUN_TAG = randomBytes(8).toString('hex');
process.env[RUN_TAG_NAME] = RUN_TAG;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const services = [];
const checks = [];
let sim;
let base;
let cleaningUp;
let teardownReport;
// Set on SIGINT/SIGTERM: the load generator stops sending.
let stopping = false;

function check(name, fn) {
	try {
		const detail = fn();
		checks.push({ name, ok: true, detail });
		log(`PASS  ${name}${detail ? ` (${detail})` : ''}`);
	} catch (error) {
		checks.push({ name, ok: false, error });
		log(`FAIL  ${name}\n      ${String(error.message).split('\n').join('\n      ')}`);
	}
}

async function cleanup() {
	cleaningUp ??= (async () => {
		// n8n first (workers finish or drop their jobs), then what it depends on.
		const n8n = services.filter((s) => s.name.startsWith('n8n'));
		await Promise.all(n8n.map((s) => s.stop(20000).catch(() => {})));
		for (const name of ['redis-monitor', 'redis', 'postgres'])
			for (const s of services.filter((x) => x.name === name)) await s.stop(20000).catch(() => {});
		await sim?.close().catch(() => {});
		const leftProcesses = [
			...services.filter((s) => s.pid && groupAlive(s.pid)).map((s) => `${s.name} (${s.pid})`),
			...processesTagged(RUN_TAG_NAME, RUN_TAG),
		];
		const leftPorts = [];
		for (const s of services)
			for (const port of s.ports ?? [])
				if (await portOpen(port)) leftPorts.push(`${s.name}:${port}`);
		if (sim?.port && (await portOpen(sim.port))) leftPorts.push(`simulator:${sim.port}`);
		teardownReport = { leftProcesses, leftPorts, count: services.length };
		if (base && !KEEP) rmSync(base, { recursive: true, force: true, maxRetries: 3 });
		if (base && KEEP) log(`Kept ${base} (logs, pg_dump, Redis snapshots, PostgreSQL data).`);
	})();
	return cleaningUp;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		stopping = true;
		log(`${signal}: stopping n8n, Redis, PostgreSQL and the simulator...`);
		await cleanup();
		const { leftProcesses = [], leftPorts = [] } = teardownReport ?? {};
		log(
			leftProcesses.length || leftPorts.length
				? `Teardown left processes [${leftProcesses.join(', ')}] and ports [${leftPorts.join(', ')}].`
				: 'Teardown: no process and no port left.',
		);
		process.exit(130);
	});
}
process.on('exit', () => {
	for (const s of services) s.killSync();
});

/** Distinct free loopback ports. */
async function freePorts(count) {
	const ports = new Set();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index];
}

function timing(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

/** Runs an n8n CLI command to completion with `env`; its output joins the logs the key check reads. */
async function n8nCli(n8n, env, cwd, args, logFile) {
	const cli = new Service(`n8n-cli ${args[0]}`, n8n.node24, [n8n.cli, ...args], {
		env,
		cwd,
		logFile,
	});
	services.push(cli);
	await cli.closed;
	if (cli.exited !== 0) throw new Error(`n8n ${args[0]} failed (exit ${cli.exited}):\n${cli.tail}`);
	await new Promise((r) => cli.output.end(r));
}

async function main() {
	const t0 = Date.now();
	log(
		`Queue mode under load: ${ORDERS} orders at concurrency ${CONCURRENCY}, 1 main + ${WORKERS} workers.`,
	);
	const [tools, n8n, packed] = await Promise.all([
		ensureRedisAndPostgres(),
		ensureN8n(),
		buildAndPack({ build: BUILD }),
	]);
	const flatted = requireFromN8n(n8n.dir, 'flatted');

	base = mkdtempSync(join(tmpdir(), 'sortedpro-queue-'));
	// PostgreSQL runs as another user when we are root: it must be able to reach its folder.
	chmodSync(base, 0o711);
	const logs = join(base, 'logs');
	mkdirSync(logs);
	const [redisPort, pgPort, mainPort, ...more] = await freePorts(3 + 1 + WORKERS * 2);
	const mainBrokerPort = more.shift();

	const apiKey = `queue-key-${randomBytes(12).toString('hex')}`;
	sim = await simulatorModule.startSimulator({ apiKey });
	const answers = recordAnswers(sim);
	log(`Simulator at ${sim.url}`);

	const redis = await startRedis({
		tools,
		dir: join(base, 'redis'),
		port: redisPort,
		logFile: join(logs, 'redis.log'),
	});
	redis.ports = [redisPort];
	services.push(redis);
	const monitor = monitorRedis({
		tools,
		port: redisPort,
		logFile: join(logs, 'redis-monitor.log'),
	});
	services.push(monitor);
	const db = { port: pgPort, user: 'n8n', database: 'n8n' };
	const postgres = await startPostgres({
		tools,
		dir: join(base, 'postgres'),
		port: pgPort,
		logFile: join(logs, 'postgres.log'),
		user: db.user,
	});
	postgres.ports = [pgPort];
	services.push(postgres);
	psql(tools, { ...db, database: 'postgres' }, 'CREATE DATABASE n8n');

	const encryptionKey = randomBytes(24).toString('hex');
	const shared = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: db.database,
		DB_POSTGRESDB_USER: db.user,
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		DB_POSTGRESDB_POOL_SIZE: '10',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_PRUNE: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: LOG_LEVEL,
	};
	const folder = (name) => {
		const dir = join(base, name);
		mkdirSync(dir);
		installPackage(dir, packed.tarball, packed.version);
		return dir;
	};
	const mainFolder = folder('main');
	const mainEnv = n8nEnv({
		node24: n8n.node24,
		userFolder: mainFolder,
		port: mainPort,
		brokerPort: mainBrokerPort,
		encryptionKey,
		extra: shared,
	});

	// Credential (the key is encrypted on import) and workflow, published so `n8n start` registers
	// its webhook (`import:workflow --activeState=fromJson` fails to activate it from the CLI).
	// The first command also runs n8n's PostgreSQL migrations.
	const credentialFile = join(mainFolder, 'credentials.json');
	writeFileSync(
		credentialFile,
		JSON.stringify([
			{
				...CREDENTIAL,
				type: CREDENTIAL_TYPE,
				data: { apiKey, environment: 'custom', baseUrl: sim.url },
			},
		]),
	);
	await n8nCli(
		n8n,
		mainEnv,
		mainFolder,
		['import:credentials', `--input=${credentialFile}`],
		join(logs, 'cli.log'),
	);
	rmSync(credentialFile);
	const workflow = JSON.parse(readFileSync(WORKFLOW_FILE, 'utf8'));
	const workflowFile = join(mainFolder, 'workflow.json');
	writeFileSync(workflowFile, JSON.stringify([workflow]));
	await n8nCli(
		n8n,
		mainEnv,
		mainFolder,
		['import:workflow', `--input=${workflowFile}`],
		join(logs, 'cli.log'),
	);
	await n8nCli(
		n8n,
		mainEnv,
		mainFolder,
		['publish:workflow', `--id=${workflow.id}`],
		join(logs, 'cli.log'),
	);
	log('Imported the credential and the workflow, and published the workflow.');

	const main = new Service('n8n-main', n8n.node24, [n8n.cli, 'start'], {
		env: mainEnv,
		cwd: mainFolder,
		logFile: join(logs, 'n8n-main.log'),
	});
	main.ports = [mainPort, mainBrokerPort];
	services.push(main);
	const workers = [];
	for (let i = 1; i <= WORKERS; i++) {
		const [healthPort, brokerPort] = [more.shift(), more.shift()];
		const dir = folder(`worker-${i}`);
		const env = n8nEnv({
			node24: n8n.node24,
			userFolder: dir,
			port: healthPort,
			brokerPort,
			encryptionKey,
			extra: {
				...shared,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
		});
		const worker = new Service(
			`n8n-worker-${i}`,
			n8n.node24,
			[n8n.cli, 'worker', `--concurrency=${WORKER_CONCURRENCY}`],
			{
				env,
				cwd: dir,
				logFile: join(logs, `n8n-worker-${i}.log`),
			},
		);
		worker.ports = [healthPort, brokerPort];
		worker.healthUrl = `http://127.0.0.1:${healthPort}/healthz/readiness`;
		services.push(worker);
		workers.push(worker);
	}
	packed.cleanup();
	const mainUrl = `http://127.0.0.1:${mainPort}`;
	const webhookUrl = `${mainUrl}/webhook/${WEBHOOK_PATH}`;
	await Promise.all([
		main.waitUntil(async () => (await fetch(`${mainUrl}/healthz/readiness`)).ok, { what: 'ready' }),
		...workers.map((w) =>
			w.waitUntil(async () => (await fetch(w.healthUrl)).ok, { what: 'ready' }),
		),
	]);
	// A GET to a POST-only production webhook is refused with a hint naming POST once it is
	// registered, without starting an execution.
	await main.waitUntil(async () => /POST/.test(await (await fetch(webhookUrl)).text()), {
		timeoutMs: 60000,
		what: `serving POST /webhook/${WEBHOOK_PATH}`,
	});
	const tReady = Date.now();
	const loadBefore = loadavg()[0];

	// --- the load
	const references = Array.from({ length: ORDERS }, (_, i) => makeConsignmentReference(i));
	const responses = new Array(ORDERS);
	const events = {};
	let sent = 0;
	const atShare = (share) => Math.floor(ORDERS * share);
	// The faults, switched on by how far the load has got (checked every 50 ms).
	const maxTries = workflow.nodes.find((n) => n.name === 'Allocate').maxTries;
	const failedTries = new Map();
	const endBurst = (why) => {
		if (!events.burstFrom || events.burstTo) return;
		sim.clearFaults();
		events.burstTo = Date.now();
		events.burstEnd = why;
		log(`Fault: burst of 500s over (${why}).`);
	};
	const endLost = (why) => {
		if (!events.lostFrom || events.lostTo) return;
		answers.loseAnswers({ method: 'PUT', path: ALLOCATE_PATH, count: 0 });
		events.lostTo = Date.now();
		events.lostEnd = why;
		log(`Fault: lost answers over (${why}).`);
	};
	answers.onAnswer = (record) => {
		if (record.method !== 'PUT' || record.path.toLowerCase() !== ALLOCATE_PATH) return;
		if (record.status !== 500 && !record.lost) return;
		for (const reference of record.references) {
			const failed = (failedTries.get(reference) ?? 0) + 1;
			failedTries.set(reference, failed);
			if (failed >= maxTries - 1)
				endBurst(`${reference} failed ${failed} of its ${maxTries} tries`);
		}
		const served = answers.filter((a) => a.status === 500).length;
		if (served >= BURST) endBurst(`${served} answers 500`);
		if (events.lostFrom && !answers.losing()) endLost(`${LOST} answers lost`);
	};
	const plan = () => {
		const now = Date.now();
		if (!events.burstFrom && sent >= atShare(0.25)) {
			sim.inject({ ...faults.serverError, method: 'PUT', path: ALLOCATE_PATH, times: BURST });
			events.burstFrom = now;
			log(`Fault: the next ${BURST} allocation requests answer HTTP 500 (${sent} orders sent).`);
		}
		if (events.burstFrom && now - events.burstFrom > FAULT_MAX_MS) endBurst('time limit');
		if (!events.lostFrom && events.burstTo && sent >= atShare(0.4)) {
			answers.loseAnswers({
				method: 'PUT',
				path: ALLOCATE_PATH,
				count: LOST,
				mayFail: (refs) => refs.every((r) => (failedTries.get(r) ?? 0) < maxTries - 1),
			});
			events.lostFrom = now;
			log(
				`Fault: the next ${LOST} allocation requests are carried out but their answers lost (connection reset) (${sent} orders sent).`,
			);
		}
		if (events.lostFrom && now - events.lostFrom > FAULT_MAX_MS) endLost('time limit');
		if (!events.midSave && sent >= atShare(0.5)) {
			const saved = redisCli(tools, redisPort, ['SAVE']);
			if (saved.status === 0)
				copyFileSync(join(base, 'redis', 'dump.rdb'), join(base, 'redis', 'during-load.rdb'));
			events.midSave = saved.stdout.trim() || 'failed';
		}
		if (!events.slowFrom && sent >= atShare(0.55)) {
			sim.setBehaviour({ delayMs: SLOW_MS });
			events.slowFrom = now;
			log(
				`Fault: every API answer delayed ${SLOW_MS} ms for ${SLOW_FOR_MS} ms (${sent} orders sent).`,
			);
			setTimeout(() => {
				sim.setBehaviour({ delayMs: 0 });
				events.slowTo = Date.now();
				log('Fault: slow period over.');
			}, SLOW_FOR_MS);
		}
	};
	const planTimer = setInterval(plan, 50);
	const tLoad = Date.now();
	let lastProgress = tLoad;
	const client = async () => {
		while (sent < ORDERS && !stopping) {
			const index = sent++;
			const reference = references[index];
			const started = Date.now();
			let status = 0;
			let body;
			let text = '';
			try {
				const res = await fetch(webhookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ orderId: `ORDER-${index}`, consignmentReference: reference }),
					signal: AbortSignal.timeout(180000),
				});
				status = res.status;
				text = await res.text();
				try {
					body = JSON.parse(text);
				} catch {}
			} catch (error) {
				text = String(error.message);
			}
			responses[index] = { reference, status, body, text, ms: Date.now() - started };
			if (Date.now() - lastProgress > 10000) {
				lastProgress = Date.now();
				const done = responses.filter(Boolean).length;
				log(
					`Load: ${done} of ${ORDERS} orders answered (${((Date.now() - tLoad) / 1000).toFixed(0)} s).`,
				);
			}
		}
	};
	try {
		await Promise.all(Array.from({ length: CONCURRENCY }, client));
	} finally {
		clearInterval(planTimer);
	}
	const loadMs = Date.now() - tLoad;
	log(`Load: ${ORDERS} orders answered in ${(loadMs / 1000).toFixed(1)} s.`);

	// --- executions in PostgreSQL (the webhook answers when the last node is done; the worker may
	// still be writing the execution's final state)
	const executionsSql = `SELECT e.id, e.status, e.finished, e.mode,
		(EXTRACT(EPOCH FROM (e."stoppedAt" - e."startedAt")) * 1000)::int,
		(EXTRACT(EPOCH FROM (e."startedAt" - e."createdAt")) * 1000)::int
		FROM execution_entity e WHERE e."workflowId" = '${workflow.id}' ORDER BY e.id`;
	let rows = [];
	for (let waited = 0; waited < 60000; waited += 500) {
		rows = psql(tools, db, executionsSql)
			.split('\n')
			.filter(Boolean)
			.map((line) => {
				const [id, status, finished, mode, runMs, waitMs] = line.split('|');
				return {
					id,
					status,
					finished: finished === 't',
					mode,
					runMs: Number(runMs),
					waitMs: Number(waitMs),
				};
			});
		if (
			rows.length >= ORDERS &&
			rows.every((r) => !['new', 'running', 'waiting'].includes(r.status))
		)
			break;
		await sleep(500);
	}
	const dataRows = psql(
		tools,
		db,
		`SELECT d."executionId" || '|' || translate(encode(convert_to(d.data, 'UTF8'), 'base64'), E'\\n', '') FROM execution_data d
		 JOIN execution_entity e ON e.id = d."executionId" WHERE e."workflowId" = '${workflow.id}'`,
	)
		.split('\n')
		.filter(Boolean);
	const executionOutputs = new Map();
	for (const row of dataRows) {
		const [id, b64] = row.split('|');
		const data = flatted.parse(Buffer.from(b64.replace(/\s/g, ''), 'base64').toString('utf8'));
		const task = data?.resultData?.runData?.Allocate?.[0];
		executionOutputs.set(id, {
			items: (task?.data?.main?.[0] ?? []).map((i) => i.json),
			error: data?.resultData?.error,
			input: data?.resultData?.runData?.['Order In']?.[0]?.data?.main?.[0]?.[0]?.json?.body,
		});
	}

	// --- the simulator's records
	const allocateAnswers = answers.filter(
		(a) => a.method === 'PUT' && a.path.toLowerCase() === ALLOCATE_PATH,
	);
	const successes = new Map();
	for (const a of allocateAnswers)
		for (const reference of a.allocated)
			successes.set(reference, (successes.get(reference) ?? 0) + 1);
	const refSet = new Set(references);

	check('every order was answered 200 by the webhook with its consignment allocated', () => {
		const bad = responses.filter(
			(r) =>
				r.status !== 200 ||
				r.body?.ConsignmentReference !== r.reference ||
				r.body?.Allocated !== true,
		);
		assert.equal(
			bad.length,
			0,
			`${bad.length} of ${ORDERS} orders not answered as allocated, e.g. ${bad
				.slice(0, 3)
				.map((r) => `${r.reference}: ${r.status} ${r.text.slice(0, 300)}`)
				.join('; ')}`,
		);
		return `${ORDERS} of ${ORDERS}`;
	});
	check('every consignment is Allocated in the simulator (none lost)', () => {
		const notAllocated = references.filter(
			(r) => sim.getConsignment(r)?.ConsignmentState !== 'Allocated',
		);
		assert.equal(notAllocated.length, 0, `not Allocated: ${notAllocated.slice(0, 10).join(', ')}`);
		return `${ORDERS} Allocated`;
	});
	check(
		'every consignment was allocated exactly once (successful allocation answers per reference)',
		() => {
			const wrong = references.filter((r) => successes.get(r) !== 1);
			assert.equal(
				wrong.length,
				0,
				`not exactly once: ${wrong
					.slice(0, 10)
					.map((r) => `${r} x${successes.get(r) ?? 0}`)
					.join(', ')}`,
			);
			const strangers = [...successes.keys()].filter((r) => !refSet.has(r));
			assert.deepEqual(strangers, [], 'allocations of references nobody ordered');
			return `${allocateAnswers.length} allocation requests for ${ORDERS} consignments`;
		},
	);
	check(
		'concurrent executions on one worker never share a request (one reference per allocation request)',
		() => {
			const shared = allocateAnswers.filter((a) => a.references.length !== 1);
			assert.deepEqual(
				shared.slice(0, 5).map((a) => a.references),
				[],
				`${shared.length} allocation requests carried more than one execution's reference`,
			);
			return `${allocateAnswers.length} requests, one reference each`;
		},
	);
	check(
		'nothing is reported allocated that the simulator did not allocate (webhook answers)',
		() => {
			for (const r of responses) {
				if (r.body?.Allocated !== true) continue;
				const record = sim.getConsignment(r.body.ConsignmentReference);
				assert.equal(
					record?.ConsignmentState,
					'Allocated',
					`${r.body.ConsignmentReference} reported allocated`,
				);
				assert.equal(
					successes.get(r.body.ConsignmentReference),
					1,
					`${r.body.ConsignmentReference} has an allocation answer`,
				);
				assert.deepEqual(
					r.body.TrackingReferences,
					record.Allocation.TrackingReferences,
					`${r.body.ConsignmentReference}: tracking reference reported = the simulator's`,
				);
			}
		},
	);
	check('one finished execution per order in PostgreSQL, each allocating its own order', () => {
		assert.equal(
			rows.length,
			ORDERS,
			`${rows.length} executions of the workflow for ${ORDERS} orders`,
		);
		const unfinished = rows.filter((r) => r.status !== 'success' || !r.finished);
		assert.equal(
			unfinished.length,
			0,
			`not finished with success: ${unfinished
				.slice(0, 5)
				.map(
					(r) =>
						`#${r.id} ${r.status}: ${JSON.stringify(executionOutputs.get(r.id)?.error ?? '').slice(0, 300)}`,
				)
				.join('; ')}`,
		);
		assert.equal(executionOutputs.size, ORDERS, 'execution data stored for every execution');
		const seen = new Map();
		for (const [id, out] of executionOutputs) {
			assert.equal(out.items.length, 1, `execution ${id}: one output item`);
			const [item] = out.items;
			assert.equal(
				item.ConsignmentReference,
				out.input?.consignmentReference,
				`execution ${id}: its own order`,
			);
			assert.equal(item.Allocated, true, `execution ${id}: Allocated`);
			assert.equal(
				sim.getConsignment(item.ConsignmentReference)?.ConsignmentState,
				'Allocated',
				`execution ${id}: ${item.ConsignmentReference} is Allocated in the simulator`,
			);
			seen.set(item.ConsignmentReference, (seen.get(item.ConsignmentReference) ?? 0) + 1);
		}
		const twice = [...seen].filter(([, n]) => n !== 1);
		assert.deepEqual(twice, [], 'a consignment in more than one execution');
		assert.equal(seen.size, ORDERS, 'every order has its execution');
		return `${rows.length} executions, status success`;
	});
	const mostFailedTries = Math.max(0, ...failedTries.values());
	check('the burst of 500s hit orders and Retry On Fail recovered every one of them', () => {
		const served = allocateAnswers.filter((a) => a.status === 500).length;
		assert.ok(events.burstFrom && events.burstTo, 'the burst started and ended during the load');
		assert.ok(served > 0, 'allocation requests were answered 500');
		assert.ok(
			mostFailedTries < maxTries,
			`an order failed ${mostFailedTries} of its ${maxTries} tries`,
		);
		const hit = new Set(
			allocateAnswers.filter((a) => a.status === 500).flatMap((a) => a.references),
		);
		for (const reference of hit)
			assert.equal(successes.get(reference), 1, `${reference} allocated after its 500`);
		return `${served} answers 500 to ${hit.size} orders, all allocated on retry (burst ended: ${events.burstEnd})`;
	});
	const lostAnswers = allocateAnswers.filter((a) => a.lost);
	const lostAllocated = [...new Set(lostAnswers.flatMap((a) => a.allocated))];
	check(
		'answers lost after SortedPRO allocated: the retry found the allocation, none allocated twice',
		() => {
			assert.ok(
				events.lostFrom && events.lostTo,
				'the lost-answers window started and ended during the load',
			);
			assert.ok(lostAllocated.length > 0, 'allocations whose answer was lost');
			const byReference = new Map(responses.map((r) => [r.reference, r]));
			for (const reference of lostAllocated) {
				assert.equal(successes.get(reference), 1, `${reference}: allocated once`);
				const answer = byReference.get(reference);
				assert.equal(
					answer?.body?.Allocated,
					true,
					`${reference}: reported allocated after the retry`,
				);
			}
			return `${lostAnswers.length} answers lost, ${lostAllocated.length} consignments allocated once each and reported allocated (ended: ${events.lostEnd})`;
		},
	);
	const slow = answers.filter(
		(a) => a.at >= events.slowFrom && a.at <= (events.slowTo ?? Infinity),
	);
	check('the slow period delayed API answers while orders kept flowing', () => {
		assert.ok(
			events.slowFrom && events.slowTo,
			'the slow period started and ended during the load',
		);
		assert.ok(slow.length > 0, 'requests arrived during the slow period');
		return `${slow.length} API requests answered ${SLOW_MS} ms late`;
	});

	// --- the API key: present where it must be, absent everywhere else
	check(
		'the simulator received the API key (so the searches below can find it if it leaked)',
		() => {
			assert.ok(
				sim.requests.length > 0 &&
					sim.requests.every((r) => r.headers['ocp-apim-subscription-key'] === apiKey),
			);
			return `${sim.requests.length} API requests with the key`;
		},
	);
	const finalSave = redisCli(tools, redisPort, ['SAVE']);
	const dumpFile = pgDump(tools, db, join(base, 'postgres.sql'));
	const keyScan = [
		{
			what: 'PostgreSQL (pg_dump of the whole database)',
			file: dumpFile,
			mustContain: references[0],
		},
		{ what: 'Redis commands (MONITOR)', file: monitor.logFile, mustContain: 'bull' },
		{
			what: 'Redis snapshot during the load (SAVE)',
			file: join(base, 'redis', 'during-load.rdb'),
			mustContain: 'bull',
		},
		{
			what: 'Redis snapshot after the load (SAVE)',
			file: join(base, 'redis', 'dump.rdb'),
			optional: finalSave.status !== 0,
		},
		{ what: 'n8n main log', file: main.logFile, mustContain: 'n8n' },
		...workers.map((w) => ({ what: `${w.name} log`, file: w.logFile, mustContain: 'worker' })),
		{ what: 'n8n CLI output (imports)', file: join(logs, 'cli.log') },
	];
	// Give the log streams a moment to reach the disk.
	await sleep(500);
	for (const scan of keyScan) {
		check(`the API key appears nowhere in ${scan.what}`, () => {
			let bytes;
			try {
				bytes = readFileSync(scan.file);
			} catch (error) {
				if (scan.optional) return 'not written';
				throw error;
			}
			if (scan.mustContain)
				assert.ok(
					bytes.includes(scan.mustContain),
					`${scan.file} holds what it should (${scan.mustContain})`,
				);
			assert.equal(bytes.indexOf(apiKey), -1, `the API key is in ${scan.file}`);
			return `${(bytes.length / 1024).toFixed(0)} KB searched`;
		});
	}

	// --- figures
	const client50 = timing(responses.map((r) => r.ms));
	const run = timing(rows.map((r) => r.runMs).filter(Number.isFinite));
	const queued = timing(rows.map((r) => r.waitMs).filter(Number.isFinite));
	const figures = {
		orders: ORDERS,
		concurrency: CONCURRENCY,
		workers: WORKERS,
		workerConcurrency: WORKER_CONCURRENCY,
		loadSeconds: loadMs / 1000,
		throughput: ORDERS / (loadMs / 1000),
		execution: run,
		queueWait: queued,
		webhookRoundTrip: client50,
		allocateRequests: allocateAnswers.length,
		burst500s: allocateAnswers.filter((a) => a.status === 500).length,
		retriedOrders: new Set(
			allocateAnswers.filter((a) => a.status === 500).flatMap((a) => a.references),
		).size,
		mostFailedTries,
		slowRequests: slow.length,
		lostAnswers: lostAnswers.length,
		setupSeconds: (tReady - t0) / 1000,
		// Up to the checks; the teardown (about 20 s: n8n's graceful shutdown) comes after.
		totalSeconds: (Date.now() - t0) / 1000,
		// Other work on the machine slows every figure above; say how busy it was.
		loadAverage: [loadBefore, loadavg()[0]],
	};
	return figures;
}

let figures;
try {
	figures = await main();
} catch (error) {
	log(`Queue scenario aborted: ${error.stack ?? error}`);
	for (const s of services.filter((x) => x.name.startsWith('n8n') && x.tail))
		process.stderr.write(`--- last output of ${s.name} ---\n${s.tail.slice(-2500)}\n`);
	checks.push({ name: 'the scenario ran to the end', ok: false, error });
} finally {
	await cleanup();
}

check('teardown: no process and no port left', () => {
	assert.ok(teardownReport, 'teardown ran');
	assert.deepEqual(teardownReport.leftProcesses, [], 'processes left running');
	assert.deepEqual(teardownReport.leftPorts, [], 'ports left open');
	return `${teardownReport.count} processes stopped, their ports closed`;
});

const line = '-'.repeat(76);
const ms = (v) => `${Math.round(v)} ms`;
process.stderr.write(
	`\n${line}\nQueue mode under load (n8n 2.41.1, 1 main + ${WORKERS} workers, Redis, PostgreSQL)\n${line}\n`,
);
if (figures) {
	process.stderr.write(
		[
			`  orders: ${figures.orders} at concurrency ${figures.concurrency} (workers: ${figures.workers} x concurrency ${figures.workerConcurrency})`,
			`  throughput: ${figures.throughput.toFixed(1)} orders/s (${figures.loadSeconds.toFixed(1)} s for all orders)`,
			`  execution time (worker, started to stopped): p50 ${ms(figures.execution.p50)}, p99 ${ms(figures.execution.p99)}, max ${ms(figures.execution.max)}`,
			`  waiting in the queue (created to started):   p50 ${ms(figures.queueWait.p50)}, p99 ${ms(figures.queueWait.p99)}`,
			`  webhook round trip (order in to answer):     p50 ${ms(figures.webhookRoundTrip.p50)}, p99 ${ms(figures.webhookRoundTrip.p99)}`,
			`  faults: ${figures.burst500s} answers 500 to ${figures.retriedOrders} orders; up to ${figures.mostFailedTries} failed tries per order;` +
				` ${figures.lostAnswers} answers lost after allocating; ${figures.slowRequests} answers delayed ${SLOW_MS} ms`,
			`  allocation requests: ${figures.allocateRequests} for ${figures.orders} consignments`,
			`  setup (install checks, build, pack, servers up): ${figures.setupSeconds.toFixed(1)} s; all but the teardown: ${figures.totalSeconds.toFixed(1)} s`,
			`  machine: ${availableParallelism()} CPUs, load average ${figures.loadAverage.map((l) => l.toFixed(1)).join(' before, ')} after the load`,
		].join('\n') + `\n${line}\n`,
	);
}
for (const c of checks)
	process.stderr.write(
		`  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}${c.ok && c.detail ? ` (${c.detail})` : ''}\n`,
	);
const summaryFile = option('json');
if (summaryFile) {
	// For CI dashboards and the README figures: the same facts as printed above.
	const summary = {
		figures,
		checks: checks.map((c) => ({
			name: c.name,
			ok: c.ok,
			detail: c.detail,
			error: c.error?.message,
		})),
	};
	writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
}
const failed = checks.filter((c) => !c.ok);
process.stderr.write(
	`${line}\n${checks.length - failed.length} passed, ${failed.length} failed\n${line}\n`,
);
if (failed.length) {
	if (!KEEP)
		process.stderr.write(
			'Re-run with `npm run test:queue -- --keep` to keep the logs, pg_dump and Redis snapshots.\n',
		);
	process.exitCode = 1;
}
