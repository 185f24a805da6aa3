import type { TransportOutcome } from './index';

/** How hard to try before giving up on one document. */
export interface RetryPolicy {
	/** Retries after the first attempt (0 = try once). */
	readonly maxRetries: number;
	readonly baseDelayMs: number;
	readonly maxDelayMs: number;
	/** Longest Retry-After we honour; a server asking for more is capped to this. */
	readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 1_000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 60_000,
};

/** HTTP answers worth another try: rate limit and gateway trouble. 400/401/403/415/500 are not. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Connection failures worth another try. Refused, unknown host or bad TLS will not heal by waiting. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'EAI_AGAIN']);

export function isRetryable(outcome: TransportOutcome): boolean {
	return outcome.answered
		? RETRYABLE_STATUS.has(outcome.response.statusCode)
		: RETRYABLE_CODES.has(outcome.failure.code);
}

/** Retry-After in milliseconds (delay-seconds or an HTTP date), capped; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number, capMs: number): number | undefined {
	if (!value) return undefined;
	const text = value.trim();
	let ms: number;
	if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
	else {
		const date = Date.parse(text);
		if (Number.isNaN(date)) return undefined;
		ms = date - now;
	}
	return Math.min(Math.max(ms, 0), capMs);
}

/**
 * Wait before retry number `retry` (1-based): the server's Retry-After when it sent one,
 * otherwise exponential backoff with jitter (half fixed, half random) so clients spread out.
 */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number): number {
	if (retryAfterMs !== undefined) return retryAfterMs;
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
