/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	no-console
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * n8n in queue mode (Redis, Postgres, a main instance and 2 workers, each with the packed package
 * installed as a community package), against the GLAIR emulator: documents sent as executions of
 * their own spread over both workers and each read once; binary data where queue mode keeps it by
 * default; GLAIR's rate limit respected by workers that cannot see each other; a worker killed while
 * it holds executions.
 */
import { randomUUID } from 'node:crypto';

import { GlairEmulator } from '../../tools/emulator';
import { pngBytes } from '../../tools/fixtures/documents';
import {
	packPackage,
	postToWebhook,
	type Flavour,
	type RunItem,
	type SavedExecution,
	type UploadFile,
	type WebhookAnswer,
} from '../../tools/n8n';
import { executionsStartedBy, QueueCluster } from '../../tools/n8n/queue';
import { glairCredential, webhookToGlair } from '../../tools/n8n/workflows';

const FLAVOURS: Flavour[] = (process.env.GLAIR_E2E_FLAVOURS ?? 'v1,v2').split(',') as Flavour[];

const WORKER_CONCURRENCY = 4;

const READ = { id: 'glairQueueRead01', path: 'glair-queue-read' };
const KEEP = { id: 'glairQueueKeep01', path: 'glair-queue-keep' };

const png = (name: string): UploadFile => ({
	field: 'data',
	fileName: name,
	bytes: pngBytes({ text: name }),
	mimeType: 'image/png',
});

/** The GLAIR node's first-output items of a saved execution. */
const readItems = (execution: SavedExecution): RunItem[] =>
	execution.runData.Read?.[0]?.data?.main[0] ?? [];

