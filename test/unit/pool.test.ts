/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
import { runPool } from '../../nodes/GlairVision/actions/pool';

const deferred = () => {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
};

describe('runPool', () => {
	it('keeps outcomes in input order whatever order tasks finish in', async () => {
		const outcomes = await runPool(
			5,
			3,
			async (index) => {
				await new Promise((resolve) => setImmediate(resolve));
				if (index === 2) throw new Error('two');
				return index * 10;
			},
			false,
		);
		expect(outcomes.map((o) => o.state)).toEqual([
			'fulfilled',
			'fulfilled',
			'rejected',
			'fulfilled',
			'fulfilled',
		]);
		expect(outcomes[4]).toEqual({ state: 'fulfilled', value: 40 });
	});

	it('never has more than `limit` tasks in flight', async () => {
		let inFlight = 0;
		let peak = 0;
		await runPool(
			12,
			4,
			async () => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				inFlight--;
			},
			false,
		);
		expect(peak).toBe(4);
	});

	it('with a limit of 1 runs strictly one after another', async () => {
		const order: string[] = [];
		await runPool(
			3,
			1,
			async (index) => {
				order.push(`start ${index}`);
				await new Promise((resolve) => setImmediate(resolve));
				order.push(`end ${index}`);
			},
			false,
		);
		expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	});

	it('starts no new task after a failure when asked to stop', async () => {
		const gate = deferred();
		const started: number[] = [];
		const outcomes = await runPool(
			6,
			2,
			async (index) => {
				started.push(index);
				if (index === 0) {
					setImmediate(gate.resolve); // let task 1 finish only after task 0 has failed
					throw new Error('first fails');
				}
				await gate.promise;
				return index;
			},
			true,
		);
		expect(started).toEqual([0, 1]);
		expect(outcomes.slice(2).every((o) => o.state === 'skipped')).toBe(true);
	});
});

describe('runPool stopping on failure', () => {
	it('tells tasks still waiting to stop, and counts them as skipped, not failed', async () => {
		const outcomes = await runPool(
			3,
			3,
			async (index, stopped) => {
				if (index === 0) {
					await new Promise((resolve) => setImmediate(resolve));
					throw new Error('wrong credentials');
				}
				// The others wait (for a place at GLAIR, say) until told to stop.
				await new Promise((_, reject) =>
					stopped.addEventListener('abort', () => reject(stopped.reason), { once: true }),
				);
				return index;
			},
			true,
		);
		expect(outcomes.map((o) => o.state)).toEqual(['rejected', 'skipped', 'skipped']);
	});

	it('never stops tasks when failures do not stop the run', async () => {
		let aborted = false;
		await runPool(
			2,
			2,
			async (index, stopped) => {
				stopped.addEventListener('abort', () => (aborted = true));
				await new Promise((resolve) => setImmediate(resolve));
				if (index === 0) throw new Error('one');
				return index;
			},
			false,
		);
		expect(aborted).toBe(false);
	});
});
