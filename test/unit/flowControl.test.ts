/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * The pacing logic on a fake clock (no sockets, no timers): a model of GLAIR that allows `limit`
 * requests in any sliding second (429 + Retry-After: 1 above it, as the emulator does) and takes
 * `readMs` per read, fed by the same loop the node runs (acquire a start, send, on 429 tell the pace
 * and wait Retry-After, at most 3 retries). Every row of the benchmark matrix, and the cases the
 * issue names: a 429 before any success, one wave of 429s, a limit that rises, runs sharing a key.
 */
import { Departures } from '../../nodes/GlairVision/transport/departures';
import { FlowControl } from '../../nodes/GlairVision/transport/flowControl';
import { KeyPace, type Start } from '../../nodes/GlairVision/transport/keyPace';
import { sharedPace } from '../../nodes/GlairVision/transport/paceRegistry';
import { MAX_CONTENDED_RETRIES } from '../../nodes/GlairVision/transport/send';

interface Scenario {
	readMs: number;
	/** Requests GLAIR accepts in any second; a function of time for a limit that changes. */
	limit?: number | ((now: number) => number);
	concurrency: number;
	documents: number;
	/** Runs started together on the same key, each with `documents` and `concurrency`. */
	runs?: number;
	/**
	 * n8n processes (queue-mode workers) using the key, each with its own pace; run k runs in
	 * process k mod processes. Default 1.
	 */
	processes?: number;
	/** When each run starts (ms), by run; default all at 0. */
	runStarts?: number[];
	/** Documents of each run, when they differ; default `documents` each. */
	runDocuments?: number[];
	/** Seed for the network's jitter (1–30 ms to reach GLAIR) and reads of ±10 %; none without. */
	jitterSeed?: number;
	/** With a jitterSeed, the longest a request takes to reach GLAIR (ms); default 30. */
	slowestTravelMs?: number;
	/** Requests answered 429 regardless of the limit (by their order of arrival, 0-based). */
	forced429?: number[];
	maxRetries?: number;
	retryAfterMs?: number;
}

interface Outcome {
	wallMs: number;
	completed: number;
	failed: number;
	rejected: number;
	/** When each accepted request reached GLAIR. */
	acceptedAt: number[];
	/** The first process's pace. */
	pace: KeyPace;
}

/** A small seeded generator, so a jittered run is the same run every time. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

/**
 * A discrete-event simulation: time only moves when the next event is due. Each document runs the
 * node's loop (sendDocument): wait for a start, send, and on 429 tell the pace and wait Retry-After;
 * a 429 while the key was served lately does not use up Max Retries (up to MAX_CONTENDED_RETRIES).
 */
