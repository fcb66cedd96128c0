// Helpers shared by the e2e suite, the demo and the screenshot script: build and pack this
// package, install it into an isolated n8n user folder the way n8n's Community Nodes installer
// does, run n8n's CLI, start an n8n server and talk to its REST API as the editor does.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { CACHE, ROOT, ensureN8n, log, node24Env, run } from './runtime.mjs';

export const PACKAGE_NAME = 'n8n-nodes-sortedpro';
export const NODE_TYPE = `${PACKAGE_NAME}.sortedPro`;
export const CREDENTIAL_TYPE = 'sortedProApi';
/**
 * The demo's n8n user folder, and the file that tells other scripts where the running demo is.
 * It lies outside the checkout (one per checkout): inside it, Node would resolve the installed
 * package's `require('n8n-workflow')` to this project's node_modules instead of n8n's own copy,
 * and with two copies `instanceof NodeApiError` fails (a real 400 then shows "Error code: none").
 */
export const DEMO_DIR = join(
	tmpdir(),
	`n8n-nodes-sortedpro-demo-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`,
);
export const DEMO_STATE_FILE = join(DEMO_DIR, 'state.json');

/** A free TCP port on 127.0.0.1. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** `npm run build` (unless told not to), then `npm pack`; returns { tarball, version, cleanup }. */
export async function buildAndPack({ build = true, destination } = {}) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	if (build) {
		log('Building the package (npm run build)...');
		await run(npm, ['run', 'build', '--silent'], { cwd: ROOT, label: 'build' });
	}
	const main = join(ROOT, 'dist', 'nodes', 'SortedPro', 'SortedPro.node.js');
	if (!existsSync(main)) throw new Error(`${main} is missing after the build`);
	const dest = destination ?? mkdtempSync(join(tmpdir(), 'sortedpro-pack-'));
	mkdirSync(dest, { recursive: true });
	const result = spawnSync(npm, ['pack', '--json', '--pack-destination', dest], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
	const [{ filename, version, entryCount }] = JSON.parse(result.stdout);
	log(`Packed ${filename} (${entryCount} files).`);
	const tarball = join(dest, filename.replace(/^@.*\//, ''));
	// `cleanup` removes the tarball and, when this function made it, its temporary folder.
	const cleanup = () =>
		destination ? rmSync(tarball, { force: true }) : rmSync(dest, { recursive: true, force: true });
	return { tarball, version, cleanup };
}

/**
 * Installs the tarball the way n8n's Community Nodes installer does (community-packages.service
 * downloadPackage): unpack into <user folder>/.n8n/nodes/node_modules/<name> with
 * --strip-components=1, drop dev/peer/optional dependencies from its package.json, and record it
 * in the nodes folder's own package.json ledger (n8n rebuilds that ledger from its database when
 * it is missing, so we write what the installer would).
 */
export function installPackage(userFolder, tarball, version) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	const tar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
	const pkgPath = join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
		readFileSync(pkgPath, 'utf8'),
	);
	writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify(
			{
				name: 'installed-nodes',
				private: true,
				dependencies: { [PACKAGE_NAME]: version ?? pkg.version },
			},
			null,
			2,
		),
	);
	return packageDir;
}

/**
 * Where an installed package's `require('n8n-workflow')` would find a copy of its own, walking up
 * node_modules folders from `packageDir` as Node does before n8n's own copy (which n8n offers
 * through NODE_PATH, consulted last), or undefined when n8n's copy is the one it gets.
 */
export function foreignN8nWorkflow(packageDir, n8nDir) {
	for (let dir = packageDir; ; dir = dirname(dir)) {
		const candidate = join(dir, 'node_modules', 'n8n-workflow');
		const inN8n = !relative(n8nDir, candidate).startsWith('..');
		if (existsSync(join(candidate, 'package.json')) && !inN8n) return candidate;
		if (dirname(dir) === dir) return undefined;
	}
}

/** Where example workflows write label files, inside the n8n user folder (its working folder). */
export const LABELS_FOLDER = 'sortedpro-labels';

/**
 * Environment for an isolated, offline n8n: its own user folder, loopback only, no telemetry,
 * templates, version checks or community-package registry look-ups.
 */
export function n8nEnv({ node24, userFolder, port, brokerPort, encryptionKey, extra = {} }) {
	return node24Env(node24, {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port ?? 5678),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port ?? 5678}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port ?? 5678}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort ?? 5679),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_REINSTALL_MISSING: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_PUBLIC_API_DISABLED: 'true',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NO_COLOR: '1',
		// n8n 2.x writes files only under these folders; examples write labels to sortedpro-labels/
		// relative to the working folder, which is the user folder.
		N8N_RESTRICT_FILE_ACCESS_TO: join(userFolder, LABELS_FOLDER),
		...extra,
	});
}

/**
 * An n8n instance on its own user folder: CLI commands and (optionally) a server. Everything it
 * starts runs in its own process group so `stop()` can end all of it, runners included.
 */
