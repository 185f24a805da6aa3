/**
 * The GLAIR Vision field catalogue: every endpoint, section and field the API documents
 * (docs.glair.ai, STNK and BPKB references). This is the only place that knows them;
 * every output mode, the README tables and the emulator tests read it from here.
 */

export type DocumentType = 'stnk' | 'bpkb';

export type Operation = 'readStnk' | 'readStnkWithTable' | 'readBpkb';

/** File formats GLAIR accepts, judged by the file's content. */
export type AcceptedFileKind = 'png' | 'jpeg' | 'tiff' | 'pdf';

/** What a field holds, for the normalisers and validators. */
export type FieldKind =
	'text' | 'date' | 'plate' | 'chassis' | 'engine' | 'nik' | 'year' | 'cylinder';

export interface FieldSpec {
	readonly key: string;
	readonly description: string;
	readonly kind: FieldKind;
}

export interface SectionSpec {
	readonly key: string;
	readonly title: string;
	/** Prefix of this section's columns in the flat record; keeps STNK's two pages apart. */
	readonly recordPrefix: string;
	/** The BPKB page that holds this section (the API's `page` parameter). */
	readonly bpkbPage?: BpkbPage;
	readonly fields: readonly FieldSpec[];
}

export type BpkbPage = 1 | 2 | 3 | 4;

export interface TaxTableSpec {
	/** Section whose `table` array holds the annual tax payment rows. */
	readonly sectionKey: string;
	readonly costTypeColumn: 'jenis_biaya';
	readonly amountColumns: readonly TaxAmountColumn[];
	/** Cost types printed on the STNK tax page, in the order they appear. */
	readonly costTypes: readonly CostTypeSpec[];
}

export type TaxAmountColumn = 'pokok' | 'sanksi_administratif' | 'jumlah';

export interface CostTypeSpec {
	/** `jenis_biaya` as GLAIR reads it, upper case. */
	readonly label: string;
	/** Used in record column names: `pajak_<key>_<amount column>`. */
	readonly key: string;
}

export interface EndpointSpec {
	readonly operation: Operation;
	/** The operation's name in n8n's UI and in messages. */
	readonly label: string;
	readonly path: string;
	readonly document: DocumentType;
	readonly sections: readonly SectionSpec[];
	readonly acceptedFileKinds: readonly AcceptedFileKind[];
	readonly taxTable?: TaxTableSpec;
}

const field = (key: string, description: string, kind: FieldKind = 'text'): FieldSpec => ({
	key,
	description,
	kind,
});

export const STNK_TAX_PAGE: SectionSpec = {
	key: 'halaman_pajak_tahunan',
	title: 'Annual tax page',
	recordPrefix: 'pajak_',
	fields: [
		field('nomor_pajak_tahunan', 'Annual tax number'),
		field('samsat_provinsi', 'Provincial Samsat'),
		field('nomor_registrasi', 'Registration (plate) number', 'plate'),
		field('nama_pemilik', "Owner's name"),
		field('alamat', 'Address'),
		field('merk', 'Brand'),
		field('tipe', 'Type'),
		field('jenis', 'Kind of vehicle'),
		field('model', 'Model'),
		field('warna_tnkb', 'Plate (TNKB) colour'),
		field('tahun_pembuatan', 'Manufacture year', 'year'),
		field('isi_silinder', 'Cylinder capacity', 'cylinder'),
		field('bahan_bakar', 'Fuel'),
		field('warna', 'Colour'),
		field('nomor_rangka', 'Chassis number', 'chassis'),
		field('nomor_mesin', 'Engine number', 'engine'),
		field('ditetapkan_tanggal', 'Approval date', 'date'),
		field('nomor_bpkb', 'BPKB number'),
		field('berlaku_sampai', 'Annual tax due date', 'date'),
		field('ident', 'Ident'),
		field('jumlah_sumbu', 'Number of axles'),
		field('kepemilikan_ke', 'Ownership number'),
		field('kode_njkb', 'NJKB code'),
		field('nomor_identitas_pemilik', "Owner's ID number", 'nik'),
		field('nomor_registrasi_lama', 'Old registration number', 'plate'),
		field('tahun_registrasi', 'Registration year', 'year'),
	],
};

export const STNK_CERTIFICATE_PAGE: SectionSpec = {
	key: 'halaman_stnk',
	title: 'STNK certificate page',
	recordPrefix: 'stnk_',
	fields: [
		field('nomor_stnk', 'STNK number'),
		field('polda_penerbitan', 'Issuing provincial police'),
		field('tempat_penerbitan', 'Place of issue'),
		field('tanggal_penerbitan', 'Date of issue', 'date'),
		field('nomor_registrasi', 'Registration (plate) number', 'plate'),
		field('nama_pemilik', "Owner's name"),
		field('alamat', 'Address'),
		field('nomor_identitas_pemilik', "Owner's ID number", 'nik'),
		field('merk', 'Brand'),
		field('tipe', 'Type'),
		field('jenis', 'Kind of vehicle'),
		field('model', 'Model'),
		field('tahun_pembuatan', 'Manufacture year', 'year'),
		field('isi_silinder', 'Cylinder capacity', 'cylinder'),
		field('nomor_rangka', 'Chassis number', 'chassis'),
		field('nomor_mesin', 'Engine number', 'engine'),
		field('warna', 'Colour'),
		field('bahan_bakar', 'Fuel'),
		field('warna_tnkb', 'Plate (TNKB) colour'),
		field('tahun_registrasi', 'Registration year', 'year'),
		field('nomor_bpkb', 'BPKB number'),
		field('kode_lokasi', 'Location code'),
		field('nomor_urut_pendaftaran', 'Registration serial number'),
		field('berlaku_sampai', 'Certificate expiry date', 'date'),
	],
};

