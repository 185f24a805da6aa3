import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS, type Operation } from '../../nodes/GlairVision/catalogue';
import { shapeRead } from '../../nodes/GlairVision/output';
import {
	normaliseAmount,
	normaliseCylinder,
	normaliseDate,
	normalisePlate,
} from '../../nodes/GlairVision/quality/normalise';
import { checkValue } from '../../nodes/GlairVision/quality/checkValue';
import { validateRead } from '../../nodes/GlairVision/quality/validate';
import type { GlairRead } from '../../nodes/GlairVision/response';
import { SAMPLES, sample } from '../../tools/fixtures';

const asRead = (body: object): GlairRead => {
	const data = body as IDataObject;
	return {
		body: data,
		status: 'SUCCESS',
		reason: String(data.reason),
		sections: data.read as IDataObject,
		requestId: 'r',
	};
};

describe('normalisers', () => {
	it.each([
		['08-08-2021', '2021-08-08'],
		['8/8/2021', '2021-08-08'],
		['12 AGST 2017', '2017-08-12'],
		['BALIKPARAN, 12 AGST 2017', '2017-08-12'],
		['19 JUNI 2024', '2024-06-19'],
		['11 JUNI 2024', '2024-06-11'],
		['1 Januari 2020', '2020-01-01'],
		['29 PEB 2024', '2024-02-29'],
		['05 NOP 2019', '2019-11-05'],
		['31 DES 1999', '1999-12-31'],
	])('date %p → %p', (text, iso) => expect(normaliseDate(text)).toBe(iso));

	it.each([
		'31-02-2021',
		'29-02-2023',
		'00-01-2020',
		'12 FOO 2017',
		'',
		'KALIMANTAN',
		'2021-08-08x',
	])('date %p does not normalise', (text) => {
		expect(normaliseDate(text)).toBeUndefined();
	});

	it.each([
		['2,477 CC', 2477],
		['2.499 CC', 2499],
		['2.477', 2477],
		['1500', 1500],
		['150 CC', 150],
		['2477CC', 2477],
		[1496, 1496],
	])('cylinder %p → %p', (text, cc) => expect(normaliseCylinder(text)).toBe(cc));

	it.each(['', 'SOLAR', '2,4 L', '12.345.678 CC'])('cylinder %p does not normalise', (text) =>
		expect(normaliseCylinder(text)).toBeUndefined(),
	);

	it.each([
		['KT 8180 YF', 'KT 8180 YF'],
		['KT8180YF', 'KT 8180 YF'],
		['kt  8180  yf', 'KT 8180 YF'],
		['B 1 A', 'B 1 A'],
		['G-8572-EE', 'G 8572 EE'],
		['B 1234', 'B 1234'],
	])('plate %p → %p', (text, plate) => expect(normalisePlate(text)).toBe(plate));

	it.each(['KTX 8180 YF', 'KT 81800 YF', 'KT 8180 YFAB', '8180'])(
		'plate %p does not normalise',
		(text) => expect(normalisePlate(text)).toBeUndefined(),
	);

	it.each([
		[3657060, 3657060],
		['3.657.060', 3657060],
		['163,000', 163000],
		['Rp 163.000', 163000],
		['0', 0],
	])('amount %p → %p', (text, amount) => expect(normaliseAmount(text)).toBe(amount));
});

