import { delay } from './delay';

const PROBE_EVERY_MS = 10_000;
const PROBE_STEP = 1.03;
const BELOW_LIMIT = 0.97;
const MIN_RATE_PER_SECOND = 0.2;

/**
 * Shared by every request of one node run, so that when GLAIR says "too many requests" all
 * in-flight work slows down together instead of each worker hammering on its own.
 *
 * The first 429 pauses new requests until its Retry-After has passed and from then on paces them
 * at just under the rate GLAIR was accepting in the second before (`BELOW_LIMIT`). Every ten
 * seconds without a 429 the pace creeps up by 3 %, so a limit that was raised is found again;
 * a 429 after that steps the pace back down without stopping the other requests.
 * Before any 429 nothing is paced: the Concurrency option alone bounds the work.
 */
export class FlowControl {
	private inFlight = 0;

	private pausedUntil = 0;

	/** Requests per second once GLAIR has rate-limited this run; undefined before that. */
	private ratePerSecond: number | undefined;

	private nextStart = 0;

	private lastRateChange = 0;

	/** When recent requests were accepted (not answered 429), for measuring GLAIR's limit. */
	private accepted: number[] = [];

	private readonly waiting: Array<() => void> = [];

	constructor(
		private readonly maxConcurrency: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Requests per second being paced to, once GLAIR has rate-limited this run. */
	get pace(): number | undefined {
		return this.ratePerSecond;
	}

	async acquire(signal?: AbortSignal): Promise<void> {
		for (;;) {
			const now = this.now();
			if (this.pausedUntil > now) {
				await delay(this.pausedUntil - now, signal);
				continue;
			}
			if (this.inFlight >= this.maxConcurrency) {
				await new Promise<void>((resolve) => this.waiting.push(resolve));
				continue;
			}
			if (this.ratePerSecond !== undefined) {
				if (this.nextStart > now) {
					await delay(this.nextStart - now, signal);
					continue;
				}
				this.nextStart = Math.max(now, this.nextStart) + 1000 / this.ratePerSecond;
			}
			this.inFlight += 1;
			return;
		}
	}

	release(): void {
		this.inFlight -= 1;
		this.waiting.shift()?.();
	}

	/** GLAIR answered something other than 429. */
	onAccepted(): void {
		const now = this.now();
		this.accepted.push(now);
		this.accepted = this.accepted.filter((at) => now - at < 1000);
		if (this.ratePerSecond !== undefined && now - this.lastRateChange >= PROBE_EVERY_MS) {
			this.ratePerSecond *= PROBE_STEP;
			this.lastRateChange = now;
		}
	}

	/**
	 * GLAIR answered 429. The first time in a run, everyone waits `waitMs`, then goes on at just
	 * under the pace GLAIR was accepting; returns true. Once paced, a 429 means a probe went one
	 * step too far: the pace steps down and nobody else stops; returns false, and the rejected
	 * request waits out its own Retry-After.
	 */
	onRateLimited(waitMs: number): boolean {
		const now = this.now();
		if (this.pausedUntil > now) return true; // the same wave of 429s: already handled
		const acceptedLastSecond = this.accepted.filter((at) => now - at < 1000).length;
		const measured = Math.max(MIN_RATE_PER_SECOND, acceptedLastSecond * BELOW_LIMIT);
		this.lastRateChange = now;
		if (this.ratePerSecond !== undefined) {
			this.ratePerSecond = Math.min(this.ratePerSecond * BELOW_LIMIT, Math.max(measured, this.ratePerSecond * 0.5));
			return false;
		}
		this.ratePerSecond = measured;
		this.pausedUntil = now + waitMs;
		this.nextStart = this.pausedUntil;
		return true;
	}
}
