import { delay } from '../../nodes/GlairVision/transport/delay';

describe('delay', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('waits the time it is given', async () => {
		let done = false;
		void delay(1000).then(() => (done = true));
		await jest.advanceTimersByTimeAsync(999);
		expect(done).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		expect(done).toBe(true);
	});

	it('a cancelled execution ends the wait at once and leaves no timer behind', async () => {
		const controller = new AbortController();
		const waiting = delay(60_000, controller.signal);
		expect(jest.getTimerCount()).toBe(1);
		controller.abort();
		await expect(waiting).rejects.toThrow(/cancelled/);
		// A timer left running would keep a cancelled execution's memory, and a stopping worker, for a minute.
		expect(jest.getTimerCount()).toBe(0);
	});

	it("waits on a long run leave nothing on the run's signal", async () => {
		const run = new AbortController();
		const added = jest.spyOn(run.signal, 'addEventListener');
		const removed = jest.spyOn(run.signal, 'removeEventListener');
		for (let wait = 0; wait < 20; wait += 1) {
			const waiting = delay(100, run.signal);
			await jest.advanceTimersByTimeAsync(100);
			await waiting;
		}
		expect(added).toHaveBeenCalledTimes(20);
		expect(removed.mock.calls.map(([, listener]) => listener)).toEqual(
			added.mock.calls.map(([, listener]) => listener),
		);
	});

	it('gives the reason the run was stopped for, when there is one', async () => {
		const controller = new AbortController();
		const waiting = delay(60_000, controller.signal);
		controller.abort(new Error('the whole-answer deadline passed'));
		await expect(waiting).rejects.toThrow('the whole-answer deadline passed');
	});
});