describe('validators', () => {
	const year = 2026;
	it.each([
		['plate', 'KT 8180 YF'],
		['plate', 'B 1 A'],
		['chassis', 'MMBJNKL30HH031552'],
		['chassis', 'MHCPHR54CRJ540957'],
		['chassis', 'KE40-1234567'],
		['nik', '3174054107900001'],
		['nik', '3174051512900001'],
		['nik', 'S120112190871'],
		['date', '08-08-2021'],
		['year', '2017'],
		['year', '2027'],
		['text', 'anything'],
		['plate', ''],
	] as const)('%s %p passes', (kind, value) =>
		expect(checkValue(kind, value, year)).toBeUndefined(),
	);

	it.each([
		['plate', 'KT 0180 YF', /not 1–2 letters, 1–4 digits not starting with 0/],
		['plate', 'KTX 8180', /not 1–2 letters/],
		['chassis', 'MMBJNKL3OHH031552', /contains O, which a VIN never has/],
		['chassis', 'MMBJNKL30HH03155', /has 16 characters, not 17/],
		['nik', '3174053213900001', /no valid birth date \(digits 7–12 are 321390\)/],
		['date', '31-02-2021', /does not exist/],
		['date', '2021/08/08', /not a date in dd-mm-yyyy form/],
		['year', '1850', /outside 1900–2027/],
		['year', '2028', /outside 1900–2027/],
		['year', '20I7', /outside/],
	] as const)('%s %p warns', (kind, value, message) =>
		expect(checkValue(kind, value, year)).toMatch(message),
	);

	describe('NIK fields, which also hold company numbers', () => {
		it.each([
			["a man's NIK", '3174051512900001'],
			["a woman's NIK (day + 40)", '3174055107900001'],
			["a woman's NIK born on the 31st", '3174057107900001'],
			['a NIK in groups of four', '3174 0515 1290 0001'],
			['a 16-digit company NPWP (starts with 0, no province does)', '0123456789012000'],
			['a 16-digit NPWP printed with separators', '0123 4567 8901-2000'],
			['a 15-digit NPWP', '012345678901000'],
			['a 15-digit NPWP as printed', '01.234.567.8-901.000'],
			['a 13-digit NIB', '9120001234567'],
			['a 13-digit NIB with spaces', '9120 0012 3456 7'],
			['a TDP with letters', 'S120112190871'],
			['a TDP as printed with dots', '09.03.1.46.12345'],
		])('%s (%p) passes', (_what, value) => expect(checkValue('nik', value, year)).toBeUndefined());

		it.each([
			['12', '317405410790'],
			['14', '31740541079000'],
			['17', '31740541079000011'],
			['11', '317 405 410 79'],
		])('a bare number of %s digits names what was expected', (count, value) => {
			expect(checkValue('nik', value, year)).toBe(
				`NIK "${value}" has ${count} digits: not a NIK (16), NPWP (15 or 16) or NIB (13)`,
			);
		});

		it.each([
			['a month 13', '3174053213900001', '321390'],
			["a woman's day 72 (32)", '3174057202900001', '720290'],
			['day 00', '3174050012900001', '001290'],
			['30 February', '3174053002900001', '300290'],
			['dots inside', '3174.0532.1390.0001', '321390'],
			['dashes inside', '3174-0532-1390-0001', '321390'],
		])(
			'a 16-digit number not starting with 0 is still checked as a NIK: %s',
			(_what, value, birthDigits) => {
				expect(checkValue('nik', value, year)).toBe(
					`NIK "${value}" holds no valid birth date (digits 7–12 are ${birthDigits})`,
				);
			},
		);

		it("checks the BPKB's no_ktp_tdp and the STNK's nomor_identitas_pemilik", () => {
			const bpkb = sample(SAMPLES.bpkb);
			bpkb.read.identitas_pemilik.no_ktp_tdp.value = '01.234.567.8-901.000';
			expect(validateRead(asRead(bpkb), ENDPOINTS.readBpkb, year)).toEqual([]);
			bpkb.read.identitas_pemilik.no_ktp_tdp.value = '317405410790';
			expect(validateRead(asRead(bpkb), ENDPOINTS.readBpkb, year)).toEqual([
				{
					section: 'identitas_pemilik',
					field: 'no_ktp_tdp',
					message: 'NIK "317405410790" has 12 digits: not a NIK (16), NPWP (15 or 16) or NIB (13)',
				},
			]);
			const stnk = sample(SAMPLES.stnk);
			stnk.read.halaman_stnk.nomor_identitas_pemilik.value = '0123456789012000';
			stnk.read.halaman_pajak_tahunan.nomor_identitas_pemilik.value = '9120001234567';
			expect(validateRead(asRead(stnk), ENDPOINTS.readStnk, year)).toEqual([]);
			stnk.read.halaman_pajak_tahunan.nomor_identitas_pemilik.value = '3174057202900001';
			expect(validateRead(asRead(stnk), ENDPOINTS.readStnk, year)).toEqual([
				{
					section: 'halaman_pajak_tahunan',
					field: 'nomor_identitas_pemilik',
					message: 'NIK "3174057202900001" holds no valid birth date (digits 7–12 are 720290)',
				},
			]);
		});
	});

	it('the documented STNK and BPKB samples pass clean', () => {
		expect(validateRead(asRead(SAMPLES.stnk), ENDPOINTS.readStnk, year)).toEqual([]);
		expect(validateRead(asRead(SAMPLES.bpkb), ENDPOINTS.readBpkb, year)).toEqual([]);
	});

	it('the documented tax table truly does not add up on the PKB row', () => {
		expect(validateRead(asRead(SAMPLES.stnkWithTable), ENDPOINTS.readStnkWithTable, year)).toEqual([
			{
				section: 'halaman_pajak_tahunan',
				row: 2,
				message: 'tax row 2 (PKB): pokok 3657060 + sanksi 0 = 3657060, but jumlah is 1657060',
			},
		]);
	});

	it('catches a JUMLAH row that is not the sum', () => {
		const body = sample(SAMPLES.stnkWithTable);
		const rows = body.read.halaman_pajak_tahunan.table;
		rows[2].jumlah.value = 3657060;
		rows[7].jumlah.value = 9999 as never;
		expect(
			validateRead(asRead(body), ENDPOINTS.readStnkWithTable, year).map(
				(warning) => warning.message,
			),
		).toEqual(['tax row 7 (JUMLAH) is 9999, but the other rows add up to 3820060']);
	});

	it('catches STNK pages that disagree', () => {
		const body = sample(SAMPLES.stnk);
		body.read.halaman_stnk.nomor_rangka.value = 'MMBJNKL30HH031553';
		const warnings = validateRead(asRead(body), ENDPOINTS.readStnk, year);
		expect(warnings.map((warning) => [warning.section, warning.field])).toEqual([
			['halaman_stnk', 'nomor_rangka'],
			['halaman_pajak_tahunan', 'nomor_rangka'],
		]);
		expect(warnings[0].message).toMatch(
			/disagree on nomor_rangka: "MMBJNKL30HH031553" \(STNK page\) vs "MMBJNKL30HH031552" \(tax page\)/,
		);
	});
});

