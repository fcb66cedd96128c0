import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { sortedProApiTest } from '../SortedPro/credentialTest/sortedProApiTest';
import { baseUrlFor } from '../SortedPro/helpers/baseUrl';
import { CREDENTIAL_TYPE } from '../SortedPro/transport';
import {
	TEST_EVENT_MAX_PAGES,
	mostRecent,
	normaliseFilters,
	orderEvents,
	type ConsignmentEvent,
	type SearchFilters,
} from './helpers/consignmentEvents';
import {
	advanceState,
	hasSeen,
	initialState,
	pollWindow,
	readState,
	testEventWindow,
	watchSignature,
	type PollWindow,
	type TriggerState,
} from './helpers/pollState';
import { CONSIGNMENT_STATES, isKnownState, stateName } from './helpers/states';
import { searchState, type SkippedSearch } from './search';

function validStates(context: IPollFunctions): string[] {
	const raw = context.getNodeParameter('states', []) as unknown;
	const list = (Array.isArray(raw) ? raw : [raw]).filter(
		(value) => value !== '' && value !== null && value !== undefined,
	);
	if (list.length === 0) {
		throw new NodeOperationError(context.getNode(), 'No state to watch is chosen', {
			description: 'Pick at least one state in States, for example Allocation Failed.',
		});
	}
	const states: string[] = [];
	for (const value of list) {
		const name = stateName(value);
		if (!isKnownState(name)) {
			throw new NodeOperationError(
				context.getNode(),
				`States: "${String(value)}" is not a SortedPRO consignment state`,
				{
					description: `Pick the states from the list. Known states: ${CONSIGNMENT_STATES.map((s) => s.value).join(', ')}.`,
				},
			);
		}
		if (!states.includes(name)) states.push(name);
	}
	return states;
}

function writeState(staticData: IDataObject, state: TriggerState): void {
	// Keys are replaced one by one: n8n notices changes to this object and saves it.
	for (const key of Object.keys(staticData)) if (!(key in state)) delete staticData[key];
	Object.assign(staticData, state);
}

async function searchAll(
	context: IPollFunctions,
	baseURL: string,
	states: string[],
	window: PollWindow,
	filters: SearchFilters,
	throwOnTemporary: boolean,
	maxPages?: number,
): Promise<ConsignmentEvent[] | SkippedSearch> {
	const events: ConsignmentEvent[] = [];
	for (const state of states) {
		const result = await searchState.call(context, {
			baseURL,
			state,
			window,
			filters,
			throwOnTemporary,
			maxPages,
		});
		if ('skipped' in result) return result;
		events.push(...result.events);
	}
	return events;
}

export class SortedProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SortedPRO Trigger',
		name: 'sortedProTrigger',
		icon: { light: 'file:sortedproTrigger.svg', dark: 'file:sortedproTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Consignment reached " + [$parameter["states"]].flat().join(", ") }}',
		description:
			'Starts the workflow when consignments in SortedPRO (formerly Electio) reach a state, ' +
			'such as Allocation Failed or Delivered',
		defaults: { name: 'SortedPRO Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The same credential test as the SortedPRO node: its sentences, not n8n's bare error codes.
		credentials: [{ name: 'sortedProApi', required: true, testedBy: 'sortedProApiTest' }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Consignment Reached a State',
						value: 'consignmentStateChanged',
						description:
							'One item per consignment that reached one of the states since the last check',
					},
				],
				default: 'consignmentStateChanged',
			},
			{
				displayName: 'States',
				name: 'states',
				type: 'multiOptions',
				required: true,
				options: CONSIGNMENT_STATES.map((state) => ({
					name: state.name,
					value: state.value,
					description: state.description,
				})),
				default: ['AllocationFailed'],
				description:
					'The consignment states to watch; a consignment is emitted once per visit to one of them',
				displayOptions: { show: { event: ['consignmentStateChanged'] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: ['consignmentStateChanged'] } },
				options: [
					{
						displayName: 'Carrier Service',
						name: 'carrierService',
						type: 'string',
						default: '',
						placeholder: 'MPD_RMDTPS48HNAUT',
						description:
							'Only consignments allocated (or attempted) with this carrier service reference',
					},
					{
						displayName: 'Customer Reference',
						name: 'customerReference',
						type: 'string',
						default: '',
						placeholder: 'ORDER-1001',
						description:
							'Only the consignment with this reference of yours (e.g. the order number)',
					},
					{
						displayName: 'Shipping Location Reference',
						name: 'shippingLocationReference',
						type: 'string',
						default: '',
						placeholder: 'SL-MAIN-WAREHOUSE',
						description: 'Only consignments shipped from this shipping location',
					},
				],
			},
		],
	};

	methods = { credentialTest: { sortedProApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const states = validStates(this);
		const filters = normaliseFilters(this.getNodeParameter('filters', {}));
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const baseURL = baseUrlFor(credentials.environment, credentials.baseUrl);
		const now = Date.now();
		const node = this.getNode();

		if (this.getMode() === 'manual') {
			const window = testEventWindow(now);
			const found = await searchAll(
				this,
				baseURL,
				states,
				window,
				filters,
				true,
				TEST_EVENT_MAX_PAGES,
			);
			const latest = Array.isArray(found) ? mostRecent(found) : undefined;
			if (!latest) {
				throw new NodeOperationError(
					node,
					`No consignment reached ${states.join(' or ')} in the last 30 days`,
					{
						description:
							'There is nothing to show yet. Move a consignment into one of the watched states ' +
							'(or widen the filters), then fetch again. Once the workflow is active, the trigger ' +
							'only reports consignments that reach the states from then on.',
					},
				);
			}
			return [[{ json: latest.json as unknown as IDataObject }]];
		}

		const staticData = this.getWorkflowStaticData('node');
		const watch = watchSignature(states, filters as Record<string, string | undefined>);
		const state = readState(staticData, watch);
		if (!state) {
			// One search, so that a wrong key or filter stops the activation with its message.
			const check = await searchAll(
				this,
				baseURL,
				states.slice(0, 1),
				{ start: now, end: now },
				filters,
				false,
			);
			if (!Array.isArray(check)) {
				this.logger.warn(
					`SortedPRO Trigger "${node.name}" could not check the connection: ${check.skipped}. It starts watching anyway.`,
					{ workflowId: this.getWorkflow().id, httpCode: check.httpCode },
				);
			}
			writeState(staticData, initialState(watch, now));
			this.logger.info(
				`SortedPRO Trigger "${node.name}": watching ${states.join(', ')} from now on; ` +
					'earlier consignments are not replayed.',
				{ workflowId: this.getWorkflow().id },
			);
			return null;
		}

		const window = pollWindow(state, now);
		const found = await searchAll(this, baseURL, states, window, filters, false);
		if (!Array.isArray(found)) {
			this.logger.warn(
				`SortedPRO Trigger "${node.name}" skipped this poll: ${found.skipped}. Nothing was emitted; ` +
					'the next poll searches the same time window again, so no consignment is missed.',
				{ workflowId: this.getWorkflow().id, httpCode: found.httpCode },
			);
			return null;
		}
		const fresh = orderEvents(found).filter(
			(event) =>
				!hasSeen(state, event.key) &&
				// A state reached before the window was reported earlier, or before the trigger started.
				(event.reachedAt === undefined || event.reachedAt >= window.start),
		);
		writeState(
			staticData,
			advanceState(
				state,
				window,
				fresh.map((event) => event.key),
				now,
			),
		);
		if (fresh.length === 0) return null;
		return [fresh.map((event) => ({ json: event.json as unknown as IDataObject }))];
	}
}
