import type { AcceptedFileKind } from '../catalogue';

/**
 * What a file is, judged by its bytes. Users' files arrive with wrong names and MIME types
 * (mail clients send `application/octet-stream`, people rename files), and GLAIR judges the
 * content, so we do too, before spending a request on it.
 */
export type DetectedFile =
	| {
			readonly kind: AcceptedFileKind;
			readonly label: string;
			readonly extension: string;
			readonly mimeType: string;
	  }
	| { readonly kind: 'other'; readonly label: string }
	| { readonly kind: 'broken'; readonly label: string; readonly problem: string };

export const ACCEPTED_FORMATS: Readonly<
	Record<AcceptedFileKind, { label: string; extension: string; mimeType: string }>
> = {
	png: { label: 'PNG image', extension: 'png', mimeType: 'image/png' },
	jpeg: { label: 'JPEG image', extension: 'jpg', mimeType: 'image/jpeg' },
	tiff: { label: 'TIFF image', extension: 'tiff', mimeType: 'image/tiff' },
	pdf: { label: 'PDF document', extension: 'pdf', mimeType: 'application/pdf' },
};

const accepted = (kind: AcceptedFileKind): DetectedFile => ({ kind, ...ACCEPTED_FORMATS[kind] });
const broken = (label: string, problem: string): DetectedFile => ({
	kind: 'broken',
	label,
	problem,
});
const other = (label: string): DetectedFile => ({ kind: 'other', label });

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
	bytes.length >= offset + signature.length &&
	signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));

/** The same bytes as a Buffer, without copying (the input may be a view into a larger pool). */
const asBuffer = (bytes: Uint8Array): Buffer =>
	Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function checkPng(bytes: Uint8Array): DetectedFile {
	// Signature (8) + IHDR chunk: length (4), "IHDR" (4), 13 data bytes, CRC (4).
	if (bytes.length < 33 || !startsWith(bytes, ascii('IHDR'), 12)) {
		return broken('PNG image', 'the PNG header is incomplete (the file looks cut off)');
	}
	return accepted('png');
}

const jpegCutOff = () =>
	broken('JPEG image', 'the JPEG header is incomplete (the file looks cut off)');

/**
 * Walks JPEG marker segments up to the start of scan; undefined when the bytes end first (a cut-off
 * header, or one that goes on past the bytes read so far).
 */
function walkJpeg(bytes: Uint8Array): DetectedFile | undefined {
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) {
			return broken('JPEG image', 'the JPEG header is corrupt');
		}
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset += 1; // fill byte
			continue;
		}
		if (marker === 0xda) {
			return accepted('jpeg'); // start of scan: the header is complete
		}
		if (marker === 0xd9) {
			break; // end of image before any scan
		}
		if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			offset += 2;
			continue;
		}
		const segmentLength = (bytes[offset + 2] << 8) | bytes[offset + 3];
		if (segmentLength < 2) {
			return broken('JPEG image', 'the JPEG header is corrupt');
		}
		offset += 2 + segmentLength;
	}
	return offset + 4 <= bytes.length ? jpegCutOff() : undefined;
}

