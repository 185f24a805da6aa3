/**
 * Concurrency Auto on a fake clock: a model of GLAIR that reads `capacity` documents at once (the
 * rest wait their turn) in `readMs` each, fed by the loop the node runs (wait to start, send, tell
 * the controller the read time, end).
 */
import { AutoConcurrency, type Pacing } from '../../nodes/GlairVision/transport/autoConcurrency';

const MB = 1024 * 1024;
/** Lets every promise chain the last event set off run to its next wait (no timers: the clock is ours). */
const settle = async () => {
	for (let turn = 0; turn < 50; turn++) await Promise.resolve();
};

interface Model {
	documents: number;
	readMs: number;
	/** Documents GLAIR reads at once; unlimited without. */
	capacity?: number;
	bytes?: number;
	budgetBytes?: number;
	/** Runs sharing the controller, each with `documents`. */
	runs?: number;
}

/** Runs the model to its end; returns in flight after every event, with its time. */
async function simulate(model: Model) {
	let now = 0;
	const events: Array<{ at: number; run: () => void }> = [];
	const schedule = (at: number, run: () => void) => {
		events.push({ at, run });
		events.sort((a, b) => a.at - b.at);
	};
	const wait = (ms: number) => new Promise<void>((resolve) => schedule(now + ms, resolve));
	const auto = new AutoConcurrency(undefined, () => now, wait);
	let reading = 0;
	const queue: Array<() => void> = [];
	const read = (sentAt: number, done: () => void) => {
		const begin = () => {
			reading += 1;
			schedule(now + model.readMs, () => {
				reading -= 1;
				auto.answered(now - sentAt, '/ocr/v1/stnk');
				done();
				queue.shift()?.();
			});
		};
		if (model.capacity === undefined || reading < model.capacity) begin();
		else queue.push(begin);
	};
	const trace: Array<{ at: number; inFlight: number; allowed: number }> = [];
	let finished = 0;
	const total = model.documents * (model.runs ?? 1);
	const runDocument = async () => {
		const admission = await auto.start(model.bytes ?? MB, model.budgetBytes ?? 256 * MB);
		auto.sending();
		await new Promise<void>((resolve) => read(now, resolve));
		auto.returned();
		auto.end(admission);
		finished += 1;
	};
	// Each run's documents ask in order, as the node's pool does, with room for all at once.
	for (let run = 0; run < (model.runs ?? 1); run++)
		for (let index = 0; index < model.documents; index++) void runDocument();
	await settle();
	while (finished < total) {
		const next = events.shift();
		if (!next) throw new Error(`stuck at ${now} ms with ${auto.documentsInFlight} in flight`);
		now = next.at;
		next.run();
		await settle();
		trace.push({ at: now, inFlight: auto.documentsInFlight, allowed: auto.allowed });
	}
	return { trace, wallMs: now, peak: Math.max(...trace.map((point) => point.inFlight)) };
}

