/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * Runs real workflows in n8n's own engine (n8n-core's WorkflowExecute), the way n8n's
 * NodeTestHarness does: real node execution contexts, real request helpers (axios), the real
 * binary data service, and the credential's `authenticate` called as n8n calls it. Only the
 * database and the UI are missing.
 */
import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	ExecutionLifecycleHooks,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type ICredentials,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type NodeParameterValueType,
} from 'n8n-workflow';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GlairVisionApi } from '../../credentials/GlairVisionApi.credentials';
import { GlairVision } from '../../nodes/GlairVision/GlairVision.node';

export const GLAIR_NODE_TYPE = 'n8n-nodes-glair-vision.glairVision';
/** The tool variant n8n registers for a node with `usableAsTool`. */
export const GLAIR_TOOL_TYPE = 'n8n-nodes-glair-vision.glairVisionTool';
const SOURCE_NODE_TYPE = 'test.documentSource';
const AGENT_NODE_TYPE = 'test.toolCaller';
export const SOURCE_NODE = 'Documents';
export const GLAIR_NODE = 'GLAIR Vision';
export const AGENT_NODE = 'Agent';

export type BinaryMode = 'default' | 'filesystem';

/** One input item for the GLAIR node: its JSON and the files in its binary fields. */
export interface InputDocument {
	json?: IDataObject;
	files?: Record<string, { bytes: Buffer; fileName?: string; mimeType?: string }>;
}

/**
 * A test-only source node standing in for "Read/Write Files from Disk" or an email trigger:
 * it stores each file through n8n's binary helpers, so the binary data mode is the real one.
 */
class DocumentSource implements INodeType {
	/** Each run's documents, by the source node's `set` parameter, so runs may overlap. */
	static readonly sets = new Map<string, InputDocument[]>();

	description = {
		displayName: 'Documents',
		name: 'documentSource',
		group: ['input'],
		version: 1,
		description: 'Emits test documents as binary items',
		defaults: { name: 'Documents' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Set', name: 'set', type: 'string', default: '' },
		] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items: INodeExecutionData[] = [];
		const documents = DocumentSource.sets.get(this.getNodeParameter('set', 0) as string) ?? [];
		for (const [index, document] of documents.entries()) {
			const item: INodeExecutionData = {
				json: document.json ?? { index },
				pairedItem: { item: 0 },
			};
			for (const [property, file] of Object.entries(document.files ?? {})) {
				item.binary ??= {};
				item.binary[property] = await this.helpers.prepareBinaryData(
					file.bytes,
					file.fileName,
					file.mimeType,
				);
			}
			items.push(item);
		}
		return [items];
	}
}

/**
 * The GLAIR node as n8n registers its tool variant (n8n's `convertNodeToAiTool`, the same on 1.x
 * and 2.x): its name with "Tool" appended, no main input, one AiTool output.
 */
class GlairVisionTool extends GlairVision {
	constructor() {
		super();
		const description = { ...this.description };
		delete description.usableAsTool;
		this.description = {
			...description,
			name: `${description.name}Tool`,
			displayName: `${description.displayName} Tool`,
			inputs: [],
			outputs: [NodeConnectionTypes.AiTool],
		};
	}
}

/**
 * A test-only AI agent: calls its one tool per input item with the arguments in `toolArgs`, as a
 * model's tool call would (through n8n-core's real tool wrapper, which gives the tool only these
 * arguments as input), and outputs what the model would observe, or what the tool threw.
 */
