/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	no-console
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * `npm run bench`: this node against n8n's HTTP Request node, in a real n8n (the e2e install),
 * against the GLAIR emulator. Prints a table of figures; asserts nothing.
 *   BENCH_N8N=v1|v2 (default v2)  BENCH_DOCS=200  BENCH_LATENCY_MS=200  BENCH_RATE=10
 *   BENCH_MEMORY_DOCS=50,100  BENCH_MEMORY_MB=10  BENCH_ONLY=throughput,rate,memory,shaping,matrix,executions,queue,auto
 * The matrix, executions and queue scenarios have their own knobs: see bench/matrix.ts,
 * bench/executions.ts and bench/queue.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GlairEmulator } from '../tools/emulator';
import { jpegBytes, pngBytes } from '../tools/fixtures/documents';
import {
	LocalN8n,
	packPackage,
	parseExecutionOutput,
	type Flavour,
	type RunData,
} from '../tools/n8n';
import { CREDENTIAL_ID, glairCredential } from '../tools/n8n/workflows';
import {
	autoNode,
	env,
	filesWorkflow,
	glairNode,
	httpRequestNode,
	noOpNode,
	targetFigures,
	seconds,
	type Report,
	type Row,
} from './contenders';
import { runExecutions } from './executions';
import { runAuto } from './auto';
import { runMatrix } from './matrix';
import { runQueue } from './queue';
import { measureShaping } from './shaping';

const FLAVOUR = env('BENCH_N8N', 'v2') as Flavour;
const DOCS = Number(env('BENCH_DOCS', '200'));
const LATENCY_MS = Number(env('BENCH_LATENCY_MS', '200'));
const RATE = Number(env('BENCH_RATE', '10'));
const MEMORY_DOCS = env('BENCH_MEMORY_DOCS', '50,100').split(',').map(Number);
const MEMORY_MB = Number(env('BENCH_MEMORY_MB', '10'));
const ONLY = new Set(
	env('BENCH_ONLY', 'throughput,rate,memory,shaping,matrix,executions,queue,auto').split(','),
);

const RATE_CREDENTIAL_ID = 'glairBenchRate01';

const rows: Row[] = [];
const report: Report = (row) => {
	rows.push(row);
	console.error(
		`  ${row.scenario} | ${row.contender} | ${Object.entries(row)
			.slice(2)
			.map(([k, v]) => `${k}=${v}`)
			.join(' ')}`,
	);
};

/**
 * `n8n execute` while sampling the process's peak resident set size (VmHWM in /proc), which the
 * kernel keeps as a high-water mark, so sampling every 50 ms misses nothing but the last moments.
 */
