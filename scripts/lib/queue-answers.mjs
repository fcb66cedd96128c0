// What the simulator ANSWERED, next to what it received (sim.requests): the queue scenario counts
// the successful allocation answers per consignment, which the request log alone cannot tell
// (a request answered by an injected 500 changed nothing). The simulator is not changed for this:
// a second 'request' listener on its HTTP server sees each response before it is written (the
// simulator's own handler reads the whole body first) and keeps a copy of what is sent.
//
// The same hook can LOSE answers: for a while, the matching requests are carried out by the
// simulator (consignments allocated) but the connection is reset instead of answering, as when a
// proxy or the network drops a response. That is the fault that would allocate twice if a retry
// trusted its own memory instead of SortedPRO's records.

const SUCCESS = /^Consignment (\S+) has been successfully allocated/;

/**
 * Records every API answer of `sim`; returns the live array of records, with
 * `loseAnswers({ method, path, forMs })` to reset the connections of matching requests (after the
 * simulator carried them out) for `forMs` milliseconds. Lost answers are recorded with status 0.
 */
export function recordAnswers(sim) {
	const answers = [];
	let losing;
	answers.loseAnswers = ({ method, path, forMs }) => {
		losing = { method, path: path.toLowerCase(), until: Date.now() + forMs };
	};
	const isLost = (req) =>
		losing &&
		Date.now() < losing.until &&
		req.method === losing.method &&
		(req.url ?? '').toLowerCase().startsWith(losing.path);
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
			const lost = isLost(req);
			answers.push({
				lost,
				method: req.method,
				path: (req.url ?? '').split('?')[0],
				references: Array.isArray(requestBody?.ConsignmentReferences)
					? requestBody.ConsignmentReferences
					: [],
				status: lost ? 0 : res.statusCode,
				allocated,
				at,
				answeredAt: Date.now(),
			});
			if (lost) {
				res.socket?.destroy();
				return res;
			}
			return end(payload, ...rest);
		};
	});
	return answers;
}
