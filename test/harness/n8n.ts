/**
 * Runs the SortedPRO node through n8n-core's real declarative engine (RoutingNode), with real
 * HTTP, real expression evaluation and a credentials helper that calls the credential's own
 * `authenticate`, the way n8n does. Nothing here stands in for the node's logic.
 */
import {
	CredentialTestContext,
	DirectoryLoader,
	ExecuteContext,
	LoadOptionsContext,
	RoutingNode,
} from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	createEmptyRunExecutionData,
	sleep,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialTestFunction,
	type ICredentialTestRequest,
	type ICredentialType,
	type ICredentialsDecrypted,
	type IExecuteData,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type NodeParameterValueType,
} from 'n8n-workflow';

import { SortedProApi } from '../../credentials/SortedProApi.credentials';
import { SortedPro } from '../../nodes/SortedPro/SortedPro.node';
import { errorReadingProblem } from './oneLine';

export const NODE_TYPE = 'n8n-nodes-sortedpro.sortedPro';

/**
 * Every error the node produces in any test is checked to read correctly in n8n's error panel,
 * which drops line breaks (test/harness/oneLine.js); a test whose run produced one that does not
 * fails after it, naming the error.
 */
const unreadableErrors: string[] = [];
export function checkReading(error: unknown, where: string): void {
	const problem = errorReadingProblem(error);
	if (problem) unreadableErrors.push(`${where}: ${problem}`);
}
if (typeof afterEach === 'function') {
	afterEach(() => {
		const found = unreadableErrors.splice(0);
		if (found.length > 0)
			throw new Error(`Errors that do not read as one line in n8n:\n${found.join('\n')}`);
	});
}

/** The node type as n8n's loader prepares it, with the injected "requestOptions" (timeout, batching, proxy). */
function loadSortedPro(): SortedPro {
	const nodeType = new SortedPro();
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	return nodeType;
}
const credentialType = new SortedProApi();
/** The same credential seen as n8n sees any credential type (with an optional `test`). */
const credentialDescription: ICredentialType = credentialType;

export type SortedProCredentials = ICredentialDataDecryptedObject & {
	apiKey: string;
	environment: 'production' | 'sandbox' | 'custom';
	baseUrl?: string;
};

class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		return await credentialType.authenticate(credentials, requestOptions as IHttpRequestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the SortedPRO node');
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties;
	}
}

