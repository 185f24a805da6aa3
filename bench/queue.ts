/* eslint-disable
	no-console
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * `queue`: n8n in queue mode (Redis, Postgres, main + workers, tools/n8n/queue.ts), several
 * executions at once on each worker, all reading through one GLAIR key against one rate-limited
 * emulator. The workers cannot see each other: each paces from its own 429s. Webhook (one upload of
 * BENCH_QUEUE_DOCS files per execution) → GLAIR Vision (version 3 defaults: Concurrency Auto).
 *   BENCH_QUEUE_WORKERS=2  BENCH_QUEUE_EXECUTIONS=4 (per worker)  BENCH_QUEUE_DOCS=10
 *   BENCH_QUEUE_CASES=2000/5,1500/10,3000/3 (read ms / limit per s)
 * Each case uses a credential of its own, so no worker starts it knowing the limit of the one before.
 */
import { randomUUID } from 'node:crypto';

import { GlairEmulator } from '../tools/emulator';
import { pngBytes } from '../tools/fixtures/documents';
import { packPackage, postToWebhook, type Flavour, type UploadFile } from '../tools/n8n';
import { executionsStartedBy, QueueCluster } from '../tools/n8n/queue';
import { glairCredential, webhookToGlair } from '../tools/n8n/workflows';
import { acceptedPerSecond, env, perSecond, seconds, sleep, type Report } from './contenders';

const WORKERS = Number(env('BENCH_QUEUE_WORKERS', '2'));
const EXECUTIONS_PER_WORKER = Number(env('BENCH_QUEUE_EXECUTIONS', '4'));
const DOCS = Number(env('BENCH_QUEUE_DOCS', '10'));
const CASES = env('BENCH_QUEUE_CASES', '2000/5,1500/10,3000/3')
	.split(',')
	.map((text) => {
		const [readMs, limit] = text.split('/').map(Number);
		return { readMs, limit };
	});

const caseId = (index: number) => `benchQueue${String(index).padStart(6, '0')}`;

export async function runQueue({
	flavour,
	report,
}: {
	flavour: Flavour;
	report: Report;
}): Promise<void> {
	const executions = WORKERS * EXECUTIONS_PER_WORKER;
	console.error(
		`queue: ${WORKERS} workers × ${EXECUTIONS_PER_WORKER} executions × ${DOCS} documents, Concurrency Auto, cases ${CASES.map((c) => `${c.readMs} ms/${c.limit}/s`).join(', ')}`,
	);
	const emulator = new GlairEmulator();
	await emulator.start();
	let cluster: QueueCluster | undefined;
	try {
		cluster = await QueueCluster.start({
			flavour,
			tarball: await packPackage(),
			workers: WORKERS,
			workerConcurrency: EXECUTIONS_PER_WORKER,
			credentials: CASES.map((_case, index) => ({
				...glairCredential(emulator.baseUrl, emulator.credentials, `GLAIR bench ${index}`),
				id: caseId(index),
			})),
			workflows: CASES.map((_case, index) =>
				webhookToGlair({
					id: caseId(index),
					path: `glair-bench-queue-${index}`,
					webhookId: randomUUID(),
					respond: 'allEntries',
					glair: {
						name: 'Target',
						credential: { id: caseId(index), name: `GLAIR bench ${index}` },
						typeVersion: 3,
						parameters: { operation: 'readStnk', binaryPropertyName: '*', output: 'record' },
					},
				}),
			),
			activate: CASES.map((_case, index) => caseId(index)),
		});
		await cluster.main.setupOwner();
		for (const [index, { readMs, limit }] of CASES.entries()) {
			const url = await cluster.main.waitForWebhook(`glair-bench-queue-${index}`);
			emulator.reset();
			emulator.setPace({ latencyMs: readMs, rateLimitPerSecond: limit });
			await sleep(1100); // an empty rate window
			const before = new Set(cluster.workers.flatMap(executionsStartedBy));
			const uploads: UploadFile[][] = Array.from({ length: executions }, (_unused, run) =>
				Array.from({ length: DOCS }, (_ignored, doc) => ({
					field: `doc_${doc + 1}`,
					fileName: `case-${index}-run-${run + 1}-doc-${doc + 1}.png`,
					bytes: pngBytes(),
					mimeType: 'image/png',
				})),
			);
			const firedAt = Date.now();
			const answers = await Promise.all(uploads.map((files) => postToWebhook(url, files)));
			const wallMs = Math.max(...answers.map((answer) => answer.answeredAt)) - firedAt;
			const records = answers.flatMap((answer) =>
				answer.status === 200
					? (JSON.parse(answer.body.toString()) as Array<{ status?: string }>)
					: [],
			);
			const completed = records.filter((record) => record.status === 'SUCCESS').length;
			const total = executions * DOCS;
			const accepted = emulator.requests.filter((request) => request.response.status === 200);
			const rejected = emulator.requests.filter((request) => request.response.status === 429);
			const byWorker = cluster.workers.map(
				(worker) => executionsStartedBy(worker).filter((id) => !before.has(id)).length,
			);
			console.error(
				`  accepted per second: ${acceptedPerSecond(accepted.map((request) => request.receivedAt))}`,
			);
			const firstAt = Math.min(...accepted.map((request) => request.receivedAt));
			const runOf = new Map<string, { startedAt: number; worker: number }>();
			for (const summary of await cluster.main.listExecutions(caseId(index))) {
				const saved = await cluster.main.getExecution(summary.id);
				const binary = saved.runData.Webhook?.[0]?.data?.main[0]?.[0]?.binary ?? {};
				const fileName = String(Object.values(binary)[0]?.fileName ?? '');
				const worker = cluster.workers.findIndex((process) =>
					executionsStartedBy(process).includes(summary.id),
				);
				runOf.set(fileName.replace(/-doc-\d+\.png$/, ''), {
					startedAt: Date.parse(summary.startedAt ?? ''),
					worker: worker + 1,
				});
			}
			for (let run = 1; run <= executions; run++) {
				const mine = accepted.filter((request) =>
					request.files[0]?.filename.startsWith(`case-${index}-run-${run}-`),
				);
				const started = runOf.get(`case-${index}-run-${run}`);
				console.error(
					`    execution ${run} (worker ${started?.worker}, started +${seconds((started?.startedAt ?? NaN) - firedAt)} s): ${acceptedPerSecond([firstAt, ...mine.map((request) => request.receivedAt)]).replace(/^(\d+)/, (first) => String(Number(first) - 1))}`,
				);
			}
			// The best possible: starts at the limit, the last read's time after the last start.
			const idealMs = ((total - 1) / limit) * 1000 + readMs;
			report({
				scenario: `queue mode: ${WORKERS} workers × ${EXECUTIONS_PER_WORKER} executions × ${DOCS} documents, Concurrency Auto (v3 defaults)`,
				contender: `read ${readMs} ms, limit ${limit}/s`,
				'wall s': seconds(wallMs),
				'ideal s': seconds(idealMs),
				completed,
				failed: total - completed,
				'429s seen': rejected.length,
				'achieved /s': perSecond(completed, wallMs),
				'% of allowed': Math.round((100 * perSecond(completed, wallMs)) / limit),
				'% of best possible': Math.round((100 * idealMs) / wallMs),
				'executions per worker': byWorker.join(' + '),
			});
		}
	} finally {
		await cluster?.stop();
		await emulator.stop();
	}
}
