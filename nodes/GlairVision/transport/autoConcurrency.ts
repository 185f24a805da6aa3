import { MAX_AUTO_CONCURRENCY } from '../defaults';
import { cancellation, delay } from './delay';

/**
 * In flight before anything is known: a limit of up to 30 a second is found and used whole in the
 * first second, and GLAIR is kept busy at short reads; the memory budget still bounds it. (20 left
 * a 30/s key a third idle until the first answers; a lower limit costs 10 more 429s at the start.)
 */
const FIRST_WINDOW = 30;
/**
 * While nothing holds it back, each answer lets one more in: in flight doubles every read. (Tripling
 * reached a rate limit sooner but overshot a GLAIR that queues to 4 × what it reads at once.)
 */
const SLOW_START_GAIN = 1;
/**
 * Before the first answer, in flight doubles this long after the last request left, while GLAIR
 * refuses nothing: a little over GLAIR's second, so the next window's requests reach it after the
 * last one's have left its second, and a limit the first window filled is not met early.
 */
const QUIET_DOUBLING_MS = 1030;
/** Reads this much longer than the shortest seen mean GLAIR is queueing: stop growing ... */
const HOLD_RATIO = 1.2;
/** ... and this much longer, back off to what GLAIR reads at once. */
const BACK_OFF_RATIO = 1.5;
/**
 * Of a read's excess over the shortest, this much is taken for n8n's own work (a busy process answers
 * a wave of reads one after another), not for GLAIR queueing.
 */
const OWN_WORK_MS = 100;
/** Documents GLAIR may keep waiting in its own queue without Auto backing off. */
const QUEUED_ALLOWED = 2;
/**
 * With the key paced, documents kept ready to leave beyond those at GLAIR and those waiting to try
 * again: the pace, not a queue, sets the rate, and a place it frees is taken at once.
 */
const PACE_SPARE = 2;
/** Weight of the newest read in the smoothed read time. */
const SMOOTHING = 0.25;

/** What Auto needs of the key's pace: requests per second it lets leave, undefined while unpaced. */
export interface Pacing {
	allowanceAt(at: number): number | undefined;
}

/** A document let in: it holds its upload's bytes until it ends. */
export interface Admission {
	readonly bytes: number;
}

interface Waiter {
	readonly bytes: number;
	readonly budgetBytes: number;
	admit(admission: Admission): void;
}

/**
 * Concurrency "Auto": how many documents may be in flight on one GLAIR key, shared by every run in
 * this n8n process that uses the key (paceRegistry.ts). It grows while answers come back at the
 * read time, stops where the key's rate limit or GLAIR's capacity binds, and never lets in more
 * upload bytes than a run's memory budget. The rule is explained once, in docs/reference.md ("Speed and
 * memory").
 */
export class AutoConcurrency {
	private window = FIRST_WINDOW;

	private slowStart = true;

	private inFlight = 0;

	/** Requests sent and not answered yet: the rest of those in flight wait for the pace or a retry. */
	private atGlair = 0;

	/** Documents waiting to be sent again (a 429's Retry-After, a backoff): not ready to leave. */
	private waitingToRetry = 0;

	private bytesInFlight = 0;

	/** Smoothed read time of answered requests (ms); undefined before the first answer. */
	private readMs: number | undefined;

	/** Smoothed ratio of each read to the shortest seen on its path: 1 while GLAIR does not queue. */
	private readRatio = 1;

	private readonly shortest = new Map<string, number>();

	/** When the answers of the last two shortest reads came: GLAIR's pace of reading. */
	private readonly recentAnswers: number[] = [];

	private lastBackOffAt = Number.NEGATIVE_INFINITY;

	/**
	 * When the last request left, or the window last doubled: before the first answer, the next
	 * doubling counts from it (not from the send before a doubling whose own requests have not left).
	 */
	private quietSince: number | undefined;

	/** A wake-up is set for the next quiet doubling. */
	private wakeSet = false;

	/** Documents waiting to be let in, first come first, whichever run they belong to. */
	private readonly line: Waiter[] = [];

	constructor(
		private readonly pace: Pacing | undefined,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = delay,
	) {}

	/** Documents in flight now. */
	get documentsInFlight(): number {
		return this.inFlight;
	}

	/**
	 * How many documents may be in flight now. Once the key is paced (GLAIR answered 429), those at
	 * GLAIR, those waiting to try again, and a few ready to leave: each request that leaves lets the
	 * next document in, so the pace's rate × the read time end up in flight (Little's law) without
	 * knowing either, and documents refused a moment ago do not leave the pace with none to send.
	 */
	get allowed(): number {
		const window = Math.floor(this.window);
		if (this.pace?.allowanceAt(this.now()) === undefined) return Math.max(1, window);
		const paced = Math.min(this.atGlair + this.waitingToRetry + PACE_SPARE, MAX_AUTO_CONCURRENCY);
		return Math.max(1, this.slowStart ? paced : Math.min(window, paced));
	}

	/**
	 * Waits until a document of `bytes` may start: a place within `allowed`, and its bytes within
	 * the run's budget (a document larger than the budget goes alone). Cancelling ends the wait.
	 */
	async start(bytes: number, budgetBytes: number, signal?: AbortSignal): Promise<Admission> {
		if (signal?.aborted) throw cancellation(signal);
		const waiter = await new Promise<Admission>((resolve, reject) => {
			const onAbort = () => {
				this.line.splice(this.line.indexOf(entry), 1);
				this.admitWaiting();
				reject(cancellation(signal as AbortSignal));
			};
			const entry: Waiter = {
				bytes,
				budgetBytes,
				admit: (admission) => {
					signal?.removeEventListener('abort', onAbort);
					resolve(admission);
				},
			};
			this.line.push(entry);
			signal?.addEventListener('abort', onAbort, { once: true });
			this.admitWaiting();
		});
		return waiter;
	}

