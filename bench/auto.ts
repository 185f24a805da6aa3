/* eslint-disable
	no-console
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * `auto`: Concurrency Auto with nothing tuned (node version 3, no option set) in real n8n, row by
 * row against the best possible, fixed Concurrencies and today's default (version 2, Concurrency 5).
 * Each run is a fresh emulator (read time, rate limit, optionally a capacity: documents read at
 * once, the rest queued) and a fresh `n8n execute` of Manual Trigger → Read Files → GLAIR Vision,
 * so nothing is learnt beforehand.
 *   BENCH_AUTO_ROWS=2000/10/60@25+50,…  (read ms / limit / documents [/ capacity] [~ ms late:
 *   each request meets GLAIR's limit up to this much after it arrives, as over a real network]
 *   [@ fixed Concurrencies to run, e.g. the best the fake-clock model finds: bench/model.ts])
 *   BENCH_AUTO_C5_MAX_S=30: Concurrency 5 runs where it can take no longer than this; elsewhere
 *   its lower bound (documents ÷ 5 reads) is reported.
 */
import { GlairEmulator, EMULATOR_CREDENTIALS } from '../tools/emulator';
import { jpegBytes } from '../tools/fixtures/documents';
import { bestPossibleMs } from '../tools/glairModel';
import { freePort, parseExecutionOutput } from '../tools/n8n';
import { glairCredential } from '../tools/n8n/workflows';
import {
	acceptedPerSecond,
	autoNode,
	env,
	filesWorkflow,
	glairNode,
	perSecond,
	seconds,
	targetFigures,
} from './contenders';
import type { MatrixContext } from './matrix';

/**
 * The issue's matrix and the capacity model (GLAIR reads 8 at once). The fixed Concurrencies are
 * those the model (MODEL_FIXED=1,2,3,4,5,6,8,10,12,15,20,25,30,35,40,45,50) found best, and 50.
 */
export const AUTO_ROWS = [
	'200/none/60@50',
	'200/none/200@50',
	'200/3/60@5',
	'200/3/200@30',
	'200/10/60@50',
	'200/10/200@20',
	'200/30/60@50',
	'200/30/200@50',
	'2000/none/60@50',
	'2000/none/200@50',
	'2000/3/60@30',
	'2000/3/200@30',
	'2000/10/60@50',
	'2000/10/200@30',
	'2000/30/60@50',
	'2000/30/200@50',
	'10000/none/60@50',
	'10000/none/200@50',
	'10000/3/60@50',
	'10000/3/200@50',
	'10000/10/60@50',
	'10000/10/200@50',
	'10000/30/60@50',
	'10000/30/200@50',
	'2000/none/60/8@8+20',
	'2000/none/200/8@8+10',
].join(',');

const ROWS = env('BENCH_AUTO_ROWS', AUTO_ROWS)
	.split(',')
	.map((text) => {
		const [spec, fixed = ''] = text.split('@');
		const [shape, lateArrivalMs] = spec.split('~');
		const [readMs, limit, documents, capacity] = shape.split('/');
		return {
			spec,
			lateArrivalMs: lateArrivalMs === undefined ? undefined : Number(lateArrivalMs),
			readMs: Number(readMs),
			limit: limit === 'none' ? undefined : Number(limit),
			documents: Number(documents),
			capacity: capacity === undefined ? undefined : Number(capacity),
			fixed: fixed ? fixed.split('+').map(Number) : [],
		};
	});
const C5_MAX_MS = 1000 * Number(env('BENCH_AUTO_C5_MAX_S', '30'));
const CREDENTIAL_ID = 'glairBenchAuto01';

type Contender = { name: string; concurrency: number | 'auto'; node: Record<string, unknown> };

