/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * Every operation and output mode, in n8n's own engine, against the emulator, in both binary
 * data modes: what comes out, how it is paired, and what GLAIR received.
 */
import {
	jpegBytes,
	notADocument,
	pdfBytes,
	pngBytes,
	tiffBytes,
} from '../../tools/fixtures/documents';
import { SAMPLES } from '../../tools/fixtures';
import { file, useEngine } from './context';

const engine = useEngine();

describe.each(['default', 'filesystem'] as const)('in binary data mode "%s"', (binaryMode) => {
	it('Read STNK → record: one flat row, and GLAIR got a proper upload', async () => {
		const { items, error } = await engine.run({
			binaryMode,
			parameters: { operation: 'readStnk', binaryPropertyName: 'data', output: 'record' },
			documents: [file(jpegBytes(), 'stnk-front.jpeg', 'image/jpeg')],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items?.[0].pairedItem).toEqual({ item: 0 });
		expect(items?.[0].binary).toBeUndefined();
		expect(items?.[0].json).toMatchObject({
			file_name: 'stnk-front.jpeg',
			document: 'stnk',
			status: 'SUCCESS',
			some_fields_invalid: false,
			stnk_nomor_registrasi: 'KT 8180 YF',
			pajak_berlaku_sampai: '08-08-2021',
			request_id: engine.emulator.requests[0].response.requestId,
		});
		const [request] = engine.emulator.requests;
		expect(request).toMatchObject({
			method: 'POST',
			path: '/ocr/v1/stnk',
			authorization: {
				username: engine.emulator.credentials.username,
				password: engine.emulator.credentials.password,
			},
			apiKey: engine.emulator.credentials.apiKey,
			fields: {},
			files: [
				{
					field: 'image',
					filename: 'stnk-front.jpeg',
					contentType: 'image/jpeg',
					size: jpegBytes().length,
				},
			],
		});
	});

	it('Read STNK With Table → tableRows: one item per row, paired', async () => {
		const { items } = await engine.run({
			binaryMode,
			parameters: { operation: 'readStnkWithTable', output: 'tableRows' },
			documents: [file(pngBytes(), 'tax.png', 'image/png')],
		});
		expect(engine.emulator.requests[0].path).toBe('/ocr/v1/stnk-with-table');
		expect(items).toHaveLength(8);
		expect(items?.map((item) => item.pairedItem)).toEqual(new Array(8).fill({ item: 0 }));
		expect(items?.[2].json).toMatchObject({
			row: 2,
			jenis_biaya: 'PKB',
			pokok: 3657060,
			jumlah: 1657060,
		});
	});

	it('Read BPKB (PDF, all pages) → fields', async () => {
		const { items } = await engine.run({
			binaryMode,
			parameters: { operation: 'readBpkb', page: 'all', output: 'fields' },
			documents: [file(pdfBytes(), 'bpkb.pdf', 'application/pdf')],
		});
		expect(engine.emulator.requests[0]).toMatchObject({
			path: '/ocr/v1/bpkb',
			fields: {},
			files: [{ filename: 'bpkb.pdf', contentType: 'application/pdf' }],
		});
		expect(items).toHaveLength(30);
		expect(items?.[0].json).toMatchObject({
			document: 'bpkb',
			section: 'identitas_pemilik',
			field: 'nomor_bpkb',
			value: 'U-03870835',
		});
	});

	it('Read BPKB (TIFF) → raw: the body exactly', async () => {
		const { items } = await engine.run({
			binaryMode,
			parameters: { operation: 'readBpkb', output: 'raw' },
			documents: [file(tiffBytes(), 'bpkb.tif', 'image/tiff')],
		});
		expect(items?.[0].json).toEqual(SAMPLES.bpkb);
		expect(engine.emulator.requests[0].files[0]).toMatchObject({
			filename: 'bpkb.tif',
			contentType: 'image/tiff',
		});
	});
});

describe('operations × output modes', () => {
	const cases = [
		['readStnk', 'record', 1],
		['readStnk', 'raw', 1],
		['readStnk', 'fields', 50],
		['readStnkWithTable', 'record', 1],
		['readStnkWithTable', 'raw', 1],
		['readStnkWithTable', 'fields', 50],
		['readStnkWithTable', 'tableRows', 8],
		['readBpkb', 'record', 1],
		['readBpkb', 'raw', 1],
		['readBpkb', 'fields', 30],
	] as const;

	it.each(cases)(
		'%s → %s gives %p item(s) per document, each paired',
		async (operation, output, perDocument) => {
			const { items, error } = await engine.run({
				parameters: { operation, output },
				documents: [file(pngBytes(), 'one.png'), file(jpegBytes(), 'two.jpg')],
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(2 * perDocument);
			expect(
				items
					?.slice(0, perDocument)
					.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}'),
			).toBe(true);
			expect(
				items?.slice(perDocument).every((item) => JSON.stringify(item.pairedItem) === '{"item":1}'),
			).toBe(true);
			if (output !== 'raw') {
				expect(items?.[0].json.file_name).toBe('one.png');
				expect(items?.[perDocument].json.file_name).toBe('two.jpg');
			}
		},
	);
});

describe('Read BPKB pages', () => {
	it.each([
		['1', 'identitas_pemilik', 'nama_pemilik'],
		['2', 'identitas_kendaraan', 'nomor_rangka'],
		['3', 'dokumen_registrasi_pertama', 'nomor_faktur'],
		['4', 'halaman_terakhir', 'no_register'],
	])('page %s is sent as the form field `page` and yields %s', async (page, section, column) => {
		const { items } = await engine.run({
			parameters: { operation: 'readBpkb', page, output: 'record' },
			documents: [file(jpegBytes(), 'page.jpg')],
		});
		expect(engine.emulator.requests[0].fields).toEqual({ page });
		expect(items?.[0].json.page).toBe(Number(page));
		expect(items?.[0].json[column]).not.toBe('');
		const otherPageColumn = section === 'identitas_pemilik' ? 'merk' : 'nama_pemilik';
		expect(items?.[0].json).not.toHaveProperty(otherPageColumn);
	});

	it('a page can come from an expression', async () => {
		const { items } = await engine.run({
			parameters: { operation: 'readBpkb', page: '={{ 1 + 1 }}', output: 'record' },
			documents: [file(jpegBytes(), 'page.jpg')],
		});
		expect(engine.emulator.requests[0].fields).toEqual({ page: '2' });
		expect(items?.[0].json.merk).toBe('ISUZU');
	});
});

describe('many documents', () => {
	it('keeps input order and pairing with concurrency, whatever order GLAIR answers in', async () => {
		engine.emulator.injectFault({ kind: 'hold' }, { filename: 'doc-0.png' });
		const documents = Array.from({ length: 7 }, (_, index) => file(pngBytes(), `doc-${index}.png`));
		const running = engine.run({
			parameters: { operation: 'readStnk', output: 'record', options: { concurrency: 3 } },
			documents,
		});
		// doc-0 is answered last: only after the six others have all arrived
		while (engine.emulator.requests.length < 7)
			await new Promise((resolve) => setImmediate(resolve));
		engine.emulator.releaseHeld();
		const { items } = await running;
		expect(items?.map((item) => item.json.file_name)).toEqual(
			documents.map((_, index) => `doc-${index}.png`),
		);
		expect(items?.map((item) => item.pairedItem)).toEqual(
			documents.map((_, index) => ({ item: index })),
		);
		expect(engine.emulator.peakConcurrency).toBeLessThanOrEqual(3);
	});

	it('never has more documents in flight than the concurrency option', async () => {
		for (const name of ['doc-0.png', 'doc-1.png', 'doc-2.png'])
			engine.emulator.injectFault({ kind: 'hold' }, { filename: name });
		const running = engine.run({
			parameters: { operation: 'readStnk', output: 'record', options: { concurrency: 3 } },
			documents: Array.from({ length: 5 }, (_, index) => file(pngBytes(), `doc-${index}.png`)),
		});
		while (engine.emulator.requests.length < 3)
			await new Promise((resolve) => setImmediate(resolve));
		await new Promise((resolve) => setTimeout(resolve, 100)); // a fourth request would arrive now
		expect(engine.emulator.requests).toHaveLength(3);
		engine.emulator.releaseHeld();
		const { items } = await running;
		expect(items).toHaveLength(5);
		expect(engine.emulator.peakConcurrency).toBe(3);
	});

	it('puts as many documents in flight as a concurrency above 20 asks (long reads under a limit)', async () => {
		// 3 s reads and 10 requests a second need 30 in flight to use the limit.
		engine.emulator.injectFault({ kind: 'hold' }, { times: 40 });
		const running = engine.run({
			parameters: { operation: 'readStnk', output: 'record', options: { concurrency: 30 } },
			documents: Array.from({ length: 40 }, (_, index) => file(pngBytes(), `doc-${index}.png`)),
		});
		const deadline = Date.now() + 10_000;
		while (engine.emulator.requests.length < 30 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 10));
		await new Promise((resolve) => setTimeout(resolve, 100)); // a 31st request would arrive now
		expect(engine.emulator.requests.length).toBe(30);
		engine.emulator.releaseHeld();
		while (engine.emulator.heldCount > 0 || engine.emulator.requests.length < 40) {
			engine.emulator.releaseHeld();
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		const { items } = await running;
		expect(items).toHaveLength(40);
		expect(engine.emulator.peakConcurrency).toBe(30);
	});

	it('sends one document at a time with concurrency 1', async () => {
		await engine.run({
			parameters: { operation: 'readStnk', output: 'record', options: { concurrency: 1 } },
			documents: Array.from({ length: 4 }, (_, index) => file(pngBytes(), `doc-${index}.png`)),
		});
		expect(engine.emulator.requests).toHaveLength(4);
		expect(engine.emulator.peakConcurrency).toBe(1);
	});

	it('fixes a file name whose extension does not match the content', async () => {
		await engine.run({
			parameters: { operation: 'readStnk', output: 'raw' },
			documents: [
				file(jpegBytes(), 'photo.png', 'image/png'),
				file(pngBytes(), undefined, 'application/octet-stream'),
			],
		});
		expect(
			engine.emulator.requests.map((request) => [
				request.files[0].filename,
				request.files[0].contentType,
			]),
		).toEqual([
			['photo.jpg', 'image/jpeg'],
			['document.png', 'image/png'],
		]);
	});

	it('reads from another binary field when told', async () => {
		const { items } = await engine.run({
			parameters: { operation: 'readStnk', binaryPropertyName: 'attachment_1', output: 'record' },
			documents: [
				{
					files: {
						attachment_0: { bytes: Buffer.from('hello') },
						attachment_1: { bytes: pngBytes(), fileName: 'stnk.png' },
					},
				},
			],
		});
		expect(items?.[0].json.file_name).toBe('stnk.png');
	});
});

describe('"Some fields are invalid"', () => {
	it.each(['record', 'fields', 'raw'] as const)(
		'is visible in %s output and raises a hint',
		async (output) => {
			const { items, hints } = await engine.run({
				parameters: { operation: 'readStnk', output },
				documents: [file(notADocument('png'), 'cat.png'), file(pngBytes(), 'stnk.png')],
			});
			if (output === 'raw') {
				expect(items?.[0].json.reason).toBe('File successfully read. Some fields are invalid.');
			} else {
				expect(items?.[0].json.some_fields_invalid).toBe(true);
				expect(items?.[items.length - 1].json.some_fields_invalid).toBe(false);
			}
			expect(JSON.stringify(hints)).toMatch(/Some fields are invalid.*1 of 2/);
		},
	);
});

it('the "Some fields are invalid" hint counts documents, not items', async () => {
	const { hints } = await engine.run({
		parameters: { operation: 'readStnk', binaryPropertyName: 'front, back' },
		documents: [
			{
				files: {
					front: { bytes: notADocument('png'), fileName: 'cat.png' },
					back: { bytes: notADocument('png'), fileName: 'dog.png' },
				},
			},
		],
	});
	expect(JSON.stringify(hints)).toMatch(/Some fields are invalid.* for 2 of 2 document/);
});
