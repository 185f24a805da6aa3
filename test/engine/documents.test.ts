/**
 * Identity documents, license plates, GLAIR's other documents, several files per item and a BPKB
 * page per file, in n8n's engine against the emulator (node version 2, with resources).
 */
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { jpegBytes, pdfBytes, pngBytes } from '../../tools/fixtures/documents';
import { ENDPOINTS as GLAIR } from '../../tools/emulator';
import { SAMPLES, sample } from '../../tools/fixtures';
import { photoPng, signPng } from '../fixtures/images';
import { GlairVision } from '../../nodes/GlairVision/GlairVision.node';
import { file, useEngine } from './context';

const engine = useEngine();

const read = async (
	resource: string,
	operation: string,
	parameters: Record<string, unknown> = {},
	documents = [file(pngBytes(), 'doc.png')],
) =>
	await engine.run({
		typeVersion: 2,
		parameters: { resource, operation, ...parameters },
		documents,
	});

/** A binary's bytes, whether n8n keeps it in memory (the default here) or not. */
const bytesOf = (binary: IBinaryData | undefined): Buffer =>
	Buffer.from(binary?.data ?? '', 'base64');

const jsonOf = (items: INodeExecutionData[] | undefined): IDataObject[] =>
	(items ?? []).map((item) => item.json);

