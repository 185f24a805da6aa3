/**
 * GLAIR's answers in every spelling and layout its SDKs and docs show (tools/fixtures/spellings.ts)
 * give the same columns as the documented sample, in every output mode: never a blank record.
 */
import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS, type Operation } from '../../nodes/GlairVision/catalogue';
import { shapeRead, type OutputMode } from '../../nodes/GlairVision/output';
import { NO_QUALITY } from '../../nodes/GlairVision/quality/review';
import { inCatalogueSpelling, mergePages, type GlairRead } from '../../nodes/GlairVision/response';
import { SAMPLES, sample } from '../../tools/fixtures';
import { SPELLING_VARIANTS } from '../../tools/fixtures/spellings';

const asRead = (body: object): GlairRead => {
	const json = body as IDataObject;
	return {
		body: json,
		status: String(json.status),
		reason: String(json.reason),
		sections: json.read as IDataObject,
		requestId: 'req-1',
	};
};

const shape = (
	mode: OutputMode,
	body: object,
	operation: Operation,
	options: { includeConfidence?: boolean; validate?: boolean } = {},
) =>
	shapeRead(mode, inCatalogueSpelling(asRead(body), ENDPOINTS[operation]), {
		endpoint: ENDPOINTS[operation],
		fileName: 'doc.jpg',
		includeConfidence: options.includeConfidence ?? false,
		quality: { ...NO_QUALITY, validate: options.validate ?? false },
		...(operation === 'readBpkb' ? { bpkbPage: 'all' as const } : {}),
	}).map((item) => item.json);

describe.each(
	SPELLING_VARIANTS.map((variant) => [`${variant.operation} ${variant.style}`, variant]),
)('%s', (_, variant) => {
	const expectedRecord = (): IDataObject => {
		const [record] = shape('record', variant.reference, variant.operation);
		for (const column of Object.keys(record)) {
			const isField = /^(stnk_|pajak_)/.test(column) || variant.operation === 'readBpkb';
			if (variant.onlyColumns && column.startsWith('pajak_')) delete record[column];
			else if (variant.onlyColumns && isField && !variant.onlyColumns.includes(column))
				record[column] = '';
		}
		for (const column of variant.without) record[column] = '';
		return record;
	};

	it('gives the documented record, column for column, with no warning', () => {
		const [record] = shape('record', variant.body, variant.operation);
		expect(record).toEqual(expectedRecord());
		expect(record.warnings).toBeUndefined();
	});

	it('names Fields by the catalogue (section and field in snake_case), values as read', () => {
		const fields = shape('fields', variant.body, variant.operation);
		const reference = shape('fields', variant.reference, variant.operation);
		const found = fields.map(({ section, field, value }) => [section, field, value]);
		if (variant.bare) {
			const byName = new Map(
				reference.map(({ section, field, value }) => [`${section}.${field}`, value ?? '']),
			);
			for (const [section, field, value] of found)
				expect([section, field, value]).toEqual([
					section,
					field,
					byName.get(`${section}.${field}`),
				]);
			expect(found.length).toBe(
				variant.onlyColumns?.length ?? reference.length - variant.without.length,
			);
		} else {
			expect(fields).toEqual(reference);
		}
	});

	if (variant.operation === 'readStnkWithTable') {
		it('gives the tax table rows with the catalogue column names', () => {
			expect(
				shape('tableRows', variant.body, variant.operation, { includeConfidence: true }),
			).toEqual(
				shape('tableRows', variant.reference, variant.operation, { includeConfidence: true }),
			);
		});
	}

	it('keeps GLAIR’s own spelling in Raw', () => {
		expect(shape('raw', variant.body, variant.operation)).toEqual([variant.body]);
	});
});

