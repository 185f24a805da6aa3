import { randomUUID } from 'crypto';

/** A multipart/form-data body, whole, with the Content-Type that names its boundary. */
export interface MultipartBody {
	readonly body: Buffer;
	readonly contentType: string;
}

export interface MultipartFile {
	readonly bytes: Buffer;
	readonly fileName: string;
	readonly mimeType: string;
}

/** Quotes a header parameter the way browsers do (WHATWG multipart/form-data encoding). */
const quoted = (value: string): string => value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * Encodes one file part and some text parts (RFC 7578). We build the body as a Buffer rather than
 * a FormData of Blobs: Blob memory is invisible to V8's garbage collector, so a batch of large
 * scans kept hundreds of MB of finished uploads alive (measured: 762 MB vs 202 MB for 100 × 10 MB);
 * a Buffer is freed as soon as its request is done.
 */
export function multipartBody(fileField: string, file: MultipartFile, fields: Readonly<Record<string, string>>): MultipartBody {
	const boundary = `----glair-vision-${randomUUID()}`;
	const textParts = Object.entries(fields).map(
		([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
	);
	const fileHead =
		`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(fileField)}"; filename="${quoted(file.fileName)}"\r\n` +
		`Content-Type: ${file.mimeType}\r\n\r\n`;
	return {
		body: Buffer.concat([
			Buffer.from(fileHead, 'utf8'),
			file.bytes,
			Buffer.from(`\r\n${textParts.join('')}--${boundary}--\r\n`, 'utf8'),
		]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