describe('Read KTP', () => {
	it('record: every field under its snake_case name from GLAIR camelCase keys; photo and signature as binaries, never in the JSON', async () => {
		const { items, error } = await read('identityDocument', 'readKtp');
		expect(error).toBeUndefined();
		const [record] = items ?? [];
		expect(record.json).toMatchObject({
			document: 'ktp',
			nik: '3174016305900007',
			nama: 'DEWI ANGGRAINI PUTRI',
			tanggal_lahir: '23-05-1990',
			jenis_kelamin: 'PEREMPUAN',
			berlaku_hingga: 'SEUMUR HIDUP',
			kota_kabupaten: expect.any(String),
		});
		expect(Object.keys(record.json).some((key) => /[A-Z]/.test(key))).toBe(false);
		expect(bytesOf(record.binary?.photo)).toEqual(photoPng());
		expect(bytesOf(record.binary?.signature)).toEqual(signPng());
		expect(record.binary?.photo).toMatchObject({ mimeType: 'image/png', fileName: 'photo.png' });
		expect(JSON.stringify(record.json)).not.toContain(photoPng().toString('base64').slice(0, 40));
		expect(engine.emulator.requests[0].path).toBe('/ocr/v1/ktp');
	});

	it("raw: GLAIR's body with each image replaced by a note naming its binary field", async () => {
		const { items } = await read('identityDocument', 'readKtp', { output: 'raw' });
		expect(items?.[0].json).toMatchObject({
			images: {
				photo: '(image in binary field "photo")',
				sign: '(image in binary field "signature")',
			},
		});
		expect(items?.[0].binary?.photo).toBeDefined();
	});

	it('fields: one item per field, then one per image carrying it', async () => {
		const { items } = await read('identityDocument', 'readKtp', { output: 'fields' });
		const json = jsonOf(items);
		expect(json.filter((item) => item.section === 'ktp').map((item) => item.field)).toContain(
			'berlaku_hingga',
		);
		const images = (items ?? []).filter((item) => item.json.section === 'images');
		expect(images.map((item) => item.json.field)).toEqual(['photo', 'signature']);
		expect(bytesOf(images[0].binary?.photo)).toEqual(photoPng());
	});

	it('the snake_case variant with images inside read and a `condition` block gives the same columns', async () => {
		engine.emulator.injectFault({ kind: 'readOverride', body: sample(SAMPLES.ktpSnake) });
		const { items } = await read('identityDocument', 'readKtp', { options: { validate: true } });
		expect(items?.[0].json).toMatchObject({
			nik: '3273011208850003',
			nama: 'RAHMAT HIDAYAT SUKMA',
			berlaku_hingga: '12-08-2019',
			quality_copy: false,
			quality_ktp: true,
			warnings: expect.stringMatching(/expired on 2019-08-12/),
		});
		expect(items?.[0].json).not.toHaveProperty('foto');
		expect(bytesOf(items?.[0].binary?.photo)).toEqual(photoPng());
	});

	it('Check Image Quality reads /ktp/qualities: the flags become columns and, for review, reasons', async () => {
		const { outputs } = await read('identityDocument', 'readKtp', {
			options: { checkImageQuality: true, minConfidence: 0 },
		});
		expect(engine.emulator.requests[0].path).toBe('/ocr/v1/ktp/qualities');
		const [done, review] = outputs ?? [];
		expect(done).toHaveLength(0);
		expect(review[0].json).toMatchObject({
			quality_copy: true,
			quality_ktp: true,
			review_reasons: ['GLAIR image check: the photo is of a copy, not the original'],
		});
	});

	it('Check Image Quality, Fields: one item per flag; the set one goes to review, the images with it', async () => {
		const { outputs, error } = await read('identityDocument', 'readKtp', {
			output: 'fields',
			options: { checkImageQuality: true, minConfidence: 0 },
		});
		expect(error).toBeUndefined();
		const [done, review] = outputs ?? [];
		expect(jsonOf(done).filter((item) => item.section === 'qualities')).toHaveLength(8);
		expect(jsonOf(review)).toEqual([
			expect.objectContaining({
				document: 'ktp',
				section: 'qualities',
				field: 'is_copy',
				value: true,
				file_name: 'doc.png',
				review_reasons: ['GLAIR image check: the photo is of a copy, not the original'],
			}),
			// A document with an item to review takes its images along.
			...['photo', 'signature'].map((field) =>
				expect.objectContaining({
					section: 'images',
					field,
					review_reasons: ['the document has fields to review'],
				}),
			),
		]);
	});

	it("Check Image Quality, FAILED: the error names GLAIR's image check", async () => {
		engine.emulator.injectFault({
			kind: 'readOverride',
			body: {
				status: 'FAILED',
				reason: 'Failed to read the document',
				qualities: { ...SAMPLES.ktpQualities.qualities, is_blurred: true },
			},
		});
		const { error } = await read('identityDocument', 'readKtp', {
			options: { checkImageQuality: true },
		});
		expect(engine.emulator.requests[0].path).toBe('/ocr/v1/ktp/qualities');
		expect(error?.message).toMatch(/could not read the document \(status FAILED\)/);
		expect(error?.description).toContain(
			"GLAIR's image check: the photo is blurred; the photo is of a copy, not the original.",
		);
	});

	it('validation: a NIK that disagrees with the birth date and sex beside it', async () => {
		const body = sample(SAMPLES.ktp);
		body.read.tanggalLahir.value = '24-05-1990';
		body.read.jenisKelamin.value = 'LAKI-LAKI';
		engine.emulator.injectFault({ kind: 'readOverride', body });
		const { items } = await read('identityDocument', 'readKtp', {
			options: { validate: true, normalise: true },
		});
		expect(items?.[0].json).toMatchObject({
			tanggal_lahir_normalised: '1990-05-24',
			jenis_kelamin_normalised: 'M',
			warning_count: 2,
		});
		expect(items?.[0].json.warnings).toMatch(
			/holds the birth date 23-05-90, but the date of birth reads 1990-05-24.*a woman's \(day 63\), but the sex reads male/,
		);
	});

	it('Include Images off: no binaries, and still no image data in the JSON', async () => {
		const { items } = await read('identityDocument', 'readKtp', {
			output: 'raw',
			options: { includeImages: false },
		});
		expect(items?.[0].binary).toBeUndefined();
		expect(JSON.stringify(items?.[0].json)).not.toContain(
			photoPng().toString('base64').slice(0, 40),
		);
	});
});

