/**
 * Combines the references of every input item of one run that go to the same request, so that
 * 200 orders one per item are sent as 2 requests of 100 rather than 200 requests of 1.
 *
 * n8n's routing engine starts every item's request before awaiting any: it prepares the items in
 * a synchronous loop and each item's pagination function runs in a microtask after it. Items that
 * register here before the next turn of the event loop (a zero timer) are therefore every item
 * of the run, and they are sent together then (the DataLoader pattern). n8n's Batching option sleeps
 * between batches, so each batch is combined on its own; with a batch size but no interval, the
 * batch number is part of the key for the same effect.
 *
 * Nothing outlives the run: the maps below hold a run only while its requests are in flight, so
 * executions never share anything (queue-mode workers included). See docs/adr/0002.
 */
import { sleep, type IExecuteSingleFunctions } from 'n8n-workflow';

export interface CombinedItem {
	context: IExecuteSingleFunctions;
	references: string[];
}

interface Run {
	items: CombinedItem[];
	/** Groups of this run still sending. */
	open: number;
	/** Every item's references, distinct; worked out once, when an item first needs them. */
	allReferences?: string[];
}

interface Group<R> {
	items: CombinedItem[];
	result: Promise<R>;
}

const runs = new Map<string, Run>();
const groups = new Map<string, Group<unknown>>();

/**
 * n8n hands every item of one run of a node the same execute-data object, and a new one to every
 * other run, node and execution: its identity is the run. The key is worked out once per run,
 * because `getNode()` copies the node for every call.
 */
const runKeys = new WeakMap<object, string>();
let lastRunId = 0;

/** Executions, nodes, run indexes and credentials never share a request. */
function runKeyOf(context: IExecuteSingleFunctions): string {
	const executeData = context.getExecuteData() as object;
	let runKey = runKeys.get(executeData);
	if (runKey === undefined) {
		const node = context.getNode();
		runKey = JSON.stringify([
			++lastRunId,
			context.getExecutionId() ?? '',
			node.name,
			node.credentials?.sortedProApi?.id ?? '',
		]);
		runKeys.set(executeData, runKey);
	}
	return runKey;
}

function batchOf(context: IExecuteSingleFunctions): number {
	const batch = context.getNodeParameter('requestOptions.batching.batch', {}) as {
		batchSize?: number;
	};
	const size = Number(batch?.batchSize);
	return Number.isInteger(size) && size > 0 ? Math.floor(context.getItemIndex() / size) : 0;
}

/** Distinct references in the order first given, ignoring case as SortedPRO does. */
function distinct(references: string[]): string[] {
	const seen = new Set<string>();
	return references.filter((reference) => {
		const key = reference.toUpperCase();
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * Registers this item's references and resolves with the result of sending them together with
 * those of the other items that share `sameRequest`. `send` is called once per group, with the
 * distinct references of all its items. `otherItemsReferences` is worked out only when asked
 * (an item that fails names them): for every item of a large run it would cost time squared.
 */
export async function combineWithOtherItems<R>(
	context: IExecuteSingleFunctions,
	sameRequest: string,
	references: string[],
	send: (references: string[]) => Promise<R>,
): Promise<{ item: CombinedItem; result: R; otherItemsReferences: () => string[] }> {
	const runKey = runKeyOf(context);
	const item: CombinedItem = { context, references };
	let run = runs.get(runKey);
	if (!run) {
		run = { items: [], open: 0 };
		runs.set(runKey, run);
	}
	run.items.push(item);

	const key = JSON.stringify([runKey, batchOf(context), sameRequest]);
	let group = groups.get(key) as Group<R> | undefined;
	if (!group) {
		const thisRun = run;
		const items: CombinedItem[] = [];
		thisRun.open++;
		// A zero timer fires only after every microtask of the loop that started the items.
		const result = sleep(0).then(async () => {
			groups.delete(key);
			try {
				return await send(distinct(items.flatMap((entry) => entry.references)));
			} finally {
				if (--thisRun.open === 0 && runs.get(runKey) === thisRun) runs.delete(runKey);
			}
		});
		group = { items, result };
		groups.set(key, group as Group<unknown>);
	}
	group.items.push(item);

	const result = await group.result;
	const thisRun = run;
	const otherItemsReferences = () => {
		thisRun.allReferences ??= distinct(thisRun.items.flatMap((entry) => entry.references));
		const own = new Set(references.map((reference) => reference.toUpperCase()));
		return thisRun.allReferences.filter((reference) => !own.has(reference.toUpperCase()));
	};
	return { item, result, otherItemsReferences };
}