export class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(name: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`unknown node type ${name}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

export function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	parameters: INodeParameters,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new CredentialsHelper(credentials),
		currentNodeParameters: parameters,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

function workflowWith(node: INode, nodeType: INodeType): Workflow {
	return new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes({ [node.type]: nodeType }),
	});
}

function nodeWith(parameters: INodeParameters, onError?: INode['onError']): INode {
	return {
		id: 'sortedpro-node',
		name: 'SortedPRO',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { sortedProApi: { id: 'cred-1', name: 'SortedPRO test' } },
		...(onError ? { onError } : {}),
	};
}

export interface RunOptions {
	credentials: SortedProCredentials;
	/** Input items; one empty item by default, as after a Manual Trigger. */
	items?: INodeExecutionData[];
	/** n8n's "On Error" setting. */
	onError?: INode['onError'];
}

/** Runs the node once over `items`; resolves with its output items or rejects with the node's error. */
export async function runSortedPro(
	parameters: INodeParameters,
	options: RunOptions,
): Promise<INodeExecutionData[]> {
	const nodeType = loadSortedPro();
	const node = nodeWith(parameters, options.onError);
	const workflow = workflowWith(node, nodeType);
	const items = options.items ?? [{ json: {} }];
	const executeData: IExecuteData = {
		node,
		data: { main: [items] },
		source: { main: [{ previousNode: 'Trigger' }] },
	};
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(options.credentials, parameters),
		'manual',
		createEmptyRunExecutionData(),
		0,
		items,
		{ main: [items] },
		executeData,
		[],
	);
	const running = new RoutingNode(context, nodeType).runNode();
	// Checked as it fails, without catching: the caller still gets the rejection unchanged.
	running.catch((error: unknown) => checkReading(error, 'node error'));
	const output = await running;
	for (const item of output?.[0] ?? []) if (item.error) checkReading(item.error, 'error item');
	return output?.[0] ?? [];
}

/** Calls the carrier-service picker as the editor does, through a LoadOptionsContext. */
export async function searchCarrierServices(
	credentials: SortedProCredentials,
	filter?: string,
): Promise<INodeListSearchResult> {
	const nodeType = loadSortedPro();
	const parameters: INodeParameters = {
		resource: 'consignment',
		operation: 'allocateWithCarrierService',
		carrierService: { __rl: true, mode: 'list', value: '' } as unknown as NodeParameterValueType,
	};
	const node = nodeWith(parameters);
	const context = new LoadOptionsContext(
		workflowWith(node, nodeType),
		node,
		additionalDataFor(credentials, parameters),
		'carrierService',
	);
	const searching = nodeType.methods.listSearch.searchCarrierServices.call(context, filter);
	searching.catch((error: unknown) => checkReading(error, 'carrier-service search error'));
	return await searching;
}

/**
 * Calls a list search or load-options method of the node as the editor does, with `parameters` as
 * the form holds them.
 */
export async function callEditorMethod(
	kind: 'listSearch' | 'loadOptions',
	method: string,
	credentials: SortedProCredentials,
	parameters: INodeParameters,
	path: string,
	filter?: string,
): Promise<unknown> {
	const nodeType = loadSortedPro();
	const node = nodeWith(parameters);
	const context = new LoadOptionsContext(
		workflowWith(node, nodeType),
		node,
		additionalDataFor(credentials, parameters),
		path,
	);
	const methods = (
		nodeType.methods as unknown as Record<
			string,
			Record<string, (this: LoadOptionsContext, filter?: string) => Promise<unknown>>
		>
	)[kind];
	const result = methods[method].call(context, filter);
	result.catch((error: unknown) => checkReading(error, `${kind} ${method}`));
	return await result;
}

/** Calls the carrier-service-group picker as the editor does, through a LoadOptionsContext. */
export async function searchServiceGroups(
	credentials: SortedProCredentials,
	filter?: string,
): Promise<INodeListSearchResult> {
	const parameters: INodeParameters = {
		resource: 'consignment',
		operation: 'allocateWithServiceGroup',
		serviceGroup: { __rl: true, mode: 'list', value: '' } as unknown as NodeParameterValueType,
	};
	return (await callEditorMethod(
		'listSearch',
		'searchServiceGroups',
		credentials,
		parameters,
		'serviceGroup',
		filter,
	)) as INodeListSearchResult;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * The credential test as n8n's credentials tester (CredentialsTester.testCredentials) runs it:
 * the credential's own `test` request when it has one, which takes precedence; otherwise the
 * node's `testedBy` method, called on n8n-core's CredentialTestContext with the decrypted data.
 */
export async function testCredential(
	credentials: SortedProCredentials,
): Promise<CredentialTestResult> {
	const decrypted: ICredentialsDecrypted = {
		id: 'cred-1',
		name: 'SortedPRO test',
		type: credentialType.name,
		data: credentials,
	};
	let result: CredentialTestResult;
	if (credentialDescription.test) {
		result = await runTestRequest(credentials, decrypted);
	} else {
		const nodeType = loadSortedPro();
		const testedBy = nodeType.description.credentials?.find(
			(credential) => credential.name === credentialType.name,
		)?.testedBy;
		if (typeof testedBy !== 'string') throw new Error('the credential has no test at all');
		const methods = nodeType.methods.credentialTest as Record<string, ICredentialTestFunction>;
		const method = methods[testedBy];
		const context = new CredentialTestContext(additionalDataFor(credentials, {}));
		result = (await method.call(context, decrypted)) as CredentialTestResult;
	}
	// n8n shows the result in one line under the credential form.
	if (/\n/.test(result.message)) checkReading({ message: result.message }, 'credential test');
	return result;
}

/** The request test path of n8n's tester (runRequestTest), with its `responseCode` rules. */
async function runTestRequest(
	credentials: SortedProCredentials,
	decrypted: ICredentialsDecrypted,
): Promise<CredentialTestResult> {
	const test = credentialDescription.test as ICredentialTestRequest;
	const probeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Credential test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: test.request },
				},
			],
		},
	};
	const node: INode = { ...nodeWith({}), type: 'credentialTest' };
	const items = [{ json: {} }];
	const context = new ExecuteContext(
		workflowWith(node, probeType),
		node,
		additionalDataFor(credentials, {}),
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [items] },
		{ node, data: {}, source: null },
		[],
	);
	try {
		await new RoutingNode(context, probeType, decrypted).runNode();
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		const cause = (error as { cause?: { response?: { status?: number }; code?: string } }).cause;
		const status = cause?.response?.status;
		if (status !== undefined) {
			const rule = test.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message };
			if (status < 200 || status > 299)
				return { status: 'Error', message: `Received HTTP status code: ${status}` };
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
}

/** Evaluates an n8n expression with `$credentials` set, as requestDefaults and credential tests are. */
export async function evaluateWithCredentials(
	expression: string,
	credentials: SortedProCredentials,
): Promise<unknown> {
	const node = nodeWith({});
	const workflow = workflowWith(node, loadSortedPro());
	return workflow.expression.getParameterValue(expression, null, 0, 0, node.name, [], 'manual', {
		$credentials: credentials,
	});
}

/** Evaluates an expression in the context of a SortedPRO node with the given parameters (e.g. its subtitle). */
export async function evaluateForNode(
	expression: string,
	parameters: INodeParameters,
): Promise<unknown> {
	const node = nodeWith(parameters);
	const workflow = workflowWith(node, loadSortedPro());
	return workflow.expression.getParameterValue(expression, null, 0, 0, node.name, [], 'manual', {});
}

export interface RetryOnFail {
	/** n8n's "Max. Tries" (2 to 5, default 3). */
	maxTries?: number;
	/** n8n's "Wait Between Tries (ms)" (0 to 5000, default 1000; 0 also means the default). */
	waitBetweenTries?: number;
}

export interface RetriedRun {
	/** The output of the last try, when one succeeded. */
	items?: INodeExecutionData[];
	/** The error of the last try, when every try failed. */
	error?: Error & { description?: string | null };
	/** How many times the node ran. */
	tries: number;
}

/**
 * The node with n8n's Retry On Fail setting on. This EMULATES n8n-core 2.41.1's
 * WorkflowExecute retry loop (`getRetryParams` and the `for (tryIndex...)` loop in
 * dist/execution-engine/workflow-execute.js) rather than running a whole WorkflowExecute: the
 * same clamping of Max. Tries and Wait Between Tries, the same wait before every try but the
 * first, a thrown error or a first output item whose `json.error` is set counts as a failure,
 * the same execute data handed to every try (a new execution context each time, as runNode makes
 * one), and the last try's error is the node's error.
 */
export async function runSortedProWithRetry(
	parameters: INodeParameters,
	options: RunOptions & RetryOnFail,
): Promise<RetriedRun> {
	const maxTries = Math.min(5, Math.max(2, options.maxTries || 3));
	const waitBetweenTries = Math.min(5000, Math.max(0, options.waitBetweenTries || 1000));
	const nodeType = loadSortedPro();
	const node: INode = {
		...nodeWith(parameters, options.onError),
		retryOnFail: true,
		maxTries,
		waitBetweenTries,
	};
	const workflow = workflowWith(node, nodeType);
	const items = options.items ?? [{ json: {} }];
	const executeData: IExecuteData = {
		node,
		data: { main: [items] },
		source: { main: [{ previousNode: 'Trigger' }] },
	};
	const runExecutionData = createEmptyRunExecutionData();
	const runNode = async () => {
		const context = new ExecuteContext(
			workflow,
			node,
			additionalDataFor(options.credentials, parameters),
			'manual',
			runExecutionData,
			0,
			items,
			{ main: [items] },
			executeData,
			[],
		);
		return (await new RoutingNode(context, nodeType).runNode())?.[0] ?? [];
	};
	let error: Error | undefined;
	let tries = 0;
	for (let tryIndex = 0; tryIndex < maxTries; tryIndex++) {
		try {
			if (tryIndex !== 0) {
				error = undefined;
				if (waitBetweenTries !== 0) await sleep(waitBetweenTries);
			}
			tries++;
			let output = await runNode();
			let failed = Boolean(output[0]?.json?.error);
			while (failed && tryIndex !== maxTries - 1) {
				await sleep(waitBetweenTries);
				tries++;
				output = await runNode();
				failed = Boolean(output[0]?.json?.error);
				tryIndex++;
			}
			return { items: output, tries };
		} catch (caught) {
			error = caught as Error;
		}
	}
	return { error, tries };
}
