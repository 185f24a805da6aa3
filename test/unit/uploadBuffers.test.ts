/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
import { UploadBuffers } from '../../nodes/GlairVision/input/uploadBuffers';

describe('UploadBuffers', () => {
	it('lends exactly the size asked for', () => {
		expect(new UploadBuffers(2).lease(1234).body).toHaveLength(1234);
	});

	it('gives a released buffer to the next document that fits in it', () => {
		const buffers = new UploadBuffers(2);
		const first = buffers.lease(1000);
		first.release();
		const second = buffers.lease(800);
		expect(second.body.buffer).toBe(first.body.buffer);
		expect(second.body).toHaveLength(800);
	});

	it('never lends one buffer twice at the same time', () => {
		const buffers = new UploadBuffers(2);
		const first = buffers.lease(1000);
		const second = buffers.lease(1000);
		expect(second.body.buffer).not.toBe(first.body.buffer);
		first.release();
		first.release(); // a second release must not put it on the shelf twice
		const third = buffers.lease(1000);
		const fourth = buffers.lease(1000);
		expect(fourth.body.buffer).not.toBe(third.body.buffer);
	});

	it('keeps at most as many buffers as documents in flight, dropping the smallest', () => {
		const buffers = new UploadBuffers(1);
		const small = buffers.lease(100);
		small.release();
		const big = buffers.lease(10_000);
		expect(big.body.buffer).not.toBe(small.body.buffer);
		big.release();
		expect(buffers.lease(50).body.buffer).toBe(big.body.buffer);
	});
});

describe('UploadBuffers and requests still running', () => {
	it('does not lend a body again while an exchange kept on it is running, even after release', async () => {
		const buffers = new UploadBuffers(2);
		const first = buffers.lease(1000);
		let settle: () => void = () => {};
		first.keepUntil(new Promise<void>((resolve) => (settle = resolve)));
		first.release();
		const second = buffers.lease(1000);
		expect(second.body.buffer).not.toBe(first.body.buffer);
		settle();
		await new Promise((resolve) => setImmediate(resolve));
		expect(buffers.lease(1000).body.buffer).toBe(first.body.buffer);
	});

	it('a failed exchange frees the body too', async () => {
		const buffers = new UploadBuffers(1);
		const first = buffers.lease(1000);
		first.keepUntil(Promise.reject(new Error('reset')));
		first.release();
		await new Promise((resolve) => setImmediate(resolve));
		expect(buffers.lease(1000).body.buffer).toBe(first.body.buffer);
	});
});