function simulate(scenario: Scenario): Outcome {
	let now = 0;
	const events: Array<{ at: number; order: number; run: () => void }> = [];
	let order = 0;
	const at = (time: number, run: () => void) => events.push({ at: time, order: order++, run });
	const paces = Array.from({ length: scenario.processes ?? 1 }, () => new KeyPace(() => now));
	const { readMs, concurrency, documents, maxRetries = 3, retryAfterMs = 1000 } = scenario;
	const runs = scenario.runs ?? 1;
	const random = scenario.jitterSeed === undefined ? undefined : seeded(scenario.jitterSeed);
	const slowestTravelMs = scenario.slowestTravelMs ?? 30;
	const travelMs = () => (random ? 1 + Math.floor(random() * slowestTravelMs) : 1);
	const readTimeMs = () => (random ? readMs * (0.9 + 0.2 * random()) : readMs);
	const acceptedAt: number[] = [];
	let arrivals = 0;
	let completed = 0;
	let failed = 0;
	let rejected = 0;
	let lastEnd = 0;
	const limitAt = (time: number) =>
		typeof scenario.limit === 'function' ? scenario.limit(time) : scenario.limit;

	const remaining = Array.from(
		{ length: runs },
		(_, run) => scenario.runDocuments?.[run] ?? documents,
	);
	const worker = (run: number) => {
		const pace = paces[run % paces.length];
		const nextDocument = () => {
			if (remaining[run] === 0) return;
			remaining[run] -= 1;
			attempt({ retries: 0, contended: 0 });
		};
		const attempt = (budget: { retries: number; contended: number }, ticket = pace.join()) => {
			const ready = pace.tryStart(ticket);
			if (typeof ready === 'number') at(now + ready, () => attempt(budget, ticket));
			else send(ready, budget);
		};
		const send = (start: Start, budget: { retries: number; contended: number }) => {
			// GLAIR counts accepted requests of the last second on arrival.
			at(now + travelMs(), () => {
				const index = arrivals++;
				const limit = limitAt(now);
				const inWindow = acceptedAt.filter((time) => now - time < 1000).length;
				const isRejected =
					scenario.forced429?.includes(index) || (limit !== undefined && inWindow >= limit);
				if (!isRejected) {
					acceptedAt.push(now);
					at(now + readTimeMs(), () => {
						pace.served();
						completed += 1;
						lastEnd = now;
						nextDocument();
					});
					return;
				}
				rejected += 1;
				at(now + 1, () => {
					const contended = pace.servedRecently() && budget.contended < MAX_CONTENDED_RETRIES;
					if (!contended && budget.retries >= maxRetries) {
						pace.rateLimited(start, 0);
						failed += 1;
						lastEnd = now;
						nextDocument();
						return;
					}
					const next = contended
						? { ...budget, contended: budget.contended + 1 }
						: { ...budget, retries: budget.retries + 1 };
					pace.rateLimited(start, retryAfterMs);
					at(now + retryAfterMs, () => attempt(next));
				});
			});
		};
		nextDocument();
	};
	for (let run = 0; run < runs; run++)
		for (let slot = 0; slot < concurrency; slot++)
			at(scenario.runStarts?.[run] ?? 0, () => worker(run));

	while (events.length > 0) {
		events.sort((a, b) => a.at - b.at || a.order - b.order);
		const next = events.shift();
		if (!next) break;
		now = next.at;
		next.run();
	}
	return { wallMs: lastEnd, completed, failed, rejected, acceptedAt, pace: paces[0] };
}

/** The best possible wall time: reads bounded by concurrency, starts by the limit. */
const idealMs = ({ readMs, limit, concurrency, documents, runs = 1 }: Scenario) => {
	const total = documents * runs;
	const byConcurrency = Math.ceil(documents / concurrency) * readMs;
	const byLimit = typeof limit === 'number' ? ((total - 1) / limit) * 1000 + readMs : 0;
	return Math.max(byConcurrency, byLimit);
};

describe('pacing over the benchmark matrix (fake clock)', () => {
	const rows: Scenario[] = [];
	for (const readMs of [200, 1500, 3000, 10_000]) {
		for (const limit of [undefined, 1, 3, 10, 50]) {
			for (const concurrency of [5, 10]) {
				const documents = readMs >= 3000 || (limit !== undefined && limit < 10) ? 60 : 200;
				rows.push({ readMs, limit, concurrency, documents });
			}
		}
	}
	const binds = (row: Scenario) =>
		typeof row.limit === 'number' && row.limit < (row.concurrency * 1000) / row.readMs;

	it.each(rows)(
		'read $readMs ms, limit $limit/s, concurrency $concurrency: nothing fails, at the limit or the ideal',
		(row) => {
			const outcome = simulate(row);
			expect({ completed: outcome.completed, failed: outcome.failed }).toEqual({
				completed: row.documents,
				failed: 0,
			});
			const ideal = idealMs(row);
			if (binds(row)) {
				// ≥ 90 % of the allowed rate: wall time within ideal ÷ 0.9.
				expect(outcome.wallMs).toBeLessThanOrEqual(ideal / 0.9);
			} else {
				expect(outcome.wallMs).toBeLessThanOrEqual(ideal * 1.1);
			}
			// The model keeps GLAIR's rule: never more than `limit` accepted within a second.
			if (typeof row.limit === 'number') {
				const { acceptedAt } = outcome;
				for (let index = 0; index + row.limit < acceptedAt.length; index++) {
					expect(acceptedAt[index + row.limit] - acceptedAt[index]).toBeGreaterThanOrEqual(1000);
				}
			}
		},
	);

	it("the issue's case: 30 documents, 2 s reads, 3/s, concurrency 10 take about 12 s, not 119 s", () => {
		const outcome = simulate({ readMs: 2000, limit: 3, concurrency: 10, documents: 30 });
		expect(outcome.failed).toBe(0);
		expect(outcome.wallMs).toBeLessThan(13_500);
	});
});