function checkTiff(bytes: Uint8Array, length: number, littleEndian: boolean): DetectedFile {
	if (length < 8) {
		return broken('TIFF image', 'the TIFF header is incomplete (the file looks cut off)');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const firstDirectory = view.getUint32(4, littleEndian);
	if (firstDirectory < 8 || firstDirectory + 2 > length) {
		return broken('TIFF image', 'the TIFF image directory is missing (the file looks cut off)');
	}
	return accepted('tiff');
}

const PDF_HEADER = Buffer.from('%PDF-', 'latin1');
const PDF_END_MARKER = Buffer.from('%%EOF', 'latin1');
/** PDF readers accept the header anywhere in the first 1024 bytes (after a mail header, a spooler's preamble...). */
const PDF_HEADER_WINDOW = 1024;

/** Where `%PDF-` starts, if it starts within the first 1024 bytes. */
function pdfHeaderOffset(bytes: Uint8Array): number | undefined {
	const window = asBuffer(bytes).subarray(0, PDF_HEADER_WINDOW + PDF_HEADER.length - 1);
	const offset = window.indexOf(PDF_HEADER);
	return offset < 0 ? undefined : offset;
}

function checkPdf(lastEndMarker: number, headerOffset: number): DetectedFile {
	// A complete PDF has %%EOF after its header, often followed by padding (zeros, whitespace, KiBs of it).
	if (lastEndMarker < headerOffset + PDF_HEADER.length) {
		return broken('PDF document', 'the PDF has no end marker (%%EOF): the file looks cut off');
	}
	return accepted('pdf');
}

function looksLikeText(bytes: Uint8Array): boolean {
	const sample = bytes.subarray(0, 512);
	return sample.every(
		(byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte !== 0x7f),
	);
}

function looksLikeHtml(bytes: Uint8Array): boolean {
	// latin1 shows a UTF-8 byte order mark as "ï»¿".
	const head = asBuffer(bytes).subarray(0, 1024).toString('latin1').replace(/^ï»¿/, '');
	return /^\s*(<!doctype html|<html|<head|<body)/i.test(head);
}

/** Which accepted format the first bytes announce, without checking the rest of the file. */
export function signatureKind(head: Uint8Array): AcceptedFileKind | undefined {
	if (startsWith(head, PNG_SIGNATURE)) return 'png';
	if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
		return 'tiff';
	if (pdfHeaderOffset(head) !== undefined) return 'pdf';
	return undefined;
}

/**
 * What the check reads of a file: its first bytes (at least 64 KiB, and a JPEG's whole header), its
 * length, and where its last %%EOF starts (-1: nowhere). A file in memory gives all of it at once;
 * one streamed from n8n's store is sampled as it passes (sampleFile), never held whole.
 */
export interface FileSample {
	readonly head: Uint8Array;
	readonly length: number;
	readonly lastEndMarker: () => number;
}

export function detectFileType(bytes: Uint8Array): DetectedFile {
	// Searched natively from the end: a 10 MB file is never turned into a string.
	const lastEndMarker = () => asBuffer(bytes).lastIndexOf(PDF_END_MARKER);
	return judgeFile({ head: bytes, length: bytes.length, lastEndMarker });
}

export function judgeFile({ head: bytes, length, lastEndMarker }: FileSample): DetectedFile {
	if (length === 0) return broken('empty file', 'the file is empty (0 bytes)');
	if (startsWith(bytes, PNG_SIGNATURE)) return checkPng(bytes);
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return walkJpeg(bytes) ?? jpegCutOff();
	if (startsWith(bytes, [0xff, 0xd8])) return jpegCutOff();
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00])) return checkTiff(bytes, length, true);
	if (startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return checkTiff(bytes, length, false);
	const pdfHeader = pdfHeaderOffset(bytes);
	if (pdfHeader !== undefined) return checkPdf(lastEndMarker(), pdfHeader);
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
		return other('GIF image');
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
		return other('WebP image');
	if (startsWith(bytes, ascii('BM'))) return other('BMP image');
	if (startsWith(bytes, ascii('ftyp'), 4)) return other('HEIC/HEIF or MP4 file');
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
		return other('Microsoft Office document (Word/Excel, old format)');
	}
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
		const head = asBuffer(bytes).subarray(0, 4096).toString('latin1');
		if (head.includes('word/')) return other('Word document (.docx)');
		if (head.includes('xl/')) return other('Excel workbook (.xlsx)');
		return other('ZIP archive');
	}
	// What a link gives instead of its file: a sign-in, preview or share page.
	if (looksLikeHtml(bytes)) return other('web page (HTML)');
	if (looksLikeText(bytes)) return other('text file');
	return other('file of an unknown type');
}

/**
 * Reads a file chunk by chunk and keeps what judgeFile needs: the first `headBytes` (more while a
 * JPEG's header goes on), the length, the last %%EOF. `readOn` sees the first bytes: when it says
 * no (a kind the endpoint does not take), the rest is not read and `whole` is false.
 */
export async function sampleFile(
	chunks: AsyncIterable<Uint8Array>,
	headBytes: number,
	readOn: (head: Uint8Array) => boolean,
): Promise<FileSample & { readonly whole: boolean }> {
	let head = Buffer.alloc(0);
	let length = 0;
	let lastEndMarker = -1;
	/** The last bytes of the previous chunk: a %%EOF may be split between two chunks. */
	let carry = Buffer.alloc(0);
	const markerTail = PDF_END_MARKER.length - 1;
	const sample = (whole: boolean) => {
		const end = lastEndMarker;
		return { head, length, lastEndMarker: () => end, whole };
	};
	const headGoesOn = () =>
		head.length < headBytes ||
		(startsWith(head, [0xff, 0xd8, 0xff]) && walkJpeg(head) === undefined);
	for await (const chunk of chunks) {
		const bytes = asBuffer(chunk);
		const across = Buffer.concat([carry, bytes.subarray(0, markerTail)]).lastIndexOf(
			PDF_END_MARKER,
		);
		if (across >= 0) lastEndMarker = length - carry.length + across;
		const within = bytes.lastIndexOf(PDF_END_MARKER);
		if (within >= 0) lastEndMarker = length + within;
		carry = Buffer.concat([carry, bytes.subarray(-markerTail)]).subarray(-markerTail);
		const wasHead = head.length < headBytes;
		if (headGoesOn()) {
			const wanted = wasHead ? headBytes - head.length : bytes.length;
			head = Buffer.concat([head, bytes.subarray(0, wanted)]);
			if (headGoesOn()) head = Buffer.concat([head, bytes.subarray(wanted)]);
		}
		length += bytes.length;
		if (wasHead && head.length >= headBytes && !readOn(head)) return sample(false);
	}
	return sample(head.length >= headBytes || readOn(head));
}
