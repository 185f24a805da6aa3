import { sleep } from 'n8n-workflow';

import type { AutoConcurrency } from './autoConcurrency';
import { cancellation, delay } from './delay';
import type { KeyPace, Start } from './keyPace';
import type { TransportOutcome } from './postDocument';

/** Answers that say GLAIR is overloaded, as a timeout does. */
const OVERLOADED = [502, 503, 504];

/**
 * One run's share of the flow: at most `concurrency` of its requests in flight (the run's
 * Concurrency option), each leaving when its key's shared pace allows. With Concurrency Auto, the
 * key's shared controller decides what is in flight instead (documents ask it before they start) and
 * learns from every exchange.
 */
export class FlowControl {
	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(
		readonly pace: KeyPace,
		private readonly concurrency: number,
		readonly auto?: AutoConcurrency,
	) {}

	/** Tells Concurrency Auto how an exchange on `path` went, `ms` after the request left. */
	exchanged(outcome: TransportOutcome, ms: number, path: string): void {
		if (!this.auto) return;
		if (!outcome.answered || OVERLOADED.includes(outcome.response.statusCode)) this.auto.failed();
		// A 429 is the pace's to learn from; Auto follows the pace.
		else if (outcome.response.statusCode !== 429) this.auto.answered(ms, path);
	}

	/** Waits for a place in this run and a start in the key's pace; cancelling the execution ends the wait. */
	async acquire(signal?: AbortSignal): Promise<Start> {
		while (this.inFlight >= this.concurrency) await this.nextPlace(signal);
		if (signal?.aborted) throw cancellation(signal);
		this.inFlight += 1;
		const ticket = this.pace.join();
		// Not started yet: no wait known.
		let start: Start | number = 0;
		try {
			await this.pace.turn(ticket, signal);
			await this.pace.departures.leave();
			start = this.pace.tryStart(ticket);
			while (typeof start === 'number') {
				await delay(start, signal);
				start = this.pace.tryStart(ticket);
			}
		} finally {
			// Cancelled while waiting for the pace: the place in the run and in the line go back.
			if (typeof start === 'number') {
				this.pace.leave(ticket);
				this.givePlaceBack();
			}
		}
		this.auto?.sending();
		return start;
	}

	/** Waits `ms` before a document is sent again; cancelling the execution ends the wait. */
	async waitToRetry(ms: number, signal?: AbortSignal): Promise<void> {
		this.auto?.retryWaitStarted();
		try {
			await delay(ms, signal);
		} finally {
			this.auto?.retryWaitEnded();
		}
	}

	/** The request that `acquire` let leave has come back, answered or not. */
	release(): void {
		this.auto?.returned();
		this.givePlaceBack();
	}

	/**
	 * The next waiting request gets the place a moment later, not at once: when a document has just
	 * failed, the run learns it first and the waiting one is stopped instead of sent.
	 */
	private givePlaceBack(): void {
		this.inFlight -= 1;
		const wake = this.waiting.shift();
		if (wake) void sleep(0).then(wake);
	}

	private async nextPlace(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw cancellation(signal);
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				this.waiting.splice(this.waiting.indexOf(wake), 1);
				reject(cancellation(signal as AbortSignal));
			};
			const wake = () => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			};
			this.waiting.push(wake);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	}
}
