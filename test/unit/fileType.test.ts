import {
	detectFileType,
	judgeFile,
	sampleFile,
	signatureKind,
} from '../../nodes/GlairVision/input/fileType';
import { formatOf } from '../../tools/emulator';
import { uploadFileName } from '../../nodes/GlairVision/input/document';

const bytes = (...parts: Array<number[] | string>): Buffer =>
	Buffer.concat(
		parts.map((part) =>
			typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part),
		),
	);

const PNG = bytes(
	[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
	[0, 0, 0, 13],
	'IHDR',
	new Array(17).fill(0),
);
// SOI, APP0 (length 16), SOF0 (length 11), SOS (length 8), scan data, EOI
const JPEG = bytes(
	[0xff, 0xd8],
	[0xff, 0xe0, 0x00, 0x10],
	'JFIF\0',
	[1, 1, 0, 0, 1, 0, 1, 0, 0],
	[0xff, 0xc0, 0x00, 0x0b, 8, 0, 1, 0, 1, 1, 1, 0x11, 0],
	[0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0],
	[0x12, 0x34],
	[0xff, 0xd9],
);
const TIFF_LE = bytes('II', [0x2a, 0, 8, 0, 0, 0], [0, 0], [0, 0, 0, 0]);
const TIFF_BE = bytes('MM', [0, 0x2a, 0, 0, 0, 8], [0, 0], [0, 0, 0, 0]);
const PDF = bytes('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('detectFileType', () => {
	it.each([
		['PNG', PNG, 'png', 'image/png', 'png'],
		['JPEG', JPEG, 'jpeg', 'image/jpeg', 'jpg'],
		['little-endian TIFF', TIFF_LE, 'tiff', 'image/tiff', 'tiff'],
		['big-endian TIFF', TIFF_BE, 'tiff', 'image/tiff', 'tiff'],
		['PDF', PDF, 'pdf', 'application/pdf', 'pdf'],
	])('recognises a %s by its bytes', (_name, file, kind, mimeType, extension) => {
		expect(detectFileType(file)).toMatchObject({ kind, mimeType, extension });
	});

	it.each([
		['an empty file', Buffer.alloc(0), /empty/],
		['a PNG cut inside its header', PNG.subarray(0, 20), /PNG header is incomplete/],
		['a JPEG cut inside its header', JPEG.subarray(0, 12), /JPEG header is incomplete/],
		['a JPEG of two bytes', JPEG.subarray(0, 2), /JPEG header is incomplete/],
		[
			'a JPEG with a corrupt segment',
			bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], new Array(14).fill(0), [0x00, 0x11, 0, 0]),
			/corrupt/,
		],
		[
			'a TIFF whose directory lies past the end',
			bytes('II', [0x2a, 0, 0xff, 0, 0, 0]),
			/directory is missing/,
		],
		['a PDF without %%EOF', bytes('%PDF-1.7\n1 0 obj<<>>endobj\n'), /cut off/],
	])('flags %s as broken', (_name, file, problem) => {
		const detected = detectFileType(file);
		expect(detected.kind).toBe('broken');
		if (detected.kind === 'broken') expect(detected.problem).toMatch(problem);
	});

	it.each([
		['GIF', bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0]), 'GIF image'],
		['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'WebP image'],
		['BMP', bytes('BM', new Array(20).fill(0)), 'BMP image'],
		['HEIC', bytes([0, 0, 0, 0x18], 'ftypheic'), 'HEIC/HEIF or MP4 file'],
		[
			'Word .docx',
			bytes([0x50, 0x4b, 0x03, 0x04], new Array(26).fill(0), 'word/document.xml'),
			'Word document (.docx)',
		],
		[
			'Excel .xlsx',
			bytes([0x50, 0x4b, 0x03, 0x04], new Array(26).fill(0), 'xl/workbook.xml'),
			'Excel workbook (.xlsx)',
		],
		[
			'old Word .doc',
			bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(8).fill(0)),
			'Microsoft Office document (Word/Excel, old format)',
		],
		['text renamed .jpg', bytes('This is not a picture.\nJust text.\n'), 'text file'],
		['random bytes', bytes([0x00, 0x01, 0x02, 0xfe, 0x80]), 'file of an unknown type'],
	])('names a %s', (_name, file, label) => {
		expect(detectFileType(file)).toEqual({ kind: 'other', label });
	});

	describe('PDF header and end marker positions', () => {
		// PDF readers accept junk (a mail header, a BOM, a print spooler's preamble) before %PDF- in the first 1024 bytes.
		const pdfAfter = (junkBytes: number) => Buffer.concat([Buffer.alloc(junkBytes, 'A'), PDF]);

		it.each([
			['a few bytes of junk', 3],
			['a mail header', 200],
			['junk filling the first KiB up to the header', 1019],
		])('accepts a PDF after %s', (_name, junkBytes) => {
			const file = pdfAfter(junkBytes);
			expect(detectFileType(file)).toMatchObject({ kind: 'pdf', mimeType: 'application/pdf' });
			expect(signatureKind(file)).toBe('pdf');
			expect(formatOf(file)).toBe('pdf');
		});

		it('accepts a header that starts within the first 1024 bytes but ends past them', () => {
			const file = pdfAfter(1023);
			expect(detectFileType(file).kind).toBe('pdf');
			expect(signatureKind(file)).toBe('pdf');
			expect(formatOf(file)).toBe('pdf');
		});

		it.each([1024, 1025])('does not take %PDF- at offset %p for a PDF', (junkBytes) => {
			const file = pdfAfter(junkBytes);
			expect(detectFileType(file)).toEqual({ kind: 'other', label: 'text file' });
			expect(signatureKind(file)).toBeUndefined();
			expect(formatOf(file)).toBeUndefined();
		});

		it('flags a PDF after junk without %%EOF as cut off', () => {
			const detected = detectFileType(bytes('garbage\n', '%PDF-1.7\n1 0 obj<<>>endobj\n'));
			expect(detected).toMatchObject({
				kind: 'broken',
				label: 'PDF document',
				problem: expect.stringMatching(/cut off/),
			});
		});

		it.each([
			['5 KiB of zeros', Buffer.alloc(5 * 1024)],
			['3 KiB of whitespace', Buffer.alloc(3 * 1024, ' \r\n')],
		])('accepts %s of padding after the end marker', (_name, padding) => {
			expect(detectFileType(Buffer.concat([PDF, padding])).kind).toBe('pdf');
		});

		it('finds %%EOF far from the end of a large PDF', () => {
			const file = Buffer.concat([
				bytes('%PDF-1.4\n'),
				Buffer.alloc(2 * 1024 * 1024, 'x'),
				bytes('\n%%EOF'),
				Buffer.alloc(64 * 1024),
			]);
			expect(detectFileType(file).kind).toBe('pdf');
		});

		it('does not take a %%EOF inside the header as the end marker', () => {
			const detected = detectFileType(
				Buffer.concat([bytes('%%EOF\n%PDF-1.4\n1 0 obj<<>>endobj\n'), Buffer.alloc(4096)]),
			);
			expect(detected).toMatchObject({
				kind: 'broken',
				problem: expect.stringMatching(/no end marker/),
			});
		});
	});

	it('reads a Buffer that is a view into a larger pool', () => {
		const pool = Buffer.concat([Buffer.from('junk'), TIFF_LE]);
		expect(detectFileType(pool.subarray(4)).kind).toBe('tiff');
	});
});

