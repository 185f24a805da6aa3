export type Settled<T> =
	| { readonly state: 'fulfilled'; readonly value: T }
	| { readonly state: 'rejected'; readonly reason: unknown }
	| { readonly state: 'skipped' };

/**
 * Runs task(0..count-1) with at most `limit` in flight and returns their outcomes by index.
 * With `stopOnFailure`, no new task starts once one has failed (those are 'skipped'): when the
 * first document fails on wrong credentials, the other hundred are not sent as well.
 */
export async function runPool<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
	stopOnFailure: boolean,
): Promise<Array<Settled<T>>> {
	const outcomes: Array<Settled<T>> = Array.from({ length: count }, () => ({ state: 'skipped' }));
	let next = 0;
	let failed = false;
	const worker = async (): Promise<void> => {
		while (next < count && !(stopOnFailure && failed)) {
			const index = next++;
			try {
				outcomes[index] = { state: 'fulfilled', value: await task(index) };
			} catch (reason) {
				outcomes[index] = { state: 'rejected', reason };
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
	return outcomes;
}
