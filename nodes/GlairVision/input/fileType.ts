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

/** Walks JPEG marker segments up to the start of scan; a cut-off header never reaches it. */
function checkJpeg(bytes: Uint8Array): DetectedFile {
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
	return broken('JPEG image', 'the JPEG header is incomplete (the file looks cut off)');
}

function checkTiff(bytes: Uint8Array, littleEndian: boolean): DetectedFile {
	if (bytes.length < 8) {
		return broken('TIFF image', 'the TIFF header is incomplete (the file looks cut off)');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const firstDirectory = view.getUint32(4, littleEndian);
	if (firstDirectory < 8 || firstDirectory + 2 > bytes.length) {
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

function checkPdf(bytes: Uint8Array, headerOffset: number): DetectedFile {
	// A complete PDF has %%EOF after its header, often followed by padding (zeros, whitespace, KiBs of it).
	// Searched natively from the end: a 10 MB file is never turned into a string.
	if (asBuffer(bytes).lastIndexOf(PDF_END_MARKER) < headerOffset + PDF_HEADER.length) {
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

export function detectFileType(bytes: Uint8Array): DetectedFile {
	if (bytes.length === 0) return broken('empty file', 'the file is empty (0 bytes)');
	if (startsWith(bytes, PNG_SIGNATURE)) return checkPng(bytes);
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return checkJpeg(bytes);
	if (startsWith(bytes, [0xff, 0xd8]))
		return broken('JPEG image', 'the JPEG header is incomplete (the file looks cut off)');
	if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00])) return checkTiff(bytes, true);
	if (startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return checkTiff(bytes, false);
	const pdfHeader = pdfHeaderOffset(bytes);
	if (pdfHeader !== undefined) return checkPdf(bytes, pdfHeader);
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
