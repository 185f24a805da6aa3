/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * The node's own transport (sendDocument, FlowControl, KeyPace, Concurrency Auto) on a fake clock
 * against a model of GLAIR (read time ±5 %, a sliding one-second rate limit answered with 429 and
 * `Retry-After: 1`, a capacity: documents read at once, the rest queued, and if asked the network's
 * jitter) and of n8n's one thread (each request and each answer takes `cpuMs` of it). A run of
 * minutes takes a second; the unit tests (test/unit/autoSettling.test.ts) and bench/model.ts use it.
 */
import FakeTimers from '@sinonjs/fake-timers';

import { MAX_AUTO_CONCURRENCY } from '../../nodes/GlairVision/defaults';
import { AutoConcurrency } from '../../nodes/GlairVision/transport/autoConcurrency';
import { FlowControl } from '../../nodes/GlairVision/transport/flowControl';
import { KeyPace } from '../../nodes/GlairVision/transport/keyPace';
import { DEFAULT_RETRY_POLICY } from '../../nodes/GlairVision/transport/retry';
import { sendDocument } from '../../nodes/GlairVision/transport/send';

export interface ModelRow {
	readMs: number;
	limit?: number;
	documents: number;
	capacity?: number;
}

export interface ModelResult {
	wallMs: number;
	completed: number;
	failed: number;
	rejected: number;
	peakInFlight: number;
	/** Documents at GLAIR (reading or queued) as each accepted request arrived, with its time and worker. */
	arrivals: Array<{ at: number; inFlight: number; worker: number }>;
}

/** A small seeded generator, so a run is the same run every time. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

/**
 * One run of `documents` (× `runs` executions on one key) with Concurrency `concurrency` or Auto.
 * Time is fake: the result comes in milliseconds of real time however long the modelled run is.
 */
