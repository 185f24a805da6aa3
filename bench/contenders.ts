/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/** Workflow pieces and figures shared by the bench scenarios. */
import { filesToGlair } from '../tools/n8n/workflows';
import type { RunData, RunItem } from '../tools/n8n';

export const env = (name: string, fallback: string) => process.env[name] ?? fallback;

export interface Row {
	scenario: string;
	contender: string;
	[figure: string]: string | number;
}
export type Report = (row: Row) => void;

/** n8n's HTTP Request node doing the same multipart upload a user would hand-build. */
export function httpRequestNode(
	baseUrl: string,
	secrets: { username: string; password: string; apiKey: string },
	batching?: { size: number; intervalMs: number },
) {
	return {
		id: 'http',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [460, 300],
		onError: 'continueRegularOutput',
		parameters: {
			method: 'POST',
			url: `${baseUrl}/ocr/v1/stnk`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{
						name: 'Authorization',
						value: `Basic ${Buffer.from(`${secrets.username}:${secrets.password}`).toString('base64')}`,
					},
					{ name: 'x-api-key', value: secrets.apiKey },
				],
			},
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: {
				parameters: [
					{ parameterType: 'formBinaryData', name: 'image', inputDataFieldName: 'data' },
				],
			},
			options: batching
				? { batching: { batch: { batchSize: batching.size, batchInterval: batching.intervalMs } } }
				: {},
		},
	};
}

/** Manual Trigger → Read Files → one node under test, named `Target`. */
export function filesWorkflow(id: string, fileSelector: string, node: Record<string, unknown>) {
	const base = filesToGlair(id, fileSelector, [{ name: 'Target', parameters: {} }]);
	base.nodes[2] = { ...node, name: 'Target', id: 'target' };
	return base;
}

export function glairNode(credentialId: string, concurrency: number) {
	return {
		type: 'n8n-nodes-glair-vision.glairVision',
		typeVersion: 1,
		position: [460, 0],
		onError: 'continueRegularOutput',
		parameters: {
			operation: 'readStnk',
			output: 'record',
			options: { concurrency, maxFileSizeMb: 64 },
		},
		credentials: { glairVisionApi: { id: credentialId, name: 'GLAIR bench' } },
	};
}

/** Version 3 as dropped onto a canvas: Concurrency Auto, no option set. */
export function autoNode(credentialId: string) {
	return {
		...glairNode(credentialId, 5),
		typeVersion: 3,
		parameters: { operation: 'readStnk', output: 'record' },
	};
}

export const noOpNode = {
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [460, 0],
	parameters: {},
};

/** The `Target` node's time and items; an item counts as failed when On Error → Continue put an error in it. */
export function targetFigures(runData: RunData | undefined) {
	const task = runData?.Target?.[0];
	// Every output, so that an item routed to an error output is still counted.
	const items = (task?.data?.main ?? []).flatMap((output: RunItem[] | null) => output ?? []);
	const failed = items.filter((item) => item.json.error !== undefined).length;
	return {
		ms: task?.executionTime ?? NaN,
		startTime: task?.startTime ?? NaN,
		completed: items.length - failed,
		failed,
		ran: task !== undefined,
	};
}

/**
 * Ideal = max(documents × read ÷ concurrency, (documents − 1) ÷ limit + read): the first term
 * only with a concurrency cap, the second only with a rate limit (the last document still needs
 * its read time after it was let through).
 */
export function idealMs(
	documents: number,
	readMs: number,
	concurrency: number | undefined,
	limit: number | undefined,
): number {
	const bounded = concurrency ? (documents * readMs) / concurrency : 0;
	const paced = limit ? ((documents - 1) / limit) * 1000 + readMs : 0;
	return Math.max(bounded, paced);
}

/** Accepted requests per second of the run, as GLAIR saw them: "5 5 4 5 …". */
export function acceptedPerSecond(receivedAt: number[]): string {
	if (receivedAt.length === 0) return '';
	const first = Math.min(...receivedAt);
	const counts: number[] = [];
	for (const at of receivedAt) {
		const second = Math.floor((at - first) / 1000);
		counts[second] = (counts[second] ?? 0) + 1;
	}
	return Array.from(counts, (count) => count ?? 0).join(' ');
}

export const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
export const perSecond = (count: number, ms: number) => Number((count / (ms / 1000)).toFixed(2));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
