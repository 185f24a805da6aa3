import { sleep } from 'n8n-workflow';

import { executionCancelled } from '../messages';

/** Why a wait ended early: the reason it was stopped for, when it gave one. */
export const cancellation = (signal: AbortSignal): Error =>
	signal.reason instanceof Error && signal.reason.name !== 'AbortError'
		? signal.reason
		: new Error(executionCancelled);

/**
 * Waits `ms`, or less if the execution is cancelled or the run stops (then rejects). n8n-workflow's
 * own `sleepWithAbort` is not exported by every n8n version we support; `sleep` is.
 */
export async function delay(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw cancellation(signal);
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => reject(cancellation(signal as AbortSignal));
		signal?.addEventListener('abort', onAbort, { once: true });
		void sleep(ms).then(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		});
	});
}
