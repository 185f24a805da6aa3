import { FlowControl } from '../../nodes/GlairVision/transport/flowControl';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FlowControl', () => {
	it('lets at most maxConcurrency requests in', async () => {
		const flow = new FlowControl(2);
		await flow.acquire();
		await flow.acquire();
		let third = false;
		void flow.acquire().then(() => (third = true));
		await tick();
		expect(third).toBe(false);
		flow.release();
		await tick();
		expect(third).toBe(true);
	});

	it('does not pace before GLAIR has rate-limited the run', () => {
		const flow = new FlowControl(5);
		flow.onAccepted();
		expect(flow.pace).toBeUndefined();
	});

	it('after a 429 paces just under the rate GLAIR was accepting, and probes upwards later', () => {
		let now = 1_000_000;
		const flow = new FlowControl(10, () => now);
		for (let index = 0; index < 10; index++) {
			now += 50;
			flow.onAccepted();
		}
		flow.onRateLimited(1000);
		expect(flow.pace).toBeCloseTo(9.7);
		// more 429s of the same wave change nothing
		flow.onRateLimited(1000);
		expect(flow.pace).toBeCloseTo(9.7);
		now += 10_000;
		flow.onAccepted();
		expect(flow.pace).toBeCloseTo(9.7 * 1.03);
		now += 500;
		flow.onAccepted();
		expect(flow.pace).toBeCloseTo(9.7 * 1.03);
	});

	it('a 429 while paced slows the pace down again', () => {
		let now = 1_000_000;
		const flow = new FlowControl(10, () => now);
		for (let index = 0; index < 10; index++) flow.onAccepted();
		flow.onRateLimited(1000);
		now += 5_000;
		for (let index = 0; index < 9; index++) flow.onAccepted();
		flow.onRateLimited(1000);
		expect(flow.pace).toBeCloseTo(9 * 0.97);
	});

	it('a 429 while paced (a probe one step too far) slows the pace but pauses nobody else', async () => {
		const flow = new FlowControl(10);
		for (let index = 0; index < 10; index++) flow.onAccepted();
		expect(flow.onRateLimited(0)).toBe(true); // the first 429: everyone waits
		await flow.acquire();
		flow.release();
		const pace = flow.pace ?? NaN;
		expect(flow.onRateLimited(60_000)).toBe(false); // the rejected request waits on its own
		expect(flow.pace).toBeLessThan(pace);
		const started = Date.now();
		await flow.acquire();
		expect(Date.now() - started).toBeLessThan(30_000);
	});

	it('holds new requests during a Retry-After pause', async () => {
		const flow = new FlowControl(5);
		flow.onRateLimited(150);
		const started = Date.now();
		await flow.acquire();
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('spaces requests at the pace', async () => {
		let now = 1_000_000;
		const flow = new FlowControl(5, () => now);
		for (let index = 0; index < 20; index++) flow.onAccepted();
		flow.onRateLimited(0); // pace 19/s: one start every ~52.6 ms of the fake clock
		await flow.acquire();
		let second = false;
		void flow.acquire().then(() => (second = true));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(second).toBe(false); // the fake clock has not moved: the second start must wait
		now += 60;
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect(second).toBe(true);
	});
});