describe('Read NPWP, SIM and Passport', () => {
	it("NPWP: GLAIR's noNpwp is no_npwp; a field it did not read is empty", async () => {
		const { items } = await read('identityDocument', 'readNpwp', { options: { validate: true } }, [
			file(pdfBytes(), 'npwp.pdf'),
		]);
		expect(items?.[0].json).toMatchObject({
			document: 'npwp',
			no_npwp: '70.943.997.0-437.000',
			nama: 'BERSATU',
			nik: '',
			warning_count: 0,
		});
	});

	it('SIM: fields, and photo and signature from inside read', async () => {
		const { items } = await read('identityDocument', 'readSim', { options: { validate: true } });
		expect(items?.[0].json).toMatchObject({
			document: 'sim',
			nama: 'FAJAR NUGROHO SETIAWAN',
			warning_count: 0,
		});
		expect(items?.[0].json).not.toHaveProperty('foto');
		expect(bytesOf(items?.[0].binary?.signature)).toEqual(signPng());
	});

	it("Passport: the machine-readable zone's fields", async () => {
		const { items } = await read('identityDocument', 'readPassport');
		expect(items?.[0].json).toMatchObject({
			document: 'passport',
			surname: 'SARASWATI',
			doc_number: 'C4821937',
		});
	});
});

describe('Read KK', () => {
	it("record: one per KK with the head of family's fields; table rows: every member", async () => {
		const { items } = await read('identityDocument', 'readKk', { options: { validate: true } });
		expect(items?.[0].json).toMatchObject({
			document: 'kk',
			jumlah_anggota_keluarga: 3,
			kepala_keluarga_nama_lengkap: 'BUDI SANTOSO WIJAYA',
			kepala_keluarga_status_hubungan_dalam_keluarga: 'KEPALA KELUARGA',
			warning_count: 0,
		});
		const rows = await read('identityDocument', 'readKk', { output: 'tableRows' });
		expect(jsonOf(rows.items).map((row) => [row.row, row.status_hubungan_dalam_keluarga])).toEqual([
			[0, 'KEPALA KELUARGA'],
			[1, expect.any(String)],
			[2, expect.any(String)],
		]);
		expect(rows.items?.every((row) => JSON.stringify(row.pairedItem) === '{"item":0}')).toBe(true);
	});

	it('validation: a member whose NIK disagrees with the birth date is warned about, on that row', async () => {
		const body = sample(SAMPLES.kk);
		(body.read.table[2].tanggal_lahir as { value: string }).value = '01-01-2001';
		engine.emulator.injectFault({ kind: 'readOverride', body });
		const rows = await read('identityDocument', 'readKk', {
			output: 'tableRows',
			options: { validate: true },
		});
		expect(jsonOf(rows.items).map((row) => row.warning_count)).toEqual([0, 0, 1]);
	});
});

describe('Read License Plate', () => {
	it('record: the plates joined and counted; table rows: one per plate; no confidence asked for in review', async () => {
		const { outputs } = await read('vehicleDocument', 'readLicensePlate', {
			options: { minConfidence: 90 },
		});
		expect(outputs?.[0][0].json).toMatchObject({
			document: 'plate',
			plates: 'KH 8041 GG, B 1234 XYZ',
			plate_count: 2,
		});
		const rows = await read('vehicleDocument', 'readLicensePlate', {
			output: 'tableRows',
			options: { minConfidence: 90 },
		});
		expect(jsonOf(rows.outputs?.[0]).map((row) => [row.row, row.text])).toEqual([
			[0, 'KH 8041 GG'],
			[1, 'B 1234 XYZ'],
		]);
		expect(rows.outputs?.[1]).toEqual([]);
	});

	it('fields is not offered (a plate read has no fields): the Output list has Record, Raw and Table Rows, and a pasted "fields" fails naming them', async () => {
		const shown = new GlairVision().description.properties.filter(
			(property) =>
				property.name === 'output' &&
				(property.displayOptions?.show?.operation ?? []).includes('readLicensePlate'),
		);
		expect(
			shown.map((property) => property.options?.map((option) => 'value' in option && option.value)),
		).toEqual([['record', 'raw', 'tableRows']]);
		const { error } = await read('vehicleDocument', 'readLicensePlate', { output: 'fields' });
		expect(error?.message).toMatch(/"Output" "fields" is not available for Read License Plate/);
		expect(error?.description).toMatch(/record, raw, tableRows/);
		expect(engine.emulator.requests).toHaveLength(0);
	});
});