export class N8nInstance {
	static async create({ userFolder, port, keepFolder = false, label = 'n8n' } = {}) {
		const { node24, cli, dir } = await ensureN8n();
		const folder = userFolder ?? mkdtempSync(join(tmpdir(), 'sortedpro-n8n-'));
		const instance = new N8nInstance();
		instance.label = label;
		instance.node24 = node24;
		instance.cli = cli;
		instance.dir = dir;
		instance.userFolder = folder;
		instance.keepFolder = keepFolder;
		instance.port = port ?? (await freePort());
		instance.brokerPort = await freePort();
		const keyFile = join(folder, 'encryption-key');
		if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(24).toString('hex'));
		mkdirSync(join(folder, LABELS_FOLDER), { recursive: true });
		instance.encryptionKey = readFileSync(keyFile, 'utf8').trim();
		instance.children = new Set();
		instance.url = `http://127.0.0.1:${instance.port}`;
		return instance;
	}

	env(extra) {
		return n8nEnv({ ...this, extra });
	}

	/** Runs an n8n CLI command to completion; returns { code, stdout, stderr, ms }. */
	cliRun(args, { timeoutMs = 180000, extraEnv } = {}) {
		return new Promise((resolve, reject) => {
			const started = Date.now();
			const child = spawn(this.node24, [this.cli, ...args], {
				env: this.env(extraEnv),
				cwd: this.userFolder,
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true,
			});
			this.children.add(child);
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			const timer = setTimeout(() => {
				killGroup(child);
				reject(
					new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`),
				);
			}, timeoutMs);
			child.on('error', reject);
			child.on('close', (code) => {
				clearTimeout(timer);
				this.children.delete(child);
				resolve({ code, stdout, stderr, ms: Date.now() - started });
			});
		});
	}

	async cliOk(args, what) {
		const result = await this.cliRun(args);
		if (result.code !== 0)
			throw new Error(
				`${what ?? `n8n ${args[0]}`} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
			);
		return result;
	}

	/** `n8n import:credentials` from objects ({ id, name, type, data }); plain `data` is encrypted on import. */
	async importCredentials(credentials) {
		const file = join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		try {
			return await this.cliOk(['import:credentials', `--input=${file}`], 'import:credentials');
		} finally {
			rmSync(file, { force: true });
		}
	}

	/** `n8n import:workflow --separate` for a list of workflow objects (ids kept). */
	async importWorkflows(workflows) {
		const dir = join(this.userFolder, `workflows-${Date.now()}`);
		mkdirSync(dir, { recursive: true });
		workflows.forEach((wf, i) =>
			writeFileSync(join(dir, `${String(i).padStart(3, '0')}.json`), JSON.stringify(wf, null, 2)),
		);
		try {
			return await this.cliOk(
				['import:workflow', '--separate', `--input=${dir}`],
				'import:workflow',
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`: runs a workflow without a server. The run's JSON goes
	 * through the logger mixed with log lines, so it is cut out of stdout here.
	 */
	async execute(workflowId) {
		const result = await this.cliRun(['execute', `--id=${workflowId}`, '--rawOutput']);
		const run = extractJson(result.stdout);
		return { ...result, run };
	}

	/** Starts `n8n start` and waits until it answers; resolves with this instance. */
	async start({ timeoutMs = 120000, onLine, nodeArgs = [] } = {}) {
		const child = spawn(this.node24, [...nodeArgs, this.cli, 'start'], {
			env: this.env(),
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.server = child;
		this.children.add(child);
		this.serverLog = '';
		const onData = (d) => {
			const text = d.toString();
			this.serverLog = (this.serverLog + text).slice(-200000);
			if (onLine) for (const line of text.split('\n')) if (line.trim()) onLine(line);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		let exited = null;
		child.on('close', (code) => {
			exited = code;
			this.children.delete(child);
		});
		const started = Date.now();
		let lastNote = started;
		while (Date.now() - started < timeoutMs) {
			if (exited !== null)
				throw new Error(`n8n start exited with code ${exited}:\n${this.serverLog.slice(-4000)}`);
			try {
				const res = await fetch(`${this.url}/healthz/readiness`);
				if (res.ok) {
					log(
						`${this.label}: n8n is up at ${this.url} after ${((Date.now() - started) / 1000).toFixed(1)} s.`,
					);
					return this;
				}
			} catch {}
			if (Date.now() - lastNote > 10000) {
				lastNote = Date.now();
				log(
					`${this.label}: waiting for n8n to start (${Math.round((Date.now() - started) / 1000)} s)...`,
				);
			}
			await new Promise((r) => setTimeout(r, 300));
		}
		throw new Error(
			`n8n did not become ready within ${timeoutMs} ms:\n${this.serverLog.slice(-4000)}`,
		);
	}

	/** Stops everything this instance started (whole process groups), and removes a temp user folder. */
	async stop({ removeFolder = !this.keepFolder } = {}) {
		const waits = [];
		for (const child of this.children) {
			waits.push(
				new Promise((r) =>
					child.exitCode !== null || child.signalCode ? r() : child.once('close', r),
				),
			);
			killGroup(child, 'SIGTERM');
		}
		let timer;
		const deadline = new Promise((r) => (timer = setTimeout(r, 15000)));
		await Promise.race([Promise.all(waits), deadline]);
		clearTimeout(timer);
		for (const child of this.children) killGroup(child, 'SIGKILL');
		this.children.clear();
		if (removeFolder) rmSync(this.userFolder, { recursive: true, force: true, maxRetries: 3 });
	}

	/** Synchronous last-resort kill (process 'exit' handlers cannot wait). */
	killAllSync() {
		for (const child of this.children) killGroup(child, 'SIGKILL');
	}
}

export function killGroup(child, signal = 'SIGTERM') {
	if (!child?.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {}
	}
}

/** Finds the outermost JSON object or array in mixed log output (the `n8n execute --rawOutput` result). */
export function extractJson(text) {
	const starts = [];
	for (let i = 0; i < text.length; i++)
		if ((text[i] === '{' || text[i] === '[') && (i === 0 || text[i - 1] === '\n')) starts.push(i);
	for (const start of starts) {
		const open = text[start];
		const close = open === '{' ? '}' : ']';
		for (let end = text.lastIndexOf(close); end > start; end = text.lastIndexOf(close, end - 1)) {
			try {
				return JSON.parse(text.slice(start, end + 1));
			} catch {}
		}
	}
	return undefined;
}

/** Loads a module from the cached n8n install (e.g. `flatted`, which n8n stores run data with). */
export function requireFromN8n(dir, name) {
	return createRequire(join(dir, 'node_modules', 'n8n', 'package.json'))(name);
}

/**
 * A REST client that talks to n8n the way its editor does: the `n8n-auth` cookie plus the
 * `browser-id` header the cookie is bound to.
 */
export class N8nRest {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
		this.browserId = randomBytes(8).toString('hex');
	}

	async request(method, path, body, { expectStatus, prefix = '/rest' } = {}) {
		const res = await fetch(`${this.baseUrl}${prefix}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) if (c.startsWith('n8n-auth=')) this.cookie = c.split(';')[0];
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (expectStatus !== undefined ? res.status !== expectStatus : !res.ok) {
			throw new Error(`${method} ${prefix}${path} answered ${res.status}: ${text.slice(0, 1000)}`);
		}
		return {
			status: res.status,
			body: json?.data !== undefined ? json.data : json,
			raw: json,
			text,
		};
	}

	get(path, opts) {
		return this.request('GET', path, undefined, opts);
	}

	post(path, body, opts) {
		return this.request('POST', path, body, opts);
	}

	/** Creates the owner account (first start) and logs in; returns the owner's data. */
	async setupOwner({ email, password, firstName = 'Demo', lastName = 'Owner' }) {
		const owner = await this.post('/owner/setup', { email, password, firstName, lastName });
		await this.login({ email, password });
		return owner.body;
	}

	async login({ email, password }) {
		return this.post('/login', { emailOrLdapLoginId: email, password });
	}

	/**
	 * Runs a saved workflow as the editor's "Execute workflow" button does and waits for it:
	 * POST /rest/workflows/:id/run { triggerToStartFrom }, then GET /rest/executions/:id until it
	 * is finished. Returns the parsed execution (`data` un-flattened).
	 */
	async runWorkflow(workflow, { flatted, timeoutMs = 60000 } = {}) {
		// A Manual Trigger, else a trigger with pinned data (a Webhook holding a sample order).
		const trigger =
			workflow.nodes.find((n) => /manualTrigger$/.test(n.type)) ??
			workflow.nodes.find((n) => workflow.pinData?.[n.name]);
		const { body } = await this.post(`/workflows/${workflow.id}/run`, {
			triggerToStartFrom: { name: trigger.name },
		});
		if (!body?.executionId)
			throw new Error(`run of ${workflow.id} returned no executionId: ${JSON.stringify(body)}`);
		const started = Date.now();
		while (Date.now() - started < timeoutMs) {
			const res = await this.get(`/executions/${body.executionId}`, {
				expectStatus: undefined,
			}).catch(() => undefined);
			const execution = res?.body;
			if (
				execution &&
				execution.status &&
				!['new', 'running', 'waiting'].includes(execution.status) &&
				execution.data
			) {
				const data =
					typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
				return { ...execution, data };
			}
			await new Promise((r) => setTimeout(r, 150));
		}
		throw new Error(
			`execution ${body.executionId} of workflow ${workflow.id} did not finish within ${timeoutMs} ms`,
		);
	}
}

/** Output items (json) of a node's first run, first output; plus its error if it failed. */
export function nodeRun(runData, nodeName) {
	const task = runData?.[nodeName]?.[0];
	if (!task) return { ran: false, items: [], error: undefined };
	const items = (task.data?.main?.[0] ?? []).map((i) => i.json);
	return {
		ran: true,
		items,
		rawItems: task.data?.main?.[0] ?? [],
		error: task.error,
		executionStatus: task.executionStatus,
	};
}

export function listFiles(dir, ext = '.json') {
	return existsSync(dir)
		? readdirSync(dir)
				.filter((f) => f.endsWith(ext))
				.sort()
		: [];
}
