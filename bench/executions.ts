/**
 * `executions`: several executions of one workflow started at the same moment in one started n8n,
 * all reading through the same GLAIR credential against one rate-limited emulator, as a batch of
 * emails arriving together would. Webhook (responds when the last node has run) → Read Files from
 * the folder the request names → GLAIR Vision (concurrency 10, On Error: Continue).
 *   BENCH_EXEC_RUNS=4  BENCH_EXEC_DOCS=50  BENCH_EXEC_READ_MS=1500  BENCH_EXEC_LIMIT=10
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { GlairEmulator } from '../test/emulator';
import { pngBytes } from '../test/fixtures/documents';
import { LocalN8n, type Flavour, type RunData, type RunningN8n } from '../test/e2e/n8n';
import { glairCredential } from '../test/e2e/workflows';
import {
	env,
	glairNode,
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
const CONCURRENCY = 10;

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
			{
				id: 'webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				// lastNode: the HTTP answer is the execution's end; no body, the figures come from the execution itself.
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
			},
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
			{ ...glairNode(CREDENTIAL_ID, CONCURRENCY), id: 'target', name: 'Target' },
		],
		connections: {
			Webhook: { main: [[{ node: 'Read Files', type: 'main', index: 0 }]] },
			'Read Files': { main: [[{ node: 'Target', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** 2.x publishes a workflow version; 1.x sets it active. Either only takes effect at the next `n8n start`. */
async function activate(n8n: LocalN8n): Promise<void> {
	const args =
		n8n.install.flavour === 'v2'
			? ['publish:workflow', `--id=${WORKFLOW_ID}`]
			: ['update:workflow', `--id=${WORKFLOW_ID}`, '--active=true'];
	const result = await n8n.cli(args);
	if (result.exitCode !== 0)
		throw new Error(
			`n8n ${args.join(' ')} failed (exit ${result.exitCode}):\n${result.stderr}\n${result.stdout}`,
		);
}

/**
 * Waits until the webhook answers a CORS preflight: n8n answers OPTIONS for a registered path
 * without starting an execution. 2.x registers published workflows after "Editor is now accessible".
 */
async function waitForWebhook(url: string, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url, {
			method: 'OPTIONS',
			headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
		});
		await response.arrayBuffer();
		if (response.status < 400) return;
		if (Date.now() > deadline)
			throw new Error(
				`webhook ${url} not registered within ${timeoutMs} ms (OPTIONS answered ${response.status})`,
			);
		await sleep(250);
	}
}

/** POST with node:http rather than fetch: fetch gives up on headers after 300 s, a long run may take longer. */
function post(url: string): Promise<{ status: number; body: string; answeredAt: number }> {
	return new Promise((resolve, reject) => {
		const outgoing = httpRequest(
			url,
			{ method: 'POST', headers: { 'content-length': '0' } },
			(incoming) => {
				const chunks: Buffer[] = [];
				incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
				incoming.on('end', () =>
					resolve({
						status: incoming.statusCode ?? 0,
						body: Buffer.concat(chunks).toString(),
						answeredAt: Date.now(),
					}),
				);
				incoming.on('error', reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end();
	});
}

interface ExecutionSummary {
	id: string;
	status?: string;
	finished?: boolean;
	stoppedAt?: string | null;
}

interface ExecutionDetail {
	data: string;
	workflowData: { nodes: Array<{ name: string; credentials?: Record<string, { id: string }> }> };
}

/** Polls the executions list until every started execution has stopped and been saved. */
async function finishedExecutions(
	running: RunningN8n,
	expected: number,
	timeoutMs: number,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (let look = 1; ; look++) {
		// 100 is the most n8n lists at once (20 by default).
		const response = await running.request(
			`/rest/executions?limit=100&filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }))}`,
		);
		if (!response.ok)
			throw new Error(`GET /rest/executions: ${response.status} ${await response.text()}`);
		const { results } = ((await response.json()) as { data: { results: ExecutionSummary[] } }).data;
		const stopped = results.filter(
			(execution) =>
				execution.stoppedAt && execution.status !== 'running' && execution.status !== 'new',
		);
		if (stopped.length >= expected) {
			console.error(
				`  all ${expected} executions saved as stopped at look ${look} at the executions list`,
			);
			return stopped;
		}
		if (Date.now() > deadline)
			throw new Error(
				`only ${stopped.length} of ${expected} executions stopped within ${timeoutMs} ms: ${JSON.stringify(results)}`,
			);
		await sleep(500);
	}
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
		await activate(n8n);
		running = await n8n.startN8n();
		await running.setupOwner();
		const webhookUrl = `${running.baseUrl}/webhook/${WEBHOOK_PATH}`;
		await waitForWebhook(webhookUrl);

		emulator.reset();
		await sleep(1100); // an empty rate window
		const firedAt = Date.now();
		const answers = new Map(
			await Promise.all(
				Array.from(
					{ length: RUNS },
					async (_unused, run) =>
						[runName(run), await post(`${webhookUrl}?run=${runName(run)}`)] as const,
				),
			),
		);
		for (const [run, answer] of answers) {
			console.error(
				`  ${run}: webhook answered ${answer.status} after ${seconds(answer.answeredAt - firedAt)} s${answer.body ? `: ${answer.body.slice(0, 200)}` : ''}`,
			);
		}
		const summaries = await finishedExecutions(running, RUNS, 60_000);

		// n8n keeps run data "flatted" (JSON with shared references); its own copy of the library reads it.
		const flatted = createRequire(n8n.install.n8nBin)('flatted') as {
			parse: (text: string) => unknown;
		};
		const executions: Array<
			{ id: string; status: string; run: string; credentialId: string } & ReturnType<
				typeof targetFigures
			>
		> = [];
		for (const summary of summaries) {
			const response = await running.request(`/rest/executions/${summary.id}`);
			if (!response.ok)
				throw new Error(
					`GET /rest/executions/${summary.id}: ${response.status} ${await response.text()}`,
				);
			const detail = ((await response.json()) as { data: ExecutionDetail }).data;
			const runData = (flatted.parse(detail.data) as { resultData: { runData: RunData } })
				.resultData.runData;
			const query = runData.Webhook?.[0]?.data?.main[0]?.[0]?.json.query as
				{ run?: string } | undefined;
			const run = query?.run ?? '?';
			const credentialId =
				detail.workflowData.nodes.find((node) => node.name === 'Target')?.credentials
					?.glairVisionApi?.id ?? '?';
			executions.push({
				id: summary.id,
				status: summary.status ?? String(summary.finished),
				run,
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

		const scenario = `executions: ${RUNS} × ${DOCS} documents together, read ${READ_MS} ms, limit ${LIMIT}/s, concurrency ${CONCURRENCY} each`;
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
		const ideal = idealMs(RUNS * DOCS, READ_MS, RUNS * CONCURRENCY, LIMIT);
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