describe('quality in the outputs', () => {
	const shape = (
		mode: 'record' | 'fields' | 'tableRows' | 'raw',
		body: object,
		operation: Operation,
		quality: object,
	) =>
		shapeRead(mode, asRead(body), {
			endpoint: ENDPOINTS[operation],
			fileName: 'f.jpg',
			includeConfidence: false,
			quality: { normalise: false, validate: false, ...quality },
			currentYear: 2026,
		});

	it('record: normalised columns beside the originals', () => {
		const [{ json }] = shape('record', SAMPLES.stnk, 'readStnk', { normalise: true });
		expect(json).toMatchObject({
			stnk_berlaku_sampai: '08-08-2022',
			stnk_berlaku_sampai_normalised: '2022-08-08',
			pajak_berlaku_sampai: '08-08-2021',
			pajak_berlaku_sampai_normalised: '2021-08-08',
			stnk_isi_silinder: '2,477 CC',
			stnk_isi_silinder_normalised: 2477,
			stnk_nomor_registrasi_normalised: 'KT 8180 YF',
			stnk_tanggal_penerbitan_normalised: '2017-08-12',
			pajak_nomor_registrasi_lama_normalised: '',
		});
		expect(json).not.toHaveProperty('stnk_nama_pemilik_normalised');
	});

	it('fields: value_normalised from value_original when the value is not a date', () => {
		const body = sample(SAMPLES.bpkb);
		body.read.identitas_pemilik.pada_tanggal.value = '';
		const items = shape('fields', body, 'readBpkb', { normalise: true }).map((item) => item.json);
		expect(items.find((item) => item.field === 'pada_tanggal')?.value_normalised).toBe(
			'2024-06-19',
		);
		expect(items.find((item) => item.field === 'isi_silinder')?.value_normalised).toBe(2499);
		expect(items.find((item) => item.field === 'merk')?.value_normalised).toBeNull();
	});

	it('record and tableRows: warnings as text plus a count, so rows stay flat', () => {
		const [{ json }] = shape('record', SAMPLES.stnkWithTable, 'readStnkWithTable', {
			validate: true,
		});
		expect(json.warning_count).toBe(1);
		expect(json.warnings).toMatch(/tax row 2 \(PKB\)/);
		const rows = shape('tableRows', SAMPLES.stnkWithTable, 'readStnkWithTable', {
			validate: true,
		}).map((item) => item.json);
		expect(rows[2]).toMatchObject({
			warning_count: 1,
			warnings: expect.stringMatching(/pokok 3657060/),
		});
		expect(rows[3]).toMatchObject({ warning_count: 0, warnings: '' });
	});

	it('review reasons: low confidence of read values only, warnings, GLAIR flags', () => {
		const [record] = shape('record', SAMPLES.stnk, 'readStnk', { minConfidence: 85 });
		expect(record.reviewReasons).toEqual([
			'pajak_nomor_pajak_tahunan: confidence 71 is below 85',
			'pajak_isi_silinder: confidence 84.1 is below 85',
			'stnk_tempat_penerbitan: confidence 84.44 is below 85',
			'stnk_tanggal_penerbitan: confidence 84.44 is below 85',
		]);
		const [clean] = shape('record', SAMPLES.bpkb, 'readBpkb', { minConfidence: 50 });
		// no_telepon has confidence 47.07 but GLAIR read nothing there: nothing to review
		expect(clean.reviewReasons).toEqual([]);
		const invalid = {
			...sample(SAMPLES.bpkb),
			reason: 'File successfully read. Some fields are invalid.',
		};
		expect(shape('raw', invalid, 'readBpkb', { minConfidence: 0 })[0].reviewReasons).toEqual([
			expect.stringMatching(/Some fields are invalid/),
		]);
	});

	it('review reasons per field and per table row', () => {
		const fields = shape('fields', SAMPLES.stnk, 'readStnk', { minConfidence: 80 });
		expect(
			fields.filter((item) => item.reviewReasons.length).map((item) => item.json.field),
		).toEqual(['nomor_pajak_tahunan']);
		const rows = shape('tableRows', SAMPLES.stnkWithTable, 'readStnkWithTable', {
			minConfidence: 50,
		});
		expect(rows[2].reviewReasons).toEqual([
			'row 2 jenis_biaya: confidence 48.44 is below 50',
			'row 2 sanksi_administratif: confidence 40.87 is below 50',
			'tax row 2 (PKB): pokok 3657060 + sanksi 0 = 3657060, but jumlah is 1657060',
		]);
		expect(rows[3].reviewReasons).toEqual([]);
	});

	it('defaults change nothing', () => {
		const [{ json }] = shape('record', SAMPLES.stnk, 'readStnk', {});
		expect(
			Object.keys(json).some((key) => key.endsWith('_normalised') || key.startsWith('warning')),
		).toBe(false);
	});
});
