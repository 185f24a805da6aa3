import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS, type Operation } from '../../nodes/GlairVision/catalogue';
import { shapeRead, type OutputMode, type ShapeOptions } from '../../nodes/GlairVision/output';
import { NO_QUALITY } from '../../nodes/GlairVision/quality/review';
import type { GlairRead } from '../../nodes/GlairVision/response';
import { SAMPLES, sample } from '../../tools/fixtures';

const asRead = (body: IDataObject): GlairRead => ({
	body,
	status: String(body.status),
	reason: String(body.reason),
	sections: body.read as IDataObject,
	requestId: 'req-1',
});

const context = (operation: Operation, extra: Partial<ShapeOptions> = {}): ShapeOptions => ({
	endpoint: ENDPOINTS[operation],
	fileName: 'doc.jpg',
	includeConfidence: false,
	quality: NO_QUALITY,
	...(operation === 'readBpkb' ? { bpkbPage: 'all' as const } : {}),
	...extra,
});

const shape = (
	mode: OutputMode,
	body: object,
	operation: Operation,
	extra?: Partial<ShapeOptions>,
) =>
	shapeRead(mode, asRead(body as IDataObject), context(operation, extra)).map((item) => item.json);

const isFlat = (record: IDataObject) =>
	Object.values(record).every((value) => value === null || typeof value !== 'object');

describe('raw output', () => {
	it('is the response body itself, untouched', () => {
		const body = sample(SAMPLES.bpkb);
		const [item] = shape('raw', body, 'readBpkb');
		expect(item).toEqual(SAMPLES.bpkb);
	});
});

describe('record output', () => {
	it('is one flat STNK row with both pages kept apart', () => {
		const [record] = shape('record', sample(SAMPLES.stnk), 'readStnk');
		expect(isFlat(record)).toBe(true);
		expect(record).toMatchObject({
			file_name: 'doc.jpg',
			request_id: 'req-1',
			some_fields_invalid: false,
			document: 'stnk',
			status: 'SUCCESS',
			reason: 'File Successfully Read',
			pajak_berlaku_sampai: '08-08-2021',
			stnk_berlaku_sampai: '08-08-2022',
			pajak_nomor_registrasi: 'KT 8180 YF',
			stnk_nomor_stnk: '13503496',
			stnk_isi_silinder: '2,477 CC',
			pajak_ident: '',
			stnk_kode_lokasi: '',
		});
		// 6 metadata columns + 26 tax-page fields + 24 STNK-page fields
		expect(Object.keys(record)).toHaveLength(6 + 26 + 24);
		expect(Object.keys(record).some((key) => key.startsWith('pajak_pkb'))).toBe(false);
	});

	it('adds the tax amounts keyed by cost type for STNK with table', () => {
		const [record] = shape('record', sample(SAMPLES.stnkWithTable), 'readStnkWithTable');
		expect(isFlat(record)).toBe(true);
		expect(record).toMatchObject({
			pajak_pkb_pokok: 3657060,
			pajak_pkb_sanksi_administratif: 0,
			pajak_pkb_jumlah: 1657060,
			pajak_swdkllj_pokok: 163000,
			pajak_swdkllj_jumlah: 163000,
			pajak_bbnkb_pokok: 0,
			pajak_biaya_administrasi_stnk_jumlah: 0,
			pajak_biaya_administrasi_tnkb_jumlah: '',
			pajak_total_pokok: '',
			pajak_total_jumlah: '',
		});
		expect(Object.keys(record)).toHaveLength(6 + 26 + 24 + 6 * 3);
	});

	it('keeps every cost-type column even when the table lacks the row', () => {
		const body = sample(SAMPLES.stnkWithTable);
		body.read.halaman_pajak_tahunan.table = body.read.halaman_pajak_tahunan.table.slice(0, 3);
		const [record] = shape('record', body, 'readStnkWithTable');
		expect(record.pajak_swdkllj_pokok).toBe('');
		expect(record.pajak_pkb_pokok).toBe(3657060);
	});

	it('lets the first row win when OCR reads a cost type twice', () => {
		const body = sample(SAMPLES.stnkWithTable);
		const rows = body.read.halaman_pajak_tahunan.table;
		rows[5].jumlah.value = 5000 as never;
		rows[6].jumlah.value = 9999 as never;
		const [record] = shape('record', body, 'readStnkWithTable');
		expect(record.pajak_biaya_administrasi_tnkb_jumlah).toBe(5000);
	});

	it('gives an unknown cost type its own columns', () => {
		const body = sample(SAMPLES.stnkWithTable);
		body.read.halaman_pajak_tahunan.table[1].jenis_biaya.value = 'Opsen PKB';
		const [record] = shape('record', body, 'readStnkWithTable');
		expect(record.pajak_opsen_pkb_pokok).toBe(0);
		expect(record.pajak_bbnkb_pokok).toBe('');
	});

	it('is one BPKB row with the page asked for', () => {
		const [record] = shape('record', sample(SAMPLES.bpkb), 'readBpkb');
		expect(record).toMatchObject({
			document: 'bpkb',
			page: 'all',
			nomor_bpkb: 'U-03870835',
			no_ktp_tdp: 'S120112190871',
			nomor_registrasi: 'G 8572 EE',
			type: 'PHR54U - CAAIN1 (4X2) M/T',
			tanggal_faktur: '11-06-2024',
			no_register: 'R/003077/VI/2024/LL.TGL',
			alamat_email: '',
		});
		expect(Object.keys(record)).toHaveLength(7 + 10 + 14 + 4 + 2);
	});

	it('has columns only for the sections GLAIR sent (BPKB page 2)', () => {
		const body = sample(SAMPLES.bpkb);
		const page2 = { ...body, read: { identitas_kendaraan: body.read.identitas_kendaraan } };
		const [record] = shape('record', page2, 'readBpkb', { bpkbPage: 2 });
		expect(record.page).toBe(2);
		expect(record.merk).toBe('ISUZU');
		expect('nama_pemilik' in record).toBe(false);
		expect(Object.keys(record)).toHaveLength(7 + 14);
	});

	it('adds confidence columns when asked', () => {
		const [record] = shape('record', sample(SAMPLES.stnk), 'readStnk', { includeConfidence: true });
		expect(record.stnk_nomor_stnk_confidence).toBe(88.94);
		expect(record.pajak_ident_confidence).toBe(0);
		expect(Object.keys(record)).toHaveLength(6 + 2 * (26 + 24));
	});

	it('says so when GLAIR found some fields invalid', () => {
		const body = {
			...sample(SAMPLES.stnk),
			reason: 'File successfully read. Some fields are invalid.',
		};
		const [record] = shape('record', body, 'readStnk');
		expect(record.some_fields_invalid).toBe(true);
	});

	it('turns unread, null and odd values into flat cells', () => {
		const body = sample(SAMPLES.stnk) as unknown as {
			read: { halaman_stnk: Record<string, unknown> };
		};
		body.read.halaman_stnk.merk = null;
		body.read.halaman_stnk.nomor_stnk = { value: 13503496 };
		body.read.halaman_stnk.model = { value: ['DOUBLE', 'CABIN'] };
		delete body.read.halaman_stnk.warna;
		const [record] = shape('record', body, 'readStnk');
		expect(record).toMatchObject({
			stnk_merk: '',
			stnk_nomor_stnk: 13503496,
			stnk_model: '["DOUBLE","CABIN"]',
			stnk_warna: '',
		});
		expect(isFlat(record)).toBe(true);
	});
});