async function executeMeasured(
	n8n: LocalN8n,
	workflowId: string,
): Promise<{ runData: RunData | undefined; peakRssBytes: number }> {
	const child = spawn(
		n8n.install.nodeBinary,
		[n8n.install.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{
			cwd: n8n.userFolder,
			env: n8n.env({ N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' }),
			stdio: ['ignore', 'pipe', 'ignore'],
		},
	);
	const chunks: Buffer[] = [];
	child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
	let peakRssBytes = 0;
	const sampler = setInterval(() => {
		try {
			const kib = Number(
				/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0,
			);
			peakRssBytes = Math.max(peakRssBytes, kib * 1024);
		} catch {
			// exited
		}
	}, 50);
	await new Promise((resolveExit) => child.once('exit', resolveExit));
	clearInterval(sampler);
	return {
		runData: parseExecutionOutput(Buffer.concat(chunks).toString())?.data.resultData.runData,
		peakRssBytes,
	};
}

const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(0));

async function main(): Promise<void> {
	const dataFolder = mkdtempSync(join(tmpdir(), 'glair-bench-'));
	const write = (
		name: string,
		count: number,
		make: (index: number) => Buffer,
		fileName = (index: number) => `doc-${String(index).padStart(4, '0')}.png`,
	) => {
		const folder = join(dataFolder, name);
		mkdirSync(folder, { recursive: true });
		for (let index = 0; index < count; index++)
			writeFileSync(join(folder, fileName(index)), make(index));
		return `${folder}/*.png`;
	};

	const emulator = new GlairEmulator({ latencyMs: LATENCY_MS });
	const limited = new GlairEmulator({ latencyMs: LATENCY_MS, rateLimitPerSecond: RATE });
	await emulator.start();
	await limited.start();
	const n8n = LocalN8n.create(FLAVOUR, { dataFolder });
	console.error(
		`n8n ${n8n.install.version} (${FLAVOUR}) on ${n8n.install.nodeBinary}; data in ${dataFolder}`,
	);
	const tarball = await packPackage();
	await n8n.installCommunityPackage(tarball);
	await n8n.importCredentials([
		glairCredential(emulator.baseUrl, emulator.credentials),
		{
			...glairCredential(limited.baseUrl, limited.credentials, 'GLAIR bench rate-limited'),
			id: RATE_CREDENTIAL_ID,
		},
	]);

	try {
		if (ONLY.has('throughput')) {
			console.error(`throughput: ${DOCS} documents, emulator latency ${LATENCY_MS} ms`);
			const files = write('throughput', DOCS, () => jpegBytes());
			const contenders: Array<[string, Record<string, unknown>, number]> = [
				['GLAIR Vision, concurrency 1', glairNode(CREDENTIAL_ID, 1), 1],
				['GLAIR Vision, concurrency 5', glairNode(CREDENTIAL_ID, 5), 5],
				['GLAIR Vision, concurrency 10', glairNode(CREDENTIAL_ID, 10), 10],
				[
					'HTTP Request, default (all at once)',
					httpRequestNode(emulator.baseUrl, emulator.credentials),
					DOCS,
				],
				[
					'HTTP Request, batch 5 / 1000 ms (default interval)',
					httpRequestNode(emulator.baseUrl, emulator.credentials, { size: 5, intervalMs: 1000 }),
					5,
				],
			];
			for (const [index, [name, node, concurrency]] of contenders.entries()) {
				const id = `benchThrough${String(index).padStart(4, '0')}`;
				await n8n.importWorkflow(filesWorkflow(id, files, node));
				emulator.reset();
				const { runData } = await n8n.executeWorkflow(id);
				const { ms, completed, failed } = targetFigures(runData);
				const ideal = (DOCS * LATENCY_MS) / concurrency;
				report({
					scenario: 'throughput',
					contender: name,
					'wall s': seconds(ms),
					'ideal s': seconds(ideal),
					'ratio to ideal': Number((ms / ideal).toFixed(2)),
					completed,
					failed,
					'peak in flight': emulator.peakConcurrency,
				});
			}
		}

		if (ONLY.has('rate')) {
			console.error(`rate limit: ${DOCS} documents, emulator allows ${RATE} requests/s`);
			const files = write('rate', DOCS, () => jpegBytes());
			const contenders: Array<[string, Record<string, unknown>]> = [
				['GLAIR Vision, concurrency 10', glairNode(RATE_CREDENTIAL_ID, 10)],
				[
					'HTTP Request, default (all at once)',
					httpRequestNode(limited.baseUrl, limited.credentials),
				],
				[
					'HTTP Request, batch 5 / 1000 ms (default interval)',
					httpRequestNode(limited.baseUrl, limited.credentials, { size: 5, intervalMs: 1000 }),
				],
			];
			for (const [index, [name, node]] of contenders.entries()) {
				const id = `benchRate${String(index).padStart(7, '0')}`;
				await n8n.importWorkflow(filesWorkflow(id, files, node));
				limited.reset();
				await new Promise((resolve) => setTimeout(resolve, 1100)); // an empty rate window
				const { runData } = await n8n.executeWorkflow(id);
				const { ms, completed, failed } = targetFigures(runData);
				const rejected = limited.requests.filter(
					(request) => request.response.status === 429,
				).length;
				report({
					scenario: 'rate limit',
					contender: name,
					'wall s': seconds(ms),
					completed,
					failed,
					'429s seen': rejected,
					'achieved /s': Number((completed / (ms / 1000)).toFixed(2)),
					'% of allowed': Math.round((100 * completed) / (ms / 1000) / RATE),
				});
			}
		}

		if (ONLY.has('memory')) {
			const bytes = MEMORY_MB * 1000 * 1000;
			console.error(
				`memory: ${MEMORY_DOCS.join(' and ')} documents of ${MEMORY_MB} MB, binary data mode filesystem`,
			);
			for (const count of MEMORY_DOCS) {
				const files = write(`memory-${count}`, count, (index) =>
					pngBytes({ padTo: bytes - (index % 7) }),
				);
				const contenders: Array<[string, Record<string, unknown>]> = [
					['baseline: Read Files → No Op', noOpNode],
					['GLAIR Vision, concurrency 5', glairNode(CREDENTIAL_ID, 5)],
					['GLAIR Vision, Auto (v3 defaults)', autoNode(CREDENTIAL_ID)],
					[
						'HTTP Request, default (all at once)',
						httpRequestNode(emulator.baseUrl, emulator.credentials),
					],
				];
				let baseline = 0;
				for (const [index, [name, node]] of contenders.entries()) {
					const id = `benchMem${String(count).padStart(4, '0')}${String(index).padStart(4, '0')}`;
					await n8n.importWorkflow(filesWorkflow(id, files, node));
					emulator.reset();
					const result = await executeMeasured(n8n, id);
					const { completed, failed } = targetFigures(result.runData);
					if (index === 0) baseline = result.peakRssBytes;
					report({
						scenario: `memory, ${count} × ${MEMORY_MB} MB`,
						contender: name,
						'peak RSS MB': mb(result.peakRssBytes),
						'growth MB': index === 0 ? 0 : mb(result.peakRssBytes - baseline),
						completed,
						failed,
					});
				}
				rmSync(join(dataFolder, `memory-${count}`), { recursive: true, force: true });
			}
		}

		if (ONLY.has('shaping')) {
			for (const row of measureShaping())
				report({
					scenario: 'shaping (plain Node)',
					contender: row.mode,
					'µs per document': row.microseconds,
				});
		}

		if (ONLY.has('matrix')) await runMatrix({ n8n, writeDocuments: write, report });

		if (ONLY.has('auto')) await runAuto({ n8n, writeDocuments: write, report });

		if (ONLY.has('executions'))
			await runExecutions({ flavour: FLAVOUR, dataFolder, tarball, writeDocuments: write, report });

		if (ONLY.has('queue')) await runQueue({ flavour: FLAVOUR, report });
	} finally {
		await emulator.stop();
		await limited.stop();
		n8n.cleanup();
		// Also when a scenario failed: the figures of the ones before it may have taken long to get.
		printTables(n8n.install.version);
	}
}

function printTables(n8nVersion: string): void {
	console.log(
		`\nn8n ${n8nVersion}, ${process.platform} ${process.arch}, Node ${process.version} (bench runner)\n`,
	);
	for (const scenario of [...new Set(rows.map((row) => row.scenario))]) {
		const group = rows.filter((row) => row.scenario === scenario);
		const columns = [...new Set(group.flatMap((row) => Object.keys(row).slice(2)))];
		console.log(`### ${scenario}\n`);
		console.log(`| contender | ${columns.join(' | ')} |`);
		console.log(`|---|${columns.map(() => '---:').join('|')}|`);
		for (const row of group)
			console.log(
				`| ${row.contender} | ${columns.map((column) => row[column] ?? '').join(' | ')} |`,
			);
		console.log('');
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
