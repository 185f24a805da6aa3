/** Review routing and field values as GLAIR may really send them (issue 10, items 4, 5 and 11). */
import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS, type Operation } from '../../nodes/GlairVision/catalogue';
import { shapeRead, type OutputMode } from '../../nodes/GlairVision/output';
import type { GlairRead } from '../../nodes/GlairVision/response';
import { SAMPLES, sample } from '../../tools/fixtures';

const asRead = (body: object): GlairRead => {
	const data = body as IDataObject;
	return {
		body: data,
		status: String(data.status),
		reason: String(data.reason),
		sections: data.read as IDataObject,
		requestId: 'req-1',
	};
};

const shape = (
	mode: OutputMode,
	body: object,
	operation: Operation,
	quality: { minConfidence?: number; normalise?: boolean } = {},
) =>
	shapeRead(mode, asRead(body), {
		endpoint: ENDPOINTS[operation],
		fileName: 'f.jpg',
		includeConfidence: true,
		quality: { normalise: false, validate: false, ...quality },
		currentYear: 2026,
	});

const stnkRead = (section: string, fields: object) => ({
	status: 'SUCCESS',
	reason: 'File Successfully Read',
	read: { [section]: fields },
});

describe('tax table confidences count for review in every output that carries the document', () => {
	const lowJumlah = () => {
		const body = sample(SAMPLES.stnkWithTable);
		const table = body.read.halaman_pajak_tahunan.table as Array<
			Record<string, { value: unknown; confidence: number }>
		>;
		for (const row of table) for (const cell of Object.values(row)) cell.confidence = 99;
		table[2].jumlah.confidence = 20;
		return body;
	};

	it.each(['record', 'raw'] as const)('%s: a PKB jumlah read at 20 %% goes to review', (mode) => {
		const [item] = shape(mode, lowJumlah(), 'readStnkWithTable', { minConfidence: 50 });
		expect(item.reviewReasons).toContain('tax row 2 (PKB) jumlah: confidence 20 is below 50');
	});

	it('tableRows: that row goes to review, the others do not', () => {
		const rows = shape('tableRows', lowJumlah(), 'readStnkWithTable', { minConfidence: 50 });
		expect(rows[2].reviewReasons).toContain('row 2 jumlah: confidence 20 is below 50');
		expect(
			rows.filter((row) => row.reviewReasons.some((reason) => reason.includes('confidence'))),
		).toHaveLength(1);
	});

	it('a table read with high confidence adds no reason', () => {
		const body = lowJumlah();
		(
			body.read.halaman_pajak_tahunan.table as Array<Record<string, { confidence: number }>>
		)[2].jumlah.confidence = 90;
		const [record] = shape('record', body, 'readStnkWithTable', { minConfidence: 50 });
		expect(record.reviewReasons.filter((reason) => reason.includes('confidence'))).toEqual([]);
	});
});

describe('confidence as GLAIR may send it', () => {
	it('a numeric string is a number: "92.5" passes 80, "70" does not', () => {
		const body = stnkRead('halaman_stnk', {
			nomor_stnk: { value: '13503496', confidence: '92.5' },
			merk: { value: 'TOYOTA', confidence: '70' },
		});
		const [record] = shape('record', body, 'readStnk', { minConfidence: 80 });
		expect(record.reviewReasons).toEqual(['stnk_merk: confidence 70 is below 80']);
		expect(record.json).toMatchObject({
			stnk_nomor_stnk_confidence: 92.5,
			stnk_merk_confidence: 70,
		});
		const fields = shape('fields', body, 'readStnk', { minConfidence: 80 });
		expect(fields.map((field) => field.json.confidence)).toEqual([92.5, 70]);
	});

	it.each([
		['missing', { value: 'TOYOTA' }],
		['null', { value: 'TOYOTA', confidence: null }],
		['not a number', { value: 'TOYOTA', confidence: 'high' }],
	])('a %s confidence is "no confidence given", never 0', (_name, cell) => {
		const [record] = shape('record', stnkRead('halaman_stnk', { merk: cell }), 'readStnk', {
			minConfidence: 80,
		});
		expect(record.reviewReasons).toEqual(['stnk_merk: GLAIR gave no confidence']);
		expect(record.reviewReasons.join()).not.toMatch(/confidence 0/);
	});
});

describe('field values sent bare instead of {value, …}', () => {
	const body = stnkRead('halaman_stnk', {
		nomor_registrasi: 'KT 8180 YF',
		tahun_pembuatan: 2015,
		berlaku_sampai: '08-08-2022',
	});

	it('record: the value is the column, with no confidence', () => {
		const [record] = shape('record', body, 'readStnk', { normalise: true });
		expect(record.json).toMatchObject({
			stnk_nomor_registrasi: 'KT 8180 YF',
			stnk_nomor_registrasi_confidence: '',
			stnk_tahun_pembuatan: 2015,
			stnk_berlaku_sampai_normalised: '2022-08-08',
		});
	});

	it('fields: one item each, value kept, confidence null', () => {
		const fields = shape('fields', body, 'readStnk').map((item) => item.json);
		expect(fields.map((field) => [field.field, field.value, field.confidence])).toEqual([
			['nomor_registrasi', 'KT 8180 YF', null],
			['tahun_pembuatan', 2015, null],
			['berlaku_sampai', '08-08-2022', null],
		]);
	});

	it('review: a bare value has no confidence to pass, and says so', () => {
		const [record] = shape('record', body, 'readStnk', { minConfidence: 50 });
		expect(record.reviewReasons).toContain('stnk_nomor_registrasi: GLAIR gave no confidence');
	});
});
