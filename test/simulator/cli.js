#!/usr/bin/env node
'use strict';

// Starts the simulator from a shell, for the demo and for poking at it by hand.
// `--json` prints a single machine-readable line so scripts can spawn it and
// read the URL without parsing prose.

const { startSimulator, DEFAULT_API_KEY, SEEDED_REFS, API_KEY_HEADER } = require('./index');

const USAGE = `Usage: node test/simulator/cli.js [--port N] [--host H] [--key K] [--no-seed] [--json]

  --port N    port to listen on (default 0: any free port)
  --host H    interface to bind (default 127.0.0.1)
  --key K     API key clients must send in ${API_KEY_HEADER} (default ${DEFAULT_API_KEY})
  --no-seed   do not pre-create the demo consignments
  --json      print one JSON line {"url","apiKey"} instead of the banner

       node test/simulator/cli.js set-state <reference> <State> --url <simulator URL> [--reason R] [--at ISO]

  Moves a consignment of a running simulator to another state, as a carrier event would
  (e.g. AllocationFailed, Delivered); --at back-dates the change, --reason words a failure.`;

/** `set-state`: one control call to a running simulator. */
async function setState(argv) {
	const [reference, state, ...rest] = argv;
	const options = {};
	for (let i = 0; i < rest.length; i++) {
		const [flag, inline] = rest[i].includes('=') ? rest[i].split(/=(.*)/s) : [rest[i], undefined];
		const value = inline !== undefined ? inline : rest[++i];
		if (!['--url', '--reason', '--at'].includes(flag) || value === undefined)
			throw new Error(`unknown or incomplete argument ${rest[i]}`);
		options[flag.slice(2)] = value;
	}
	if (!reference || !state || !options.url)
		throw new Error('set-state needs a reference, a state and --url');
	const response = await fetch(
		`${options.url.replace(/\/+$/, '')}/__sim/consignments/${encodeURIComponent(reference)}/state`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ state, reason: options.reason, at: options.at }),
		},
	);
	const body = await response.json().catch(() => ({}));
	if (!response.ok) throw new Error(body.error || `the simulator answered HTTP ${response.status}`);
	process.stdout.write(`${body.Reference} is now ${body.ConsignmentState}\n`);
}

function parseArgs(argv) {
	const options = { port: 0, host: '127.0.0.1', apiKey: DEFAULT_API_KEY, seed: true, json: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] =
			arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
		const value = () => {
			const v = inline !== undefined ? inline : argv[++i];
			if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--port': {
				const port = Number(value());
				if (!Number.isInteger(port) || port < 0 || port > 65535)
					throw new Error('--port must be 0-65535');
				options.port = port;
				break;
			}
			case '--host':
				options.host = value();
				break;
			case '--key':
				options.apiKey = value();
				break;
			case '--no-seed':
				options.seed = false;
				break;
			case '--json':
				options.json = true;
				break;
			case '--help':
			case '-h':
				options.help = true;
				break;
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	return options;
}

function banner(sim, seeded) {
	const seededLine = seeded
		? `Seeded: ${SEEDED_REFS.allocatable.join(', ')} (allocatable), ${SEEDED_REFS.ineligible} (ineligible).`
		: 'No seeded consignments (--no-seed).';
	return [
		`SortedPRO simulator listening on ${sim.url}`,
		`API key (header ${API_KEY_HEADER}): ${sim.apiKey}`,
		`${seededLine} Any other EC-xxx-xxx-xxx is created on first use; one ` +
			`whose last group starts with F (e.g. EC-000-000-F01) always fails ` +
			`allocation. ` +
			`Control: GET/DELETE ${sim.url}/__sim/requests, PUT ` +
			`${sim.url}/__sim/behaviour, POST ${sim.url}/__sim/inject, POST ` +
			`${sim.url}/__sim/reset, ` +
			`POST ${sim.url}/__sim/consignments/{ref}/state (or cli.js set-state). Ctrl+C to stop.`,
	].join('\n');
}

async function main() {
	if (process.argv[2] === 'set-state') {
		try {
			await setState(process.argv.slice(3));
		} catch (error) {
			process.stderr.write(`${error.message}\n\n${USAGE}\n`);
			process.exitCode = 2;
		}
		return;
	}
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message}\n\n${USAGE}\n`);
		process.exitCode = 2;
		return;
	}
	if (options.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}

	const sim = await startSimulator(options);
	process.stdout.write(
		options.json
			? `${JSON.stringify({ url: sim.url, apiKey: sim.apiKey })}\n`
			: `${banner(sim, options.seed)}\n`,
	);

	let stopping = false;
	const stop = (signal) => {
		// A second signal means the user is impatient: leave at once.
		if (stopping) process.exit(130);
		stopping = true;
		if (!options.json) process.stdout.write(`\n${signal} received, closing simulator\n`);
		sim.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	process.stderr.write(`simulator failed to start: ${error && error.message}\n`);
	process.exit(1);
});
