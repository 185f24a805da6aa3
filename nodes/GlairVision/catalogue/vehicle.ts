/**
 * Vehicle documents: STNK (with or without its tax table), BPKB, license plates. GLAIR's SDKs and
 * docs spell their sections and fields snake_case or camelCase (`halamanStnk`, `tahunPembuatan`),
 * and older STNK answers are flat: every spelling is read, the columns are named snake_case
 * (glair-endpoints.md §3.2, §6.6–6.8).
 */
import { field } from './field';
import type { CataloguedEndpoint, RowTableSpec, SectionSpec, TaxTableSpec } from './types';

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
		// The older docs' flat STNK spells it `isi_sillinder`.
		field('isi_silinder', 'Cylinder capacity', 'cylinder', ['isi_sillinder']),
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
		// GLAIR's Go SDK spells it `nomor_ktp_tdp`.
		field('no_ktp_tdp', 'KTP (NIK) or TDP number', 'nik', ['nomor_ktp_tdp']),
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
	// GLAIR's Node SDK names the section `halamanRegistrasiPertama`.
	aliases: ['halamanRegistrasiPertama'],
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

const PLATES: RowTableSpec = {
	key: 'plates',
	title: 'License plates in the photo',
	columns: [field('text', 'Registration (plate) number as read', 'plate')],
	record: { count: 'plate_count', joined: 'plates' },
	noConfidence: true,
};

export const VEHICLE_ENDPOINTS = {
	readStnk: {
		operation: 'readStnk',
		label: 'Read STNK',
		action: 'Read an STNK',
		summary: 'Read a vehicle registration certificate (STNK) and its annual tax page',
		path: '/ocr/v1/stnk',
		document: 'stnk',
		documentName: 'an STNK',
		sections: STNK_SECTIONS,
		acceptedFileKinds: ['png', 'jpeg'],
		flatLayoutSection: STNK_CERTIFICATE_PAGE.key,
		pagesMustAgree: true,
	},
	readStnkWithTable: {
		operation: 'readStnkWithTable',
		label: 'Read STNK With Table',
		action: 'Read an STNK with its tax table',
		summary: 'Read an STNK and also the payment table on its annual tax page (PKB, SWDKLLJ, …)',
		path: '/ocr/v1/stnk-with-table',
		document: 'stnk',
		documentName: 'an STNK',
		sections: STNK_SECTIONS,
		acceptedFileKinds: ['png', 'jpeg'],
		taxTable: STNK_TAX_TABLE,
		flatLayoutSection: STNK_CERTIFICATE_PAGE.key,
		pagesMustAgree: true,
	},
	readBpkb: {
		operation: 'readBpkb',
		label: 'Read BPKB',
		action: 'Read a BPKB',
		summary: 'Read a vehicle ownership book (BPKB): all four pages or one of them',
		path: '/ocr/v1/bpkb',
		document: 'bpkb',
		documentName: 'a BPKB',
		sections: BPKB_SECTIONS,
		acceptedFileKinds: ['png', 'jpeg', 'tiff', 'pdf'],
		bpkbPages: true,
	},
	readLicensePlate: {
		operation: 'readLicensePlate',
		label: 'Read License Plate',
		action: 'Read license plates',
		summary: 'Read the plates in a photo of vehicles: one row each',
		path: '/ocr/v1/plate',
		document: 'plate',
		documentName: 'a vehicle photo',
		sections: [],
		acceptedFileKinds: ['png', 'jpeg'],
		rowTable: PLATES,
	},
} as const satisfies Record<string, CataloguedEndpoint>;
