import { DEFAULT_MAX_RETRIES, DEFAULT_RESEND_MAYBE_READ } from '../defaults';
import type { TransportOutcome } from './postDocument';

/** How hard to try before giving up on one document. */
export interface RetryPolicy {
	/** Retries after the first attempt (0 = try once). */
	readonly maxRetries: number;
	readonly baseDelayMs: number;
	readonly maxDelayMs: number;
	/** Longest Retry-After we honour; a server asking for more is capped to this. */
	readonly maxRetryAfterMs: number;
	/** Whether to resend what GLAIR may have read (see resendKind); what it cannot have read is resent. */
	readonly resendMaybeRead: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: DEFAULT_MAX_RETRIES,
	baseDelayMs: 1_000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 60_000,
	resendMaybeRead: DEFAULT_RESEND_MAYBE_READ,
};

/** Answers worth another try that GLAIR cannot have read: rate limit, gateway trouble before it. */
const NOT_READ_STATUS = new Set([429, 502, 503]);

/** A gateway that gave up waiting for GLAIR, which may have gone on to read (and bill) the document. */
const GATEWAY_TIMEOUT = 504;

/** A connection cut before the answer. Refused, unknown host or bad TLS will not heal by waiting. */
const CUT_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** A host name not looked up yet: nothing was sent. */
const LOOKUP_AGAIN = 'EAI_AGAIN';

/**
 * Whether an outcome is worth sending the document again, and whether GLAIR may have read it:
 * after the node's timeout, a 504, or a connection cut that did not happen while the upload was
 * being written (n8n keeps no more of a cut than its error text, so any other cut counts).
 */
export function resendKind(outcome: TransportOutcome): 'never' | 'notRead' | 'maybeRead' {
	if (outcome.answered) {
		const { statusCode } = outcome.response;
		if (statusCode === GATEWAY_TIMEOUT) return 'maybeRead';
		return NOT_READ_STATUS.has(statusCode) ? 'notRead' : 'never';
	}
	const { failure } = outcome;
	if (failure.timedOutAfterMs !== undefined) return 'maybeRead';
	if (failure.code === LOOKUP_AGAIN) return 'notRead';
	if (!CUT_CODES.has(failure.code)) return 'never';
	return failure.uploadCut ? 'notRead' : 'maybeRead';
}

export function isRetryable(outcome: TransportOutcome, policy: RetryPolicy): boolean {
	const kind = resendKind(outcome);
	return kind === 'notRead' || (kind === 'maybeRead' && policy.resendMaybeRead);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
const DAY_NAME = 'Mon|Tue|Wed|Thu|Fri|Sat|Sun';
const LONG_DAY_NAME = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// The three HTTP-date forms of RFC 9110 §5.6.7, case-sensitive as the grammar is. Anything
// looser (ISO 8601, "-1", "1,5") would reach Date.parse, which reads nearly anything as some date.
const IMF_FIXDATE = new RegExp(`^(?:${DAY_NAME}), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^(?:${LONG_DAY_NAME}), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^(?:${DAY_NAME}) (${MONTH}) ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/** RFC 9110: a two-digit year more than 50 years ahead means the most recent past year with those digits. */
function fullYear(twoDigits: number, now: number): number {
	const latest = new Date(now).getUTCFullYear() + 50;
	return latest - ((((latest - twoDigits) % 100) + 100) % 100);
}

/** Milliseconds since the epoch for a date in GMT, or undefined when no such moment exists (31 Feb, 25:00). */
function utcTime(
	year: number,
	month: string,
	day: string,
	hour: string,
	minute: string,
	second: string,
): number | undefined {
	const monthIndex = MONTHS.indexOf(month);
	const [d, h, m, s] = [day, hour, minute, second].map(Number);
	const daysInMonth = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
	if (d < 1 || d > daysInMonth || h > 23 || m > 59 || s > 60) return undefined; // 60: a leap second
	return Date.UTC(year, monthIndex, d, h, m, s);
}

/** An HTTP-date in any of its three forms, as epoch milliseconds; undefined for anything else. */
function parseHttpDate(text: string, now: number): number | undefined {
	let match = IMF_FIXDATE.exec(text);
	if (match) {
		const [, day, month, year, hour, minute, second] = match;
		return utcTime(Number(year), month, day, hour, minute, second);
	}
	match = RFC850_DATE.exec(text);
	if (match) {
		const [, day, month, year, hour, minute, second] = match;
		return utcTime(fullYear(Number(year), now), month, day, hour, minute, second);
	}
	match = ASCTIME_DATE.exec(text);
	if (match) {
		const [, month, day, hour, minute, second, year] = match;
		return utcTime(Number(year), month, day.trim(), hour, minute, second); // asctime has no zone: GMT
	}
	return undefined;
}

/**
 * Retry-After in milliseconds, capped and never negative: delay-seconds or an HTTP-date.
 * Undefined when absent or in any other form, so the caller falls back to backoff.
 */
export function parseRetryAfter(
	value: string | undefined,
	now: number,
	capMs: number,
): number | undefined {
	if (!value) return undefined;
	const text = value.trim();
	let ms: number;
	if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
	else {
		const date = parseHttpDate(text, now);
		if (date === undefined) return undefined;
		ms = date - now;
	}
	return Math.min(Math.max(ms, 0), capMs);
}

/**
 * Wait before retry number `retry` (1-based): the server's Retry-After when it sent one,
 * otherwise exponential backoff with jitter (half fixed, half random) so clients spread out.
 */
export function retryDelayMs(
	retry: number,
	retryAfterMs: number | undefined,
	policy: RetryPolicy,
	random: () => number,
): number {
	if (retryAfterMs !== undefined) return retryAfterMs;
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
