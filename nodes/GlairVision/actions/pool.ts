export type Settled<T> =
	| { readonly state: 'fulfilled'; readonly value: T }
	| { readonly state: 'rejected'; readonly reason: unknown }
	| { readonly state: 'skipped' };

/**
 * Runs task(0..count-1) with at most `limit` in flight and returns their outcomes by index.
 * With `stopOnFailure`, once one has failed no new task starts and `stopped` tells the running
 * ones (those that end on it are 'skipped'): when the first document fails on wrong credentials,
 * the other hundred are not sent as well.
 */
export async function runPool<T>(
	count: number,
	limit: number,
	task: (index: number, stopped: AbortSignal) => Promise<T>,
	stopOnFailure: boolean,
): Promise<Array<Settled<T>>> {
	const outcomes: Array<Settled<T>> = Array.from({ length: count }, () => ({ state: 'skipped' }));
	const stop = new AbortController();
	const stopReason = new Error('Another document failed');
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < count && !stop.signal.aborted) {
			const index = next++;
			try {
				outcomes[index] = { state: 'fulfilled', value: await task(index, stop.signal) };
			} catch (reason) {
				if (reason === stopReason) continue;
				outcomes[index] = { state: 'rejected', reason };
				if (stopOnFailure) stop.abort(stopReason);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
	return outcomes;
}