describe('Read Other GLAIR Document', () => {
	it('invoice: every field a column, every list of rows counted; Table Rows: each row, named by its table', async () => {
		const { items } = await read('otherDocument', 'readOther', { documentType: 'invoice' }, [
			file(pdfBytes(), 'inv.pdf'),
		]);
		expect(engine.emulator.requests[0].path).toBe('/ocr/v1/invoice');
		expect(items?.[0].json).toMatchObject({
			document: 'invoice',
			invoice_number: expect.any(String),
			invoice_total: expect.any(Number),
			items_count: 2,
			payment_banks_count: 1,
		});
		const rows = await read(
			'otherDocument',
			'readOther',
			{ documentType: 'invoice', output: 'tableRows' },
			[file(pdfBytes(), 'inv.pdf')],
		);
		expect(jsonOf(rows.items).map((row) => [row.table, row.row])).toEqual([
			['payment_banks', 0],
			['items', 0],
			['items', 1],
		]);
		expect(rows.items?.[1].json).toHaveProperty('item_name');
		expect(rows.items?.[1].json).toHaveProperty('item_name_confidence');
	});

	it("KITAS with a read.status field: GLAIR's status stays, the field is read_status", async () => {
		const body = sample(SAMPLES.kitasKitap) as { read: Record<string, unknown> };
		body.read.status = { value: 'KITAS ACTIVE', confidence: 93 };
		engine.emulator.injectFault({ kind: 'readOverride', body });
		const { items, error } = await read('otherDocument', 'readOther', {
			documentType: 'kitasKitap',
			options: { includeConfidence: true },
		});
		expect(error).toBeUndefined();
		expect(items?.[0].json).toMatchObject({
			document: 'kitas_kitap',
			status: 'SUCCESS',
			read_status: 'KITAS ACTIVE',
			read_status_confidence: 93,
			full_name: 'OLIVER JAMES THORNBURY',
		});
	});

	it.each(['record', 'raw', 'fields'] as const)(
		'Image Quality Check (%s): 0–1 confidences pass Minimum Confidence, a blurred photo goes to review',
		async (output) => {
			const parameters = { documentType: 'qualities', output, options: { minConfidence: 60 } };
			const sharp = await read('otherDocument', 'readOther', parameters);
			expect(sharp.error).toBeUndefined();
			expect(sharp.outputs?.[0].length).toBeGreaterThan(0);
			expect(sharp.outputs?.[1]).toEqual([]);

			const body = sample(GLAIR['/ocr/v1/qualities'].sample) as {
				read: Record<string, { value: unknown }>;
			};
			body.read.blur.value = true;
			engine.emulator.injectFault({ kind: 'readOverride', body });
			const blurred = await read('otherDocument', 'readOther', parameters);
			const review = jsonOf(blurred.outputs?.[1]);
			expect(review.map((item) => item.review_reasons)).toEqual([
				['GLAIR image check: the photo is blurred'],
			]);
			if (output === 'record')
				expect(review[0]).toMatchObject({ document: 'qualities', blur: true });
			if (output === 'fields') expect(review[0]).toMatchObject({ field: 'blur', value: true });
		},
	);

	it('Singapore NRIC: the photo inside read becomes a binary', async () => {
		const { items } = await read('otherDocument', 'readOther', { documentType: 'singaporeNric' });
		expect(items?.[0].json).toMatchObject({ document: 'singapore_nric', name: expect.any(String) });
		expect(items?.[0].json).not.toHaveProperty('photo');
		expect(bytesOf(items?.[0].binary?.photo)).toEqual(photoPng());
	});

	it('every document type in the list is read from its own path', async () => {
		for (const [documentType, path] of [
			['bankStatement', '/ocr/v1/bank-statement'],
			['generalDocument', '/ocr/v1/general-document'],
			['phonePackaging', '/ocr/v1/phone-packaging'],
			['qualities', '/ocr/v1/qualities'],
		]) {
			engine.emulator.reset();
			const { items, error } = await read('otherDocument', 'readOther', {
				documentType,
				output: 'record',
			});
			expect({ documentType, error: error?.message }).toEqual({ documentType, error: undefined });
			expect(items?.[0].json.status).toBe('SUCCESS');
			expect(engine.emulator.requests[0].path).toBe(path);
		}
	});
});

