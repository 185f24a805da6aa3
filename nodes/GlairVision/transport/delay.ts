import { sleep } from 'n8n-workflow';

import { executionCancelled } from '../messages';

/**
 * Waits `ms`, or less if the execution is cancelled (then rejects). n8n-workflow's own
 * `sleepWithAbort` is not exported by every n8n version we support; `sleep` is.
 */
export async function delay(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new Error(executionCancelled);
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => reject(new Error(executionCancelled));
		signal?.addEventListener('abort', onAbort, { once: true });
		void sleep(ms).then(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		});
	});
}
