/**
 * The pacing logic on a fake clock (no sockets, no timers): a model of GLAIR that allows `limit`
 * requests in any sliding second (429 + Retry-After: 1 above it, as the emulator does) and takes
 * `readMs` per read, fed by the same loop the node runs (acquire a start, send, on 429 tell the pace
 * and wait Retry-After, at most 3 retries). Every row of the benchmark matrix, and the cases the
 * issue names: a 429 before any success, one wave of 429s, a limit that rises, runs sharing a key.
 */
import {
	FlowControl,
	KeyPace,
	sharedPace,
	type Start,
} from '../../nodes/GlairVision/transport/flowControl';

interface Scenario {
	readMs: number;
	/** Requests GLAIR accepts in any second; a function of time for a limit that changes. */
	limit?: number | ((now: number) => number);
	concurrency: number;
	documents: number;
	/** Runs started together on the same key, each with `documents` and `concurrency`. */
	runs?: number;
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
	pace: KeyPace;
}

/** A discrete-event simulation: time only moves when the next event is due. */
function simulate(scenario: Scenario): Outcome {
	let now = 0;
	const events: Array<{ at: number; order: number; run: () => void }> = [];
	let order = 0;
	const at = (time: number, run: () => void) => events.push({ at: time, order: order++, run });
	const pace = new KeyPace(() => now);
	const { readMs, concurrency, documents, maxRetries = 3, retryAfterMs = 1000 } = scenario;
	const runs = scenario.runs ?? 1;
	const acceptedAt: number[] = [];
	let arrivals = 0;
	let completed = 0;
	let failed = 0;
	let rejected = 0;
	let lastEnd = 0;
	const limitAt = (time: number) =>
		typeof scenario.limit === 'function' ? scenario.limit(time) : scenario.limit;

	const remaining = Array.from({ length: runs }, () => documents);
	const worker = (run: number) => {
		const nextDocument = () => {
			if (remaining[run] === 0) return;
			remaining[run] -= 1;
			attempt(1);
		};
		const attempt = (number: number) => {
			const ready = pace.tryStart();
			if (typeof ready === 'number') at(now + ready, () => attempt(number));
			else send(ready, number);
		};
		const send = (start: Start, number: number) => {
			// 1 ms to reach GLAIR, which counts accepted requests of the last second on arrival.
			at(now + 1, () => {
				const index = arrivals++;
				const limit = limitAt(now);
				const inWindow = acceptedAt.filter((time) => now - time < 1000).length;
				const isRejected =
					scenario.forced429?.includes(index) || (limit !== undefined && inWindow >= limit);
				if (!isRejected) {
					acceptedAt.push(now);
					at(now + readMs, () => {
						completed += 1;
						lastEnd = now;
						nextDocument();
					});
					return;
				}
				rejected += 1;
				at(now + 1, () => {
					if (number > maxRetries) {
						pace.rateLimited(start, 0);
						failed += 1;
						lastEnd = now;
						nextDocument();
						return;
					}
					pace.rateLimited(start, retryAfterMs);
					at(now + retryAfterMs, () => attempt(number + 1));
				});
			});
		};
		nextDocument();
	};
	for (let run = 0; run < runs; run++) for (let slot = 0; slot < concurrency; slot++) worker(run);

	while (events.length > 0) {
		events.sort((a, b) => a.at - b.at || a.order - b.order);
		const next = events.shift();
		if (!next) break;
		now = next.at;
		next.run();
	}
	return { wallMs: lastEnd, completed, failed, rejected, acceptedAt, pace };
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
		expect(pace.tryStart()).toBe(1000); // its Retry-After pauses everyone
	});

	it('one wave of 429s, with Retry-After 0, is one event: the pace is the limit, not cut once per 429', () => {
		let now = 0;
		const pace = new KeyPace(() => now);
		const starts = Array.from({ length: 10 }, () => pace.tryStart() as Start);
		now = 5;
		for (const start of starts.slice(3)) pace.rateLimited(start, 0);
		expect(pace.allowanceAt()).toBe(3);
	});

	it('once a limit is known, a 429 that looks like nothing got through never more than halves it, nor pauses everyone', () => {
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
		expect(pace.tryStart()).toEqual(expect.objectContaining({ at: now }));
	});

	it('finds a raised limit within seconds', () => {
		// The limit goes from 3 to 10 per second after 20 s; from 15 s later the node runs at 90 % of
		// 10/s or more (the longest hold after probes that met 3/s again is 20 s).
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
		void new FlowControl(pace, 1).acquire().then(() => (next = true));
		expect(next).toBe(false);
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
