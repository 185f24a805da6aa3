/**
 * Concurrency Auto in n8n's engine against the emulator, in each regime it must settle in: a rate
 * limit, a GLAIR that reads N at once and queues the rest, a memory budget, and executions sharing
 * a key. What is checked is what the emulator saw in flight (its recorded arrival and answer
 * times), never how long a run took.
 */
import { pngBytes } from '../../tools/fixtures/documents';
import { file, useEngine } from './context';
import type { InputDocument } from './harness';

const engine = useEngine();
const { emulator } = engine;

afterEach(() => emulator.setPace({ latencyMs: 0 }));

const documents = (count: number, prefix: string, bytes = pngBytes()): InputDocument[] =>
	Array.from({ length: count }, (_, index) => file(bytes, `${prefix}-${index}.png`));

/** Requests GLAIR read (not 429s) in flight at the emulator, most at once, among `requests`. */
function mostInFlight(requests = emulator.requests): number {
	const read = requests.filter((request) => request.response.status === 200);
	const events = read.flatMap((request) => [
		{ at: request.receivedAt, step: 1 },
		{ at: request.answeredAt ?? Number.POSITIVE_INFINITY, step: -1 },
	]);
	// An answer and an arrival at the same millisecond: the answer first (a place handed on).
	events.sort((a, b) => a.at - b.at || a.step - b.step);
	let inFlight = 0;
	let most = 0;
	for (const { step } of events) most = Math.max(most, (inFlight += step));
	return most;
}

const succeeded = (items: Array<{ json: { status?: unknown } }> | undefined) =>
	items?.filter((item) => item.json.status === 'SUCCESS').length;

describe('Concurrency in versions 1 and 2', () => {
	it.each([1, 2])('a version %i workflow keeps at most 5 documents in flight', async (version) => {
		emulator.setPace({ latencyMs: 50 });
		const { items, error } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: documents(30, `v${version}`),
			typeVersion: version,
		});
		expect(error).toBeUndefined();
		expect(succeeded(items)).toBe(30);
		expect(emulator.peakConcurrency).toBe(5);
	});

	it('version 3 with Concurrency Mode Fixed keeps to its Concurrency', async () => {
		emulator.setPace({ latencyMs: 50 });
		const { items } = await engine.run({
			parameters: { operation: 'readStnk', options: { concurrencyMode: 'fixed', concurrency: 3 } },
			documents: documents(20, 'fixed'),
			typeVersion: 3,
		});
		expect(succeeded(items)).toBe(20);
		expect(emulator.peakConcurrency).toBe(3);
	});
});

describe('Concurrency Auto (version 3 by default)', () => {
	it('grows past its first 30 while GLAIR answers and nothing pushes back', async () => {
		// Reads long enough that n8n's own work per answer is not what limits (2 cores, shared).
		emulator.setPace({ latencyMs: 400 });
		const { items } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: documents(150, 'grow'),
			typeVersion: 3,
		});
		expect(succeeded(items)).toBe(150);
		// 30, 60, 100, … one doubling a read.
		expect(emulator.peakConcurrency).toBeGreaterThanOrEqual(60);
	}, 30_000);

	it('under a rate limit, settles near the limit × the read time, without a storm of 429s', async () => {
		// 20 a second × 0.5 s reads: 10 in flight use the limit whole.
		emulator.setPace({ latencyMs: 500, rateLimitPerSecond: 20 });
		const { items } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: documents(100, 'rate'),
			typeVersion: 3,
		});
		expect(succeeded(items)).toBe(100);
		const rejected = emulator.requests.filter((request) => request.response.status === 429);
		// The 429s of finding the limit: 10 of the first 30 at once, then those slow start sends
		// when the first 20 are answered; once paced, a few where the pace probes above the limit.
		expect(rejected.length).toBeLessThanOrEqual(60);
		// In the second half GLAIR reads more at once than Concurrency 5 would send (20/s × 0.5 s is
		// 10; the pace lets a second's worth leave together), and never more than that second's
		// worth: the pace, not a crowd of documents, sets the rate.
		const read = emulator.requests.filter((request) => request.response.status === 200);
		const secondHalf = read.slice(50, 90);
		expect(mostInFlight(secondHalf)).toBeGreaterThanOrEqual(8);
		expect(mostInFlight(secondHalf)).toBeLessThanOrEqual(20);
	}, 60_000);

	it('where GLAIR reads 6 at once and queues the rest, settles near 6 after the first burst', async () => {
		emulator.setPace({ latencyMs: 400, capacity: 6 });
		const { items } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: documents(120, 'capacity'),
			typeVersion: 3,
		});
		expect(succeeded(items)).toBe(120);
		expect(emulator.peakReading).toBe(6);
		// The first 30 leave before anything is known, and slow start overshoots for a read (two
		// reads of 6 answers) ...
		expect(emulator.peakConcurrency).toBeLessThanOrEqual(30 + 2 * 6);
		// ... then at most twice what GLAIR reads at once.
		expect(mostInFlight(emulator.requests.slice(60))).toBeLessThanOrEqual(2 * 6);
	}, 60_000);

	const budgetRun = async (binaryMode: 'default' | 'filesystem') => {
		emulator.setPace({ latencyMs: 100 });
		const { items } = await engine.run({
			parameters: { operation: 'readStnk', options: { memoryBudgetMb: 50 } },
			documents: documents(14, 'budget', pngBytes({ padTo: 10 * 1024 * 1024 - 4096 })),
			binaryMode,
			typeVersion: 3,
		});
		expect(succeeded(items)).toBe(14);
	};

	it('keeps uploads in flight within Memory Budget: 10 MB scans, 50 MB, never more than 5', async () => {
		await budgetRun('default');
		expect(emulator.peakConcurrency).toBeLessThanOrEqual(5);
		expect(emulator.peakConcurrency).toBeGreaterThanOrEqual(4);
	}, 60_000);

	it('does not count scans streamed from disk (filesystem mode) against Memory Budget', async () => {
		await budgetRun('filesystem');
		expect(emulator.peakConcurrency).toBeGreaterThan(5);
	}, 60_000);

	it('two executions at once on one key share one Auto: 30 in flight in all before any answer', async () => {
		emulator.setPace({ latencyMs: 400 });
		const [first, second] = await Promise.all([
			engine.run({
				parameters: { operation: 'readStnk' },
				documents: documents(40, 'shared-a'),
				typeVersion: 3,
				credentialId: 'auto-shared',
			}),
			engine.run({
				parameters: { operation: 'readStnk' },
				documents: documents(40, 'shared-b'),
				typeVersion: 3,
				credentialId: 'auto-shared',
			}),
		]);
		expect([succeeded(first.items), succeeded(second.items)]).toEqual([40, 40]);
		const firstAnswer = Math.min(...emulator.requests.map((request) => request.answeredAt ?? 0));
		const beforeAnyAnswer = emulator.requests.filter((request) => request.receivedAt < firstAnswer);
		// Each execution on its own would have sent 30.
		expect(beforeAnyAnswer).toHaveLength(30);
		// And the two together grow as one Auto does (30, 60, …), not as two.
		expect(mostInFlight()).toBeLessThanOrEqual(65);
	}, 60_000);
});
