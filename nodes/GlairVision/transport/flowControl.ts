import { delay } from './delay';

/**
 * Shared by every request of one node run, so that when GLAIR says "too many requests" all
 * in-flight work slows down together instead of each worker hammering on its own:
 * a 429 pauses new requests until its Retry-After has passed and halves how many may be in
 * flight; each success lets one more in again, up to the Concurrency option (AIMD, as TCP does).
 */
export class FlowControl {
	private limit: number;

	private inFlight = 0;

	private pausedUntil = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(
		private readonly maxConcurrency: number,
		private readonly now: () => number = Date.now,
	) {
		this.limit = maxConcurrency;
	}

	/** How many requests may be in flight right now. */
	get currentLimit(): number {
		return this.limit;
	}

	async acquire(signal?: AbortSignal): Promise<void> {
		for (;;) {
			const pause = this.pausedUntil - this.now();
			if (pause > 0) {
				await delay(pause, signal);
				continue;
			}
			if (this.inFlight < this.limit) {
				this.inFlight += 1;
				return;
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	release(): void {
		this.inFlight -= 1;
		this.wakeOne();
	}

	onSuccess(): void {
		if (this.limit < this.maxConcurrency) {
			this.limit += 1;
			this.wakeOne();
		}
	}

	onRateLimited(waitMs: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + waitMs);
		this.limit = Math.max(1, Math.floor(this.limit / 2));
	}

	private wakeOne(): void {
		this.waiting.shift()?.();
	}
}
