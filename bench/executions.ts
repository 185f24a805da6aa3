/* eslint-disable
	@n8n/community-nodes/no-restricted-imports,
	no-console
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * `executions`: several executions of one workflow started at the same moment in one started n8n,
 * all reading through the same GLAIR credential against one rate-limited emulator, as a batch of
 * emails arriving together would. Webhook (responds when the last node has run) → Read Files from
 * the folder the request names → GLAIR Vision (version 3 defaults: Concurrency Auto; On Error: Continue).
 *   BENCH_EXEC_RUNS=4  BENCH_EXEC_DOCS=50  BENCH_EXEC_READ_MS=1500  BENCH_EXEC_LIMIT=10
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { GlairEmulator } from '../tools/emulator';
import { pngBytes } from '../tools/fixtures/documents';
import { LocalN8n, postToWebhook, type Flavour, type RunningN8n } from '../tools/n8n';
import { glairCredential, webhookNode } from '../tools/n8n/workflows';
import {
	autoNode,
	env,
	idealMs,
	perSecond,
	seconds,
	sleep,
	targetFigures,
	type Report,
} from './contenders';

const RUNS = Number(env('BENCH_EXEC_RUNS', '4'));
const DOCS = Number(env('BENCH_EXEC_DOCS', '50'));
const READ_MS = Number(env('BENCH_EXEC_READ_MS', '1500'));
const LIMIT = Number(env('BENCH_EXEC_LIMIT', '10'));

const CREDENTIAL_ID = 'glairBenchExecs1';
const WORKFLOW_ID = 'benchExecsHook01';
const WEBHOOK_PATH = 'glair-bench-executions';
/**
 * A 429 is answered before the upload is parsed, so the emulator never learns its file name; its
 * Content-Length still tells the execution apart: execution k's files are (k + 1) × this many
 * bytes, far more than the few hundred bytes of multipart framing around them.
 */
const SIZE_STRIDE = 8192;

const runName = (run: number) => `run${run + 1}`;

