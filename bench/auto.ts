/* eslint-disable
	no-console
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * `auto`: Concurrency Auto with nothing tuned (node version 3, no options) against today's default
 * (version 2, Concurrency 5), each row a fresh emulator with a read time, a rate limit and
 * optionally a capacity (documents read at once, the rest queued). Every run is an `n8n execute`
 * of Manual Trigger → Read Files → GLAIR Vision, so each starts with nothing learnt.
 *   BENCH_AUTO_ROWS=2000/10/60,200/none/200,2000/none/60,2000/none/60/8  (read ms / limit / documents [/ capacity])
 */
import { GlairEmulator, EMULATOR_CREDENTIALS } from '../tools/emulator';
import { jpegBytes } from '../tools/fixtures/documents';
import { freePort, parseExecutionOutput } from '../tools/n8n';
import { glairCredential } from '../tools/n8n/workflows';
import {
	env,
	filesWorkflow,
	glairNode,
	idealMs,
	perSecond,
	seconds,
	targetFigures,
} from './contenders';
import type { MatrixContext } from './matrix';
import { MAX_AUTO_CONCURRENCY } from '../nodes/GlairVision/defaults';

const ROWS = env('BENCH_AUTO_ROWS', '2000/10/60,200/none/200,2000/none/60,2000/none/60/8')
	.split(',')
	.map((row) => {
		const [readMs, limit, documents, capacity] = row.split('/');
		return {
			readMs: Number(readMs),
			limit: limit === 'none' ? undefined : Number(limit),
			documents: Number(documents),
			capacity: capacity === undefined ? undefined : Number(capacity),
		};
	});
const CREDENTIAL_ID = 'glairBenchAuto01';

/** Version 3 as dropped onto a canvas: no option set. */
const autoNode = () => {
	const node = glairNode(CREDENTIAL_ID, 5);
	return { ...node, typeVersion: 3, parameters: { operation: 'readStnk', output: 'record' } };
};
/** Today's default: version 2, Concurrency 5 (unset). */
const fixedNode = () => {
	const node = glairNode(CREDENTIAL_ID, 5);
	return {
		...node,
		typeVersion: 2,
		parameters: { resource: 'vehicleDocument', operation: 'readStnk', output: 'record' },
	};
};

export async function runAuto({ n8n, writeDocuments, report }: MatrixContext): Promise<void> {
	const port = await freePort();
	await n8n.importCredentials([
		{
			...glairCredential(`http://127.0.0.1:${port}`, EMULATOR_CREDENTIALS, 'GLAIR bench auto'),
			id: CREDENTIAL_ID,
		},
	]);
	const runs = ROWS.flatMap((row) => [
		{ ...row, contender: 'Concurrency 5 (v2 default)', node: fixedNode() },
		{ ...row, contender: 'Auto (v3 defaults)', node: autoNode() },
	]);
	const globs = new Map<number, string>();
	for (const documents of new Set(runs.map((run) => run.documents)))
		globs.set(
			documents,
			writeDocuments(`auto-${documents}`, documents, () => jpegBytes()),
		);
	const ids = runs.map((_run, index) => `benchAuto${String(index).padStart(7, '0')}`);
	await n8n.importWorkflow(
		runs.map((run, index) => filesWorkflow(ids[index], globs.get(run.documents) ?? '', run.node)),
	);
	const fixedWall = new Map<string, number>();
	for (const [index, run] of runs.entries()) {
		const key = `${run.readMs}/${run.limit}/${run.documents}/${run.capacity}`;
		// Best possible: the capacity (or Auto's hard cap) in flight in whole reads, the limit whole.
		const inFlight = run.capacity ?? MAX_AUTO_CONCURRENCY;
		const best = Math.max(
			Math.ceil(run.documents / inFlight) * run.readMs,
			idealMs(run.documents, run.readMs, undefined, run.limit),
		);
		console.error(
			`  auto ${index + 1}/${runs.length}: ${run.contender}, ${key}, best ${seconds(best)} s`,
		);
		const emulator = new GlairEmulator({
			port,
			latencyMs: run.readMs,
			rateLimitPerSecond: run.limit,
			capacity: run.capacity,
		});
		await emulator.start();
		try {
			const result = await n8n.cli(['execute', `--id=${ids[index]}`, '--rawOutput'], {
				timeoutMs: Math.max(10 * 60_000, 5 * best),
			});
			const execution = parseExecutionOutput(result.stdout);
			const { ms, completed, failed, ran } = targetFigures(execution?.data.resultData.runData);
			if (!ran)
				console.error(`    did not run (exit ${result.exitCode}): ${result.stderr.slice(-1500)}`);
			if (run.contender.startsWith('Concurrency')) fixedWall.set(key, ms);
			const achieved = perSecond(completed, ms);
			report({
				scenario: 'auto',
				contender: run.contender,
				'read ms': run.readMs,
				'limit /s': run.limit ?? 'none',
				capacity: run.capacity ?? 'none',
				documents: run.documents,
				'wall s': seconds(ms),
				'best possible s': seconds(best),
				'% of best possible': Math.round((100 * best) / ms),
				'Concurrency 5 wall s': fixedWall.has(key) ? seconds(fixedWall.get(key) ?? NaN) : '',
				completed,
				failed,
				'429s seen': emulator.requests.filter((request) => request.response.status === 429).length,
				'achieved /s': achieved,
				'% of allowed': run.limit ? Math.round((100 * achieved) / run.limit) : '–',
				'peak in flight': emulator.peakConcurrency,
			});
		} finally {
			await emulator.stop();
		}
	}
}