describe('pacing in the cases that broke it', () => {
	it('a 429 before any success does not collapse the pace', () => {
		// 10 documents, concurrency 5, the very first request rejected: the other four got through.
		const outcome = simulate({ readMs: 1500, concurrency: 5, documents: 10, forced429: [0] });
		expect(outcome.failed).toBe(0);
		expect(outcome.pace.allowanceAt()).toBeGreaterThanOrEqual(3);
		expect(outcome.wallMs).toBeLessThan(6_000);
	});

	it('a 429 that nothing got through before starts slowly and speeds up within seconds', () => {
		const pace = new KeyPace(() => 0);
		const start = pace.tryStart() as Start;
		pace.rateLimited(start, 1000);
		expect(pace.allowanceAt(0)).toBe(1);
		expect(pace.allowanceAt(3000)).toBe(8);
		// Its Retry-After pauses everyone, and a part of half a second more (nothing got through).
		expect(pace.tryStart()).toBe(1310);
	});

	it('one wave of 429s, with Retry-After 0, is one event: the pace is the limit, not cut once per 429', () => {
		let now = 0;
		const pace = new KeyPace(() => now);
		const starts = Array.from({ length: 10 }, () => pace.tryStart() as Start);
		now = 5;
		for (const start of starts.slice(3)) pace.rateLimited(start, 0);
		expect(pace.allowanceAt()).toBe(3);
	});

	it('once a limit is known, a 429 that looks like nothing got through never more than halves it, nor pauses everyone for its Retry-After', () => {
		let now = 0;
		const pace = new KeyPace(() => now);
		const burst = Array.from({ length: 12 }, () => pace.tryStart() as Start);
		now = 2;
		for (const start of burst.slice(10)) pace.rateLimited(start, 1000);
		expect(pace.allowanceAt()).toBe(10);
		now = 60_000; // long after: the only start in its second is the one GLAIR rejects
		const lone = pace.tryStart() as Start;
		now += 2;
		pace.rateLimited(lone, 1000);
		expect(pace.allowanceAt()).toBe(5);
		// Only the shift of a key shut out (a part of half a second), not the 1 s Retry-After.
		expect(pace.tryStart()).toBe(310);
	});

	it('finds a raised limit within seconds', () => {
		// The limit goes from 3 to 10 per second after 20 s; from 15 s later the node runs at 90 % of
		// 10/s or more (the longest hold after probes that met 3/s again is 8 s).
		const outcome = simulate({
			readMs: 1500,
			limit: (time) => (time < 20_000 ? 3 : 10),
			concurrency: 20,
			documents: 600,
		});
		expect(outcome.failed).toBe(0);
		const later = outcome.acceptedAt.filter((time) => time >= 35_000 && time < 45_000).length;
		expect(later).toBeGreaterThanOrEqual(90);
	});

	it('finds a lowered limit without failing documents', () => {
		const outcome = simulate({
			readMs: 1500,
			limit: (time) => (time < 10_000 ? 10 : 3),
			concurrency: 20,
			documents: 150,
		});
		expect(outcome.failed).toBe(0);
	});

	it('four runs of 50 documents started together on one key share one pace', () => {
		const row = { readMs: 1500, limit: 10, concurrency: 10, documents: 50, runs: 4 };
		const outcome = simulate(row);
		expect(outcome.failed).toBe(0);
		expect(outcome.wallMs).toBeLessThanOrEqual(idealMs(row) / 0.9);
	});
});

