/**
 * Concurrency Auto settling in each regime, with the node's whole transport (sendDocument,
 * FlowControl, the key's pace, Auto) on a fake clock against the model of GLAIR in tools/glairModel:
 * a rate limit, long reads with no limit, a GLAIR that reads 8 at once and queues the rest, and four
 * executions on one key. Times are the model's, never the machine's.
 */
import { bestPossibleMs, simulate, type ModelRow } from '../../tools/glairModel';

/** Documents at GLAIR as requests arrived in the second half of the run, its last tenth left out. */
const settled = ({ arrivals, wallMs }: Awaited<ReturnType<typeof simulate>>) =>
	arrivals
		.filter((arrival) => arrival.at >= wallMs / 2 && arrival.at <= 0.9 * wallMs)
		.map((arrival) => arrival.inFlight);

/** Queue mode: 2 n8n workers × 4 executions of `row`, started at random within `staggerMs`. */
const twoWorkers = async (row: ModelRow, staggerMs: number, seed: number) =>
	await simulate(row, 'auto', { workers: 2, runs: 4, staggerMs, seed });

describe('Concurrency Auto settles (fake clock, model GLAIR)', () => {
	it('under a rate limit: 10/s × 2 s reads keeps about 20 at GLAIR and uses the limit', async () => {
		const row: ModelRow = { readMs: 2000, limit: 10, documents: 200 };
		const auto = await simulate(row, 'auto');
		expect(auto.failed).toBe(0);
		// ≥ 90 % of the best possible (199 requests at 10 a second, then a read).
		expect(auto.wallMs).toBeLessThanOrEqual(bestPossibleMs(row) / 0.9);
		// The pace lets 10 leave each second; each arrives with 10 to 20 of the last 2 s still read.
		const inFlight = settled(auto);
		expect(Math.min(...inFlight)).toBeGreaterThanOrEqual(10);
		expect(Math.max(...inFlight)).toBeLessThanOrEqual(24);
	}, 60_000);

	it('with 10 s reads and no limit: fills to the hard cap in seconds, faster than Concurrency 50', async () => {
		const row: ModelRow = { readMs: 10_000, documents: 200 };
		const auto = await simulate(row, 'auto');
		const fixed50 = await simulate(row, 50);
		expect(auto.failed).toBe(0);
		expect(auto.peakInFlight).toBe(100);
		expect(auto.wallMs).toBeLessThan(fixed50.wallMs);
	}, 60_000);

	it('where GLAIR reads 8 at once and queues the rest: within 1.15 × the best fixed Concurrency', async () => {
		const row: ModelRow = { readMs: 2000, documents: 200, capacity: 8 };
		const auto = await simulate(row, 'auto');
		// One at a time: each run fakes the process's clock.
		let bestFixed = Number.POSITIVE_INFINITY;
		for (const concurrency of [8, 10, 20])
			bestFixed = Math.min(bestFixed, (await simulate(row, concurrency)).wallMs);
		expect(auto.failed).toBe(0);
		expect(auto.wallMs).toBeLessThanOrEqual(1.15 * bestFixed);
		// Settled: GLAIR's 8 and a few waiting, not the first seconds' crowd (40 and more).
		const inFlight = settled(auto);
		expect(Math.min(...inFlight)).toBeGreaterThanOrEqual(8);
		expect(Math.max(...inFlight)).toBeLessThanOrEqual(8 + 4);
	}, 60_000);

	it('a 429 once GLAIR has answered the key, as slow start meets 30/s: no Retry-After pause, ≥ 90 %', async () => {
		// At 2 s reads the first answers let 30 more in while GLAIR's second is still full of the
		// 30 sent at 1 s; its 429 paused every request for a second (84 % of the best possible).
		const row: ModelRow = { readMs: 2000, limit: 30, documents: 200 };
		const auto = await simulate(row, 'auto');
		expect(auto.failed).toBe(0);
		expect(auto.wallMs).toBeLessThanOrEqual(bestPossibleMs(row) / 0.9);
	}, 60_000);

	it('requests reaching GLAIR up to 60 ms late: still ≥ 90 % of 3/s, not a limit learnt too low', async () => {
		// Counting only what left in the second before a refusal: 82–90 % in these seeds.
		const row: ModelRow = { readMs: 200, limit: 3, documents: 60 };
		for (let seed = 1; seed <= 6; seed++) {
			const auto = await simulate(row, 'auto', { seed, travelMs: 60 });
			expect(auto.failed).toBe(0);
			expect(bestPossibleMs(row) / auto.wallMs).toBeGreaterThanOrEqual(0.9);
		}
	}, 60_000);

	it('four executions on one key share the limit: ≥ 90 % of 10/s in all, not 4 × 10/s of 429s', async () => {
		const row: ModelRow = { readMs: 2000, limit: 10, documents: 50 };
		const auto = await simulate(row, 'auto', { runs: 4 });
		expect(auto.failed).toBe(0);
		expect(auto.wallMs).toBeLessThanOrEqual(bestPossibleMs({ ...row, documents: 200 }) / 0.9);
		expect(auto.rejected).toBeLessThanOrEqual(40);
	}, 60_000);

	it('two n8n workers (queue mode) on one key: 80 documents within 84 % of the best possible, whichever worker gets ahead', async () => {
		const row: ModelRow = { readMs: 1500, limit: 10, documents: 10 };
		const best = bestPossibleMs({ ...row, documents: 80 });
		for (let seed = 1; seed <= 8; seed++) {
			// Executions started within 0.3 s of each other, as n8n hands them out.
			const { wallMs, failed } = await twoWorkers(row, 300, seed);
			expect(failed).toBe(0);
			// The worker left last takes the other's share back by doubling every half second after a
			// 1 s hold (holds that doubled to 2 s and doubling every second: 77 % in two of these runs).
			expect(best / wallMs).toBeGreaterThanOrEqual(0.84);
		}
	}, 60_000);

	it('two n8n workers, one starting on a key the other keeps full for a minute: it finds a place, no document fails', async () => {
		// 3 s reads at 3/s, 100 documents a worker: both pace one window apart, so the worker that
		// starts second used to send just after the first's requests, never got through, and failed
		// 18 documents (Max Retries) in three runs of these four.
		const row: ModelRow = { readMs: 3000, limit: 3, documents: 25 };
		for (let seed = 1; seed <= 4; seed++) {
			const { failed, completed, wallMs } = await twoWorkers(row, 800, seed);
			expect({ seed, failed, completed }).toEqual({ seed, failed: 0, completed: 200 });
			expect(bestPossibleMs({ ...row, documents: 200 }) / wallMs).toBeGreaterThanOrEqual(0.9);
		}
	}, 60_000);

	it('two n8n workers, one waiting 13 s for its first turn on a key the other keeps full: no document fails', async () => {
		// 3 s reads at 3/s: the worker whose executions start last may get nothing through for
		// seconds, and its first read takes 3 s before it answers.
		const row: ModelRow = { readMs: 3000, limit: 3, documents: 10 };
		for (let seed = 1; seed <= 8; seed++) {
			const { failed, completed } = await twoWorkers(row, 800, seed);
			// Counting its 429s against Max Retries until that first answer failed 2 documents a run.
			expect({ seed, failed, completed }).toEqual({ seed, failed: 0, completed: 80 });
		}
	}, 60_000);

	it.each<ModelRow>([
		{ readMs: 200, documents: 200 },
		{ readMs: 2000, limit: 3, documents: 60 },
		{ readMs: 2000, documents: 60, capacity: 8 },
	])(
		'is never slower than Concurrency 5: %o',
		async (row) => {
			const auto = await simulate(row, 'auto');
			const fixed5 = await simulate(row, 5);
			expect(auto.failed).toBe(0);
			expect(auto.wallMs).toBeLessThanOrEqual(fixed5.wallMs);
		},
		60_000,
	);
});
