/**
 * GLAIR's vehicle answers in every spelling and layout its SDKs and docs show, through n8n's engine
 * against the emulator: the same columns as the documented answer in every output mode, a warning
 * and a hint for an answer the node does not know, and a BPKB read a page per file that keeps
 * every page.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SAMPLES, sample } from '../../tools/fixtures';
import { jpegBytes } from '../../tools/fixtures/documents';
import { SPELLING_VARIANTS } from '../../tools/fixtures/spellings';
import { file, useEngine } from './context';

const engine = useEngine();

const jsonOf = (items: INodeExecutionData[] | undefined) =>
	(items ?? []).map(({ json }) => {
		const rest = { ...json };
		delete rest.request_id;
		return rest;
	});

const OUTPUTS = {
	readStnk: ['record', 'fields'],
	readStnkWithTable: ['record', 'fields', 'tableRows'],
	readBpkb: ['record', 'fields'],
} as const;

const read = async (operation: string, output: string) =>
	await engine.run({
		typeVersion: 2,
		parameters: { resource: 'vehicleDocument', operation, output },
		documents: [file(jpegBytes(), 'scan.jpg')],
	});

describe.each(
	SPELLING_VARIANTS.filter((variant) => !variant.bare).map((variant) => [
		`${variant.operation} as ${variant.style} spells it`,
		variant,
	]),
)('%s', (_, variant) => {
	it.each(OUTPUTS[variant.operation])('gives the documented %s items', async (output) => {
		const documented = await read(variant.operation, output);
		engine.emulator.answerIn(variant.style);
		const styled = await read(variant.operation, output);
		expect(styled.error).toBeUndefined();
		expect(jsonOf(styled.items)).toEqual(jsonOf(documented.items));
		expect(styled.hints).toEqual([]);
	});
});

describe.each(
	SPELLING_VARIANTS.filter((variant) => variant.bare).map((variant) => [
		`${variant.operation} as ${variant.style} spells it (bare strings)`,
		variant,
	]),
)('%s', (_, variant) => {
	it('fills the columns that layout carries, as the documented answer does', async () => {
		const documented = (await read(variant.operation, 'record')).items?.[0].json ?? {};
		engine.emulator.answerIn(variant.style);
		const { items, error } = await read(variant.operation, 'record');
		expect(error).toBeUndefined();
		const record = items?.[0].json ?? {};
		const columns = (variant.onlyColumns ?? Object.keys(documented)).filter(
			(column) => !variant.without.includes(column) && column !== 'request_id',
		);
		expect(columns.length).toBeGreaterThan(15);
		for (const column of columns)
			expect([column, record[column]]).toEqual([column, documented[column]]);
		expect(record.warnings).toBeUndefined();
	});
});

it('says so, on the item and in a hint, when GLAIR answers with no field it knows', async () => {
	engine.emulator.injectFault({
		kind: 'readOverride',
		read: { stnkPage: { plateNo: { value: 'B 1234 XY', confidence: 99 } } },
	});
	const { items, hints, error } = await read('readStnk', 'record');
	expect(error).toBeUndefined();
	expect(items?.[0].json.warnings).toMatch(
		/none of the fields this node knows for an STNK; it sent: stnkPage/,
	);
	expect(hints.map((hint) => hint.message)).toEqual([
		expect.stringMatching(
			/1 of 1 document\(s\) had none of the fields this node knows for an STNK/,
		),
	]);
});

it('a BPKB a page per file: each section from its own page, an empty page never blanks another', async () => {
	const sections = Object.keys(SAMPLES.bpkb.read);
	const pageSections = [
		'identitas_pemilik',
		'identitas_kendaraan',
		'dokumen_registrasi_pertama',
		'halaman_terakhir',
	];
	// Each page's answer sends every section, the other pages' empty (GLAIR does not say what `page` leaves out).
	for (const [index, own] of pageSections.entries()) {
		const body = sample(SAMPLES.bpkb) as unknown as { read: Record<string, IDataObject> };
		for (const key of sections) {
			if (key === own) continue;
			for (const cell of Object.values(body.read[key])) (cell as IDataObject).value = '';
		}
		engine.emulator.injectFault(
			{ kind: 'readOverride', body },
			{ filename: `bpkb-${index + 1}.jpg` },
		);
	}
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
	const whole = (await read('readBpkb', 'record')).items?.[0].json ?? {};
	const record = items?.[0].json ?? {};
	for (const [column, value] of Object.entries(whole)) {
		if (['file_name', 'request_id'].includes(column)) continue;
		expect([column, record[column]]).toEqual([column, value]);
	}
});
