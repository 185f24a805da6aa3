import { cancellation } from './delay';
import { Departures } from './departures';

/** GLAIR's limits are per second. */
const WINDOW_MS = 1000;
/** A little longer than GLAIR's second, so requests that arrive late or early never crowd one. */
const PACED_WINDOW_MS = 1030;
/** How long a limit GLAIR was found to allow is held before probing above it. */
const HOLD_MS = 1_000;
/**
 * Probing doubles the allowance this often while GLAIR refuses nothing: in queue mode the worker
 * whose executions end last takes back the share of the one that finished within a second or two.
 */
const PROBE_DOUBLING_MS = 500;
/**
 * When none of the key's requests in GLAIR's last second got through, the next leave up to this much
 * later, a different part of it each time: another n8n worker keeping the key full sends in the same
 * rhythm (one paced window apart), and requests that always arrive just after its own would never
 * find a place GLAIR freed.
 */
const PHASE_SHIFT_MS = 500;
/** Steps through PHASE_SHIFT_MS evenly, never repeating (the golden ratio's fractional part). */
const PHASE_STEP = 0.618_033_988_7;
/** A 429 within this long of a request on the key being served is contention, not refusal. */
const SERVED_RECENTLY_MS = 15_000;
/**
 * A request out this much longer than twice the slowest 429 on the key has been accepted: GLAIR is
 * reading it (a 429 comes back as soon as the upload is in). Its answer comes a read time later.
 */
const ACCEPTED_AFTER_MS = 100;
/**
 * Paced requests leave at least a window ÷ (this × the limit) apart: a second's worth spreads over
 * half a second instead of leaving at once, so n8n's own work on a burst (tens of ms a request)
 * does not push some of them into GLAIR's next second, behind the next second's.
 */
const SPREAD = 2;
/**
 * ... but never more than this apart: the spread only has to outpace n8n's own work per request
 * (17 ms apart held at 30 a second, 60 in flight); wider, at a few a second, it only made a run's
 * last second end later (a 3/s key's last three left over a third of a second).
 */
const MAX_SPACING_MS = 20;
/**
 * How many of the key's latest 429s tell how late a request may reach GLAIR: they came back in
 * times this far apart (a 429 comes back as soon as the upload is in), so requests that left
 * together arrived up to that far apart.
 */
const LATENESS_SAMPLES = 8;
/** ... counted up to this much: more is a slow upload, not a late one. */
const MAX_LATENESS_MS = 100;
/** Unpaced requests leave together and may reach GLAIR in another order than they left. */
const SIMULTANEOUS_MS = 50;

/** One request as the pace saw it leave. */
export interface Start {
	readonly at: number;
	/** Requests that left this much later may still have reached GLAIR first. */
	readonly orderSlackMs: number;
	rejected: boolean;
}

/**
 * The pace of one GLAIR key, learnt from its 429s and shared by every run in this n8n process that
 * uses the key (paceRegistry.ts); other processes show up only as 429s. The rule and its figures
 * are explained once, in docs/reference.md ("Retries and rate limits").
 */
export class KeyPace {
	/** Requests GLAIR accepted per second at the last 429 event; undefined while unknown. */
	private limit: number | undefined;

	/** Whether any 429 has been met: before that nothing is paced. */
	private paced = false;

	/** The least the last event may lower the limit to (see rateLimited). */
	private lowestLimit = 1;

	private limitSetAt = 0;

	/** 429s to requests that left before this moment belong to the last event. */
	private waveSentBefore = Number.NEGATIVE_INFINITY;

	private pausedUntil = 0;

	private starts: Start[] = [];

	/** Tickets of requests waiting to leave, first come first. */
	private readonly line: number[] = [];

	/** Wakes a request waiting for its turn, by ticket: it is first in line. */
	private readonly turnWaiters = new Map<number, () => void>();

	private lastTicket = 0;

	/**
	 * When GLAIR last served a request on this key: answered it with anything but 429, or (seen in
	 * servedRecently) took it, from when it left.
	 */
	private lastServedAt = Number.NEGATIVE_INFINITY;

	/** The longest GLAIR took to answer 429 on this key, from the request leaving. */
	private slowestRefusalMs = 0;

	/** How long the key's latest 429s took to come back, from the request leaving. */
	private readonly latestRefusalsMs: number[] = [];

	/** Events where nothing of the key's got through: how far the next phase shift steps. */
	private shutOutEvents = 0;

	/** When this key was last used, so that an idle key can be forgotten. */
	lastUsed: number;