describe('uploadFileName', () => {
	it.each([
		['scan.jpg', 'jpg', 'scan.jpg'],
		['SCAN.JPEG', 'jpg', 'SCAN.JPEG'],
		['page.TIF', 'tiff', 'page.TIF'],
		['photo.png', 'jpg', 'photo.jpg'],
		['archive.tar.gz', 'pdf', 'archive.tar.pdf'],
		['noextension', 'png', 'noextension.png'],
		['C:\\Users\\ani\\stnk.jpg', 'jpg', 'stnk.jpg'],
		['/tmp/uploads/bpkb.pdf', 'pdf', 'bpkb.pdf'],
		[undefined, 'pdf', 'document.pdf'],
		['', 'png', 'document.png'],
		['.hidden', 'png', '.hidden.png'],
	])('%p with %p content is sent as %p', (original, extension, expected) => {
		expect(uploadFileName(original, extension, 'document')).toBe(expected);
	});
});

describe('sampleFile: the check of a file streamed in chunks', () => {
	async function* inChunks(file: Buffer, size: number) {
		for (let offset = 0; offset < file.length; offset += size)
			yield file.subarray(offset, offset + size);
	}
	const sampled = async (file: Buffer, chunkSize: number, headBytes = 64) =>
		await sampleFile(inChunks(file, chunkSize), headBytes, () => true);

	// A JPEG whose header (a 70-byte comment) goes on past the 64 bytes sampled.
	const longHeaderJpeg = bytes([0xff, 0xd8], [0xff, 0xfe, 0x00, 72], 'x'.repeat(70), [
		...JPEG.subarray(2),
	]);
	const padding = new Array<number>(300).fill(0);
	it.each([
		['PNG', PNG],
		['JPEG', JPEG],
		['JPEG with a header past the sampled head', longHeaderJpeg],
		['JPEG cut inside its long header', longHeaderJpeg.subarray(0, 60)],
		['TIFF', TIFF_LE],
		['TIFF whose directory lies past the end', bytes('II', [0x2a, 0, 0xff, 0, 0, 0], padding)],
		['PDF', PDF],
		['PDF with padding after %%EOF', Buffer.concat([PDF, Buffer.from(padding)])],
		['PDF without %%EOF', bytes('%PDF-1.7\n', padding)],
		['text', bytes('just some text\n')],
	])('judges a %s as detectFileType does, whatever the chunks', async (_name, file) => {
		for (const chunkSize of [1, 2, 3, 5, 7, 64, 100, 4096]) {
			const sample = await sampled(file, chunkSize);
			expect(sample).toMatchObject({ length: file.length, whole: true });
			expect(judgeFile(sample)).toEqual(detectFileType(file));
		}
	});

	it('keeps only the head (and a JPEG header), not the file', async () => {
		const pdf = Buffer.concat([bytes('%PDF-1.4\n'), Buffer.alloc(10_000, 0x20), bytes('%%EOF')]);
		const sample = await sampled(pdf, 1000);
		expect(sample.head.length).toBe(64);
		expect(sample.lastEndMarker()).toBe(pdf.length - 5);
		expect((await sampled(longHeaderJpeg, 10)).head.length).toBeGreaterThan(76);
	});

	it('stops after the head when told to, and says it did not read the whole file', async () => {
		let read = 0;
		async function* counted() {
			for await (const chunk of inChunks(Buffer.alloc(1000, 0x41), 10)) {
				read += chunk.length;
				yield chunk;
			}
		}
		const sample = await sampleFile(counted(), 64, () => false);
		expect(sample.whole).toBe(false);
		expect(read).toBeLessThan(100);
		expect(judgeFile(sample)).toEqual({ kind: 'other', label: 'text file' });
	});
});
