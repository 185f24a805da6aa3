/**
 * The example workflows in examples/*.json, made importable into a local n8n: a stable id, the
 * GLAIR credential they name swapped for a real one, folders pointed at a local data folder and,
 * for running them headless, steps that need outside accounts swapped for No Operation nodes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, type WorkflowJson } from './n8n';

export const EXAMPLES_DIR = join(ROOT, 'examples');

/** The credential id the examples ship with, for the user to replace. */
const PLACEHOLDER_CREDENTIAL_ID = 'REPLACE_WITH_YOUR_CREDENTIAL';
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
	/** 16 characters, as n8n ids are. */
	id: string;
	credential: { id: string; name: string };
	/** Replaces `/data` at the start of every Read/Write Files selector. */
	dataFolder: string;
	/** Node types replaced by a No Operation node (same name, same connections). */
	replaceTypes?: string[];
}

export function prepareExample(file: string, options: PrepareOptions): Example {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
	workflow.id = options.id;
	workflow.nodes = workflow.nodes.map((node) => {
		const credentials = node.credentials as
			Record<string, { id: string; name: string }> | undefined;
		if (credentials?.glairVisionApi?.id === PLACEHOLDER_CREDENTIAL_ID) {
			node = { ...node, credentials: { ...credentials, glairVisionApi: options.credential } };
		}
		const parameters = node.parameters as Record<string, unknown>;
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
		if (options.replaceTypes?.includes(node.type as string)) {
			const { name, position, id } = node;
			node = { id, name, position, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
		}
		return node;
	});
	return { file, workflow };
}

/** Every `type@version` the workflow's nodes use. */
export function nodeTypesUsed(workflow: WorkflowJson): Array<{ type: string; version: number }> {
	return workflow.nodes.map((node) => ({
		type: node.type as string,
		version: node.typeVersion as number,
	}));
}
