/**
 * The example workflow the demo imports, run through the routing engine as it stands in
 * examples/allocate-orders.json, and checked against what its sticky note promises: a first run
 * allocates two and reports the third, and a re-run reports the same, never "failed" for the two
 * already allocated.
 */
import type { INodeParameters } from 'n8n-workflow';

import example from '../../examples/allocate-orders.json';
import { SortedPro } from '../../nodes/SortedPro/SortedPro.node';
import { runSortedPro } from '../harness/n8n';
import { SEEDED_REFS, startSimulator, type Simulator } from '../simulator';
import { credentialsFor, jsonOf } from './helpers';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

const sortedProNode = example.nodes.find((node) => node.type === 'n8n-nodes-sortedpro.sortedPro');
const setNode = example.nodes.find((node) => node.type === 'n8n-nodes-base.set');
const stickyNote = example.nodes.find((node) => node.type === 'n8n-nodes-base.stickyNote');
const orders = setNode?.parameters.assignments?.assignments ?? [];

const runExample = async () =>
	jsonOf(
		await runSortedPro(sortedProNode?.parameters as INodeParameters, {
			credentials: credentialsFor(sim),
			items: [{ json: Object.fromEntries(orders.map((order) => [order.name, order.value])) }],
		}),
	).map((item) => [
		item.ConsignmentReference,
		item.Allocated,
		item.Description ?? item.FailureReason,
	]);

describe('examples/allocate-orders.json', () => {
	it('allocates the seeded orders on the first run and reports the ineligible one', async () => {
		expect(await runExample()).toEqual([
			[SEEDED_REFS.allocatable[0], true, expect.stringContaining('successfully allocated')],
			[SEEDED_REFS.allocatable[1], true, expect.stringContaining('successfully allocated')],
			[SEEDED_REFS.ineligible, false, expect.stringContaining('delivery promise')],
		]);
	});

	it('reports "already allocated" on a re-run, as its sticky note says, not a failure', async () => {
		await runExample();
		expect(await runExample()).toEqual([
			[SEEDED_REFS.allocatable[0], true, expect.stringContaining('already allocated')],
			[SEEDED_REFS.allocatable[1], true, expect.stringContaining('already allocated')],
			[SEEDED_REFS.ineligible, false, expect.stringContaining('delivery promise')],
		]);
		const note = String(stickyNote?.parameters.content);
		expect(note).toContain('Run it again');
		expect(note).toContain('already allocated');
		expect(note).not.toMatch(/run it again and they fail/i);
	});

	it("the node's placeholders and examples are not the references the example allocates", () => {
		const seeded = [...SEEDED_REFS.allocatable, SEEDED_REFS.ineligible];
		const shown = JSON.stringify(
			new SortedPro().description.properties.map((property) => [
				property.placeholder,
				property.description,
				property.hint,
			]),
		);
		for (const reference of seeded) expect(shown).not.toContain(reference);
	});
});