	/** The key's requests leave a turn of n8n's event loop apart (departures.ts). */
	readonly departures = new Departures();

	constructor(private readonly now: () => number = Date.now) {
		this.lastUsed = now();
	}

	/** Requests per second GLAIR accepted at the last 429 event, or undefined while unknown. */
	get learntLimit(): number | undefined {
		return this.limit;
	}

	/** Requests that may leave in any paced window at `at`, or undefined while not paced. */
	allowanceAt(at: number = this.now()): number | undefined {
		if (!this.paced) return undefined;
		const seconds = (at - this.limitSetAt) / 1000;
		// Slow start: the limit is unknown, so try one a window and double every second.
		if (this.limit === undefined) return Math.floor(2 ** seconds);
		if (at - this.limitSetAt < HOLD_MS) return this.limit;
		// Probing doubles every half second without a 429 (a share another worker left is taken back
		// in a second or two; a probe that meets the limit costs a few 429s, as 429s come back at once),
		// but never past twice what the key used in its window: an allowance unused cannot grow.
		const probing = (at - this.limitSetAt - HOLD_MS) / PROBE_DOUBLING_MS;
		const used = this.starts.filter((start) => !start.rejected && at - start.at < PACED_WINDOW_MS);
		return Math.max(
			this.limit + 1,
			Math.min(Math.floor(this.limit * 2 ** probing), 2 * used.length),
		);
	}

	/**
	 * A place in the line of requests waiting to leave: starts go in the order of the line, so every
	 * run on the key gets its share and none waits while others keep leaving.
	 */
	join(): number {
		this.lastTicket += 1;
		this.line.push(this.lastTicket);
		return this.lastTicket;
	}