class ToolCaller implements INodeType {
	description = {
		displayName: 'Agent',
		name: 'toolCaller',
		group: ['transform'],
		version: 1,
		description: 'Calls its tool as a model would',
		defaults: { name: 'Agent' },
		inputs: ['main', { type: 'ai_tool', required: true }],
		outputs: ['main'],
		properties: [{ displayName: 'Tool Args', name: 'toolArgs', type: 'json', default: '{}' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Array<{
			invoke(args: IDataObject): Promise<string>;
		}>;
		const items: INodeExecutionData[] = [];
		for (const index of this.getInputData().keys()) {
			const raw = this.getNodeParameter('toolArgs', index, '{}');
			const args = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject;
			try {
				items.push({
					json: { observation: await tools[0].invoke(args) },
					pairedItem: { item: index },
				});
			} catch (error) {
				items.push({ json: { thrown: (error as Error).message }, pairedItem: { item: index } });
			}
		}
		return [items];
	}
}

class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType> = {
		[GLAIR_NODE_TYPE]: new GlairVision(),
		[GLAIR_TOOL_TYPE]: new GlairVisionTool(),
		[SOURCE_NODE_TYPE]: new DocumentSource(),
		[AGENT_NODE_TYPE]: new ToolCaller(),
	};

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.types[nodeType];
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.types[nodeType], version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** n8n's credentials helper, minus the database: calls the credential's `authenticate` as n8n does. */
class TestCredentialsHelper extends ICredentialsHelper {
	private readonly credentialTypes: Record<string, ICredentialType> = {
		glairVisionApi: new GlairVisionApi(),
	};

	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypes[typeName];
		if (typeof authenticate !== 'function')
			throw new Error(`${typeName}: authenticate is not a function`);
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes[type]?.properties ?? [];
	}
}

let binaryStoragePath: string | undefined;

/** Switches n8n's binary data service between in-memory (`default`) and `filesystem` mode. */
async function useBinaryMode(mode: BinaryMode): Promise<void> {
	binaryStoragePath ??= mkdtempSync(join(tmpdir(), 'glair-binary-'));
	const config = Container.get(BinaryDataConfig);
	config.mode = mode;
	config.localStoragePath = binaryStoragePath;
	await Container.get(BinaryDataService).init();
}

export interface RunOptions {
	documents: InputDocument[];
	parameters: Record<string, NodeParameterValueType>;
	credentials: ICredentialDataDecryptedObject;
	binaryMode?: BinaryMode;
	/** On Error "Continue" (regular output); see `onError` for the error output. */
	continueOnFail?: boolean;
	/** The node's On Error setting; overrides `continueOnFail`. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/**
	 * The credential's id. Runs with the same id (and secrets and Base URL) share GLAIR's pace, as
	 * executions in one n8n do; by default each run gets its own, so tests do not pace each other.
	 */
	credentialId?: string;
	/** The GLAIR node's version: 1 as workflows saved before resources, 2 (default) as new ones. */
	typeVersion?: number;
	/**
	 * Runs the GLAIR node as an AI agent's tool, called with these arguments (the model's `$fromAI`
	 * values) once per document item; `items` are then what the model observed.
	 */
	toolArgs?: IDataObject;
}

let runCounter = 0;

export interface RunResult {
	run: IRun;
	/** The GLAIR node's output items (first output), or undefined when it failed. */
	items: INodeExecutionData[] | undefined;
	/** All outputs of the GLAIR node (for nodes with more than one). */
	outputs: INodeExecutionData[][] | undefined;
	/** The workflow's error when execution stopped. */
	error: (Error & { description?: string; context?: IDataObject; httpCode?: string }) | undefined;
	hints: IDataObject[];
}

export async function runGlairWorkflow(options: RunOptions): Promise<RunResult> {
	await useBinaryMode(options.binaryMode ?? 'default');
	const run = ++runCounter;
	DocumentSource.sets.set(String(run), options.documents);

	const asTool = options.toolArgs !== undefined;
	const nodes: INode[] = [
		{
			id: 'source',
			name: SOURCE_NODE,
			type: SOURCE_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { set: String(run) },
		},
		{
			id: 'glair',
			name: GLAIR_NODE,
			type: asTool ? GLAIR_TOOL_TYPE : GLAIR_NODE_TYPE,
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: {
				glairVisionApi: { id: options.credentialId ?? `cred-${run}`, name: 'GLAIR test' },
			},
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	if (asTool) {
		nodes.push({
			id: 'agent',
			name: AGENT_NODE,
			type: AGENT_NODE_TYPE,
			typeVersion: 1,
			position: [200, 200],
			parameters: { toolArgs: JSON.stringify(options.toolArgs) },
		});
	}
	const connections: IConnections = asTool
		? {
				[SOURCE_NODE]: { main: [[{ node: AGENT_NODE, type: 'main' as const, index: 0 }]] },
				[GLAIR_NODE]: { ai_tool: [[{ node: AGENT_NODE, type: 'ai_tool' as const, index: 0 }]] },
			}
		: { [SOURCE_NODE]: { main: [[{ node: GLAIR_NODE, type: 'main' as const, index: 0 }]] } };
	const workflow = new Workflow({
		id: 'engine-test',
		nodes,
		connections,
		nodeTypes: new TestNodeTypes(),
		active: false,
		settings: { binaryMode: 'separate' },
	});

	const hooks = new ExecutionLifecycleHooks('manual', `exec-${run}`, {
		id: 'engine-test',
		name: 'engine test',
		active: false,
		nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper({ glairVisionApi: options.credentials }),
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as never);
	const result = await workflowExecute
		.processRunExecutionData(workflow)
		.finally(() => DocumentSource.sets.delete(String(run)));

	const taskData = result.data.resultData.runData[asTool ? AGENT_NODE : GLAIR_NODE]?.[0];
	const outputs = taskData?.data?.main as INodeExecutionData[][] | undefined;
	return {
		run: result,
		items: outputs?.[0],
		outputs,
		error: result.data.resultData.error as RunResult['error'],
		hints: (taskData?.hints ?? []) as unknown as IDataObject[],
	};
}

/**
 * n8n-core starts a never-unref'd cleanup interval in its SSH client manager the first time a
 * node context is built; n8n stops it on shutdown, and so must a test run.
 */
export function shutdownEngine(): void {
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
}