describe.each(FLAVOURS)('n8n %s in queue mode (main + 2 workers)', (flavour) => {
	const emulator = new GlairEmulator();
	let cluster: QueueCluster;
	let readUrl = '';
	let keepUrl = '';

	beforeAll(async () => {
		const baseUrl = await emulator.start();
		const glair = {
			name: 'Read',
			parameters: {
				resource: 'vehicleDocument',
				operation: 'readStnk',
				binaryPropertyName: '*',
				output: 'record',
			},
		};
		cluster = await QueueCluster.start({
			flavour,
			tarball: await packPackage(),
			workers: 2,
			workerConcurrency: WORKER_CONCURRENCY,
			credentials: [glairCredential(baseUrl, emulator.credentials)],
			workflows: [
				webhookToGlair({ ...READ, webhookId: randomUUID(), glair, respond: 'allEntries' }),
				webhookToGlair({
					...KEEP,
					webhookId: randomUUID(),
					glair: {
						...glair,
						parameters: {
							...glair.parameters,
							binaryPropertyName: 'data',
							options: { keepSourceDocument: true },
						},
					},
					respond: 'firstEntryBinary',
				}),
			],
			activate: [READ.id, KEEP.id],
			env: {
				// A worker that dies loses its job's lock within seconds, not a minute; n8n then looks
				// for executions no job holds every minute (the least it can be told), not every 3 hours.
				QUEUE_WORKER_LOCK_DURATION: '6000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
				QUEUE_WORKER_STALLED_INTERVAL: '3000',
				N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
			},
		});
		await cluster.main.setupOwner();
		readUrl = await cluster.main.waitForWebhook(READ.path);
		keepUrl = await cluster.main.waitForWebhook(KEEP.path);
	}, 10 * 60_000);

	afterAll(async () => {
		await cluster?.stop();
		await emulator.stop();
	});

	beforeEach(() => {
		emulator.reset();
		emulator.setPace({ latencyMs: 200 });
	});

	const failWith = (message: string) => new Error(`${message}\n${cluster.output}`);

	it('40 documents, each its own execution: every one read exactly once, its record right, both workers busy', async () => {
		const names = Array.from({ length: 40 }, (_unused, index) => `stnk-${index + 1}.png`);
		const started = new Set(cluster.workers.flatMap(executionsStartedBy));
		const answers = await Promise.all(names.map((name) => postToWebhook(readUrl, [png(name)])));

		answers.forEach((answer, index) => {
			if (answer.status !== 200)
				throw failWith(`${names[index]}: webhook answered ${answer.status} ${answer.body}`);
			const records = JSON.parse(answer.body.toString()) as Array<Record<string, unknown>>;
			expect(records).toEqual([
				expect.objectContaining({
					file_name: names[index],
					status: 'SUCCESS',
					binary_field: 'data',
				}),
			]);
		});
		const read = emulator.requests.filter((request) => request.response.status === 200);
		expect(read.map((request) => request.files[0]?.filename).sort()).toEqual([...names].sort());

		const executions = (await cluster.main.waitForExecutions(READ.id, 40, 60_000)).filter(
			(execution) => !started.has(execution.id),
		);
		expect(executions).toHaveLength(40);
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		const saved = await Promise.all(
			executions.map((execution) => cluster.main.getExecution(execution.id)),
		);
		expect(
			saved.map((execution) => readItems(execution)[0]?.json.file_name as string).sort(),
		).toEqual([...names].sort());

		const byWorker = cluster.workers.map((worker) =>
			executionsStartedBy(worker).filter((id) => !started.has(id)),
		);
		expect(byWorker.every((ids) => ids.length > 0)).toBe(true);
		expect(new Set(byWorker.flat())).toEqual(new Set(executions.map((execution) => execution.id)));
		console.log(
			`n8n ${flavour} queue mode: 40 executions, worker 1 ran ${byWorker[0].length}, worker 2 ran ${byWorker[1].length}`,
		);
	});

	it("binary data in queue mode's default store (2.x: the database): Keep Source Document passes the original file on", async () => {
		const document = png('keep-me.png');
		const answer = await postToWebhook(keepUrl, [document]);
		if (answer.status !== 200) throw failWith(`webhook answered ${answer.status} ${answer.body}`);
		// n8n 1.x in queue mode answers a binary as the JSON of a Node Buffer ({"type":"Buffer","data":[…]}),
		// whatever node made it; 2.x sends the bytes. Either way they must be the file sent.
		const answered =
			flavour === 'v1'
				? Buffer.from((JSON.parse(answer.body.toString()) as { data: number[] }).data)
				: answer.body;
		expect(answered.equals(document.bytes)).toBe(true);

		const [summary] = await cluster.main.waitForExecutions(KEEP.id, 1, 30_000);
		const execution = await cluster.main.getExecution(summary.id);
		const [record] = readItems(execution);
		expect(record.json).toMatchObject({ file_name: 'keep-me.png', status: 'SUCCESS' });
		const binary = record.binary?.data as { id?: string; data?: string } | undefined;
		if (flavour === 'v2') {
			// Stored in Postgres, referenced by id; not inside the execution data.
			expect(binary?.id).toMatch(/^database:/);
		} else {
			// 1.x queue mode keeps binary data inside the execution data.
			expect(Buffer.from(binary?.data ?? '', 'base64').equals(document.bytes)).toBe(true);
		}
	});

	it("GLAIR's limit across workers (2 s reads, 5/s): 8 executions of 10 documents, 4 on each worker, none failed", async () => {
		emulator.setPace({ latencyMs: 2000, rateLimitPerSecond: 5 });
		const started = new Set(cluster.workers.flatMap(executionsStartedBy));
		const batches = Array.from({ length: 8 }, (_unused, batch) =>
			Array.from({ length: 10 }, (_ignored, index) => ({
				...png(`batch-${batch + 1}-doc-${index + 1}.png`),
				field: `doc_${index + 1}`,
			})),
		);
		const firedAt = Date.now();
		const answers = await Promise.all(batches.map((files) => postToWebhook(readUrl, files)));
		const wallMs = Math.max(...answers.map((answer) => answer.answeredAt)) - firedAt;

		const records = answers.flatMap((answer: WebhookAnswer) => {
			if (answer.status !== 200) throw failWith(`webhook answered ${answer.status} ${answer.body}`);
			return JSON.parse(answer.body.toString()) as Array<Record<string, unknown>>;
		});
		expect(records).toHaveLength(80);
		expect(records.filter((record) => record.status !== 'SUCCESS')).toEqual([]);
		const read = emulator.requests.filter((request) => request.response.status === 200);
		expect(read).toHaveLength(80);
		expect(new Set(read.map((request) => request.files[0]?.filename)).size).toBe(80);
		const byWorker = cluster.workers.map(
			(worker) => executionsStartedBy(worker).filter((id) => !started.has(id)).length,
		);
		expect(byWorker).toEqual([4, 4]);

		const rejected = emulator.requests.filter((request) => request.response.status === 429).length;
		const rate = 80 / (wallMs / 1000);
		console.log(
			`n8n ${flavour} queue mode, 2 workers × 4 executions × 10 documents, 2 s reads, limit 5/s: ` +
				`${(wallMs / 1000).toFixed(1)} s (ideal ${(79 / 5 + 2).toFixed(1)} s), ${rate.toFixed(2)}/s = ` +
				`${Math.round((100 * rate) / 5)} % of the limit, ${rejected} answers 429, 0 failed`,
		);
	});

	it('a worker killed while it holds executions: none is reported as read when it was not', async () => {
		const names = Array.from({ length: 8 }, (_unused, index) => `held-${index + 1}.png`);
		emulator.injectFault({ kind: 'hold' }, { times: names.length });
		const started = new Set(cluster.workers.flatMap(executionsStartedBy));
		const before = (await cluster.main.listExecutions(READ.id)).length;
		const stop = new AbortController();
		const answers = names.map((name) =>
			postToWebhook(readUrl, [png(name)], { signal: stop.signal }).catch(() => undefined),
		);
		// Both workers hold some: wait until GLAIR has every document, then kill worker 1.
		const deadline = Date.now() + 60_000;
		while (emulator.heldCount < names.length) {
			if (Date.now() > deadline)
				throw failWith(`only ${emulator.heldCount} of ${names.length} documents reached GLAIR`);
			await new Promise((wake) => setTimeout(wake, 100));
		}
		const [victim, survivor] = cluster.workers;
		const victimHeld = executionsStartedBy(victim).filter((id) => !started.has(id));
		expect(victimHeld.length).toBeGreaterThan(0);
		await victim.kill();
		emulator.releaseHeld();

		// n8n ends (or re-runs) what the killed worker held: wait for every execution to stop.
		const executions = await cluster.main.waitForExecutions(
			READ.id,
			before + names.length,
			4 * 60_000,
		);
		stop.abort();
		await Promise.all(answers);
		const ours = executions.filter((execution) => !started.has(execution.id));
		expect(ours).toHaveLength(names.length);
		const readOk = new Set(
			emulator.requests
				.filter((request) => request.response.status === 200)
				.map((request) => request.files[0]?.filename),
		);
		const outcomes: string[] = [];
		for (const summary of ours) {
			const execution = await cluster.main.getExecution(summary.id);
			const [record] = readItems(execution);
			const fileName = record?.json.file_name as string | undefined;
			outcomes.push(
				`${summary.id} (${victimHeld.includes(summary.id) ? 'killed worker' : 'survivor'}): ${execution.status}${fileName ? ` ${fileName}` : ''}${execution.error ? ` "${execution.error.message}"` : ''}`,
			);
			if (execution.status === 'success') {
				// Reported as read: GLAIR really answered that document.
				expect(record.json.status).toBe('SUCCESS');
				expect(readOk.has(fileName ?? '')).toBe(true);
			} else {
				expect(['crashed', 'error', 'canceled']).toContain(execution.status);
				expect(victimHeld).toContain(summary.id);
			}
		}
		// The survivor's executions all succeeded.
		const survivorRan = executionsStartedBy(survivor).filter((id) => !started.has(id));
		for (const id of survivorRan.filter((ranId) => !victimHeld.includes(ranId)))
			expect(outcomes.find((line) => line.startsWith(`${id} `))).toMatch(/: success /);
		console.log(
			`n8n ${flavour}, worker 1 killed holding ${victimHeld.length}:\n${outcomes.join('\n')}`,
		);
	});
});