	/**
	 * Waits until `ticket` is first in line. Only the first in line waits for the pace: the rest
	 * wait here without a timer (each used to poll the pace every millisecond, up to a hundred
	 * timers a millisecond on n8n's one thread). Cancelling ends the wait; the caller then leaves.
	 */
	async turn(ticket: number, signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw cancellation(signal);
		if (this.line[0] === ticket) return;
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				this.turnWaiters.delete(ticket);
				reject(cancellation(signal as AbortSignal));
			};
			this.turnWaiters.set(ticket, () => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			});
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	}

	/** Gives up a place in the line (the request left or was cancelled); the next may be first now. */
	leave(ticket: number): void {
		const place = this.line.indexOf(ticket);
		if (place < 0) return;
		this.line.splice(place, 1);
		const first = this.line[0];
		const wake = first === undefined ? undefined : this.turnWaiters.get(first);
		if (!wake) return;
		this.turnWaiters.delete(first);
		wake();
	}

	/**
	 * Lets a request leave now (returns its start), or says how many milliseconds to wait first.
	 * With a ticket from join(), only the first in line leaves; without one, a request goes ahead.
	 */
	tryStart(ticket?: number): Start | number {
		const now = this.now();
		this.lastUsed = now;
		if (this.pausedUntil > now) return this.pausedUntil - now;
		// Someone asked earlier and leaves first; look again a moment later.
		if (ticket !== undefined && this.line.indexOf(ticket) > 0) return 1;
		// Kept for the windows, and until servedRecently can tell whether GLAIR took it.
		const keepMs = Math.max(2 * PACED_WINDOW_MS, this.takenAfterMs() + PACED_WINDOW_MS);
		this.starts = this.starts.filter((earlier) => now - earlier.at < keepMs);
		const allowance = this.allowanceAt(now);
		if (allowance !== undefined) {
			const inWindow = this.starts.filter(
				(earlier) => !earlier.rejected && now - earlier.at < PACED_WINDOW_MS,
			);
			// Full: wait until enough of them have aged out of the window.
			if (inWindow.length >= allowance) {
				return Math.max(1, inWindow[inWindow.length - allowance].at + PACED_WINDOW_MS - now);
			}
			const spacing = Math.min(PACED_WINDOW_MS / (SPREAD * allowance), MAX_SPACING_MS);
			const last = inWindow.at(-1);
			if (last && now - last.at < spacing) return Math.max(1, Math.ceil(last.at + spacing - now));
		}
		// Paced starts reach GLAIR in order; unpaced ones leave together, in any order.
		const start: Start = {
			at: now,
			orderSlackMs: allowance === undefined ? SIMULTANEOUS_MS : 0,
			rejected: false,
		};
		this.starts.push(start);
		if (ticket !== undefined) this.leave(ticket);
		return start;
	}

	/** GLAIR answered a request on this key with anything but 429: the key is being served. */
	served(): void {
		this.lastServedAt = this.now();
	}

	/**
	 * Whether GLAIR served a request on this key lately: a 429 now is the key's limit shared with
	 * other requests (other runs, other n8n workers), not GLAIR refusing the key. `refused` is the
	 * request just answered 429, noted first so that it is not taken for one GLAIR is reading.
	 */
	servedRecently(refused?: Start): boolean {
		const now = this.now();
		if (refused) this.noteRefusal(refused, now);
		// A request GLAIR took counts from when it was taken, not a read time later when it answers:
		// an n8n worker that waited seconds for its first turn on a key another worker keeps full
		// would otherwise spend its documents' Max Retries while its first read is still going.
		for (const start of this.starts) {
			if (!start.rejected && now - start.at > this.takenAfterMs())
				this.lastServedAt = Math.max(this.lastServedAt, start.at);
		}
		return now - this.lastServedAt < SERVED_RECENTLY_MS;
	}

	/** GLAIR answered 429 to `start`; `waitMs` is what it asked (Retry-After) or the backoff. */
	rateLimited(start: Start, waitMs: number): void {
		const now = this.now();
		this.lastUsed = now;
		this.noteRefusal(start, now);
		const accepted = this.acceptedAround(start);
		if (start.at < this.waveSentBefore) {
			// The same wave: with each rejection known, the count of accepted starts gets closer.
			if (this.limit !== undefined && accepted > 0 && accepted < this.limit) {
				this.limit = Math.max(accepted, this.lowestLimit);
			}
			return;
		}
		const wasPaced = this.paced;
		const previous = this.limit;
		this.paced = true;
		this.waveSentBefore = now;
		this.limitSetAt = now;
		// Once a limit is known, one event never more than halves it: requests that reach GLAIR
		// closer together than they left (a busy network or n8n) look like a lower limit for a moment.
		this.lowestLimit = previous === undefined ? 1 : Math.max(1, Math.floor(previous / 2));
		const shift = accepted === 0 ? this.nextPhaseShift() : 0;
		if (accepted === 0 && previous === undefined) {
			// Nothing got through, and no limit is known: start slowly, after the Retry-After.
			this.limit = undefined;
			this.pausedUntil = Math.max(this.pausedUntil, now + waitMs + shift);
			return;
		}
		this.limit = Math.max(accepted, this.lowestLimit);
		// The first 429 pauses every request for its Retry-After, unless GLAIR has served the key
		// already and let some of this second's through: the count explains the 429 then, and the
		// limit paces the rest (2 s reads at 30/s lost a second to it as slow start met the limit).
		const explained = accepted > 0 && this.lastServedAt > Number.NEGATIVE_INFINITY;
		this.pausedUntil = Math.max(
			this.pausedUntil,
			now + (wasPaced || explained ? 0 : waitMs) + shift,
		);
	}

	/** A request out this long without a 429 has been taken (see ACCEPTED_AFTER_MS). */
	private takenAfterMs(): number {
		return 2 * this.slowestRefusalMs + ACCEPTED_AFTER_MS;
	}

	private nextPhaseShift(): number {
		this.shutOutEvents += 1;
		return Math.ceil(PHASE_SHIFT_MS * ((this.shutOutEvents * PHASE_STEP) % 1));
	}

	private noteRefusal(start: Start, now: number): void {
		// servedRecently and rateLimited both note the same refusal.
		if (!start.rejected) {
			this.latestRefusalsMs.push(now - start.at);
			if (this.latestRefusalsMs.length > LATENESS_SAMPLES) this.latestRefusalsMs.shift();
		}
		start.rejected = true;
		this.slowestRefusalMs = Math.max(this.slowestRefusalMs, now - start.at);
	}

	/** How much later than it left a request may reach GLAIR, compared with another (see LATENESS_SAMPLES). */
	private latenessMs(): number {
		if (this.latestRefusalsMs.length < 2) return 0;
		const spread = Math.max(...this.latestRefusalsMs) - Math.min(...this.latestRefusalsMs);
		return Math.min(MAX_LATENESS_MS, spread);
	}

	/**
	 * Starts GLAIR did not reject in the second up to `start` (and those that may have overtaken it),
	 * and those that left just before that second but may have reached GLAIR late: GLAIR still
	 * counted them, and leaving them out takes a refusal at the limit for a lower limit.
	 */
	private acceptedAround(start: Start): number {
		const since = start.at - WINDOW_MS - this.latenessMs();
		const until = start.at + start.orderSlackMs;
		return this.starts.filter((other) => !other.rejected && other.at > since && other.at <= until)
			.length;
	}
}
