/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	no-console
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * `npx tsx bench/model.ts`: Concurrency Auto and fixed Concurrencies in the fake-clock model of
 * GLAIR and n8n (tools/glairModel). The whole matrix in minutes, to tune Auto and to see which
 * fixed Concurrency is worth measuring in real n8n; it is not the benchmark (bench/auto.ts is).
 *   MODEL_ROWS=2000/10/60,…  (read ms / limit / documents [/ capacity])  MODEL_FIXED=1-50|5,10,…
 *   MODEL_CPU_MS=1.5 (n8n's CPU per request and answer, ms)  MODEL_RUNS=1 (executions on one key)
 *   MODEL_WORKERS=1 (n8n processes on the key, as queue-mode workers, each with MODEL_RUNS executions)
 *   MODEL_STAGGER_MS=0 (executions start at random within this long)
 *   MODEL_TRAVEL_MS=0 (the network's jitter: each way to and from GLAIR up to this much longer)
 */
import { bestPossibleMs, simulate, type ModelRow } from '../tools/glairModel';
import { env } from './contenders';

export const parseRows = (rows: string): ModelRow[] =>
	rows.split(',').map((text) => {
		const [readMs, limit, documents, capacity] = text.split('/');
		return {
			readMs: Number(readMs),
			limit: limit === 'none' ? undefined : Number(limit),
			documents: Number(documents),
			capacity: capacity === undefined ? undefined : Number(capacity),
		};
	});

/** The issue's matrix: read times × limits × documents, and a GLAIR that reads 8 at once. */
export const MATRIX = [200, 2000, 10_000]
	.flatMap((readMs) =>
		['none', '3', '10', '30'].flatMap((limit) =>
			[60, 200].map((documents) => `${readMs}/${limit}/${documents}`),
		),
	)
	.concat(['2000/none/60/8', '2000/none/200/8'])
	.join(',');

async function main(): Promise<void> {
	const rows = parseRows(env('MODEL_ROWS', MATRIX));
	const fixedSpec = env('MODEL_FIXED', '5,50');
	const fixed = fixedSpec.includes('-')
		? Array.from(
				{ length: Number(fixedSpec.split('-')[1]) - Number(fixedSpec.split('-')[0]) + 1 },
				(_, index) => Number(fixedSpec.split('-')[0]) + index,
			)
		: fixedSpec.split(',').map(Number);
	const options = {
		cpuMs: Number(env('MODEL_CPU_MS', '1.5')),
		runs: Number(env('MODEL_RUNS', '1')),
		workers: Number(env('MODEL_WORKERS', '1')),
		staggerMs: Number(env('MODEL_STAGGER_MS', '0')),
		travelMs: Number(env('MODEL_TRAVEL_MS', '0')),
	};
	console.log(
		'| read ms | limit | capacity | docs | best s | Auto s | % best | peak | 429s | best fixed (c) s | Auto ÷ best fixed | C5 s |',
	);
	console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const row of rows) {
		const auto = await simulate(row, 'auto', options);
		let bestFixed = { concurrency: 0, wallMs: Number.POSITIVE_INFINITY };
		let c5 = Number.NaN;
		for (const concurrency of fixed) {
			const result = await simulate(row, concurrency, options);
			if (concurrency === 5) c5 = result.wallMs;
			if (result.failed === 0 && result.wallMs < bestFixed.wallMs)
				bestFixed = { concurrency, wallMs: result.wallMs };
		}
		const best = bestPossibleMs({
			...row,
			documents: row.documents * options.runs * options.workers,
		});
		console.log(
			`| ${row.readMs} | ${row.limit ?? 'none'} | ${row.capacity ?? 'none'} | ${row.documents * options.runs * options.workers} | ${(best / 1000).toFixed(1)} | ${(auto.wallMs / 1000).toFixed(1)}${auto.failed ? ` (${auto.failed} failed)` : ''} | ${Math.round((100 * best) / auto.wallMs)} | ${auto.peakInFlight} | ${auto.rejected} | ${(bestFixed.wallMs / 1000).toFixed(1)} (${bestFixed.concurrency}) | ${(auto.wallMs / bestFixed.wallMs).toFixed(2)} | ${(c5 / 1000).toFixed(1)} |`,
		);
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
