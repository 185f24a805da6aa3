import type { IExecuteFunctions } from 'n8n-workflow';

import type { FlowControl } from './flowControl';
import { postDocument, type PostDocumentRequest, type TransportOutcome } from './postDocument';
import { isRetryable, resendKind, retryDelayMs, type RetryPolicy } from './retry';
import { parseRetryAfter } from './retryAfter';

export interface SendResult {
	readonly outcome: TransportOutcome;
	readonly attempts: number;
	/** GLAIR may have read the document, and it was not sent again because resendMaybeRead is off. */
	readonly notResent: boolean;
}

/**
 * 429s that come while GLAIR is serving other requests on the same key (the limit shared with other
 * runs or n8n workers) are retried without using up Max Retries (unless it is 0), at most this many
 * per document.
 */
export const MAX_CONTENDED_RETRIES = 30;

/**
 * Sends one document, retrying what is worth retrying (429, 502–504, dropped connections, timeouts;
 * see resendKind) with backoff, each attempt leaving when the key's shared pace allows; 429s teach
 * the pace.
 */
export async function sendDocument(
	this: IExecuteFunctions,
	request: PostDocumentRequest,
	policy: RetryPolicy,
	flow: FlowControl,
	stopped?: AbortSignal,
): Promise<SendResult> {
	// Waits end when the execution is cancelled, or when the run stops after another document failed.
	const cancelled = this.getExecutionCancelSignal?.();
	const signal =
		cancelled && stopped ? AbortSignal.any([cancelled, stopped]) : (cancelled ?? stopped);
	let retries = 0;
	let contendedRetries = 0;
	for (let attempt = 1; ; attempt++) {
		const start = await flow.acquire(signal);
		const sentAt = Date.now();
		let outcome: TransportOutcome;
		try {
			outcome = await postDocument.call(this, request);
		} finally {
			flow.release();
		}
		// An exchange cut short by cancelling says nothing about GLAIR.
		if (!signal?.aborted) flow.exchanged(outcome, Date.now() - sentAt, request.path);
		const rateLimited = outcome.answered && outcome.response.statusCode === 429;
		if (outcome.answered && !rateLimited) flow.pace.served();
		// Max Retries 0 means no retry of any kind.
		const contended =
			rateLimited &&
			policy.maxRetries > 0 &&
			flow.pace.servedRecently(start) &&
			contendedRetries < MAX_CONTENDED_RETRIES;
		if (
			!isRetryable(outcome, policy) ||
			(!contended && retries >= policy.maxRetries) ||
			signal?.aborted
		) {
			if (rateLimited) flow.pace.rateLimited(start, 0);
			const notResent =
				!policy.resendMaybeRead &&
				resendKind(outcome) === 'maybeRead' &&
				retries < policy.maxRetries &&
				!signal?.aborted;
			return { outcome, attempts: attempt, notResent };
		}
		if (contended) contendedRetries += 1;
		else retries += 1;
		const retryAfterMs = outcome.answered
			? parseRetryAfter(outcome.response.retryAfter, Date.now(), policy.maxRetryAfterMs)
			: undefined;
		// Backoff grows with the retries that count; a contended 429 waits like a first retry.
		const wait = retryDelayMs(Math.max(retries, 1), retryAfterMs, policy, Math.random);
		if (rateLimited) flow.pace.rateLimited(start, wait);
		await flow.waitToRetry(wait, signal);
	}
}
