import {
	BPKB_SECTIONS,
	ENDPOINTS,
	OTHER_DOCUMENTS,
	STNK_TAX_TABLE,
	type Operation,
} from '../../nodes/GlairVision/catalogue';
import { shapeRead } from '../../nodes/GlairVision/output';
import { NO_QUALITY } from '../../nodes/GlairVision/quality/review';
import { interpretAnswer } from '../../nodes/GlairVision/response';
import { ENDPOINTS as EMULATED } from '../../tools/emulator';
import { SAMPLES } from '../../tools/fixtures';

const keysOf = (value: object) => Object.keys(value).sort();

describe('the GLAIR field catalogue', () => {
	it.each([
		['readStnk', SAMPLES.stnk],
		['readStnkWithTable', SAMPLES.stnkWithTable],
		['readBpkb', SAMPLES.bpkb],
	] as const)(
		'%s lists exactly the sections and fields of the documented sample',
		(operation, response) => {
			const endpoint = ENDPOINTS[operation];
			expect(keysOf(response.read)).toEqual(endpoint.sections.map((section) => section.key).sort());
			for (const section of endpoint.sections) {
				const documented = (response.read as Record<string, object>)[section.key];
				const fields = keysOf(documented).filter((key) => key !== 'table');
				expect(fields).toEqual(section.fields.map((field) => field.key).sort());
			}
		},
	);

	it('puts each BPKB section on the page the API parameter names', () => {
		expect(BPKB_SECTIONS.map((section) => [section.key, section.bpkbPage])).toEqual([
			['identitas_pemilik', 1],
			['identitas_kendaraan', 2],
			['dokumen_registrasi_pertama', 3],
			['halaman_terakhir', 4],
		]);
	});

	it('gives every record column a distinct name within an operation', () => {
		for (const endpoint of Object.values(ENDPOINTS)) {
			const columns = endpoint.sections.flatMap((section) =>
				section.fields.map((field) => `${section.recordPrefix}${field.key}`),
			);
			expect(new Set(columns).size).toBe(columns.length);
		}
	});

	it('knows every cost type printed in the sample tax table', () => {
		const labels = SAMPLES.stnkWithTable.read.halaman_pajak_tahunan.table
			.map((row) => row.jenis_biaya.value)
			.filter(Boolean);
		const known = STNK_TAX_TABLE.costTypes.map((costType) => costType.label);
		for (const label of labels) expect(known).toContain(label);
	});

	it('names each operation as its key', () => {
		for (const [operation, endpoint] of Object.entries(ENDPOINTS)) {
			expect(endpoint.operation).toBe(operation);
		}
	});

	it('has BPKB pages exactly where its sections lie on pages', () => {
		for (const endpoint of Object.values(ENDPOINTS)) {
			const onPages = endpoint.sections.some((section) => section.bpkbPage !== undefined);
			expect([endpoint.operation, endpoint.bpkbPages === true]).toEqual([
				endpoint.operation,
				onPages,
			]);
		}
	});

	it('takes the file kinds the emulator accepts on each path', () => {
		const paths = [...Object.values(ENDPOINTS), ...Object.values(OTHER_DOCUMENTS)].flatMap(
			(endpoint) =>
				[endpoint.path, endpoint.qualityPath]
					.filter((path) => path !== undefined)
					.map((path) => [path, [...endpoint.acceptedFileKinds].sort()] as const),
		);
		for (const [path, kinds] of paths) {
			expect([path, [...(EMULATED[path]?.formats ?? [])].sort()]).toEqual([path, kinds]);
		}
	});

	it('accepts the formats GLAIR documents per endpoint', () => {
		expect(ENDPOINTS.readStnk.acceptedFileKinds).toEqual(['png', 'jpeg']);
		expect(ENDPOINTS.readStnkWithTable.acceptedFileKinds).toEqual(['png', 'jpeg']);
		expect(ENDPOINTS.readBpkb.acceptedFileKinds).toEqual(['png', 'jpeg', 'tiff', 'pdf']);
	});
});

/** The Record columns of the catalogue's fields of `operation` (tax cost types: see above). */
function cataloguedColumns(operation: Operation): string[] {
	const { sections, rowTable } = ENDPOINTS[operation];
	const row = rowTable?.record.row;
	return [
		...sections.flatMap((section) =>
			section.fields.map((field) => `${section.recordPrefix}${field.key}`),
		),
		...(rowTable ? [rowTable.record.count] : []),
		...(rowTable?.record.joined ? [rowTable.record.joined] : []),
		...(rowTable && row ? rowTable.columns.map((column) => `${row.prefix}${column.key}`) : []),
	];
}

/**
 * The answer with every empty value filled in: GLAIR's samples leave fields unread, and a blank
 * column must mean only that the catalogue's key (or spelling) is not what GLAIR sends.
 */
const filledIn = (value: unknown, key = ''): unknown => {
	if (Array.isArray(value)) return key === 'polygon' ? value : value.map((item) => filledIn(item));
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([name, item]) => [name, filledIn(item, name)]),
		);
	return value === '' || value === null ? 'read' : value;
};

/** The record Read <operation> makes of the sample the emulator answers its path with. */
function recordOf(operation: Operation) {
	const endpoint = ENDPOINTS[operation];
	const { read, ...rest } = EMULATED[endpoint.path].sample;
	const answer = interpretAnswer(
		{
			statusCode: 200,
			body: JSON.stringify({ ...rest, read: filledIn(read) }),
			requestId: 'req-1',
		},
		endpoint,
	);
	if (!answer.ok) throw new Error(answer.problem.message);
	const [record] = shapeRead('record', answer.read, {
		endpoint,
		fileName: 'doc.jpg',
		includeConfidence: false,
		quality: NO_QUALITY,
	});
	return record.json;
}

// Adding a document (docs/adding-a-document.md) is a catalogue entry and a fixture: these fail
// when the fixture is missing, or when the entry's keys are not what the fixture holds.
describe.each(Object.keys(ENDPOINTS) as Operation[])('catalogued operation %s', (operation) => {
	const endpoint = ENDPOINTS[operation];

	it('has a fixture the emulator answers its paths with', () => {
		for (const path of [endpoint.path, ...(endpoint.qualityPath ? [endpoint.qualityPath] : [])]) {
			expect(EMULATED[path]?.sample).toMatchObject({ status: 'SUCCESS', read: expect.any(Object) });
		}
	});

	it("fills every catalogued field's Record column from its fixture", () => {
		const record = recordOf(operation);
		const blank = cataloguedColumns(operation).filter(
			(column) => record[column] === undefined || record[column] === '' || record[column] === 0,
		);
		expect(blank).toEqual([]);
	});
});
