// Runs n8n's community-package scanner the way n8n does before listing a package, on the
// source and on the tarball `npm pack` would publish. Its CLI only takes published package
// names, so this calls its analyzer on local folders instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from './lib/runtime.mjs';

const { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
const { ESLint } = await import('eslint');
const { default: glob } = await import('fast-glob');

let failed = false;
async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	// analyzePackage only fails on errors; warnings count as findings here too.
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const reports = await eslint.lintFiles(files);
	const warnings = reports.reduce((sum, report) => sum + report.warningCount, 0);
	if (result.passed && warnings === 0) {
		console.log(`scanner: ${label}: ${files.length} files, no findings`);
		return;
	}
	failed = true;
	const formatter = await eslint.loadFormatter('stylish');
	console.error(`scanner: ${label}: ${result.passed ? `${warnings} warnings` : result.message}\n${await formatter.format(reports)}`);
}

await scan('source', ROOT, SOURCE_FILE_PATTERNS);

execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'sortedpro-scan-'));
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })
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