export async function simulate(
	row: ModelRow,
	concurrency: number | 'auto',
	{
		cpuMs = 1.5,
		runs = 1,
		workers = 1,
		staggerMs = 0,
		seed = 1,
		travelMs = 0,
	}: {
		cpuMs?: number;
		runs?: number;
		workers?: number;
		/** Executions start at random within this long (n8n hands them out one by one). */
		staggerMs?: number;
		seed?: number;
		/**
		 * The network's jitter: each way to and from GLAIR takes up to this much longer, at random
		 * (a busy n8n or a real network; requests then reach GLAIR in other gaps than they left in).
		 */
		travelMs?: number;
	} = {},
): Promise<ModelResult> {
	const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
	try {
		const started = Date.now();
		const random = seeded(seed);
		// Its own generator, so that runs without jitter stay the runs they were.
		const travelRandom = seeded(seed + 7919);
		const travel = () => (travelMs > 0 ? travelRandom() * travelMs : 0);
		const cpuFreeAt = Array.from({ length: workers }, () => 0);
		/** Each n8n worker's one thread: work queues behind what it is already doing. */
		const cpu = (worker: number, ms: number) => {
			cpuFreeAt[worker] = Math.max(Date.now(), cpuFreeAt[worker]) + ms;
			return cpuFreeAt[worker] - Date.now();
		};
		const accepted: number[] = [];
		let reading = 0;
		let inFlight = 0;
		let peakInFlight = 0;
		let rejected = 0;
		const arrivals: ModelResult['arrivals'] = [];
		const turns: Array<() => void> = [];
		const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
		const glair = async (
			worker: number,
		): Promise<{ statusCode: number; headers: Record<string, string> }> => {
			await wait(cpu(worker, cpuMs) + 1 + random() * 4 + travel());
			const now = Date.now();
			while (accepted.length > 0 && now - accepted[0] >= 1000) accepted.shift();
			if (row.limit !== undefined && accepted.length >= row.limit) {
				rejected++;
				await wait(1 + travel());
				return { statusCode: 429, headers: { 'retry-after': '1' } };
			}
			accepted.push(now);
			inFlight++;
			arrivals.push({ at: now - started, inFlight, worker });
			peakInFlight = Math.max(peakInFlight, inFlight);
			if (row.capacity !== undefined && reading >= row.capacity)
				await new Promise<void>((resolve) => turns.push(resolve));
			else reading++;
			await wait(row.readMs * (0.95 + 0.1 * random()));
			const next = turns.shift();
			if (next) next();
			else reading--;
			inFlight--;
			await wait(cpu(worker, cpuMs) + 1 + travel());
			return { statusCode: 200, headers: {} };
		};
		const contextOf = (worker: number) =>
			({
				helpers: {
					httpRequestWithAuthentication: async () => ({ ...(await glair(worker)), body: '{}' }),
				},
			}) as never;
		let completed = 0;
		let failed = 0;
		const runOne = async (worker: number, flow: FlowControl, auto?: AutoConcurrency) => {
			const admission = auto ? await auto.start(1_000_000, 256 * 1024 * 1024) : undefined;
			try {
				const { outcome } = await sendDocument.call(
					contextOf(worker),
					{
						credentials: {} as never,
						baseUrl: 'http://glair',
						path: '/ocr/v1/stnk',
						multipart: { body: Buffer.alloc(0), length: 0, contentType: '' },
						timeoutMs: 120_000,
						keepBodyUntil: () => undefined,
					},
					DEFAULT_RETRY_POLICY,
					flow,
				);
				if (outcome.answered && outcome.response.statusCode === 200) completed++;
				else failed++;
			} finally {
				if (admission) auto?.end(admission);
			}
		};
		// Each worker (an n8n process, as in queue mode) has its own pace and Auto: it sees the others only as 429s.
		const all = Array.from({ length: workers }).flatMap((_, worker) => {
			const pace = new KeyPace();
			const auto = concurrency === 'auto' ? new AutoConcurrency(pace) : undefined;
			return Array.from({ length: runs }, () => ({ worker, pace, auto }));
		});
		const executions = all.map(async ({ worker, pace, auto }) => {
			await wait(random() * staggerMs);
			const flow = new FlowControl(
				pace,
				concurrency === 'auto' ? Number.POSITIVE_INFINITY : concurrency,
				auto,
			);
			let next = 0;
			const slots = concurrency === 'auto' ? MAX_AUTO_CONCURRENCY : concurrency;
			await Promise.all(
				Array.from({ length: Math.min(slots, row.documents) }, async () => {
					while (next < row.documents) {
						next++;
						await runOne(worker, flow, auto);
					}
				}),
			);
		});
		let done = false;
		void Promise.all(executions).then(() => (done = true));
		while (!done) {
			if (clock.countTimers() === 0) await Promise.resolve();
			else await clock.nextAsync();
			if (Date.now() - started > 3_600_000) throw new Error('model run passed an hour');
		}
		return { wallMs: Date.now() - started, completed, failed, rejected, peakInFlight, arrivals };
	} finally {
		clock.uninstall();
	}
}

/**
 * Best possible: each document starts as soon as both bounds let it: the limit whole (the emulator's
 * window is a sliding second, so request `limit × k` may leave k seconds in), and a place among
 * those in flight (GLAIR's capacity or Auto's cap) freed by the document `slots` before it, a read
 * earlier. The last start plus a read.
 */
export function bestPossibleMs(row: ModelRow, inFlight = MAX_AUTO_CONCURRENCY): number {
	const slots = Math.min(row.capacity ?? inFlight, inFlight);
	const starts: number[] = [];
	for (let index = 0; index < row.documents; index++) {
		const byLimit = row.limit === undefined ? 0 : Math.floor(index / row.limit) * 1000;
		const byPlace = index < slots ? 0 : starts[index - slots] + row.readMs;
		starts.push(Math.max(byLimit, byPlace));
	}
	return starts[row.documents - 1] + row.readMs;
}
