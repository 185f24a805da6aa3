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
