/**
 * The simulator's fault actions and presets over raw HTTP (no node involved), so that the fault
 * table tests the node against faults that really happen on the wire.
 */
import { SEEDED_REFS, faults, startSimulator, type Simulator } from '../simulator';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const [OK_1] = SEEDED_REFS.allocatable;

interface Answer {
	status?: number;
	body?: string;
	/** "reset" when the connection closed without an answer, "timeout" when none came. */
	error?: 'reset' | 'timeout';
	/** ms from the answer's headers to the end of its body. */
	bodyMs?: number;
}

/** One raw request over fetch; resolves with what arrived, or how it failed. */
async function send(
	method: string,
	path: string,
	body?: unknown,
	timeoutMs = 1500,
): Promise<Answer> {
	try {
		const response = await fetch(`${sim.url}${path}`, {
			method,
			headers: {
				'ocp-apim-subscription-key': sim.apiKey,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const headersAt = Date.now();
		const text = await response.text();
		return { status: response.status, body: text, bodyMs: Date.now() - headersAt };
	} catch (error) {
		return { error: (error as Error).name === 'TimeoutError' ? 'timeout' : 'reset' };
	}
}

const allocateBody = {
	MpdCarrierServiceReference: 'MPD_RMDTPS48HNAUT',
	ConsignmentReferences: [OK_1],
};
const stateOf = (reference: string) => sim.getConsignment(reference)?.ConsignmentState;

describe('fault actions', () => {
	it('reset: the connection closes without an answer, and nothing is handled', async () => {
		sim.inject({ method: 'PUT', path: '/allocation', ...faults.connectionReset });
		expect((await send('PUT', '/allocation/allocatewithcarrierservice', allocateBody)).error).toBe(
			'reset',
		);
		expect(stateOf(OK_1)).toBe('Unallocated');
	});

	it('reset with apply: the request is handled, then the connection closes', async () => {
		sim.inject({ path: '/allocation', ...faults.connectionReset, apply: true });
		expect((await send('PUT', '/allocation/allocatewithcarrierservice', allocateBody)).error).toBe(
			'reset',
		);
		expect(stateOf(OK_1)).toBe('Allocated');
	});

	it('hang: no answer at all, only for the next N matching requests', async () => {
		sim.inject({ path: '/carrierservices', ...faults.noAnswer });
		expect((await send('GET', '/carrierservices', undefined, 300)).error).toBe('timeout');
		expect((await send('GET', '/carrierservices')).status).toBe(200);
	});

	it('slowDrip: the real answer, in pieces over time', async () => {
		sim.inject(faults.slowDrip(40));
		const answer = await send('GET', '/carrierservices');
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body ?? '')).toHaveProperty('MpdCarrierServices');
		expect(answer.bodyMs).toBeGreaterThanOrEqual(300);
	});

	it('truncate: the request is handled and the body cut in half', async () => {
		sim.inject(faults.truncatedJson);
		const answer = await send('PUT', '/allocation/allocatewithcarrierservice', allocateBody);
		expect(answer.status).toBe(200);
		expect(() => JSON.parse(answer.body ?? '')).toThrow();
		expect(answer.body?.startsWith('[{')).toBe(true);
		expect(stateOf(OK_1)).toBe('Allocated');
	});

	it('duplicates: every entry of the list twice', async () => {
		sim.inject(faults.duplicates);
		const answer = JSON.parse((await send('GET', '/carrierservices')).body ?? '') as {
			MpdCarrierServices: Array<{ Reference: string }>;
		};
		const references = answer.MpdCarrierServices.map((service) => service.Reference);
		expect(references.length).toBe(2 * new Set(references).size);
	});

	it('otherReferences: another consignment is handled and answered about, the asked one unchanged', async () => {
		sim.inject(faults.otherReferences);
		const answer = await send('PUT', '/allocation/allocatewithcarrierservice', allocateBody);
		const other = OK_1.replace(/^EC-0/, 'EC-9');
		expect(answer.body).toContain(other);
		expect(answer.body).not.toContain(OK_1);
		expect(stateOf(OK_1)).toBe('Unallocated');
		expect(stateOf(other)).toBe('Allocated');
	});

	it.each([
		['htmlPage(200)', faults.htmlPage(200), 200, /<html>/i],
		['nonJson(502)', faults.nonJson(502), 502, /Bad gateway/],
		['serverFault(503)', faults.serverFault(503), 503, /CorrelationId/],
		['throttledNoRetryAfter', faults.throttledNoRetryAfter, 429, /Rate limit/],
		['empty200', faults.empty200, 200, /^$/],
	])('%s answers as documented', async (_name, fault, status, body) => {
		sim.inject(fault);
		const answer = await send('GET', '/carrierservices');
		expect(answer.status).toBe(status);
		expect(answer.body).toMatch(body);
	});

	it('a burst: times 3 answers the next three matching requests, then the API again', async () => {
		sim.inject({ ...faults.throttled(2), path: '/carrierservices', times: 3 });
		const statuses = [];
		for (let n = 0; n < 4; n++) statuses.push((await send('GET', '/carrierservices')).status);
		expect(statuses).toEqual([429, 429, 429, 200]);
	});

	it('refuses faults that would silently do something else', () => {
		expect(() => sim.inject({ action: 'reset', status: 500 })).toThrow(/only for action "respond"/);
		expect(() => sim.inject({ action: 'explode' as never })).toThrow(/fault.action/);
		expect(() => sim.inject({ action: 'hang', apply: 'yes' as never })).toThrow(/apply/);
		expect(() => sim.inject({ action: 'pass', dripMs: -1 })).toThrow(/dripMs/);
	});

	it('takes the presets over the control endpoint', async () => {
		const response = await fetch(`${sim.url}/__sim/inject`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ preset: 'connectionReset', path: '/carrierservices' }),
		});
		expect(response.status).toBe(201);
		expect((await send('GET', '/carrierservices')).error).toBe('reset');
	});
});
