// n8n's error panel shows an error's description with its line breaks replaced by spaces, so a
// description must read correctly as one line: every line that another follows ends a sentence
// (or introduces what follows with a colon), nothing is a "- " list line, and the text ends with
// a full stop. An error's message is its title: one line. Shared by the jest harness and the e2e
// scenarios, which is why this is plain CommonJS.
'use strict';

const LIST_LINE = /^\s*(?:[-*\u2022]|\d+[.)])\s/;
const ENDS_SENTENCE = /[.!?]["')\]]*$/;
const ENDS_LINE = /[.!?:]["')\]]*$/;

/** Why `description` does not read as one line, or undefined when it does. */
function oneLineProblem(description) {
	if (description === undefined || description === null || description === '') return undefined;
	if (typeof description !== 'string') return `the description is ${typeof description}, not text`;
	const lines = description
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
	for (const [index, line] of lines.entries()) {
		if (LIST_LINE.test(line)) return `the line "${line}" is a list line`;
		const next = lines[index + 1];
		if (next !== undefined && !ENDS_LINE.test(line))
			return `"${line.slice(-40)}" runs into "${next.slice(0, 40)}" without a full stop`;
	}
	const last = lines[lines.length - 1];
	if (last !== undefined && !ENDS_SENTENCE.test(last))
		return `the description ends without a full stop: "${last.slice(-60)}"`;
	return undefined;
}

/** Why an error's message and description do not read as one line each, or undefined. */
function errorReadingProblem(error) {
	if (!error || typeof error !== 'object') return undefined;
	const message = typeof error.message === 'string' ? error.message : '';
	if (/\n/.test(message.trim())) return `the message has a line break: "${message}"`;
	const problem = oneLineProblem(error.description);
	return problem ? `${problem} (message: "${message}")` : undefined;
}

function readsAsOneLine(description) {
	return oneLineProblem(description) === undefined;
}

module.exports = { oneLineProblem, errorReadingProblem, readsAsOneLine };
