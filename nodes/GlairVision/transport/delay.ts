import { sleep, sleepWithAbort } from 'n8n-workflow';

import { executionCancelled } from '../messages';

/** Why a wait ended early: the reason it was stopped for, when it gave one. */
export const cancellation = (signal: AbortSignal): Error =>
	signal.reason instanceof Error && signal.reason.name !== 'AbortError'
		? signal.reason
		: new Error(executionCancelled);

/**
 * Waits `ms`, or less if the execution is cancelled or the run stops (then rejects, and the timer is
 * cleared, so a cancelled wait holds nothing for the rest of its time). n8n-workflow's
 * `sleepWithAbort` clears it; it never removes its listener from the signal, so it gets one of its
 * own per wait, not the run's (one per wait would pile up on a long run). An n8n whose n8n-workflow
 * lacks `sleepWithAbort` gets `sleep`, whose timer runs out.
 */
export async function delay(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw cancellation(signal);
	if (signal && typeof sleepWithAbort === 'function') {
		const thisWait = new AbortController();
		const onAbort = () => thisWait.abort();
		signal.addEventListener('abort', onAbort, { once: true });
		try {
			await sleepWithAbort(ms, thisWait.signal);
		} catch (error) {
			throw signal.aborted ? cancellation(signal) : error;
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
		return;
	}
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => reject(cancellation(signal as AbortSignal));
		signal?.addEventListener('abort', onAbort, { once: true });
		void sleep(ms).then(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		});
	});
}