describe('fields output', () => {
	it('is one item per field of every section, in catalogue order, without table cells', () => {
		const items = shape('fields', sample(SAMPLES.stnkWithTable), 'readStnkWithTable');
		expect(items).toHaveLength(26 + 24);
		expect(items[0]).toEqual({
			document: 'stnk',
			section: 'halaman_pajak_tahunan',
			field: 'nomor_pajak_tahunan',
			value: '0217188',
			value_original: '0217188',
			confidence: 71,
			confidence_text: 99.95,
			page_index: 0,
			polygon: [
				[2139, 30],
				[2750, 30],
				[2750, 133],
				[2139, 133],
			],
			file_name: 'doc.jpg',
			request_id: 'req-1',
			some_fields_invalid: false,
		});
		expect(items.some((item) => item.field === 'table')).toBe(false);
		expect(items[26]).toMatchObject({ section: 'halaman_stnk', field: 'nomor_stnk' });
	});

	it('covers all four BPKB sections', () => {
		const items = shape('fields', sample(SAMPLES.bpkb), 'readBpkb');
		expect(new Set(items.map((item) => item.section))).toEqual(
			new Set([
				'identitas_pemilik',
				'identitas_kendaraan',
				'dokumen_registrasi_pertama',
				'halaman_terakhir',
			]),
		);
		expect(items).toHaveLength(30);
		expect(items.find((item) => item.field === 'pada_tanggal')).toMatchObject({
			value: '19-06-2024',
			value_original: '19 JUNI 2024',
			page_index: 0,
		});
	});

	it('passes through sections and fields a newer GLAIR adds', () => {
		const body = sample(SAMPLES.bpkb) as unknown as {
			read: Record<string, Record<string, unknown>>;
		};
		body.read.identitas_pemilik.nomor_npwp = { value: '01.234', confidence: 80 };
		body.read.halaman_baru = { catatan: { value: 'x' } };
		const items = shape('fields', body, 'readBpkb');
		expect(items.find((item) => item.field === 'nomor_npwp')).toMatchObject({
			section: 'identitas_pemilik',
			value: '01.234',
		});
		expect(items[items.length - 1]).toMatchObject({
			section: 'halaman_baru',
			field: 'catatan',
			value: 'x',
			polygon: [],
		});
	});
});

describe('tableRows output', () => {
	it('is one flat item per tax table row with amounts as numbers and null kept', () => {
		const items = shape('tableRows', sample(SAMPLES.stnkWithTable), 'readStnkWithTable');
		expect(items).toHaveLength(8);
		expect(items[2]).toEqual({
			row: 2,
			jenis_biaya: 'PKB',
			pokok: 3657060,
			sanksi_administratif: 0,
			jumlah: 1657060,
			jenis_biaya_confidence: 48.44,
			pokok_confidence: 87.9,
			sanksi_administratif_confidence: 40.87,
			jumlah_confidence: 79.47,
			file_name: 'doc.jpg',
			request_id: 'req-1',
			some_fields_invalid: false,
		});
		expect(items[0]).toMatchObject({ row: 0, jenis_biaya: '', pokok: null, jumlah: null });
		expect(items[7]).toMatchObject({ row: 7, jenis_biaya: 'JUMLAH', pokok: null });
		expect(items.every(isFlat)).toBe(true);
	});

	it('is empty when GLAIR sent no table', () => {
		expect(shape('tableRows', sample(SAMPLES.stnk), 'readStnkWithTable')).toEqual([]);
	});
});
