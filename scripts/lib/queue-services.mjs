// The real components of the queue-mode scenario (scripts/queue.mjs): Redis and PostgreSQL from
// Debian's packages (installed when missing), each started as our own throw-away server on a free
// port in a temporary folder, and a small process wrapper that every long-running part (redis,
// postgres, n8n main, n8n workers) goes through, so output is captured to a file in full (the
// API-key check reads it) and teardown is the same for all of them.
import { spawn, spawnSync } from 'node:child_process';
import {
	chownSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
} from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { log } from './runtime.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function which(binary) {
	const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** The newest PostgreSQL server folder Debian's packages installed (/usr/lib/postgresql/N/bin). */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(base, versions[0], 'bin') : undefined;
}

function findTools() {
	const redisServer = which('redis-server');
	const redisCli = which('redis-cli');
	const pgBin = postgresBinDir();
	return redisServer && redisCli && pgBin ? { redisServer, redisCli, pgBin } : undefined;
}

/**
 * Finds redis-server and PostgreSQL, installing Debian's `redis-server` and `postgresql` packages
 * first when they are missing (as root, or through passwordless sudo, as CI runners have).
 */
export async function ensureRedisAndPostgres() {
	const found = findTools();
	if (found) return found;
	if (!which('apt-get'))
		throw new Error(
			'redis-server and PostgreSQL are missing and there is no apt-get to install them: install Redis and PostgreSQL (server binaries under /usr/lib/postgresql/<version>/bin) and run again.',
		);
	const prefix = isRoot() ? [] : ['sudo', '-n'];
	if (prefix.length && !which('sudo'))
		throw new Error(
			'redis-server and PostgreSQL are missing, and installing them needs root: run `apt-get install -y redis-server postgresql` as root, then run again.',
		);
	const apt = (args) =>
		new Promise((resolve) => {
			const [command, ...rest] = [...prefix, 'apt-get', ...args];
			log(`Running ${[command, ...rest].join(' ')} ...`);
			const child = spawn(command, rest, {
				env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let tail = '';
			const keep = (d) => (tail = (tail + d).slice(-3000));
			child.stdout.on('data', keep);
			child.stderr.on('data', keep);
			child.on('error', (error) => resolve({ code: -1, tail: error.message }));
			child.on('close', (code) => resolve({ code, tail }));
		});
	const packages = ['install', '-y', '--no-install-recommends', 'redis-server', 'postgresql'];
	let result = await apt(packages);
	// A fresh machine has no package lists yet; fetch them once and try again.
	if (result.code !== 0) {
		await apt(['update']);
		result = await apt(packages);
	}
	const tools = findTools();
	if (result.code !== 0 || !tools)
		throw new Error(
			`Installing redis-server and postgresql failed (exit ${result.code}):\n${result.tail}`,
		);
	log(`Installed redis-server and PostgreSQL (${tools.pgBin}).`);
	return tools;
}

/** Resolves true once something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port) {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Whether any process of the group `pgid` is still alive. */
export function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Processes (other than this one) whose environment holds `name=value`. Every process the
 * scenario starts inherits its run tag, and so do their children even when they leave the
 * process group (PostgreSQL's backends call setsid): this finds anything left behind. Linux only
 * (/proc); elsewhere it finds nothing.
 */
export function processesTagged(name, value) {
	if (!existsSync('/proc')) return [];
	const needle = Buffer.from(`\0${name}=${value}\0`);
	const found = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const environ = Buffer.concat([Buffer.from('\0'), readFileSync(`/proc/${entry}/environ`)]);
			if (!environ.includes(needle)) continue;
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
			// A zombie has already exited; only its parent's bookkeeping is left.
			const state = /\) (\S)/.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1];
			if (state !== 'Z') found.push(`${entry} ${cmdline.slice(0, 100)}`);
		} catch {}
	}
	return found;
}

/**
 * A long-running child in its own process group, its whole output appended to `logFile`.
 * `stopSignal` goes to the leader first (PostgreSQL wants SIGINT for a fast shutdown), then the
 * whole group gets SIGKILL after `stopTimeoutMs`.
 */
