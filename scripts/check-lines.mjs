#!/usr/bin/env node
// No line longer than 120 characters in nodes/, credentials/ and test/ (Prettier wraps code at
// 100 but leaves long strings, comments and Markdown tables alone). Part of `npm run lint`.
// JSON is left out: the workflow fixtures hold n8n's own one-line parameter strings (a Set
// node's JSON output, say), which JSON cannot wrap. A line ending in the comment
// `// check-lines: one literal` is allowed: n8n's lint and community-package scanner read some
// values (a node's subtitle) only as one string literal.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 120;
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
	encoding: 'utf8',
})
	.split('\n')
	.filter((f) => /^(nodes|credentials|test)\//.test(f) && /\.(ts|js|mjs|md)$/.test(f));

let found = 0;
for (const file of files) {
	let text;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		continue; // deleted in the working tree
	}
	text.split('\n').forEach((line, index) => {
		if (line.length > LIMIT && !line.endsWith('// check-lines: one literal')) {
			found++;
			console.error(`${file}:${index + 1}: ${line.length} characters (at most ${LIMIT})`);
		}
	});
}
if (found) {
	console.error(`${found} line(s) longer than ${LIMIT} characters.`);
	process.exit(1);
}