/** Version 3 with Concurrency Mode Fixed and this Concurrency, nothing else set. */
const fixedNode = (concurrency: number) => {
	const node = glairNode(CREDENTIAL_ID, concurrency);
	return {
		...node,
		typeVersion: 3,
		parameters: {
			operation: 'readStnk',
			output: 'record',
			options: { concurrencyMode: 'fixed', concurrency },
		},
	};
};
/** Today's default: version 2, Concurrency 5 (unset). */
const versionTwoNode = () => {
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
	const runs = ROWS.flatMap((row) => {
		const c5Bound = bestPossibleMs(row, 5);
		const contenders: Contender[] = [
			{ name: 'Auto', concurrency: 'auto', node: autoNode(CREDENTIAL_ID) },
			...row.fixed
				.filter((concurrency) => concurrency !== 5)
				.map((concurrency) => ({
					name: `C${concurrency}`,
					concurrency,
					node: fixedNode(concurrency),
				})),
			...(c5Bound <= C5_MAX_MS || row.fixed.includes(5)
				? [{ name: 'C5 (v2 default)', concurrency: 5, node: versionTwoNode() }]
				: []),
		];
		return contenders.map((contender) => ({ row, ...contender }));
	});
	const globs = new Map<number, string>();
	for (const documents of new Set(runs.map((run) => run.row.documents)))
		globs.set(
			documents,
			writeDocuments(`auto-${documents}`, documents, () => jpegBytes()),
		);
	const ids = runs.map((_run, index) => `benchAuto${String(index).padStart(7, '0')}`);
	await n8n.importWorkflow(
		runs.map((run, index) =>
			filesWorkflow(ids[index], globs.get(run.row.documents) ?? '', run.node),
		),
	);
	const results = new Map<
		string,
		Map<string, ReturnType<typeof targetFigures> & { peak: number; rejected: number }>
	>();
	for (const [index, run] of runs.entries()) {
		const { row } = run;
		const best = bestPossibleMs(row);
		console.error(
			`  auto ${index + 1}/${runs.length}: ${run.name}, ${row.spec}, best possible ${seconds(best)} s`,
		);
		const emulator = new GlairEmulator({
			port,
			latencyMs: row.readMs,
			rateLimitPerSecond: row.limit,
			capacity: row.capacity,
			lateArrivalMs: row.lateArrivalMs,
		});
		await emulator.start();
		try {
			const result = await n8n.cli(['execute', `--id=${ids[index]}`, '--rawOutput'], {
				timeoutMs: Math.max(
					10 * 60_000,
					5 * bestPossibleMs(row, typeof run.concurrency === 'number' ? run.concurrency : 100),
				),
			});
			const figures = targetFigures(parseExecutionOutput(result.stdout)?.data.resultData.runData);
			if (!figures.ran)
				console.error(`    did not run (exit ${result.exitCode}): ${result.stderr.slice(-1500)}`);
			const accepted = emulator.requests.filter((request) => request.response.status === 200);
			console.error(
				`    ${seconds(figures.ms)} s; accepted per second: ${acceptedPerSecond(accepted.map((request) => request.countedAt ?? request.receivedAt))}`,
			);
			const byRow = results.get(row.spec) ?? new Map();
			byRow.set(run.name, {
				...figures,
				peak: emulator.peakConcurrency,
				rejected: emulator.requests.filter((request) => request.response.status === 429).length,
			});
			results.set(row.spec, byRow);
		} finally {
			await emulator.stop();
		}
	}
	for (const row of ROWS) {
		const byRow = results.get(row.spec);
		const auto = byRow?.get('Auto');
		if (!byRow || !auto) continue;
		const best = bestPossibleMs(row);
		const fixed = [...byRow.entries()].filter(
			([name, figures]) => name !== 'Auto' && figures.failed === 0,
		);
		const [bestName, bestFixed] = fixed.reduce<[string, { ms: number } | undefined]>(
			(sofar, [name, figures]) => (!sofar[1] || figures.ms < sofar[1].ms ? [name, figures] : sofar),
			['', undefined],
		);
		const c5 = byRow.get('C5 (v2 default)');
		report({
			scenario: 'auto',
			contender: `${row.readMs} ms / ${row.limit ?? 'none'} / ${row.documents}${row.capacity ? ` / cap ${row.capacity}` : ''}${row.lateArrivalMs ? ` / ≤ ${row.lateArrivalMs} ms late` : ''}`,
			'best possible s': seconds(best),
			'Auto s': seconds(auto.ms),
			'% of best possible': Math.round((100 * best) / auto.ms),
			'best fixed s (C)': bestFixed ? `${seconds(bestFixed.ms)} (${bestName.split(' ')[0]})` : '',
			'Auto ÷ best fixed': bestFixed ? Number((auto.ms / bestFixed.ms).toFixed(2)) : '',
			'C5 s': c5 ? seconds(c5.ms) : `≥ ${seconds(bestPossibleMs(row, 5))}`,
			'Auto failed': auto.failed,
			'Auto 429s': auto.rejected,
			'Auto peak': auto.peak,
			'% of limit': row.limit
				? Math.round((100 * perSecond(auto.completed, auto.ms)) / row.limit)
				: '–',
		});
	}
}
