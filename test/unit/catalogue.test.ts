import { BPKB_SECTIONS, ENDPOINTS, STNK_TAX_TABLE } from '../../nodes/GlairVision/catalogue';
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

	it('accepts the formats GLAIR documents per endpoint', () => {
		expect(ENDPOINTS.readStnk.acceptedFileKinds).toEqual(['png', 'jpeg']);
		expect(ENDPOINTS.readStnkWithTable.acceptedFileKinds).toEqual(['png', 'jpeg']);
		expect(ENDPOINTS.readBpkb.acceptedFileKinds).toEqual(['png', 'jpeg', 'tiff', 'pdf']);
	});
});
