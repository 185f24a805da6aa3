import { MAX_AUTO_CONCURRENCY } from '../defaults';
import { cancellation } from './delay';

/** In flight before anything is known: Concurrency 5, the fixed default of versions 1 and 2. */
const FIRST_WINDOW = 5;
/**
 * While nothing holds it back, each answer lets one more in: in flight doubles every read. (Tripling
 * reached a rate limit sooner but overshot a GLAIR that queues to 4 × what it reads at once.)
 */
const SLOW_START_GAIN = 1;
/** Reads this much longer than the shortest seen mean GLAIR is queueing: stop growing ... */
const HOLD_RATIO = 1.2;
/** ... and this much longer, back off to what GLAIR reads at once. */
const BACK_OFF_RATIO = 1.5;
/** Documents GLAIR may keep waiting in its own queue without Auto backing off. */
const QUEUED_ALLOWED = 2;
/** Little's law with room for documents that wait for the pace or for a 429's retry. */
const PACE_HEADROOM = 1.2;
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

	private bytesInFlight = 0;

	/** Smoothed read time of answered requests (ms); undefined before the first answer. */
	private readMs: number | undefined;

	/** Smoothed ratio of each read to the shortest seen on its path: 1 while GLAIR does not queue. */
	private readRatio = 1;

	private readonly shortest = new Map<string, number>();

	private lastBackOffAt = Number.NEGATIVE_INFINITY;

	/** Documents waiting to be let in, first come first, whichever run they belong to. */
	private readonly line: Waiter[] = [];

	constructor(
		private readonly pace: Pacing | undefined,
		private readonly now: () => number = Date.now,
	) {}

	/** Documents in flight now. */
	get documentsInFlight(): number {
		return this.inFlight;
	}

	/** How many documents may be in flight now. */
	get allowed(): number {
		return Math.max(1, Math.min(Math.floor(this.window), this.paceBound()));
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

	/** GLAIR answered a request on `path` (anything but 429) after `readMs`. */
	answered(readMs: number, path: string): void {
		const shortest = Math.max(1, Math.min(this.shortest.get(path) ?? readMs, readMs));
		this.shortest.set(path, shortest);
		this.readMs = this.readMs === undefined ? readMs : smooth(this.readMs, readMs);
		this.readRatio = smooth(this.readRatio, readMs / shortest);
		// Little's law: answers a second = in flight ÷ read time. Reads that grow with what is in
		// flight bring no more answers; what waits at GLAIR is in flight × (1 − shortest ÷ read).
		const queued = this.inFlight * (1 - 1 / this.readRatio);
		if (this.readRatio >= BACK_OFF_RATIO && queued > QUEUED_ALLOWED) {
			this.backOff(this.inFlight / this.readRatio + QUEUED_ALLOWED);
		} else if (
			this.inFlight >= Math.floor(this.window) &&
			(this.readRatio < HOLD_RATIO || queued < QUEUED_ALLOWED)
		) {
			this.window += this.slowStart ? SLOW_START_GAIN : 1 / this.window;
			this.window = Math.min(this.window, this.paceBound());
		}
		this.admitWaiting();
	}

	/** GLAIR did not answer (timeout, dropped connection) or answered 502–504: half as many. */
	failed(): void {
		this.backOff(this.inFlight / 2);
		this.admitWaiting();
	}

	/**
	 * With the key paced, documents enough to keep the pace busy (its rate × the read time, Little's
	 * law, with room to spare); the hard cap otherwise. The pace lets its rate leave together in
	 * each second, so reads shorter than a second still need a second's worth.
	 */
	private paceBound(): number {
		const perSecond = this.pace?.allowanceAt(this.now());
		if (perSecond === undefined || this.readMs === undefined) return MAX_AUTO_CONCURRENCY;
		const seconds = Math.max(this.readMs, 1000) / 1000;
		// (Less a hair, so that 10 × 2 s × 1.2 is 24 and not 25 from rounding.)
		const busy = Math.ceil(perSecond * seconds * PACE_HEADROOM - 1e-9) + PACE_SPARE;
		return Math.min(busy, MAX_AUTO_CONCURRENCY);
	}

	/** At most once a read time, so one slow wave of answers counts once. */
	private backOff(to: number): void {
		const now = this.now();
		if (now - this.lastBackOffAt < (this.readMs ?? 0)) return;
		this.lastBackOffAt = now;
		this.slowStart = false;
		this.window = Math.max(1, Math.min(this.window, to));
	}

	private admitWaiting(): void {
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