describe('FlowControl', () => {
	// A freed place goes to the next waiting request a moment later (a timer's turn), not at once.
	const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

	it("lets at most the run's concurrency in, whatever the pace allows", async () => {
		const flow = new FlowControl(new KeyPace(), 2);
		await flow.acquire();
		await flow.acquire();
		let third = false;
		void flow.acquire().then(() => (third = true));
		await tick();
		expect(third).toBe(false);
		flow.release();
		await tick();
		expect(third).toBe(true);
	});

	it('two runs on one key each keep their own concurrency', async () => {
		const pace = new KeyPace();
		const [first, second] = [new FlowControl(pace, 1), new FlowControl(pace, 1)];
		await first.acquire();
		let secondIn = false;
		void second.acquire().then(() => (secondIn = true));
		await tick();
		expect(secondIn).toBe(true);
	});

	it('cancelling the execution ends a wait for a place and gives nothing away', async () => {
		const flow = new FlowControl(new KeyPace(), 1);
		await flow.acquire();
		const controller = new AbortController();
		const waiting = flow.acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toThrow(/cancelled/);
		flow.release();
		let next = false;
		void flow.acquire().then(() => (next = true));
		await tick();
		expect(next).toBe(true);
	});

	it('cancelling the execution ends a wait for the pace and releases the place', async () => {
		const pace = new KeyPace();
		pace.rateLimited(pace.tryStart() as Start, 60_000); // everyone paused for a minute
		const flow = new FlowControl(pace, 1);
		const controller = new AbortController();
		const waiting = flow.acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toThrow(/cancelled/);
		// The place was given back: with the pause over, the next acquire gets in.
		let next = false;
		const nextRun = new AbortController();
		const nextWaiting = new FlowControl(pace, 1).acquire(nextRun.signal).then(() => (next = true));
		expect(next).toBe(false);
		nextRun.abort();
		await expect(nextWaiting).rejects.toThrow(/cancelled/);
	});
});

describe('the line of requests waiting on a key', () => {
	/** A key paced at `limit` a second, its window full from time 0. */
	const fullPace = (limit: number) => {
		let now = 0;
		const pace = new KeyPace(() => now);
		const burst = Array.from({ length: limit + 1 }, () => pace.tryStart() as Start);
		now = 1;
		pace.rateLimited(burst[limit], 0);
		return { pace, at: (time: number) => (now = time) };
	};

	it('starts go in the order requests asked, whichever looks first', () => {
		const { pace, at } = fullPace(2);
		expect(pace.allowanceAt()).toBe(2);
		const early = pace.join();
		const late = pace.join();
		at(1100); // room again
		expect(pace.tryStart(late)).toBe(1); // not its turn: the earlier request leaves first
		expect(pace.tryStart(early)).toEqual(expect.objectContaining({ at: 1100 }));
		// Paced starts leave a window ÷ (2 × the allowance) apart, but at most 20 ms: at the
		// allowance of 3 (the hold is over: the limit + 1), 20 ms, not 1030 ÷ 6 = 172 ms.
		expect(pace.tryStart(late)).toBe(20);
		at(1120);
		expect(pace.tryStart(late)).toEqual(expect.objectContaining({ at: 1120 }));
	});

	it('at 30 a second a window still leaves over half a second: 17 ms apart, under 20', () => {
		const { pace, at } = fullPace(30);
		at(1100);
		expect(pace.tryStart()).toEqual(expect.objectContaining({ at: 1100 }));
		// The hold is over, so the allowance is the limit + 1 = 31: 1030 ÷ 62 = 16.6 ms, rounded up.
		expect(pace.tryStart()).toBe(17);
	});

	it('a request that gives up its place lets the next one go', () => {
		const { pace, at } = fullPace(2);
		const cancelled = pace.join();
		const next = pace.join();
		at(1100);
		pace.leave(cancelled);
		expect(pace.tryStart(next)).toEqual(expect.objectContaining({ at: 1100 }));
	});

	it('cancelling a wait for the pace gives up the place in line', async () => {
		let now = 0;
		const pace = new KeyPace(() => now);
		pace.rateLimited(pace.tryStart() as Start, 60_000); // everyone paused for a minute
		const controller = new AbortController();
		const waiting = new FlowControl(pace, 1).acquire(controller.signal);
		controller.abort();
		await expect(waiting).rejects.toThrow(/cancelled/);
		now = 61_000;
		// First in line now: it leaves at once.
		expect(pace.tryStart(pace.join())).toEqual(expect.objectContaining({ at: 61_000 }));
	});
});

describe('requests waiting behind the first in line', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('keep no timer of their own: only the first in line waits for the pace, and all leave in order', async () => {
		const pace = new KeyPace();
		pace.rateLimited(pace.tryStart() as Start, 10_000); // everyone paused for 10 s
		const flow = new FlowControl(pace, 50);
		const started: number[] = [];
		for (let asked = 0; asked < 20; asked++) void flow.acquire().then(() => started.push(asked));
		await jest.advanceTimersByTimeAsync(100);
		// One timer for the whole line, not one a millisecond per request behind it.
		expect(jest.getTimerCount()).toBe(1);
		await jest.advanceTimersByTimeAsync(20_000);
		expect(started).toEqual(Array.from({ length: 20 }, (_, asked) => asked));
	});
});

