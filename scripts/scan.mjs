// Runs n8n's community-package scanner the way n8n does before listing a package. Its CLI only
// takes published package names, so this calls its analyzer on local folders instead.
//   node scripts/scan.mjs source    the source tree (part of `npm run lint`, builds nothing)
//   node scripts/scan.mjs package   the tarball `npm pack` would publish (`npm run scan:package`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from './lib/runtime.mjs';

const { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } = await import(
	'@n8n/scan-community-package/scanner/scanner.mjs'
);
const { ESLint } = await import('eslint');
const { default: glob } = await import('fast-glob');

let failed = false;
async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	// analyzePackage only fails on errors; warnings count as findings here too.
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const reports = await eslint.lintFiles(files);
	const warnings = reports.reduce((sum, report) => sum + report.warningCount, 0);
	if (result.passed && warnings === 0) {
		console.log(`scanner: ${label}: ${files.length} files, no findings`);
		return;
	}
	failed = true;
	const formatter = await eslint.loadFormatter('stylish');
	console.error(
		`scanner: ${label}: ${result.passed ? `${warnings} warnings` : result.message}\n${await formatter.format(reports)}`,
	);
}

const target = process.argv[2] ?? 'source';
if (target !== 'source' && target !== 'package') {
	console.error('usage: node scripts/scan.mjs source|package');
	process.exit(2);
}

if (target === 'source') {
	await scan('source', ROOT, SOURCE_FILE_PATTERNS);
	process.exit(failed ? 1 : 0);
}

execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'sortedpro-scan-'));
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
	await scan(`packed tarball ${tarball}`, unpacked, ['**/*.js', 'package.json']);
} finally {
	rmSync(work, { recursive: true, force: true });
}

process.exit(failed ? 1 : 0);
