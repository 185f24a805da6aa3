import type { IExecuteFunctions } from 'n8n-workflow';

import { delay } from './delay';
import type { FlowControl } from './flowControl';
import { postDocument, type PostDocumentRequest, type TransportOutcome } from './index';
import { isRetryable, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry';

export interface SendResult {
	readonly outcome: TransportOutcome;
	readonly attempts: number;
}

/**
 * Sends one document, retrying what is worth retrying (429, 502–504, dropped connections)
 * with backoff, and taking part in the run's shared flow control.
 */
export async function sendDocument(
	this: IExecuteFunctions,
	request: PostDocumentRequest,
	policy: RetryPolicy,
	flow: FlowControl,
): Promise<SendResult> {
	const signal = this.getExecutionCancelSignal?.();
	for (let attempt = 1; ; attempt++) {
		await flow.acquire(signal);
		let outcome: TransportOutcome;
		try {
			outcome = await postDocument.call(this, request);
		} finally {
			flow.release();
		}
		const rateLimited = outcome.answered && outcome.response.statusCode === 429;
		if (outcome.answered && !rateLimited) flow.onAccepted();
		if (!isRetryable(outcome)) return { outcome, attempts: attempt };
		if (attempt > policy.maxRetries || signal?.aborted) return { outcome, attempts: attempt };

		const retryAfterMs = outcome.answered
			? parseRetryAfter(outcome.response.retryAfter, Date.now(), policy.maxRetryAfterMs)
			: undefined;
		const wait = retryDelayMs(attempt, retryAfterMs, policy, Math.random);
		// After the run's first 429 everyone waits, and the next acquire() sleeps it out.
		const everyoneWaits = rateLimited && flow.onRateLimited(wait);
		if (!everyoneWaits) await delay(wait, signal);
	}
}
