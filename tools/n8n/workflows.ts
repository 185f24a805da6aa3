/** Workflow and credential JSON as n8n imports them (`n8n import:workflow` / `import:credentials`). */

export const CREDENTIAL_ID = 'glairE2eCred0001';
export const GLAIR_TYPE = 'n8n-nodes-glair-vision.glairVision';

export function glairCredential(
	baseUrl: string,
	secrets: { username: string; password: string; apiKey: string },
	name = 'GLAIR e2e',
) {
	return { id: CREDENTIAL_ID, name, type: 'glairVisionApi', data: { ...secrets, baseUrl } };
}

export interface GlairNodeSpec {
	name: string;
	parameters: Record<string, unknown>;
	continueOnFail?: boolean;
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	/** Another imported credential than the default one. */
	credential?: { id: string; name: string };
	/** 1 as workflows saved before resources (the default here), 2 as new ones. */
	typeVersion?: number;
}

/** Manual Trigger → Read/Write Files from Disk (glob) → one GLAIR Vision node per spec, side by side. */
export function filesToGlair(id: string, fileSelector: string, glairNodes: GlairNodeSpec[]) {
	const nodes: Array<Record<string, unknown>> = [
		{
			id: 'trigger',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'files',
			name: 'Read Files',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			position: [220, 0],
			parameters: { operation: 'read', fileSelector, options: {} },
		},
		...glairNodes.map((spec, index) => ({
			id: `glair-${index}`,
			name: spec.name,
			type: GLAIR_TYPE,
			typeVersion: spec.typeVersion ?? 1,
			position: [460, index * 160],
			parameters: spec.parameters,
			credentials: { glairVisionApi: spec.credential ?? { id: CREDENTIAL_ID, name: 'GLAIR e2e' } },
			...(spec.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			...(spec.onError ? { onError: spec.onError } : {}),
		})),
	];
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		nodes,
		connections: {
			Start: { main: [[{ node: 'Read Files', type: 'main', index: 0 }]] },
			'Read Files': {
				main: [glairNodes.map((spec) => ({ node: spec.name, type: 'main', index: 0 }))],
			},
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * Manual Trigger → Read/Write Files → Aggregate (every file into one item, binaries `data`,
 * `data_1`, …, as an email with attachments) → one GLAIR Vision node per spec.
 */
export function filesAsOneItemToGlair(
	id: string,
	fileSelector: string,
	glairNodes: GlairNodeSpec[],
) {
	const workflow = filesToGlair(id, fileSelector, glairNodes);
	workflow.nodes.splice(2, 0, AGGREGATE_ALL_FILES);
	workflow.connections['Read Files'] = {
		main: [[{ node: AGGREGATE_ALL_FILES.name, type: 'main', index: 0 }]],
	};
	(workflow.connections as Record<string, unknown>)[AGGREGATE_ALL_FILES.name] = {
		main: [glairNodes.map((spec) => ({ node: spec.name, type: 'main', index: 0 }))],
	};
	return workflow;
}

/** n8n's Aggregate node putting every item's files on one item, the way an email carries attachments. */
export const AGGREGATE_ALL_FILES = {
	id: 'aggregate',
	name: 'All files as one item',
	type: 'n8n-nodes-base.aggregate',
	typeVersion: 1,
	position: [340, 0],
	parameters: {
		aggregate: 'aggregateAllItemData',
		destinationFieldName: 'files',
		options: { includeBinaries: true },
	},
};

/** A Webhook trigger (POST `path`) that answers once the workflow's last node has run. */
export function webhookNode(
	path: string,
	webhookId: string,
	respond: 'allEntries' | 'firstEntryBinary' | 'noData',
) {
	return {
		id: 'webhook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: respond,
			options: {},
		},
	};
}

/**
 * Webhook (POST, answers when the last node has run) → one GLAIR Vision node (version 2). A
 * multipart upload arrives as binaries named after its form fields; `respond` picks what the webhook
 * answers: every item's JSON, or the first item's binary `data`.
 */
export function webhookToGlair(options: {
	id: string;
	path: string;
	webhookId: string;
	glair: GlairNodeSpec;
	respond: 'allEntries' | 'firstEntryBinary';
}) {
	const { glair } = options;
	return {
		id: options.id,
		name: `e2e ${options.id}`,
		active: false,
		nodes: [
			webhookNode(options.path, options.webhookId, options.respond),
			{
				id: 'glair',
				name: glair.name,
				type: GLAIR_TYPE,
				typeVersion: glair.typeVersion ?? 2,
				position: [240, 0],
				parameters: glair.parameters,
				credentials: {
					glairVisionApi: glair.credential ?? { id: CREDENTIAL_ID, name: 'GLAIR e2e' },
				},
				...(glair.onError ? { onError: glair.onError } : {}),
			},
		],
		connections: { Webhook: { main: [[{ node: glair.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
