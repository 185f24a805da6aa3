/**
 * The emulator's varyByDocument option (the sandbox turns it on): the plate and the owner's name
 * follow the file, the same file always reads the same, and without the option every file reads as
 * GLAIR's sample.
 */
import { createHash } from 'node:crypto';

import { GlairEmulator } from '../../tools/emulator';
import { variantOf } from '../../tools/emulator/vary';
import { jpegBytes, pdfBytes, pngBytes } from '../../tools/fixtures/documents';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Field = { value: string; value_original: string; confidence: number };
type Read = Record<string, Record<string, Field>>;

async function read(emulator: GlairEmulator, path: string, bytes: Buffer): Promise<Read> {
	const form = new FormData();
	form.append('image', new Blob([new Uint8Array(bytes)]), 'scan');
	const { username, password, apiKey } = emulator.credentials;
	const response = await fetch(`${emulator.baseUrl}${path}`, {
		method: 'POST',
		body: form,
		headers: {
			authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
			'x-api-key': apiKey,
		},
	});
	expect(response.status).toBe(200);
	return ((await response.json()) as { read: Read }).read;
}

describe('emulator: answers that vary by document', () => {
	const varying = new GlairEmulator({ varyByDocument: true });
	const plain = new GlairEmulator();
	beforeAll(async () => {
		await varying.start();
		await plain.start();
	});
	afterAll(async () => {
		await varying.stop();
		await plain.stop();
	});

	it('two STNK scans read with different plates and owners; the same scan twice reads the same', async () => {
		const jpeg = await read(varying, '/ocr/v1/stnk', jpegBytes());
		const png = await read(varying, '/ocr/v1/stnk', pngBytes());
		const again = await read(varying, '/ocr/v1/stnk', jpegBytes());
		const plate = (answer: Read) => answer.halaman_stnk.nomor_registrasi.value;
		const owner = (answer: Read) => answer.halaman_stnk.nama_pemilik.value;
		expect(plate(jpeg)).not.toBe(plate(png));
		expect(again).toEqual(jpeg);
		expect(plate(jpeg)).toMatch(/^[A-Z]{1,2} \d{1,4} [A-Z]{1,3}$/);
		// Both pages of an STNK name the same vehicle and owner; other fields stay GLAIR's sample.
		expect(jpeg.halaman_pajak_tahunan.nomor_registrasi.value).toBe(plate(jpeg));
		expect(jpeg.halaman_pajak_tahunan.nama_pemilik.value).toBe(owner(jpeg));
		const sample = await read(plain, '/ocr/v1/stnk', jpegBytes());
		expect(jpeg.halaman_stnk.nomor_rangka).toEqual(sample.halaman_stnk.nomor_rangka);
		expect(jpeg.halaman_stnk.nomor_registrasi.confidence).toBe(
			sample.halaman_stnk.nomor_registrasi.confidence,
		);
	});

	it('off (the default): every scan reads as the sample', async () => {
		const jpeg = await read(plain, '/ocr/v1/stnk', jpegBytes());
		const png = await read(plain, '/ocr/v1/stnk', pngBytes());
		expect(jpeg).toEqual(png);
		expect(jpeg.halaman_stnk.nomor_registrasi.value).toBe('KT 8180 YF');
	});

	it('a BPKB and a KTP get the owner name of their own file', async () => {
		const bpkb = await read(varying, '/ocr/v1/bpkb', pdfBytes());
		expect(bpkb.identitas_pemilik.nama_pemilik.value).toBe(variantOf(sha(pdfBytes())).name);
		const ktp = (await read(varying, '/ocr/v1/ktp', pngBytes())) as unknown as Record<
			string,
			Field
		>;
		expect(ktp.nama.value).toBe(variantOf(sha(pngBytes())).name);
	});

	it('the variant is a function of the hash', () => {
		const hash = 'ab'.repeat(32);
		expect(variantOf(hash)).toEqual(variantOf(hash));
		expect(variantOf(hash)).not.toEqual(variantOf('cd'.repeat(32)));
	});
});
