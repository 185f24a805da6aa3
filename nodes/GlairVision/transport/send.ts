import type { IExecuteFunctions } from 'n8n-workflow';

import { delay } from './delay';
import type { FlowControl } from './flowControl';
import { postDocument, type PostDocumentRequest, type TransportOutcome } from './postDocument';
import { isRetryable, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry';

export interface SendResult {
	readonly outcome: TransportOutcome;
	readonly attempts: number;
}

/**
 * Sends one document, retrying what is worth retrying (429, 502–504, dropped connections) with
 * backoff, each attempt leaving when the key's shared pace allows; 429s teach the pace.
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
	for (let attempt = 1; ; attempt++) {
		const start = await flow.acquire(signal);
		let outcome: TransportOutcome;
		try {
			outcome = await postDocument.call(this, request);
		} finally {
			flow.release();
		}
		if (!isRetryable(outcome) || attempt > policy.maxRetries || signal?.aborted) {
			if (outcome.answered && outcome.response.statusCode === 429) flow.pace.rateLimited(start, 0);
			return { outcome, attempts: attempt };
		}
		const retryAfterMs = outcome.answered
			? parseRetryAfter(outcome.response.retryAfter, Date.now(), policy.maxRetryAfterMs)
			: undefined;
		const wait = retryDelayMs(attempt, retryAfterMs, policy, Math.random);
		if (outcome.answered && outcome.response.statusCode === 429) flow.pace.rateLimited(start, wait);
		await delay(wait, signal);
	}
}
