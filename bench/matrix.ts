/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	no-console
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * `matrix`: the GLAIR Vision node, and the HTTP Request node set up the way a user would keep it
 * within the same bounds, across read times × rate limits × concurrency. Every run is an
 * `n8n execute` of Manual Trigger → Read Files → contender against a fresh emulator.
 *   BENCH_MATRIX_READ_MS=200,1500,3000  BENCH_MATRIX_LIMITS=none,3,10  BENCH_MATRIX_CONCURRENCY=5,10
 *   BENCH_MATRIX_DOCS (default: 200, fewer where a row's ideal would pass ROW_BUDGET_MS)
 */
import { GlairEmulator, EMULATOR_CREDENTIALS } from '../tools/emulator';
import { jpegBytes } from '../tools/fixtures/documents';
import { freePort, parseExecutionOutput, type LocalN8n } from '../tools/n8n';
import { glairCredential } from '../tools/n8n/workflows';
import {
	env,
	filesWorkflow,
	glairNode,
	httpRequestNode,
	idealMs,
	perSecond,
	seconds,
	targetFigures,
	type Report,
} from './contenders';

const READ_MS = env('BENCH_MATRIX_READ_MS', '200,1500,3000').split(',').map(Number);
// `none` (or 0) is a row without a limit.
const LIMITS = env('BENCH_MATRIX_LIMITS', 'none,3,10')
	.split(',')
	.map((limit) => (limit === 'none' || Number(limit) === 0 ? undefined : Number(limit)));
const CONCURRENCY = env('BENCH_MATRIX_CONCURRENCY', '5,10').split(',').map(Number);
const DOCS_OVERRIDE =
	process.env.BENCH_MATRIX_DOCS === undefined ? undefined : Number(process.env.BENCH_MATRIX_DOCS);

const MAX_DOCS = 200;
/** A row's ideal wall time stays under this, so the whole matrix ends in reasonable time. */
const ROW_BUDGET_MS = 180_000;
const MATRIX_CREDENTIAL_ID = 'glairBenchMatrix';

/** The most documents (up to 200) whose ideal stays within the budget; BENCH_MATRIX_DOCS wins. */
function documentsFor(
	readMs: number,
	concurrency: number | undefined,
	limit: number | undefined,
): number {
	if (DOCS_OVERRIDE !== undefined) return DOCS_OVERRIDE;
	let documents = MAX_DOCS;
	while (documents > 1 && idealMs(documents, readMs, concurrency, limit) > ROW_BUDGET_MS)
		documents--;
	return documents;
}

interface MatrixRun {
	contender: string;
	readMs: number;
	limit: number | undefined;
	/** Undefined for the HTTP Request node paced by batches: nothing caps how many it has in flight. */
	concurrency: number | undefined;
	documents: number;
	node: Record<string, unknown>;
}

export interface MatrixContext {
	n8n: LocalN8n;
	/** Writes `count` files into a folder of the data folder; returns their glob. */
	writeDocuments: (folder: string, count: number, make: (index: number) => Buffer) => string;
	report: Report;
}

export async function runMatrix({ n8n, writeDocuments, report }: MatrixContext): Promise<void> {
	// One port for every fresh emulator, so one credential (and the HTTP Request node's URL) fits them all.
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	await n8n.importCredentials([
		{
			...glairCredential(baseUrl, EMULATOR_CREDENTIALS, 'GLAIR bench matrix'),
			id: MATRIX_CREDENTIAL_ID,
		},
	]);

	const runs: MatrixRun[] = [];
	for (const readMs of READ_MS) {
		for (const limit of LIMITS) {
			for (const concurrency of CONCURRENCY) {
				runs.push({
					contender: 'GLAIR Vision',
					readMs,
					limit,
					concurrency,
					documents: documentsFor(readMs, concurrency, limit),
					node: glairNode(MATRIX_CREDENTIAL_ID, concurrency),
				});
			}
			if (limit) {
				// Batch size = limit, one batch every 1.05 s: within the limit whatever the concurrency, so one run serves
				// both rows. (Every 1000 ms exactly, n8n's batches reach a strict one-second window a few ms early.)
				const documents = Math.min(
					...CONCURRENCY.map((concurrency) => documentsFor(readMs, concurrency, limit)),
				);
				const batching = { size: limit, intervalMs: 1050 };
				runs.push({
					contender: `HTTP Request, batch ${limit} / 1050 ms`,
					readMs,
					limit,
					concurrency: undefined,
					documents,
					node: httpRequestNode(baseUrl, EMULATOR_CREDENTIALS, batching),
				});
			} else {
				for (const concurrency of CONCURRENCY) {
					// Without a limit, a batch the size of the concurrency every read time is how a user caps concurrency.
					const batching = { size: concurrency, intervalMs: readMs };
					runs.push({
						contender: `HTTP Request, batch ${concurrency} / ${readMs} ms`,
						readMs,
						limit,
						concurrency,
						documents: documentsFor(readMs, concurrency, limit),
						node: httpRequestNode(baseUrl, EMULATOR_CREDENTIALS, batching),
					});
				}
			}
		}
	}

	const globs = new Map<number, string>();
	for (const documents of new Set(runs.map((run) => run.documents)))
		globs.set(
			documents,
			writeDocuments(`matrix-${documents}`, documents, () => jpegBytes()),
		);
	const ids = runs.map((_run, index) => `benchMatrix${String(index).padStart(5, '0')}`);
	// One import for all: each `n8n` command is a cold start of a few seconds.
	await n8n.importWorkflow(
		runs.map((run, index) => filesWorkflow(ids[index], globs.get(run.documents) ?? '', run.node)),
	);

	console.error(
		`matrix: ${runs.length} runs; documents per run: ${runs.map((run) => run.documents).join(', ')}`,
	);
	for (const [index, run] of runs.entries()) {
		const ideal = idealMs(run.documents, run.readMs, run.concurrency, run.limit);
		const limitText = run.limit ? `${run.limit}/s` : 'none';
		console.error(
			`  run ${index + 1}/${runs.length}: ${run.contender}, read ${run.readMs} ms, limit ${limitText}, concurrency ${run.concurrency ?? '–'}, ${run.documents} documents, ideal ${seconds(ideal)} s`,
		);
		// A fresh emulator per run: no request of an earlier run is in its rate window or its counts.
		const emulator = new GlairEmulator({
			port,
			latencyMs: run.readMs,
			rateLimitPerSecond: run.limit,
		});
		await emulator.start();
		try {
			// Generous: a run may take several times its ideal while the pacing is poor.
			const result = await n8n.cli(['execute', `--id=${ids[index]}`, '--rawOutput'], {
				timeoutMs: Math.max(10 * 60_000, 5 * ideal),
			});
			const execution = parseExecutionOutput(result.stdout);
			const { ms, completed, failed, ran } = targetFigures(execution?.data.resultData.runData);
			if (!ran)
				console.error(
					`    the contender did not run (exit ${result.exitCode}): ${execution?.data.resultData.error?.message ?? result.stderr.slice(-2000)}`,
				);
			const rejected = emulator.requests.filter(
				(request) => request.response.status === 429,
			).length;
			const answered = emulator.requests.filter(
				(request) => request.response.status === 200,
			).length;
			if (answered !== completed)
				console.error(
					`    note: the emulator answered ${answered} reads with 200, the node reports ${completed} completed`,
				);
			const achieved = perSecond(completed, ms);
			report({
				scenario: 'matrix',
				contender: run.contender,
				'read ms': run.readMs,
				'limit /s': run.limit ?? 'none',
				concurrency: run.concurrency ?? '–',
				documents: run.documents,
				'wall s': seconds(ms),
				'ideal s': seconds(ideal),
				'ratio to ideal': Number((ms / ideal).toFixed(2)),
				completed,
				failed,
				'429s seen': rejected,
				'achieved /s': achieved,
				'% of allowed': run.limit ? Math.round((100 * achieved) / run.limit) : '–',
				'peak in flight': emulator.peakConcurrency,
			});
		} finally {
			await emulator.stop();
		}
	}
}
