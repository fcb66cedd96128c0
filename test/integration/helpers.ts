import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runSortedPro, type SortedProCredentials } from '../harness/n8n';
import { ALLOCATED_ITEM_KEYS } from '../../nodes/SortedPro/helpers/allocationReport';
import { CARRIER_SERVICE_REFS, type Simulator } from '../simulator';

export function credentialsFor(
	sim: Simulator,
	overrides: Partial<SortedProCredentials> = {},
): SortedProCredentials {
	return { apiKey: sim.apiKey, environment: 'custom', baseUrl: sim.url, ...overrides };
}

/** Allocates consignments through the node, as a step before what a test is about, then forgets those requests. */
export async function allocateFirst(sim: Simulator, references: string | string[]): Promise<void> {
	await runSortedPro(
		{
			resource: 'consignment',
			operation: 'allocateWithCarrierService',
			carrierService: { __rl: true, mode: 'id', value: CARRIER_SERVICE_REFS.royalMailTracked48 },
			consignmentReferences: references,
		} as INodeParameters,
		{ credentials: credentialsFor(sim) },
	);
	sim.clearRequests();
}

/** Awaits a promise that must reject, and hands back its error for inspection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<
	Error & {
		description?: string | null;
		httpCode?: string | null;
		context?: Record<string, unknown>;
	}
> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { description?: string | null; httpCode?: string | null };
	}
	throw new Error('expected a rejection, got a result');
}

/** Everything an operator could see of an error or items, to check that a secret is absent. */
export function everythingShown(value: unknown): string {
	if (value instanceof Error) {
		const fields = value as Error & {
			description?: unknown;
			messages?: unknown;
			context?: unknown;
			cause?: unknown;
		};
		return [
			value.message,
			String(fields.description ?? ''),
			JSON.stringify(fields.messages ?? []),
			JSON.stringify(fields.context ?? {}),
			JSON.stringify(value),
			safeStringify(fields.cause),
		].join('\n');
	}
	return safeStringify(value);
}

function safeStringify(value: unknown): string {
	const seen = new WeakSet();
	return (
		JSON.stringify(value, (_key, inner: unknown) => {
			if (typeof inner === 'object' && inner !== null) {
				if (seen.has(inner)) return '[circular]';
				seen.add(inner);
			}
			return inner;
		}) ?? ''
	);
}

export function jsonOf(items: INodeExecutionData[]): Array<Record<string, unknown>> {
	return items.map((item) => item.json as Record<string, unknown>);
}

/** Create Consignment's parameters for one valid consignment from the fields (an order's data). */
export function createFromFields(additionalFields: Record<string, unknown> = {}) {
	return {
		resource: 'consignment',
		operation: 'create',
		shippingLocation: { __rl: true, mode: 'list', value: 'SL-MAIN-WAREHOUSE' },
		destination: {
			firstName: 'Ada',
			lastName: 'Lovelace',
			addressLine1: '13 Porter Street',
			town: 'Manchester',
			postcode: 'M1 5WG',
			countryCode: 'GB',
			email: 'ada@example.com',
			telephone: '07700 900123',
		},
		packages: {
			package: [
				{ weight: 1.5, length: 30, width: 20, height: 10, description: 'T-shirts', value: 25 },
			],
		},
		additionalFields,
	};
}

/**
 * A re-run's allocated item next to the first run's: the same leading keys in the same order,
 * and the same values but for those a re-run cannot know the same way (when, and in what words).
 */
export function expectSameAllocatedItem(
	first: Record<string, unknown>,
	again: Record<string, unknown>,
): void {
	const leadingKeys = (json: Record<string, unknown>) =>
		Object.keys(json).slice(0, ALLOCATED_ITEM_KEYS.length);
	expect(leadingKeys(first)).toEqual([...ALLOCATED_ITEM_KEYS]);
	expect(leadingKeys(again)).toEqual([...ALLOCATED_ITEM_KEYS]);
	const comparable = (json: Record<string, unknown>) =>
		Object.fromEntries(
			ALLOCATED_ITEM_KEYS.filter(
				(key) =>
					![
						'Description',
						'AllocationDate',
						'MpdCarrierServiceName',
						'CarrierServiceReference',
					].includes(key),
			).map((key) => [key, json[key]]),
		);
	expect(comparable(again)).toEqual(comparable(first));
	expect(again.Description).toContain('already allocated');
}

/** The first quote the simulator gives for a consignment, asked directly (the request forgotten). */
export async function firstQuoteFor(
	sim: Simulator,
	reference: string,
): Promise<string | undefined> {
	const response = await fetch(`${sim.url}/quotes/consignment/${reference}`, {
		headers: { 'ocp-apim-subscription-key': sim.apiKey },
	});
	sim.requests.pop();
	const body = (await response.json()) as { Quotes?: Array<{ QuoteReference: string }> };
	return body.Quotes?.[0]?.QuoteReference;
}