describe('requests that would leave in one go', () => {
	/** Everything that runs without a timer: one go of n8n's thread. */
	const oneGo = async () => {
		for (let step = 0; step < 50; step++) await Promise.resolve();
	};

	it('leave a turn of the event loop apart, so each is on the wire before the next is built', async () => {
		jest.useFakeTimers();
		try {
			const flow = new FlowControl(new KeyPace(), 50);
			const left: number[] = [];
			for (let asked = 0; asked < 5; asked++) void flow.acquire().then(() => left.push(asked));
			await oneGo();
			expect(left).toEqual([0]);
			await jest.advanceTimersByTimeAsync(10);
			expect(left).toEqual([0, 1, 2, 3, 4]);
		} finally {
			jest.useRealTimers();
		}
	});

	it('one leaves each turn, in the order they asked; after a quiet turn the next leaves at once', async () => {
		const turns: Array<() => void> = [];
		const departures = new Departures(() => new Promise<void>((resolve) => turns.push(resolve)));
		const left: number[] = [];
		for (let asked = 0; asked < 3; asked++) void departures.leave().then(() => left.push(asked));
		await oneGo();
		expect(left).toEqual([0]);
		turns.shift()?.();
		await oneGo();
		expect(left).toEqual([0, 1]);
		turns.shift()?.();
		await oneGo();
		expect(left).toEqual([0, 1, 2]);
		turns.shift()?.();
		await oneGo();
		let next = false;
		void departures.leave().then(() => (next = true));
		await oneGo();
		expect(next).toBe(true);
	});
});

describe('a 429 while the key is being served', () => {
	it('counts a request GLAIR took as served before it answers: out longer than twice the slowest 429 and 100 ms', () => {
		let now = 0;
		const pace = new KeyPace(() => now);
		const taken = pace.tryStart() as Start;
		const refused = pace.tryStart() as Start;
		now = 40; // the 429 came back 40 ms after its request left
		expect(pace.servedRecently(refused)).toBe(false);
		now = 180; // 2 × 40 + 100 = 180 ms: not yet
		expect(pace.servedRecently()).toBe(false);
		now = 181; // no 429 yet: GLAIR is reading it
		expect(pace.servedRecently()).toBe(true);
		now = 15_000; // served from when it left, 15 s ago
		expect(pace.servedRecently()).toBe(false);
		expect(taken.rejected).toBe(false);
	});

	it('still counts a request GLAIR took when 429s come back slowly (large uploads)', () => {
		let now = 0;
		const pace = new KeyPace(() => now);
		const taken = pace.tryStart() as Start;
		const refused = pace.tryStart() as Start;
		now = 1500; // the 429 came back 1.5 s after its request left: the upload took that long
		expect(pace.servedRecently(refused)).toBe(false);
		now = 2500;
		pace.tryStart(); // another request leaves; the pace forgets what it no longer needs
		now = 3101; // 2 × 1500 + 100 ms and no 429: GLAIR is reading it
		expect(pace.servedRecently()).toBe(true);
		expect(taken.rejected).toBe(false);
	});

	it('counts as contention for 15 s after GLAIR last served a request on the key', () => {
		let now = 0;
		const pace = new KeyPace(() => now);
		expect(pace.servedRecently()).toBe(false);
		pace.served();
		now = 14_999;
		expect(pace.servedRecently()).toBe(true);
		now = 15_000;
		expect(pace.servedRecently()).toBe(false);
	});
});

describe('a key another n8n worker keeps full', () => {
	it('when nothing of its own got through, its next request leaves a different part of half a second later each time', () => {
		let now = 0;
		const pace = new KeyPace(() => now);
		// A limit of 2 learnt, then well after: two requests, both refused (nothing of ours in that second).
		const wave = Array.from({ length: 3 }, () => pace.tryStart() as Start);
		now = 10;
		pace.rateLimited(wave[2], 1000);
		const shutOut = (at: number) => {
			now = at;
			const first = pace.tryStart() as Start;
			now = at + 20; // paced starts leave at most 20 ms apart
			const starts = [first, pace.tryStart() as Start];
			now = at + 50;
			pace.rateLimited(starts[0], 1000);
			pace.rateLimited(starts[1], 1000); // the same event
			return pace.tryStart();
		};
		// 500 ms × the golden ratio's fractional part (0.618…), then × that of twice it (0.236…):
		// a rhythm locked to the other worker's, one paced window apart, is broken.
		expect(shutOut(5000)).toBe(310);
		expect(shutOut(10_000)).toBe(119);
	});
});

