// What the simulator ANSWERED, next to what it received (sim.requests): the queue scenario counts
// the successful allocation answers per consignment, which the request log alone cannot tell
// (a request answered by an injected 500 changed nothing). The simulator is not changed for this:
// a second 'request' listener on its HTTP server sees each response before it is written (the
// simulator's own handler reads the whole body first) and keeps a copy of what is sent.
//
// The same hook can LOSE answers: the matching requests are carried out by the simulator
// (consignments allocated) but the connection is reset instead of answering, as when a proxy or
// the network drops a response. That is the fault that would allocate twice if a retry trusted
// its own memory instead of SortedPRO's records.

const SUCCESS = /^Consignment (\S+) has been successfully allocated/;

/**
 * Records every API answer of `sim`; returns the live array of records (lost answers have status
 * 0), with two controls:
 * - `loseAnswers({ method, path, count, mayFail })` resets the connection of the next `count`
 *   matching requests after the simulator carried them out, skipping any whose consignment
 *   references `mayFail(references)` refuses;
 * - `onAnswer(record)`, if set, runs as each answer is recorded, before it is sent (so a fault
 *   can be stopped before the client can send its next try).
 */
export function recordAnswers(sim) {
	const answers = [];
	let losing;
	answers.loseAnswers = ({ method, path, count, mayFail = () => true }) => {
		losing = { method, path: path.toLowerCase(), remaining: count, mayFail };
	};
	answers.losing = () => Boolean(losing && losing.remaining > 0);
	const isLost = (req, references) => {
		if (!losing || losing.remaining <= 0) return false;
		if (req.method !== losing.method) return false;
		if (!(req.url ?? '').toLowerCase().startsWith(losing.path)) return false;
		if (!losing.mayFail(references)) return false;
		losing.remaining -= 1;
		return true;
	};
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
			const references = Array.isArray(requestBody?.ConsignmentReferences)
				? requestBody.ConsignmentReferences
				: [];
			const lost = isLost(req, references);
			const record = {
				lost,
				method: req.method,
				path: (req.url ?? '').split('?')[0],
				references,
				status: lost ? 0 : res.statusCode,
				allocated,
				at,
				answeredAt: Date.now(),
			};
			answers.push(record);
			answers.onAnswer?.(record);
			if (lost) {
				res.socket?.destroy();
				return res;
			}
			return end(payload, ...rest);
		};
	});
	return answers;
}