function webhookWorkflow(documentsRoot: string) {
	return {
		id: WORKFLOW_ID,
		name: 'bench executions',
		active: false,
		nodes: [
			// The HTTP answer is the execution's end; no body, the figures come from the execution itself.
			webhookNode(WEBHOOK_PATH, randomUUID(), 'noData'),
			{
				id: 'files',
				name: 'Read Files',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					operation: 'read',
					fileSelector: `={{ '${documentsRoot}/' + $json.query.run + '/*.png' }}`,
					options: {},
				},
			},
			{ ...autoNode(CREDENTIAL_ID), id: 'target', name: 'Target' },
		],
		connections: {
			Webhook: { main: [[{ node: 'Read Files', type: 'main', index: 0 }]] },
			'Read Files': { main: [[{ node: 'Target', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export interface ExecutionsContext {
	flavour: Flavour;
	/** The folder n8n may read files from; the documents go into a subfolder of it. */
	dataFolder: string;
	tarball: string;
	writeDocuments: (
		folder: string,
		count: number,
		make: (index: number) => Buffer,
		name?: (index: number) => string,
	) => string;
	report: Report;
}

export async function runExecutions({
	flavour,
	dataFolder,
	tarball,
	writeDocuments,
	report,
}: ExecutionsContext): Promise<void> {
	console.error(
		`executions: ${RUNS} × ${DOCS} documents started together in one n8n, one credential, read ${READ_MS} ms, limit ${LIMIT}/s`,
	);
	const emulator = new GlairEmulator({ latencyMs: READ_MS, rateLimitPerSecond: LIMIT });
	// Its own user folder: a fresh database with only this workflow active.
	const n8n = LocalN8n.create(flavour, { dataFolder });
	let running: RunningN8n | undefined;
	try {
		await emulator.start();
		for (let run = 0; run < RUNS; run++) {
			writeDocuments(
				`executions/${runName(run)}`,
				DOCS,
				() => pngBytes({ padTo: (run + 1) * SIZE_STRIDE }),
				(index) => `${runName(run)}-doc-${String(index).padStart(4, '0')}.png`,
			);
		}
		await n8n.installCommunityPackage(tarball);
		await n8n.importCredentials([
			{
				...glairCredential(emulator.baseUrl, emulator.credentials, 'GLAIR bench executions'),
				id: CREDENTIAL_ID,
			},
		]);
		await n8n.importWorkflow(webhookWorkflow(join(dataFolder, 'executions')));
		await n8n.activate(WORKFLOW_ID);
		running = await n8n.startN8n();
		await running.setupOwner();
		const webhookUrl = await running.waitForWebhook(WEBHOOK_PATH);

		emulator.reset();
		await sleep(1100); // an empty rate window
		const firedAt = Date.now();
		const answers = new Map(
			await Promise.all(
				Array.from(
					{ length: RUNS },
					async (_unused, run) =>
						[runName(run), await postToWebhook(`${webhookUrl}?run=${runName(run)}`)] as const,
				),
			),
		);
		for (const [run, answer] of answers) {
			console.error(
				`  ${run}: webhook answered ${answer.status} after ${seconds(answer.answeredAt - firedAt)} s${answer.body.length ? `: ${answer.body.toString().slice(0, 200)}` : ''}`,
			);
		}
		const summaries = await running.waitForExecutions(WORKFLOW_ID, RUNS, 60_000);
		const executions: Array<
			{ id: string; status: string; run: string; credentialId: string } & ReturnType<
				typeof targetFigures
			>
		> = [];
		for (const summary of summaries) {
			const { runData, workflowData, status } = await running.getExecution(summary.id);
			const query = runData.Webhook?.[0]?.data?.main[0]?.[0]?.json.query as
				{ run?: string } | undefined;
			const credentialId =
				workflowData.nodes.find((node) => node.name === 'Target')?.credentials?.glairVisionApi
					?.id ?? '?';
			executions.push({
				id: summary.id,
				status,
				run: query?.run ?? '?',
				credentialId,
				...targetFigures(runData),
			});
		}
		executions.sort((left, right) => left.run.localeCompare(right.run, 'en', { numeric: true }));

		// Which execution sent a request, by its size; checked against the file name where the emulator parsed one.
		const runOf = (contentLength: string | string[] | undefined) =>
			typeof contentLength === 'string'
				? runName(Math.floor(Number(contentLength) / SIZE_STRIDE) - 1)
				: 'unknown';
		const misattributed = emulator.requests.filter(
			(request) =>
				request.files[0] &&
				!request.files[0].filename.startsWith(`${runOf(request.headers['content-length'])}-`),
		).length;
		if (misattributed > 0)
			console.error(
				`  note: ${misattributed} parsed requests were told to the wrong execution by size`,
			);
		const rejections = emulator.requests.filter((request) => request.response.status === 429);
		const rejectionsOf = (run: string) =>
			rejections.filter((request) => runOf(request.headers['content-length']) === run).length;
		const untold = rejections.filter(
			(request) =>
				!executions.some((execution) => execution.run === runOf(request.headers['content-length'])),
		).length;
		if (untold > 0)
			console.error(
				`  note: ${untold} 429s could not be told to an execution (no or unexpected Content-Length); they count in the overall row only`,
			);

		const scenario = `executions: ${RUNS} × ${DOCS} documents together, read ${READ_MS} ms, limit ${LIMIT}/s, Concurrency Auto (v3 defaults)`;
		const start = Math.min(...executions.map((execution) => execution.startTime));
		for (const execution of executions) {
			report({
				scenario,
				contender: `execution ${execution.id} (${execution.run})`,
				status: execution.status,
				credential: execution.credentialId,
				'started +s': seconds(execution.startTime - start),
				'wall s': seconds(execution.ms),
				completed: execution.completed,
				failed: execution.failed,
				'429s seen': rejectionsOf(execution.run),
				'achieved /s': perSecond(execution.completed, execution.ms),
				'webhook answered +s': seconds((answers.get(execution.run)?.answeredAt ?? NaN) - firedAt),
			});
		}
		const end = Math.max(...executions.map((execution) => execution.startTime + execution.ms));
		const completed = executions.reduce((sum, execution) => sum + execution.completed, 0);
		const failed = executions.reduce((sum, execution) => sum + execution.failed, 0);
		const reads = emulator.requests.filter((request) => request.response.status === 200);
		// The emulator's view: first request received to last read answered (received + read time).
		const emulatorSpan = reads.length
			? Math.max(...reads.map((request) => request.receivedAt)) +
				READ_MS -
				Math.min(...emulator.requests.map((request) => request.receivedAt))
			: NaN;
		if (reads.length !== completed)
			console.error(
				`  note: the emulator answered ${reads.length} reads with 200, the executions report ${completed} completed`,
			);
		const ideal = idealMs(RUNS * DOCS, READ_MS, undefined, LIMIT);
		report({
			scenario,
			contender: `all ${executions.length} executions`,
			'wall s': seconds(end - start),
			'ideal s': seconds(ideal),
			'emulator span s': seconds(emulatorSpan),
			completed,
			failed,
			'429s seen': rejections.length,
			'achieved /s': perSecond(completed, end - start),
			'% of allowed': Math.round((100 * perSecond(completed, end - start)) / LIMIT),
			'peak in flight': emulator.peakConcurrency,
		});
	} finally {
		await running?.stop();
		await emulator.stop();
		n8n.cleanup({ keepDataFolder: true });
	}
}
