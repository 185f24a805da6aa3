/** Read Other GLAIR Document: every field GLAIR sends keeps a column of its own (issue 19, item 3). */
import type { IDataObject } from 'n8n-workflow';

import { OTHER_DOCUMENTS } from '../../nodes/GlairVision/catalogue';
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

const answer = (read: object) => ({ status: 'SUCCESS', reason: 'File Successfully Read', read });

const shape = (
	mode: OutputMode,
	body: object,
	documentType: string,
	options: { minConfidence?: number; validate?: boolean; includeConfidence?: boolean } = {},
) =>
	shapeRead(mode, asRead(body), {
		endpoint: OTHER_DOCUMENTS[documentType],
		fileName: 'f.jpg',
		includeConfidence: options.includeConfidence ?? false,
		quality: {
			normalise: false,
			validate: options.validate ?? false,
			minConfidence: options.minConfidence,
		},
	});

const record = (...args: Parameters<typeof shape>) => shape(...args)[0].json;

describe('a GLAIR field named like a metadata column keeps both', () => {
	it("KITAS's read.status: GLAIR's status stays, the field is read_status", () => {
		const body = sample(SAMPLES.kitasKitap) as { read: Record<string, unknown> };
		body.read.status = { value: 'KITAS ACTIVE', confidence: 93 };
		const json = record('record', body, 'kitasKitap');
		expect(json.status).toBe('SUCCESS');
		expect(json.read_status).toBe('KITAS ACTIVE');
		expect(json.full_name).toBe('OLIVER JAMES THORNBURY');
	});

	it("Image Quality Check's read.document: the document type stays, the field is read_document", () => {
		const body = answer({
			blur: { value: false, confidence: 0.98, confidence_blur: 0.02 },
			document: { value: 'ktp', confidence: 0.996 },
		});
		const json = record('record', body, 'qualities', { includeConfidence: true });
		expect(json).toMatchObject({
			document: 'qualities',
			read_document: 'ktp',
			read_document_confidence: 0.996,
			blur: false,
		});
	});

	it('every metadata column, with every option on, keeps its value, and every field has a column', () => {
		const options = { validate: true, includeConfidence: true, minConfidence: 50 };
		const plain = record(
			'record',
			answer({ x: { value: 'x', confidence: 90 } }),
			'invoice',
			options,
		);
		const metadata = [
			...Object.keys(plain).filter((key) => key !== 'x' && key !== 'x_confidence'),
			'page',
			'binary_field',
			'review_reasons',
			'quality_blurred',
			'row',
			'table',
		];
		const read = Object.fromEntries(
			metadata.map((name) => [name, { value: `GLAIR ${name}`, confidence: 90 }]),
		);
		const json = record('record', answer(read), 'invoice', options);
		for (const [key, value] of Object.entries(plain)) {
			if (key !== 'x' && key !== 'x_confidence') expect([key, json[key]]).toEqual([key, value]);
		}
		const values = Object.values(json);
		for (const name of metadata) expect(values).toContain(`GLAIR ${name}`);
		expect(json.read_status).toBe('GLAIR status');
		expect(json.read_status_confidence).toBe(90);
		expect(json.read_warning_count).toBe('GLAIR warning_count');
	});

	it('a review reason names the column the field is in', () => {
		const body = answer({ status: { value: 'AKTIF', confidence: 10 } });
		const [item] = shape('record', body, 'kitasKitap', { minConfidence: 50 });
		expect(item.reviewReasons).toEqual(['read_status: confidence 10 is below 50']);
	});
});

describe('two GLAIR fields never share a column', () => {
	it('a root field a_b and a section a with a field b: the second is a_b_2', () => {
		const body = answer({ a_b: { value: 'root' }, a: { b: { value: 'nested' } } });
		const json = record('record', body, 'invoice', { includeConfidence: true });
		expect(json).toMatchObject({ a_b: 'root', a_b_2: 'nested' });
		expect(json).toHaveProperty('a_b_confidence');
		expect(json).toHaveProperty('a_b_2_confidence');
	});

	it("a field named like another's confidence column keeps its own", () => {
		const body = answer({ total: { value: 5, confidence: 80 }, total_confidence: 'high' });
		const json = record('record', body, 'invoice', { includeConfidence: true });
		expect(json).toMatchObject({ total: 5, total_confidence: 80, total_confidence_2: 'high' });
	});

	it("a field named like a list's count column keeps its own", () => {
		const body = answer({ items_count: 7, items: [{ name: 'a' }, { name: 'b' }] });
		const json = record('record', body, 'invoice');
		expect(json).toMatchObject({ items_count: 7, items_count_2: 2 });
	});

	it('the same answer always gives the same columns', () => {
		const body = answer({ status: { value: 'x' }, read_status: { value: 'y' } });
		const first = record('record', body, 'invoice');
		expect(first).toMatchObject({ status: 'SUCCESS', read_status: 'x', read_status_2: 'y' });
		expect(record('record', body, 'invoice')).toEqual(first);
	});
});

describe('a field GLAIR sends as null', () => {
	it('is an empty column in Record, at the root and in a section', () => {
		const body = answer({ nomor: { value: 'A1' }, catatan: null, pembeli: { npwp: null } });
		expect(record('record', body, 'invoice')).toMatchObject({
			nomor: 'A1',
			catatan: '',
			pembeli_npwp: '',
		});
	});

	it('is an item with a null value in Fields, and no reason to review', () => {
		const body = answer({ catatan: null });
		const items = shape('fields', body, 'invoice', { minConfidence: 50 });
		expect(items.map((item) => [item.json.section, item.json.field, item.json.value])).toEqual([
			['read', 'catatan', null],
		]);
		expect(items[0].reviewReasons).toEqual([]);
	});
});

describe('Table Rows: a cell named like a row column keeps both', () => {
	it('row, table and file_name stay the node’s; the cells are read_row, read_table, read_file_name', () => {
		const body = answer({
			items: [
				{ row: { value: '1', confidence: 10 }, table: 'meja', file_name: 'x.pdf', name: 'a' },
				{ row: { value: '2', confidence: 90 }, name: 'b' },
			],
		});
		const rows = shape('tableRows', body, 'invoice', { minConfidence: 50 });
		expect(rows.map((row) => row.json)).toEqual([
			expect.objectContaining({
				table: 'items',
				row: 0,
				file_name: 'f.jpg',
				read_row: '1',
				read_table: 'meja',
				read_file_name: 'x.pdf',
				read_row_confidence: 10,
			}),
			expect.objectContaining({ table: 'items', row: 1, read_row: '2', name: 'b' }),
		]);
		expect(rows[0].reviewReasons).toContain('row 0 read_row: confidence 10 is below 50');
	});

	it('a review reason of Record names a table cell by the same column', () => {
		const body = answer({ items: [{ row: { value: '1', confidence: 10 } }] });
		const [item] = shape('record', body, 'invoice', { minConfidence: 50 });
		expect(item.reviewReasons).toEqual(['items row 0 read_row: confidence 10 is below 50']);
	});
});