const BPKB_OWNER_PAGE: SectionSpec = {
	key: 'identitas_pemilik',
	title: 'Owner identity (page 1)',
	recordPrefix: '',
	bpkbPage: 1,
	fields: [
		field('nomor_bpkb', 'BPKB number'),
		field('stempel_nomor_bpkb', 'BPKB number stamp'),
		field('nama_pemilik', "Owner's name"),
		field('no_ktp_tdp', 'KTP (NIK) or TDP number', 'nik'),
		field('pekerjaan', 'Occupation'),
		field('alamat', 'Address'),
		field('alamat_email', 'Email address'),
		field('no_telepon', 'Phone number'),
		field('dikeluarkan', 'Issued at'),
		field('pada_tanggal', 'Issue date (dd-mm-yyyy)', 'date'),
	],
};

const BPKB_VEHICLE_PAGE: SectionSpec = {
	key: 'identitas_kendaraan',
	title: 'Vehicle identity (page 2)',
	recordPrefix: '',
	bpkbPage: 2,
	fields: [
		field('nomor_registrasi', 'Registration (plate) number', 'plate'),
		field('merk', 'Brand'),
		field('type', 'Type'),
		field('jenis', 'Kind of vehicle'),
		field('model', 'Model'),
		field('tahun_pembuatan', 'Manufacture year', 'year'),
		field('isi_silinder', 'Cylinder capacity', 'cylinder'),
		field('warna', 'Colour'),
		field('nomor_rangka', 'Chassis number', 'chassis'),
		field('nomor_mesin', 'Engine number', 'engine'),
		field('warna_tnkb', 'Plate (TNKB) colour'),
		field('bahan_bakar', 'Fuel'),
		field('jumlah_sumbu', 'Number of axles'),
		field('jumlah_roda', 'Number of wheels'),
	],
};

const BPKB_FIRST_REGISTRATION_PAGE: SectionSpec = {
	key: 'dokumen_registrasi_pertama',
	title: 'First registration documents (page 3)',
	recordPrefix: '',
	bpkbPage: 3,
	fields: [
		field('nama_apm', 'APM (sole agent) name'),
		field('nomor_faktur', 'Invoice number'),
		field('tanggal_faktur', 'Invoice date (dd-mm-yyyy)', 'date'),
		field('nomor_form_abc', 'Form A/B/C number'),
	],
};

const BPKB_LAST_PAGE: SectionSpec = {
	key: 'halaman_terakhir',
	title: 'Last page (page 4)',
	recordPrefix: '',
	bpkbPage: 4,
	fields: [field('diterbitkan_oleh', 'Issued by'), field('no_register', 'Register number')],
};

export const STNK_TAX_TABLE: TaxTableSpec = {
	sectionKey: STNK_TAX_PAGE.key,
	costTypeColumn: 'jenis_biaya',
	amountColumns: ['pokok', 'sanksi_administratif', 'jumlah'],
	costTypes: [
		{ label: 'BBNKB', key: 'bbnkb' },
		{ label: 'PKB', key: 'pkb' },
		{ label: 'SWDKLLJ', key: 'swdkllj' },
		{ label: 'BIAYA ADMINISTRASI STNK', key: 'biaya_administrasi_stnk' },
		{ label: 'BIAYA ADMINISTRASI TNKB', key: 'biaya_administrasi_tnkb' },
		{ label: 'JUMLAH', key: 'total' },
	],
};

const STNK_SECTIONS = [STNK_TAX_PAGE, STNK_CERTIFICATE_PAGE] as const;

export const BPKB_SECTIONS = [
	BPKB_OWNER_PAGE,
	BPKB_VEHICLE_PAGE,
	BPKB_FIRST_REGISTRATION_PAGE,
	BPKB_LAST_PAGE,
] as const;

export const ENDPOINTS: Readonly<Record<Operation, EndpointSpec>> = {
	readStnk: {
		operation: 'readStnk',
		label: 'Read STNK',
		path: '/ocr/v1/stnk',
		document: 'stnk',
		sections: STNK_SECTIONS,
		acceptedFileKinds: ['png', 'jpeg'],
	},
	readStnkWithTable: {
		operation: 'readStnkWithTable',
		label: 'Read STNK With Table',
		path: '/ocr/v1/stnk-with-table',
		document: 'stnk',
		sections: STNK_SECTIONS,
		acceptedFileKinds: ['png', 'jpeg'],
		taxTable: STNK_TAX_TABLE,
	},
	readBpkb: {
		operation: 'readBpkb',
		label: 'Read BPKB',
		path: '/ocr/v1/bpkb',
		document: 'bpkb',
		sections: BPKB_SECTIONS,
		acceptedFileKinds: ['png', 'jpeg', 'tiff', 'pdf'],
	},
};

export const isOperation = (value: unknown): value is Operation =>
	typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENDPOINTS, value);

/** GLAIR answers 200 SUCCESS with this reason when the image is not the document asked for. */
export const SOME_FIELDS_INVALID_PATTERN = /some fields are invalid/i;
