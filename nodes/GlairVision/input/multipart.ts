import { randomUUID } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/** A stream as n8n's binary store gives it (Node's Readable). */
export type BodyStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

/** A multipart/form-data body with the Content-Type that names its boundary. */
export interface MultipartBody {
	/**
	 * The body whole in memory, sent as it is by every attempt; or, for a file in n8n's store
	 * (filesystem, database mode), a function that opens a fresh stream of it for each attempt.
	 */
	readonly body: Buffer | (() => Promise<BodyStream>);
	/** Its length in bytes: the request's Content-Length. */
	readonly length: number;
	readonly contentType: string;
}

/** Quotes a header parameter the way browsers do (WHATWG multipart/form-data encoding). */
const quoted = (value: string): string =>
	value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** What goes before and after the file's bytes in the body. */
export interface MultipartFrame {
	readonly head: Buffer;
	readonly tail: Buffer;
	readonly contentType: string;
}

/**
 * Encodes one file part and some text parts (RFC 7578) around bytes the caller places between
 * `head` and `tail`. We build the body as one Buffer rather than a FormData of Blobs: Blob memory
 * is invisible to V8's garbage collector, so a batch of large scans kept hundreds of MB of finished
 * uploads alive (measured: 762 MB vs 202 MB for 100 × 10 MB); a Buffer is freed with its request.
 */
export function multipartFrame(
	fileField: string,
	file: { readonly fileName: string; readonly mimeType: string },
	fields: Readonly<Record<string, string>>,
): MultipartFrame {
	const boundary = `----glair-vision-${randomUUID()}`;
	const textParts = Object.entries(fields).map(
		([name, value]) =>
			`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
	);
	// Text fields first: a server that streams the upload knows the BPKB page before the file arrives.
	return {
		head: Buffer.from(
			`${textParts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="${quoted(fileField)}"; filename="${quoted(file.fileName)}"\r\n` +
				`Content-Type: ${file.mimeType}\r\n\r\n`,
			'utf8',
		),
		tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
