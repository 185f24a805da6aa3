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