export class Service {
	constructor(name, command, args, { env, cwd, logFile, uid, gid, stopSignal = 'SIGTERM' } = {}) {
		this.name = name;
		this.logFile = logFile;
		this.stopSignal = stopSignal;
		this.output = createWriteStream(logFile, { flags: 'a' });
		this.exited = null;
		this.child = spawn(command, args, {
			env: env ?? process.env,
			cwd,
			uid,
			gid,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		this.pid = this.child.pid;
		this.tail = '';
		const onData = (d) => {
			this.output.write(d);
			this.tail = (this.tail + d.toString()).slice(-6000);
		};
		this.child.stdout.on('data', onData);
		this.child.stderr.on('data', onData);
		this.closed = new Promise((resolve) => {
			this.child.on('error', (error) => {
				this.exited = -1;
				this.tail += `\n${error.message}`;
				resolve();
			});
			this.child.on('close', (code, signal) => {
				this.exited = code ?? signal;
				resolve();
			});
		});
	}

	/** Polls `probe` until it resolves truthy; fails early if the process exits. */
	async waitUntil(probe, { timeoutMs = 120000, what = 'ready' } = {}) {
		const started = Date.now();
		let lastNote = started;
		while (Date.now() - started < timeoutMs) {
			if (this.exited !== null)
				throw new Error(
					`${this.name} exited (${this.exited}) before it was ${what}:\n${this.tail}`,
				);
			if (await probe().catch(() => false)) {
				log(`${this.name}: ${what} after ${((Date.now() - started) / 1000).toFixed(1)} s.`);
				return;
			}
			if (Date.now() - lastNote > 15000) {
				lastNote = Date.now();
				log(
					`${this.name}: waiting until ${what} (${Math.round((Date.now() - started) / 1000)} s)...`,
				);
			}
			await sleep(250);
		}
		throw new Error(`${this.name} was not ${what} within ${timeoutMs} ms:\n${this.tail}`);
	}

	signalGroup(signal) {
		try {
			process.kill(-this.pid, signal);
		} catch {}
	}

	async stop(stopTimeoutMs = 20000) {
		if (!this.pid) return;
		if (this.exited === null) {
			try {
				process.kill(this.pid, this.stopSignal);
			} catch {}
			await Promise.race([this.closed, sleep(stopTimeoutMs)]);
		}
		// Helpers the leader started (n8n's task runners, PostgreSQL's backends) go with it.
		this.signalGroup('SIGKILL');
		await this.closed;
		await new Promise((r) => this.output.end(r));
	}

	killSync() {
		if (this.pid && this.exited === null) this.signalGroup('SIGKILL');
	}
}

/**
 * Our own redis-server: loopback only, no persistence except an explicit SAVE, and no RDB string
 * compression, so the snapshot the key check reads holds every value as plain bytes.
 */
export async function startRedis({ tools, dir, port, logFile }) {
	mkdirSync(dir, { recursive: true });
	const redis = new Service(
		'redis',
		tools.redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--dbfilename',
			'dump.rdb',
			'--save',
			'',
			'--appendonly',
			'no',
			'--rdbcompression',
			'no',
			'--daemonize',
			'no',
			'--logfile',
			'',
		],
		{ logFile },
	);
	await redis.waitUntil(async () => redisCli(tools, port, ['PING']).stdout.trim() === 'PONG', {
		timeoutMs: 20000,
		what: `answering on port ${port}`,
	});
	return redis;
}

/** One redis-cli command against our server; returns { status, stdout, stderr }. */
export function redisCli(tools, port, args, options = {}) {
	return spawnSync(tools.redisCli, ['-h', '127.0.0.1', '-p', String(port), ...args], {
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
		...options,
	});
}

/** `redis-cli MONITOR` into a file: every command Redis runs, with its arguments, Lua's included. */
export function monitorRedis({ tools, port, logFile }) {
	return new Service(
		'redis-monitor',
		tools.redisCli,
		['-h', '127.0.0.1', '-p', String(port), 'MONITOR'],
		{ logFile },
	);
}

/** The user PostgreSQL runs as: ourselves, or `postgres` when we are root (postgres refuses root). */
function postgresUser() {
	if (!isRoot()) return {};
	for (const name of ['postgres', 'nobody']) {
		const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
		if (uid.status === 0 && gid.status === 0)
			return { uid: Number(uid.stdout), gid: Number(gid.stdout), name };
	}
	throw new Error(
		'Running as root, but there is no postgres (or nobody) user to run PostgreSQL as.',
	);
}

/**
 * A fresh PostgreSQL cluster in `dir` (initdb, then the server in the foreground), listening on
 * 127.0.0.1:port only, with trust authentication for loopback: a throw-away test database.
 */
export async function startPostgres({ tools, dir, port, logFile, user: dbUser = 'n8n' }) {
	const owner = postgresUser();
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid);
	const asOwner = { uid: owner.uid, gid: owner.gid, cwd: dir };
	const init = spawnSync(
		join(tools.pgBin, 'initdb'),
		[
			'-D',
			join(dir, 'data'),
			'-U',
			dbUser,
			'--auth=trust',
			'--encoding=UTF8',
			'--locale=C',
			'--no-sync',
		],
		{ ...asOwner, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
	);
	if (init.status !== 0)
		throw new Error(`initdb failed (exit ${init.status}):\n${init.stdout}\n${init.stderr}`);
	log(`PostgreSQL cluster created in ${dir}${owner.name ? ` (run as user ${owner.name})` : ''}.`);
	const postgres = new Service(
		'postgres',
		join(tools.pgBin, 'postgres'),
		[
			'-D',
			join(dir, 'data'),
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${dir}`,
			'-c',
			'max_connections=200',
		],
		{ ...asOwner, logFile, stopSignal: 'SIGINT', env: { ...process.env, LC_ALL: 'C' } },
	);
	const isReady = join(tools.pgBin, 'pg_isready');
	await postgres.waitUntil(
		async () =>
			spawnSync(isReady, ['-h', '127.0.0.1', '-p', String(port), '-U', dbUser], {
				encoding: 'utf8',
			}).status === 0,
		{ timeoutMs: 60000, what: `accepting connections on port ${port}` },
	);
	return postgres;
}

/** Runs psql (from the server's own version) with `sql`; returns its stdout, unaligned. */
export function psql(tools, { port, user, database }, sql) {
	const result = spawnSync(
		join(tools.pgBin, 'psql'),
		[
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			user,
			'-d',
			database,
			'-v',
			'ON_ERROR_STOP=1',
			'-At',
			'-c',
			sql,
		],
		{ encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
	);
	if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
	return result.stdout;
}

/** pg_dump of the whole database as plain SQL into `file`. */
export function pgDump(tools, { port, user, database }, file) {
	const result = spawnSync(
		join(tools.pgBin, 'pg_dump'),
		['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-f', file],
		{ encoding: 'utf8' },
	);
	if (result.status !== 0) throw new Error(`pg_dump failed: ${result.stderr}`);
	return file;
}
