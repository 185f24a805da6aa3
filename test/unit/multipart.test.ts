/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

import { multipartFrame } from '../../nodes/GlairVision/input/multipart';

const multipartBody = (
	field: string,
	file: { bytes: Buffer; fileName: string; mimeType: string },
	fields: Record<string, string>,
) => {
	const frame = multipartFrame(field, file, fields);
	return {
		body: Buffer.concat([frame.head, file.bytes, frame.tail]),
		contentType: frame.contentType,
	};
};

/** Parses a body the way the GLAIR emulator (and any server) does: with busboy. */
function parse(body: Buffer, contentType: string) {
	return new Promise<{
		fields: Record<string, string>;
		files: Array<{
			field: string;
			filename: string;
			mimeType: string;
			sha256: string;
			size: number;
		}>;
	}>((resolve, reject) => {
		const fields: Record<string, string> = {};
		const files: Array<{
			field: string;
			filename: string;
			mimeType: string;
			sha256: string;
			size: number;
		}> = [];
		const parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
		parser.on('field', (name, value) => (fields[name] = value));
		parser.on('file', (field, stream, info) => {
			const hash = createHash('sha256');
			let size = 0;
			stream.on('data', (chunk: Buffer) => {
				hash.update(chunk);
				size += chunk.length;
			});
			stream.on('end', () =>
				files.push({
					field,
					filename: info.filename ?? '',
					mimeType: info.mimeType,
					sha256: hash.digest('hex'),
					size,
				}),
			);
		});
		parser.on('close', () => resolve({ fields, files }));
		parser.on('error', reject);
		Readable.from([body]).pipe(parser);
	});
}

describe('multipartFrame', () => {
	it('carries the exact bytes, file name, type and text fields', async () => {
		// bytes that contain CRLFs and dashes, as binary files do
		const bytes = Buffer.concat([
			Buffer.from('\r\n--\r\n----glair-vision-\r\n'),
			Buffer.alloc(300_000, 0xff),
			Buffer.from([0, 13, 10]),
		]);
		const { body, contentType } = multipartBody(
			'image',
			{ bytes, fileName: 'stnk 01.jpg', mimeType: 'image/jpeg' },
			{ page: '2' },
		);
		expect(contentType).toMatch(/^multipart\/form-data; boundary=----glair-vision-[0-9a-f-]{36}$/);
		const parsed = await parse(body, contentType);
		expect(parsed.fields).toEqual({ page: '2' });
		expect(parsed.files).toEqual([
			{
				field: 'image',
				filename: 'stnk 01.jpg',
				mimeType: 'image/jpeg',
				size: bytes.length,
				sha256: createHash('sha256').update(bytes).digest('hex'),
			},
		]);
	});

	it('quotes file names that would break the header', async () => {
		const { body, contentType } = multipartBody(
			'image',
			{ bytes: Buffer.from('x'), fileName: 'a"b\r\nc.png', mimeType: 'image/png' },
			{},
		);
		const parsed = await parse(body, contentType);
		expect(parsed.files[0].filename).toBe('a%22b%0D%0Ac.png');
		expect(body.toString('latin1').split('\r\n')[1]).toBe(
			'Content-Disposition: form-data; name="image"; filename="a%22b%0D%0Ac.png"',
		);
	});

	it('keeps UTF-8 file names', async () => {
		const { body, contentType } = multipartBody(
			'image',
			{
				bytes: Buffer.from('x'),
				fileName: 'STNK Budi Santoso – depan.jpg',
				mimeType: 'image/jpeg',
			},
			{},
		);
		expect((await parse(body, contentType)).files[0].filename).toBe(
			'STNK Budi Santoso – depan.jpg',
		);
	});

	it('uses a new boundary for every body', () => {
		const file = { bytes: Buffer.from('x'), fileName: 'a.png', mimeType: 'image/png' };
		expect(multipartBody('image', file, {}).contentType).not.toBe(
			multipartBody('image', file, {}).contentType,
		);
	});

	it('sends text fields (the BPKB page) before the file part', () => {
		const { body } = multipartBody(
			'image',
			{ bytes: Buffer.alloc(1000, 0x41), fileName: 'b.pdf', mimeType: 'application/pdf' },
			{ page: '3' },
		);
		const text = body.toString('latin1');
		expect(text.indexOf('name="page"')).toBeGreaterThan(-1);
		expect(text.indexOf('name="page"')).toBeLessThan(text.indexOf('name="image"'));
	});
});
