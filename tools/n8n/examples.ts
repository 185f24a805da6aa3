/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * The example workflows in examples/*.json, made importable into a local n8n: a stable id, the
 * GLAIR credential they name swapped for a real one, folders pointed at a local data folder and,
 * for running them headless, steps that need outside accounts swapped for No Operation nodes, or
 * Google Sheets for one of n8n's own data tables.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import {
	dataTableInsertNode,
	isSheetsAppend,
	type DataTableColumn,
	type DataTableRef,
} from './dataTables';
import { PACKAGE_NAME, ROOT, type WorkflowJson } from '.';
import { AGGREGATE_ALL_FILES } from './workflows';

export const EXAMPLES_DIR = join(ROOT, 'examples');

/** The credential ids the examples ship with, for the user to replace. */
const PLACEHOLDER_CREDENTIAL_ID = 'REPLACE_WITH_YOUR_CREDENTIAL';
const PLACEHOLDER_OPENAI_CREDENTIAL_ID = 'REPLACE_WITH_YOUR_OPENAI_CREDENTIAL';
/** The folder examples read documents from; each workflow's glob continues below it. */
const EXAMPLE_DATA_FOLDER = '/data';

export interface Example {
	file: string;
	workflow: WorkflowJson;
}

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort();
}

export interface PrepareOptions {
	/** Where the file is: examples/ unless said. */
	directory?: string;
	/** 16 characters, as n8n ids are. */
	id: string;
	credential: { id: string; name: string };
	/** An openAiApi credential for the OpenAI Chat Model (example 4), e.g. one pointing at tools/fakeModel. */
	openAiCredential?: { id: string; name: string };
	/**
	 * Turns Allow Local Network URLs on (true) or off (false) in every GLAIR Vision node that reads
	 * a URL: the documents of the sandbox and the tests are served from 127.0.0.1.
	 */
	allowLocalNetworkUrls?: boolean;
	/** Another webhook id for the chat trigger, so one n8n can hold two copies of an example. */
	webhookId?: string;
	/** Replaces `/data` at the start of every Read/Write Files selector. */
	dataFolder: string;
	/** Node types replaced by a No Operation node (same name, same connections). */
	replaceTypes?: string[];
	/**
	 * Google Sheets nodes that append rows become Data Table nodes inserting the same rows into this
	 * table (same name, same connections; columns mapped automatically, as the Sheets node mapped
	 * them). `columns` fills the node's column list as the editor would show it.
	 */
	replaceSheetsWithDataTable?: { table: DataTableRef; columns?: DataTableColumn[] };
	/**
	 * The email trigger replaced by Manual Trigger → Read/Write Files (this selector) → Aggregate,
	 * which gives one item with the files as binaries, as an email gives its attachments.
	 */
	filesInsteadOfEmail?: string;
}

export function prepareExample(file: string, options: PrepareOptions): Example {
	const workflow = JSON.parse(
		readFileSync(join(options.directory ?? EXAMPLES_DIR, file), 'utf8'),
	) as WorkflowJson;
	workflow.id = options.id;
	workflow.nodes = workflow.nodes.map((node) => {
		const credentials = node.credentials as
			Record<string, { id: string; name: string }> | undefined;
		if (credentials?.glairVisionApi?.id === PLACEHOLDER_CREDENTIAL_ID) {
			node = { ...node, credentials: { ...credentials, glairVisionApi: options.credential } };
		}
		if (
			options.openAiCredential &&
			credentials?.openAiApi?.id === PLACEHOLDER_OPENAI_CREDENTIAL_ID
		) {
			node = {
				...node,
				credentials: { ...(node.credentials as object), openAiApi: options.openAiCredential },
			};
		}
		if (options.webhookId && typeof node.webhookId === 'string')
			node = { ...node, webhookId: options.webhookId };
		const parameters = node.parameters as Record<string, unknown>;
		if (
			options.allowLocalNetworkUrls !== undefined &&
			isGlair(node) &&
			parameters.documentSource === 'url'
		) {
			const nodeOptions = (parameters.options ?? {}) as Record<string, unknown>;
			node = {
				...node,
				parameters: {
					...parameters,
					options: { ...nodeOptions, allowLocalNetworkUrls: options.allowLocalNetworkUrls },
				},
			};
		}
		if (
			node.type === 'n8n-nodes-base.readWriteFile' &&
			typeof parameters.fileSelector === 'string'
		) {
			const selector = parameters.fileSelector.replace(
				new RegExp(`^${EXAMPLE_DATA_FOLDER}(?=/)`),
				options.dataFolder,
			);
			node = { ...node, parameters: { ...parameters, fileSelector: selector } };
		}
		if (options.replaceSheetsWithDataTable && isSheetsAppend(node)) {
			const { table, columns } = options.replaceSheetsWithDataTable;
			node = dataTableInsertNode(node, table, columns);
		}
		if (options.replaceTypes?.includes(node.type as string)) {
			const { name, position, id } = node;
			node = { id, name, position, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
		}
		return node;
	});
	const email = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.emailReadImap');
	if (options.filesInsteadOfEmail && email) {
		const connections = workflow.connections as Record<string, unknown>;
		const [x, y] = email.position as [number, number];
		workflow.nodes = [
			...workflow.nodes.filter((node) => node !== email),
			{
				id: 'manual',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [x - 480, y],
				parameters: {},
			},
			{
				id: 'files',
				name: 'Read Files',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [x - 240, y],
				// Named as an email trigger names its first attachment; Aggregate numbers the others.
				parameters: {
					operation: 'read',
					fileSelector: options.filesInsteadOfEmail,
					options: { dataPropertyName: 'attachment_0' },
				},
			},
			{ ...AGGREGATE_ALL_FILES, name: email.name as string, position: [x, y] },
		];
		connections.Start = { main: [[{ node: 'Read Files', type: 'main', index: 0 }]] };
		connections['Read Files'] = { main: [[{ node: email.name, type: 'main', index: 0 }]] };
	}
	return { file, workflow };
}

const isGlair = (node: Record<string, unknown>) =>
	typeof node.type === 'string' && node.type.startsWith(`${PACKAGE_NAME}.`);

/** The chat trigger's webhook path (`<webhookId>/chat`), for a workflow that has one. */
export function chatWebhookPath(workflow: WorkflowJson): string | undefined {
	const trigger = workflow.nodes.find((node) => node.type === CHAT_TRIGGER_TYPE);
	return typeof trigger?.webhookId === 'string' ? `${trigger.webhookId}/chat` : undefined;
}

export const CHAT_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.chatTrigger';

/** Every `type@version` the workflow's nodes use. */
export function nodeTypesUsed(workflow: WorkflowJson): Array<{ type: string; version: number }> {
	return workflow.nodes.map((node) => ({
		type: node.type as string,
		version: node.typeVersion as number,
	}));
}