describe('Concurrency Auto', () => {
	it('starts with 30 in flight; the rest wait their turn, in order', async () => {
		const auto = new AutoConcurrency(
			undefined,
			() => 0,
			() => new Promise(() => undefined),
		);
		const order: number[] = [];
		for (let index = 0; index < 32; index++)
			void auto.start(MB, 256 * MB).then(() => order.push(index));
		await settle();
		expect(order).toHaveLength(30);
		auto.end({ bytes: MB });
		await settle();
		expect(order).toEqual(Array.from({ length: 31 }, (_, index) => index));
	});

	it('grows while answers come back at the read time: 30, then 60 … up to the hard cap of 100', async () => {
		const { trace, peak } = await simulate({ documents: 400, readMs: 100 });
		const at = (ms: number) => trace.filter((point) => point.at <= ms).at(-1)?.allowed;
		expect(at(100)).toBe(60);
		expect(at(200)).toBe(100);
		expect(peak).toBe(100);
	});

	it('with reads of seconds and nothing refused, doubles every 1.03 s before the first answer', async () => {
		const { trace } = await simulate({ documents: 200, readMs: 5000 });
		const at = (ms: number) => trace.filter((point) => point.at <= ms).at(-1)?.inFlight;
		// Nothing happens before: the first event is the doubling.
		expect(trace[0]).toEqual(expect.objectContaining({ at: 1030, inFlight: 60 }));
		expect(at(2060)).toBe(100);
	});

	it('doubles once a quiet window: documents that join right after a doubling do not double it again', async () => {
		let now = 0;
		const wakes: Array<() => void> = [];
		const auto = new AutoConcurrency(
			undefined,
			() => now,
			() => new Promise<void>((resolve) => wakes.push(resolve)),
		);
		for (let index = 0; index < 40; index++) void auto.start(MB, 256 * MB);
		await settle();
		for (let sent = 0; sent < 30; sent++) auto.sending();
		now = 1030;
		wakes.shift()?.();
		await settle();
		expect(auto.allowed).toBe(60);
		// Another execution's documents ask before the doubling's own have left.
		now = 1031;
		for (let index = 0; index < 40; index++) void auto.start(MB, 256 * MB);
		await settle();
		expect(auto.allowed).toBe(60);
	});

	it('where GLAIR reads 8 at once and queues the rest, settles near 8: no more answers come from more', async () => {
		const { trace, wallMs, peak } = await simulate({ documents: 400, readMs: 200, capacity: 8 });
		// The first 30 leave before anything is known, and slow start overshoots for a read (answers
		// show the queue a read time late: two reads of 8 answers) ...
		expect(peak).toBeLessThanOrEqual(30 + 2 * 8);
		// ... then, from the third second to the last, 8 to 16 in flight (at reads this short, the
		// first 100 ms of a wait count as n8n's own work, so a few more wait at GLAIR).
		const settled = trace.filter((point) => point.at > 2500 && point.at < wallMs - 1000);
		expect(Math.max(...settled.map((point) => point.inFlight))).toBeLessThanOrEqual(2 * 8);
		// GLAIR kept busy: never fewer in flight than it reads at once.
		expect(Math.min(...settled.map((point) => point.inFlight))).toBeGreaterThanOrEqual(8);
		// 400 documents, 8 at a time, 200 ms each: 10 s at best.
		expect(wallMs).toBeLessThanOrEqual(10_000 * 1.1);
	});

	it('never lets in more upload bytes than the budget: 10 MB scans, 50 MB, at most 5', async () => {
		const { peak } = await simulate({
			documents: 40,
			readMs: 100,
			bytes: 10 * MB,
			budgetBytes: 50 * MB,
		});
		expect(peak).toBe(5);
	});

	it('lets a document larger than the budget go, alone', async () => {
		const auto = new AutoConcurrency(
			undefined,
			() => 0,
			() => new Promise(() => undefined),
		);
		const started: number[] = [];
		void auto.start(80 * MB, 50 * MB).then(() => started.push(1));
		void auto.start(MB, 50 * MB).then(() => started.push(2));
		await settle();
		expect(started).toEqual([1]);
	});

	it('runs sharing the key share its places: three runs of 30 start with 30 in flight in all', async () => {
		const { trace, peak } = await simulate({ documents: 30, readMs: 100, runs: 3 });
		// The first answer lets two in (one for its place, one for growth): 31 in flight in all.
		expect(trace[0]).toEqual({ at: 100, inFlight: 31, allowed: 31 });
		// Slow start as for one run of all 90, not three times it.
		expect(peak).toBe((await simulate({ documents: 90, readMs: 100 })).peak);
		expect(peak).toBeLessThan(90);
	});

	/** A controller on a paced key (10 a second) with 60 documents asking to start. */
	const pacedWithSixtyWaiting = async () => {
		const pace: Pacing = { allowanceAt: () => 10 };
		const auto = new AutoConcurrency(
			pace,
			() => 0,
			() => new Promise(() => undefined),
		);
		const started: number[] = [];
		for (let index = 0; index < 60; index++)
			void auto.start(MB, 256 * MB).then(() => started.push(index));
		await settle();
		return { auto, started };
	};

	it('with the key paced, lets a document in as a request leaves: those at GLAIR and 2 ready', async () => {
		const { auto, started } = await pacedWithSixtyWaiting();
		// Nothing has left yet: 2 documents get ready for the pace.
		expect(started).toHaveLength(2);
		auto.sending();
		auto.sending();
		await settle();
		expect(started).toHaveLength(4);
		// An answer comes back, its document ends: one place less at GLAIR, one ready waits.
		auto.returned();
		auto.end({ bytes: MB });
		await settle();
		expect(auto.documentsInFlight).toBe(3);
		expect(auto.allowed).toBe(3);
	});

	it('with the key paced, a document waiting to try again (a 429) does not take a ready place', async () => {
		const { auto, started } = await pacedWithSixtyWaiting();
		// The first two leave (two more get ready) and are refused: they wait for their Retry-After.
		auto.sending();
		auto.sending();
		auto.returned();
		auto.returned();
		auto.retryWaitStarted();
		auto.retryWaitStarted();
		await settle();
		expect(started).toHaveLength(4);
		// The two ready leave: two more get ready, so the pace is not left with only the refused
		// ones, which may not leave before their Retry-After.
		auto.sending();
		auto.sending();
		await settle();
		expect(started).toHaveLength(6);
		// Their wait over, the refused ones are ready again: the spare is theirs.
		auto.retryWaitEnded();
		auto.retryWaitEnded();
		expect(auto.allowed).toBe(4);
	});

	it('backs off when GLAIR stops answering in time', async () => {
		let now = 0;
		const auto = new AutoConcurrency(
			undefined,
			() => now,
			() => new Promise(() => undefined),
		);
		for (let index = 0; index < 50; index++) void auto.start(MB, 256 * MB);
		await settle();
		now = 1000;
		for (let index = 0; index < 10; index++) auto.answered(100, '/ocr/v1/stnk');
		await settle();
		expect(auto.documentsInFlight).toBe(40);
		now = 5000;
		auto.failed();
		expect(auto.allowed).toBe(20);
	});

	it('a cancelled wait gives up its place in the line', async () => {
		const auto = new AutoConcurrency(
			undefined,
			() => 0,
			() => new Promise(() => undefined),
		);
		for (let index = 0; index < 30; index++) void auto.start(MB, 256 * MB);
		const cancel = new AbortController();
		const cancelled = auto.start(MB, 256 * MB, cancel.signal);
		const after = auto.start(MB, 256 * MB);
		cancel.abort();
		await expect(cancelled).rejects.toThrow();
		auto.end({ bytes: MB });
		await expect(after).resolves.toEqual({ bytes: MB });
	});
});
