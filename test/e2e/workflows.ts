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
			typeVersion: 1,
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