describe('probing above a learnt limit', () => {
	/** A key that learnt `from` a second, then met a 429 with only `to` of its starts accepted. */
	const lowered = (from: number, to: number) => {
		let now = 0;
		const pace = new KeyPace(() => now);
		const wave = Array.from({ length: from + 1 }, () => pace.tryStart() as Start);
		now = 10;
		pace.rateLimited(wave[from], 0);
		expect(pace.learntLimit).toBe(from);
		// 100 ms apart: more than paced starts must leave apart, so each leaves when asked.
		const next = Array.from({ length: to + 1 }, (_, index) => {
			now = 20_000 - to * 100 + index * 100;
			return pace.tryStart(pace.join()) as Start;
		});
		now = 20_010;
		pace.rateLimited(next[to], 0);
		expect(pace.learntLimit).toBe(to);
		/** Starts each second for `seconds` seconds, the key leaving whenever the pace lets it. */
		const startsPerSecond = (seconds: number) => {
			const counts = Array.from({ length: seconds }, () => 0);
			for (let ms = 0; ms < seconds * 1000; ms++) {
				now = 20_010 + ms;
				if (typeof pace.tryStart() !== 'number') counts[Math.floor(ms / 1000)] += 1;
			}
			return counts;
		};
		return { pace, at: (time: number) => 20_010 + time, startsPerSecond };
	};

	it('holds a lowered limit 1 s, then doubles it every half second without a 429: a share another worker left is taken back in a second or two', () => {
		const { pace, at, startsPerSecond } = lowered(8, 4);
		expect(pace.allowanceAt(at(999))).toBe(4);
		const starts = startsPerSecond(3);
		// The hold: no more than the lowered limit in the first second.
		expect(starts[0]).toBeLessThanOrEqual(4);
		// Then twice as many each half second, within twice what the last window used (doubling each
		// second, the rule before, gave 7 and 15).
		expect(starts[1]).toBeGreaterThanOrEqual(12);
		expect(starts[2]).toBeGreaterThanOrEqual(48);
	});

	it('never grows an allowance the key does not use: past twice its last window, probing adds one', () => {
		const { pace, at } = lowered(8, 4);
		// Ten seconds of probing with nothing sent: the limit + 1, not 4 × 2¹⁰.
		expect(pace.allowanceAt(at(11_000))).toBe(5);
	});
});

describe('sharedPace', () => {
	const key = {
		credentialId: 'cred-a',
		baseUrl: 'https://api.vision.glair.ai',
		username: 'u',
		apiKey: 'k',
	};

	it('is one pace per credential, Base URL and key', () => {
		expect(sharedPace(key)).toBe(sharedPace({ ...key }));
		expect(sharedPace(key)).not.toBe(sharedPace({ ...key, credentialId: 'cred-b' }));
		expect(sharedPace(key)).not.toBe(sharedPace({ ...key, baseUrl: 'https://other.example.com' }));
		expect(sharedPace(key)).not.toBe(sharedPace({ ...key, apiKey: 'another' }));
	});

	it('what one key learns does not reach another', () => {
		const limited = sharedPace({ ...key, credentialId: 'limited' });
		limited.rateLimited(limited.tryStart() as Start, 0);
		expect(limited.allowanceAt()).toBeDefined();
		expect(sharedPace({ ...key, credentialId: 'free' }).allowanceAt()).toBeUndefined();
	});

	it('forgets a key after a few idle minutes', () => {
		const pace = sharedPace({ ...key, credentialId: 'idle' });
		pace.lastUsed -= 6 * 60_000;
		expect(sharedPace({ ...key, credentialId: 'idle' })).not.toBe(pace);
	});

	it('remembers a bounded number of keys', () => {
		const first = sharedPace({ ...key, credentialId: 'bounded-0' });
		first.lastUsed -= 60_000;
		for (let index = 1; index <= 64; index++)
			sharedPace({ ...key, credentialId: `bounded-${index}` });
		expect(sharedPace({ ...key, credentialId: 'bounded-0' })).not.toBe(first);
	});
});