	/** The document is done (read, failed or stopped): its place and bytes go to the next. */
	end(admission: Admission): void {
		this.inFlight -= 1;
		this.bytesInFlight -= admission.bytes;
		this.admitWaiting();
	}

	/** A request leaves for GLAIR: with the key paced, a document more may get ready. */
	sending(): void {
		this.atGlair += 1;
		this.quietSince = this.now();
		this.admitWaiting();
	}

	/** A request came back (answered, refused or failed). */
	returned(): void {
		this.atGlair -= 1;
	}

	/** A document waits to be sent again: another may get ready to leave meanwhile. */
	retryWaitStarted(): void {
		this.waitingToRetry += 1;
		this.admitWaiting();
	}

	retryWaitEnded(): void {
		this.waitingToRetry -= 1;
	}

	/** GLAIR answered a request on `path` (anything but 429) after `readMs`. */
	answered(readMs: number, path: string): void {
		const shortest = Math.max(1, Math.min(this.shortest.get(path) ?? readMs, readMs));
		this.shortest.set(path, shortest);
		this.readMs = this.readMs === undefined ? readMs : smooth(this.readMs, readMs);
		this.readRatio = smooth(this.readRatio, Math.max(readMs - OWN_WORK_MS, shortest) / shortest);
		this.noteAnswer(shortest);
		// Little's law: answers a second = in flight ÷ read time. Reads that grow with what is in
		// flight bring no more answers; what waits at GLAIR is in flight × (1 − shortest ÷ read).
		const queued = this.inFlight * (1 - 1 / this.readRatio);
		if (this.readRatio >= BACK_OFF_RATIO && queued > QUEUED_ALLOWED) {
			this.backOff(Math.max(this.inFlight / this.readRatio, this.readingAtOnce()) + QUEUED_ALLOWED);
		} else if (
			this.inFlight >= Math.floor(this.window) &&
			(this.readRatio < HOLD_RATIO || queued < QUEUED_ALLOWED)
		) {
			this.window += this.slowStart ? SLOW_START_GAIN : 1 / this.window;
			this.window = Math.min(this.window, MAX_AUTO_CONCURRENCY);
		}
		this.admitWaiting();
	}

	/**
	 * How many documents GLAIR reads at once, from how fast answers came over the last two shortest
	 * reads (Little's law again): what to back off to when it queues.
	 */
	private readingAtOnce(): number {
		// Answers in two shortest reads ÷ 2: those GLAIR finished in one read, i.e. read at once.
		return this.recentAnswers.length / 2;
	}

	/** Keeps the answers of the last two shortest reads only, so a long run holds no more. */
	private noteAnswer(shortest: number): void {
		const now = this.now();
		this.recentAnswers.push(now);
		while (this.recentAnswers[0] <= now - 2 * shortest) this.recentAnswers.shift();
	}

	/** GLAIR did not answer (timeout, dropped connection) or answered 502–504: half as many. */
	failed(): void {
		this.backOff(this.inFlight / 2);
		this.admitWaiting();
	}

	/** At most once a read time, so one slow wave of answers counts once. */
	private backOff(to: number): void {
		const now = this.now();
		if (now - this.lastBackOffAt < (this.readMs ?? 0)) return;
		this.lastBackOffAt = now;
		this.slowStart = false;
		this.window = Math.max(1, Math.min(this.window, to));
	}

	/**
	 * Before any answer, with nothing refused or failed, a full window doubles QUIET_DOUBLING_MS
	 * after its last request left: reads of seconds would otherwise keep the first window for a
	 * whole read. A 429 paces the key instead.
	 */
	private growWhileQuiet(): void {
		if (this.readMs !== undefined || !this.slowStart || this.quietSince === undefined) return;
		if (this.pace?.allowanceAt(this.now()) !== undefined) return;
		const full = this.line.length > 0 && this.inFlight >= Math.floor(this.window);
		if (!full || this.window >= MAX_AUTO_CONCURRENCY) return;
		const quietMs = this.now() - this.quietSince;
		if (quietMs >= QUIET_DOUBLING_MS) {
			this.window = Math.min(2 * this.window, MAX_AUTO_CONCURRENCY);
			this.quietSince = this.now();
			return;
		}
		if (this.wakeSet) return;
		this.wakeSet = true;
		void this.wait(QUIET_DOUBLING_MS - quietMs).then(() => {
			this.wakeSet = false;
			this.admitWaiting();
		});
	}

	private admitWaiting(): void {
		this.growWhileQuiet();
		const allowed = this.allowed;
		while (this.line.length > 0 && this.inFlight < allowed) {
			const { bytes, budgetBytes, admit } = this.line[0];
			if (this.inFlight > 0 && this.bytesInFlight + bytes > budgetBytes) return;
			this.line.shift();
			this.inFlight += 1;
			this.bytesInFlight += bytes;
			admit({ bytes });
		}
	}
}

const smooth = (previous: number, sample: number): number =>
	previous + SMOOTHING * (sample - previous);
