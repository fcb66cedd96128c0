/**
 * Runs the SortedPRO Trigger's poll() the way n8n 2.41 does: n8n-core's real PollContext (real
 * credential and request path, real expression evaluation, real workflow static data) on a
 * Workflow, plus n8n's rules for when static data reaches the database:
 * - on activation n8n polls once, then saves the static data;
 * - a poll that emits saves it (before the execution runs); a poll that returns null does not,
 *   so its changes live only in memory until the next save;
 * - after a restart the workflow is rebuilt from what was saved, and polled once on activation.
 * Only the log sink is replaced, so tests can read the trigger's log lines.
 */
import { PollContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type IPollFunctions,
	type IWorkflowExecuteAdditionalData,
	type Logger,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { SortedProTrigger } from '../../nodes/SortedProTrigger/SortedProTrigger.node';
import { NodeTypes, additionalDataFor, checkReading, type SortedProCredentials } from './n8n';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-sortedpro.sortedProTrigger';

export interface LogEntry {
	level: keyof Logger;
	message: string;
	metadata?: unknown;
}

class RecordingPollContext extends PollContext {
	private records: LogEntry[] = [];

	static create(
		records: LogEntry[],
		...args: ConstructorParameters<typeof PollContext>
	): RecordingPollContext {
		const context = new RecordingPollContext(...args);
		context.records = records;
		return context;
	}

	override get logger(): PollContext['logger'] {
		const record =
			(level: keyof Logger) =>
			(message: string, metadata?: unknown): void => {
				this.records.push({ level, message, metadata });
			};
		return {
			error: record('error'),
			warn: record('warn'),
			info: record('info'),
			debug: record('debug'),
		} satisfies Logger as unknown as PollContext['logger'];
	}
}

export type PollResult = INodeExecutionData[][] | null;

export class PollHarness {
	/** What n8n's database holds for the workflow's static data (last save). */
	saved: IDataObject = {};

	readonly logs: LogEntry[] = [];

	private workflow!: Workflow;

	private readonly node: INode;

	private readonly nodeType = new SortedProTrigger();

	constructor(
		parameters: INodeParameters,
		private readonly credentials: SortedProCredentials,
	) {
		this.node = {
			id: 'sortedpro-trigger',
			name: 'SortedPRO Trigger',
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { sortedProApi: { id: 'cred-1', name: 'SortedPRO test' } },
		};
		this.load();
	}

	/** The node's static data as the running workflow holds it in memory. */
	get memory(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	private load(): void {
		this.workflow = new Workflow({
			id: 'trigger-workflow',
			name: 'Trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: new NodeTypes({ [TRIGGER_NODE_TYPE]: this.nodeType }),
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
		});
	}

	private save(): void {
		// WorkflowStaticDataService.saveStaticData: only when something changed.
		const staticData = this.workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (staticData.__dataChanged === true) {
			this.saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			staticData.__dataChanged = false;
		}
	}

	private context(mode: WorkflowExecuteMode, activation: WorkflowActivateMode): IPollFunctions {
		const additionalData: IWorkflowExecuteAdditionalData = additionalDataFor(
			this.credentials,
			this.node.parameters,
		);
		return RecordingPollContext.create(
			this.logs,
			this.workflow,
			this.workflow.getNode(this.node.name) ?? this.node,
			additionalData,
			mode,
			activation,
		);
	}

	private async run(
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<PollResult> {
		const result = this.nodeType.poll.call(this.context(mode, activation));
		result.catch((error: unknown) => checkReading(error, `trigger poll (${mode}, ${activation})`));
		return await result;
	}

	/** Activation: n8n polls once, then saves the static data whatever the poll returned. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<PollResult> {
		const result = await this.run('trigger', activation);
		this.save();
		return result;
	}

	/** A scheduled poll; saved only when it emits. */
	async poll(): Promise<PollResult> {
		const result = await this.run('trigger', 'activate');
		if (result !== null) this.save();
		return result;
	}

	/** The editor's "Fetch Test Event". */
	async fetchTestEvent(): Promise<PollResult> {
		return await this.run('manual', 'manual');
	}

	/** n8n stops (memory lost) and starts again: the workflow is rebuilt from the database and activated. */
	async restart(): Promise<PollResult> {
		this.load();
		return await this.activate('init');
	}
}

/** The json of the first output's items, or [] for null. */
export function emitted(result: PollResult): Array<Record<string, unknown>> {
	return (result?.[0] ?? []).map((item) => item.json as Record<string, unknown>);
}

/** Evaluates an expression in the context of a trigger node with these parameters (e.g. its subtitle). */
export async function evaluateForTrigger(
	expression: string,
	parameters: INodeParameters,
): Promise<unknown> {
	const node: INode = {
		id: 'sortedpro-trigger',
		name: 'SortedPRO Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes({ [TRIGGER_NODE_TYPE]: new SortedProTrigger() }),
	});
	return workflow.expression.getParameterValue(expression, null, 0, 0, node.name, [], 'manual', {});
}
