// What the simulator ANSWERED, next to what it received (sim.requests): the queue scenario counts
// the successful allocation answers per consignment, which the request log alone cannot tell
// (a request answered by an injected 500 changed nothing). The simulator is not changed for this:
// a second 'request' listener on its HTTP server sees each response before it is written (the
// simulator's own handler reads the whole body first) and keeps a copy of what is sent.

const SUCCESS = /^Consignment (\S+) has been successfully allocated/;

/** Records every API answer of `sim`; returns the live array of records. */
export function recordAnswers(sim) {
	const answers = [];
	sim._server.on('request', (req, res) => {
		if ((req.url ?? '').toLowerCase().startsWith('/__sim')) return;
		const at = Date.now();
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		const end = res.end.bind(res);
		res.end = (payload, ...rest) => {
			let body;
			let requestBody;
			try {
				body = JSON.parse(String(payload ?? ''));
			} catch {}
			try {
				requestBody = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {}
			const allocated = [];
			if (res.statusCode === 200 && Array.isArray(body))
				for (const summary of body) {
					const match = SUCCESS.exec(String(summary?.Description ?? ''));
					if (match && summary.StatusCode === 200) allocated.push(match[1]);
				}
			answers.push({
				method: req.method,
				path: (req.url ?? '').split('?')[0],
				references: Array.isArray(requestBody?.ConsignmentReferences)
					? requestBody.ConsignmentReferences
					: [],
				status: res.statusCode,
				allocated,
				at,
				answeredAt: Date.now(),
			});
			return end(payload, ...rest);
		};
	});
	return answers;
}
