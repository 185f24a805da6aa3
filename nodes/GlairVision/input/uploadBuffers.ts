/** A request body on loan from `UploadBuffers`. */
export interface BodyLease {
	/** Exactly `size` bytes for the caller to fill completely. */
	readonly body: Buffer;
	/** The document is done with the body; it is reused once every exchange kept on it has settled. */
	release(): void;
	/** An HTTP exchange reads the body until `settled`: even a request given up on may still be sending it. */
	keepUntil(settled: Promise<unknown>): void;
}

/**
 * Request-body memory reused from document to document. A fresh 10 MB Buffer per document is freed
 * only when V8 gets round to it, so a batch of large scans grew n8n by many finished uploads; with
 * reuse the run holds about one buffer per document in flight (`concurrency`), whatever the batch size.
 */
export class UploadBuffers {
	private readonly free: Buffer[] = [];

	constructor(private readonly maxKept: number) {}

	lease(size: number): BodyLease {
		const fitting = this.free
			.map((buffer, index) => ({ buffer, index }))
			.filter(({ buffer }) => buffer.length >= size)
			.sort((a, b) => a.buffer.length - b.buffer.length)[0];
		let buffer: Buffer;
		if (fitting) {
			buffer = fitting.buffer;
			this.free.splice(fitting.index, 1);
		} else {
			// Too small for this document: let the smallest go rather than keep it beside a bigger one.
			if (this.free.length >= this.maxKept) this.free.sort((a, b) => a.length - b.length).shift();
			// Slow: outside Node's shared 8 KiB pool, so the memory is ours alone to reuse.
			buffer = Buffer.allocUnsafeSlow(size);
		}
		let released = false;
		let exchangesRunning = 0;
		const shelveWhenIdle = () => {
			if (released && exchangesRunning === 0 && this.free.length < this.maxKept)
				this.free.push(buffer);
		};
		return {
			body: buffer.subarray(0, size),
			release: () => {
				if (released) return;
				released = true;
				shelveWhenIdle();
			},
			keepUntil: (settled) => {
				exchangesRunning += 1;
				const done = () => {
					exchangesRunning -= 1;
					shelveWhenIdle();
				};
				void settled.then(done, done);
			},
		};
	}
}