describe('an answer with nothing the catalogue knows', () => {
	const unknown = {
		status: 'SUCCESS',
		reason: 'File Successfully Read',
		read: { stnkPage: { plateNo: { value: 'B 1 A' } }, extra: 'x' },
	};

	it('is never a silent blank record: the record carries a warning naming the keys GLAIR sent', () => {
		const [record] = shape('record', unknown, 'readStnk');
		expect(record.warnings).toMatch(
			/none of the fields this node knows for an STNK; it sent: stnkPage, extra/,
		);
		expect(record.warning_count).toBe(1);
	});

	it('warns on every Fields item too', () => {
		const items = shape('fields', unknown, 'readStnk', { validate: true });
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) expect(String(item.warnings)).toMatch(/it sent: stnkPage, extra/);
	});

	it('does not warn when GLAIR sent the sections empty (nothing to read is not an unknown answer)', () => {
		const body = {
			status: 'SUCCESS',
			reason: 'ok',
			read: { halaman_stnk: {}, halaman_pajak_tahunan: {} },
		};
		expect(shape('record', body, 'readStnk')[0].warnings).toBeUndefined();
	});

	it('does not warn when GLAIR read a known section with its fields empty', () => {
		const body = sample(SAMPLES.stnk);
		for (const cell of Object.values(body.read.halaman_stnk)) cell.value = '';
		expect(shape('record', body, 'readStnk')[0].warnings).toBeUndefined();
	});
});

describe('one BPKB, a page per file', () => {
	type Section = Record<string, { value: unknown }>;
	const emptied = (content: object): Section =>
		Object.fromEntries(
			Object.entries(content as Section).map(([key, cell]) => [key, { ...cell, value: '' }]),
		);
	/** GLAIR's answer to the request for `page`: that page read, the other sections sent empty. */
	const answerFor = (page: number, requestId: string): GlairRead => {
		const body = sample(SAMPLES.bpkb);
		const keys = [
			'identitas_pemilik',
			'identitas_kendaraan',
			'dokumen_registrasi_pertama',
			'halaman_terakhir',
		];
		const read = Object.fromEntries(
			keys.map((key, index) => {
				const content = (body.read as Record<string, object>)[key];
				return [key, index + 1 === page ? content : emptied(content)];
			}),
		);
		return { ...asRead({ ...body, read }), requestId };
	};

	it('takes each section from the answer to its own page; empty values never overwrite read ones', () => {
		const pages = [1, 2, 3, 4].map((page) => ({
			page: page as 1 | 2 | 3 | 4,
			read: answerFor(page, `r${page}`),
		}));
		const merged = mergePages(pages, ENDPOINTS.readBpkb);
		const [record] = shapeRead('record', merged, {
			endpoint: ENDPOINTS.readBpkb,
			fileName: 'p1.jpg, p2.jpg, p3.jpg, p4.jpg',
			bpkbPage: 'all',
			includeConfidence: false,
			quality: NO_QUALITY,
		}).map((item) => item.json);
		const [whole] = shape('record', SAMPLES.bpkb, 'readBpkb');
		for (const [column, value] of Object.entries(whole)) {
			if (['file_name', 'request_id'].includes(column)) continue;
			expect([column, record[column]]).toEqual([column, value]);
		}
		expect(record.request_id).toBe('r1, r2, r3, r4');
	});

	it('fills a field its page left empty from another page that read it', () => {
		const first = answerFor(1, 'r1');
		const fourth = asRead(sample(SAMPLES.bpkb)); // read every section
		const owner = first.sections.identitas_pemilik as Section;
		owner.nama_pemilik = { ...owner.nama_pemilik, value: '' };
		const merged = mergePages(
			[
				{ page: 1, read: first },
				{ page: 4, read: fourth },
			],
			ENDPOINTS.readBpkb,
		);
		const name = (merged.sections.identitas_pemilik as Section).nama_pemilik.value;
		expect(name).toBe(
			(SAMPLES.bpkb.read.identitas_pemilik.nama_pemilik as { value: unknown }).value,
		);
	});
});