describe('FlowControl when the run stops', () => {
	it('a request waiting for a place is stopped, not sent, when the run stops as a place frees up', async () => {
		const flow = new FlowControl(new KeyPace(), 1);
		await flow.acquire();
		const stop = new AbortController();
		const waiting = flow.acquire(stop.signal);
		// The document in flight fails: its place is given back, and the run stops right after.
		flow.release();
		stop.abort(new Error('Another document failed'));
		await expect(waiting).rejects.toThrow('Another document failed');
	});
});

describe('requests that reach GLAIR late (a busy n8n, a real network)', () => {
	/** The lowest % of the best possible (starts at the limit, then a read) of 8 jittered runs, and documents failed. */
	const over8Runs = (row: Scenario & { limit: number }) => {
		const outcomes = Array.from({ length: 8 }, (_, seed) =>
			simulate({ ...row, jitterSeed: seed + 1 }),
		);
		const best = Math.floor((row.documents - 1) / row.limit) * 1000 + row.readMs;
		return {
			lowest: Math.min(...outcomes.map((outcome) => (100 * best) / outcome.wallMs)),
			failed: outcomes.reduce((sum, outcome) => sum + outcome.failed, 0),
		};
	};

	// Counting only what left in the second before a refusal: 80–87 % (60 ms) and 71–79 % (100 ms).
	it.each([60, 100])(
		"up to %i ms late: one of ours still in GLAIR's second is not taken for a lower limit (≥ 84 % at 3/s)",
		(slowestTravelMs) => {
			const { lowest, failed } = over8Runs({
				readMs: 200,
				limit: 3,
				concurrency: 5,
				documents: 60,
				slowestTravelMs,
			});
			expect(failed).toBe(0);
			expect(lowest).toBeGreaterThanOrEqual(84);
		},
	);
});

describe('n8n workers sharing a key, each pacing from its own 429s (queue mode)', () => {
	/** Mean and lowest % of the best possible wall time over 20 jittered runs, and documents failed. */
	const over20Runs = (row: Scenario & { limit: number }) => {
		const runs = Array.from({ length: 20 }, (_, seed) =>
			simulate({ ...row, jitterSeed: seed + 1 }),
		);
		const percents = runs.map((outcome) => {
			const documents = outcome.completed + outcome.failed;
			// Starts at the limit in GLAIR's sliding second, then the last read.
			const best = Math.floor((documents - 1) / row.limit) * 1000 + row.readMs;
			return (100 * best) / outcome.wallMs;
		});
		return {
			mean: percents.reduce((sum, percent) => sum + percent) / percents.length,
			failed: runs.reduce((sum, outcome) => sum + outcome.failed, 0),
		};
	};

	it("the issue's case: 2 workers × 4 executions × 10 documents, 2 s reads, 5/s: none fails, ≥ 80 % of the best possible", () => {
		const { mean, failed } = over20Runs({
			processes: 2,
			runs: 8,
			concurrency: 5,
			documents: 10,
			readMs: 2000,
			limit: 5,
		});
		expect(failed).toBe(0);
		expect(mean).toBeGreaterThanOrEqual(80);
	});

	it('4 workers × 2 executions × 20 documents, 1.5 s reads, 10/s: none fails, ≥ 75 % of the best possible', () => {
		const { mean, failed } = over20Runs({
			processes: 4,
			runs: 8,
			concurrency: 5,
			documents: 20,
			readMs: 1500,
			limit: 10,
		});
		expect(failed).toBe(0);
		expect(mean).toBeGreaterThanOrEqual(75);
	});

	it('a worker whose executions end first leaves its share to the other: none fails, ≥ 80 % of the best possible', () => {
		const { mean, failed } = over20Runs({
			processes: 2,
			runs: 4,
			concurrency: 5,
			documents: 10,
			runDocuments: [10, 30, 10, 30],
			readMs: 2000,
			limit: 5,
		});
		expect(failed).toBe(0);
		expect(mean).toBeGreaterThanOrEqual(80);
	});
});