describe('every attachment of an email', () => {
	const email = () => ({
		json: { subject: 'Pengajuan kredit' },
		files: {
			attachment_0: { bytes: pngBytes(), fileName: 'ktp.png' },
			attachment_1: { bytes: jpegBytes(), fileName: 'ktp-back.jpg' },
		},
	});

	it.each(['attachment_0, attachment_1', '*'])(
		'Input Binary Field %p reads each file as a document, paired to its email',
		async (binaryPropertyName) => {
			const { items, error } = await engine.run({
				typeVersion: 2,
				parameters: { resource: 'identityDocument', operation: 'readKtp', binaryPropertyName },
				documents: [email(), email()],
			});
			expect(error).toBeUndefined();
			expect(
				(items ?? []).map((item) => [item.pairedItem, item.json.binary_field, item.json.file_name]),
			).toEqual([
				[{ item: 0 }, 'attachment_0', 'ktp.png'],
				[{ item: 0 }, 'attachment_1', 'ktp-back.jpg'],
				[{ item: 1 }, 'attachment_0', 'ktp.png'],
				[{ item: 1 }, 'attachment_1', 'ktp-back.jpg'],
			]);
		},
	);

	it('one failed attachment is one error item, the others go on (Continue)', async () => {
		engine.emulator.injectFault({ kind: 'failedRead' }, { filename: 'ktp-back.jpg' });
		const { items } = await engine.run({
			typeVersion: 2,
			continueOnFail: true,
			parameters: { resource: 'identityDocument', operation: 'readKtp', binaryPropertyName: '*' },
			documents: [email()],
		});
		expect(jsonOf(items).map((json) => [json.binary_field, json.status ?? json.error])).toEqual([
			['attachment_0', 'SUCCESS'],
			['attachment_1', expect.stringMatching(/could not read the document.*\(ktp-back\.jpg\)/)],
		]);
	});
});

describe('one BPKB, a page per file', () => {
	it('sends each photo with its page number and makes one record of the four pages', async () => {
		const pages = Object.fromEntries(
			[1, 2, 3, 4].map((page) => [
				`attachment_${page - 1}`,
				{ bytes: jpegBytes(), fileName: `bpkb-${page}.jpg` },
			]),
		);
		const { items, error } = await engine.run({
			typeVersion: 2,
			parameters: {
				resource: 'vehicleDocument',
				operation: 'readBpkb',
				binaryPropertyName: '*',
				options: { pagePerFile: true },
			},
			documents: [{ files: pages }],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items?.[0].json).toMatchObject({
			document: 'bpkb',
			page: 'all',
			nama_pemilik: expect.any(String),
			merk: 'ISUZU',
			no_register: 'R/003077/VI/2024/LL.TGL',
			file_name: 'bpkb-1.jpg, bpkb-2.jpg, bpkb-3.jpg, bpkb-4.jpg',
		});
		expect(
			engine.emulator.requests
				.map((request) => [request.files[0].filename, request.fields.page])
				.sort(),
		).toEqual([
			['bpkb-1.jpg', '1'],
			['bpkb-2.jpg', '2'],
			['bpkb-3.jpg', '3'],
			['bpkb-4.jpg', '4'],
		]);
	});
});

describe('node version 1, as saved before resources', () => {
	it('runs Read STNK exactly as version 2 does, without binary_field', async () => {
		const [v1, v2] = await Promise.all([
			engine.run({
				typeVersion: 1,
				parameters: { operation: 'readStnk' },
				documents: [file(pngBytes(), 'a.png')],
			}),
			engine.run({
				typeVersion: 2,
				parameters: { resource: 'vehicleDocument', operation: 'readStnk' },
				documents: [file(pngBytes(), 'a.png')],
			}),
		]);
		const comparable = (items: INodeExecutionData[] | undefined) =>
			jsonOf(items).map((json) => {
				const rest = { ...json };
				delete rest.request_id;
				return rest;
			});
		expect(comparable(v1.items)).toEqual(comparable(v2.items));
		expect(v1.items?.[0].json).not.toHaveProperty('binary_field');
	});
});
