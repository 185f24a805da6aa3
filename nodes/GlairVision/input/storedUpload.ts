import type { IExecuteFunctions } from 'n8n-workflow';

import type { BodyStream, MultipartFrame } from './multipart';

/**
 * What an upload streamed from n8n's files on disk holds in memory: its first 64 KiB, read for the
 * check, and a few 64 KiB chunks on their way to the socket. Concurrency Auto counts this, not the
 * file's size, against the memory budget.
 */
const STREAMED_UPLOAD_BYTES = 256 * 1024;

/**
 * The memory a stored document's upload takes: a file n8n keeps on disk (filesystem mode) is
 * streamed; any other is held whole (n8n's database mode loads the file to stream it).
 */
export const uploadMemory = (size: number, storedId: string | undefined): number =>
	storedId?.startsWith('filesystem') ? Math.min(size, STREAMED_UPLOAD_BYTES) : size;

/**
 * The body of a file in n8n's store: each call opens a fresh stream of the frame's head, the file
 * read from the store, and the frame's tail, so a retry sends the whole body again. A file that
 * gives other than `size` bytes (changed since it was checked) ends the stream with an error before
 * the body is complete, so the request fails and GLAIR never reads a body unlike the one announced.
 */
export function storedBody(
	context: IExecuteFunctions,
	storedId: string,
	frame: MultipartFrame,
	size: number,
	changed: () => void,
): () => Promise<BodyStream> {
	return async () => {
		const file = await context.helpers.getBinaryStream(storedId);
		const body = file.compose<BodyStream>(async function* (chunks: AsyncIterable<Buffer>) {
			yield frame.head;
			let read = 0;
			for await (const chunk of chunks) {
				read += chunk.length;
				if (read > size) break;
				yield chunk;
			}
			if (read !== size) {
				changed();
				throw new Error(`The file gave ${read > size ? 'more' : 'fewer'} bytes than ${size}`);
			}
			yield frame.tail;
		});
		// A request cut short leaves the body unread: closing it closes the file.
		body.once('close', () => file.destroy());
		return body;
	};
}
