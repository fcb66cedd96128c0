/**
 * What the demo banner tells a user about references holds in the simulator the demo runs:
 * the fresh references allocate once, the example's are named, the ineligible ones never allocate.
 */
import type { INodeParameters } from 'n8n-workflow';

import { freshReferences, referencesToTry } from '../../scripts/lib/demoBanner';
import { runSortedPro } from '../harness/n8n';
import { credentialsFor, rejectionOf } from './helpers';
import {
	CARRIER_SERVICE_REFS,
	SEEDED_REFS,
	isAutoIneligibleReference,
	isWellFormedReference,
	startSimulator,
	type Simulator,
} from '../simulator';

let sim: Simulator;
beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => await sim.close());

const allocate = (reference: string, service: string = CARRIER_SERVICE_REFS.royalMailTracked48) =>
	runSortedPro(
		{
			resource: 'consignment',
			operation: 'allocateWithCarrierService',
			carrierService: { __rl: true, mode: 'id', value: service },
			consignmentReferences: reference,
		} as INodeParameters,
		{ credentials: credentialsFor(sim) },
	);

describe('the demo banner', () => {
	const fresh = freshReferences(3);
	const banner = referencesToTry({
		fresh,
		seeded: SEEDED_REFS.allocatable,
		ineligible: SEEDED_REFS.ineligible,
	});

	it('offers fresh, well-formed references the simulator does not refuse', () => {
		expect(fresh).toHaveLength(3);
		for (const reference of fresh) {
			expect(banner).toContain(reference);
			expect(isWellFormedReference(reference)).toBe(true);
			expect(isAutoIneligibleReference(reference)).toBe(false);
			expect(SEEDED_REFS.allocatable).not.toContain(reference);
		}
		// Even the last characters of the alphabet never make a reference whose last group starts with F.
		expect(isAutoIneligibleReference(freshReferences(1, () => 0.999)[0])).toBe(false);
	});

	it('names the example references and the ineligible one', () => {
		for (const reference of [...SEEDED_REFS.allocatable, SEEDED_REFS.ineligible])
			expect(banner).toContain(reference);
	});

	it('is right about the example references: Royal Mail, a re-run done, another service refused', async () => {
		sim.reset();
		const [reference] = SEEDED_REFS.allocatable;
		const [first] = await allocate(reference);
		expect(first.json).toMatchObject({
			Allocated: true,
			CarrierName: expect.stringMatching(/Royal Mail/),
		});
		const [again] = await allocate(reference);
		expect(again.json).toMatchObject({ Allocated: true });
		expect(again.json.Description).toContain('already allocated');
		const other = await rejectionOf(allocate(reference, CARRIER_SERVICE_REFS.dpdNextDay));
		expect(other.message).toContain('another carrier service');
	});

	it('is right that a fresh reference allocates once, and then only with the same service', async () => {
		sim.reset();
		const [reference] = fresh;
		const [item] = await allocate(reference);
		expect(item.json).toMatchObject({ ConsignmentReference: reference, Allocated: true });
		const again = await rejectionOf(allocate(reference, CARRIER_SERVICE_REFS.dpdNextDay));
		expect(again.message).toContain('another carrier service');
	});

	it('is right that the ineligible one and those whose last group starts with F never allocate', async () => {
		sim.reset();
		for (const reference of [SEEDED_REFS.ineligible, 'EC-000-000-F01']) {
			const error = await rejectionOf(allocate(reference));
			expect(error.message).toContain(reference);
			const held = sim.getConsignment(reference);
			expect(held).toBeDefined();
			expect(held?.ConsignmentState).not.toBe('Allocated');
		}
	});
});
