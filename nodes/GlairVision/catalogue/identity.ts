/**
 * Identity documents: KTP, NPWP, KK, SIM, passport. GLAIR's SDKs and docs spell their keys two
 * ways (`berlaku_hingga` and `berlakuHingga`, `no_npwp` and `noNpwp`): every spelling is read, and
 * the columns are named one way, snake_case (GLAIR's API reference, glair-endpoints.md §3 and
 * §6.1–6.5, kept outside this repository).
 */
import { field } from './field';
import { ROOT, type CataloguedEndpoint, type RowTableSpec, type SectionSpec } from './types';

const KTP: SectionSpec = {
	key: ROOT,
	title: 'KTP (identity card)',
	recordPrefix: '',
	fields: [
		field('nik', 'NIK (identity number)', 'nik'),
		field('nama', 'Name'),
		field('tempat_lahir', 'Place of birth'),
		field('tanggal_lahir', 'Date of birth', 'birthDate'),
		field('jenis_kelamin', 'Sex', 'sex'),
		field('golongan_darah', 'Blood type'),
		field('alamat', 'Address'),
		field('rt_rw', 'RT/RW (neighbourhood)'),
		field('kelurahan_desa', 'Kelurahan/desa (village)'),
		field('kecamatan', 'Kecamatan (district)'),
		field('kota_kabupaten', 'City or regency'),
		field('provinsi', 'Province'),
		field('agama', 'Religion'),
		field('status_perkawinan', 'Marital status'),
		field('pekerjaan', 'Occupation'),
		field('kewarganegaraan', 'Citizenship'),
		field('berlaku_hingga', 'Valid until', 'expiry'),
	],
};

const NPWP: SectionSpec = {
	key: ROOT,
	title: 'NPWP (taxpayer number card)',
	recordPrefix: '',
	fields: [
		field('no_npwp', 'NPWP number', 'npwp'),
		field('nama', 'Name'),
		field('nik', 'NIK (on NPWPs issued since 2024)', 'nik'),
		field('alamat', 'Address'),
	],
};

const KK: SectionSpec = {
	key: ROOT,
	title: 'KK (family card)',
	recordPrefix: '',
	fields: [
		field('nomor_kk', 'Family card number', 'kkNumber'),
		field('nama_kepala_keluarga', 'Head of family'),
		field('alamat', 'Address'),
		field('rt_rw', 'RT/RW (neighbourhood)'),
		field('desa_kelurahan', 'Desa/kelurahan (village)'),
		field('kecamatan', 'Kecamatan (district)'),
		field('kabupaten_kota', 'Regency or city'),
		field('provinsi', 'Province'),
		field('kode_pos', 'Postal code'),
		field('nomor_blanko', 'Form number'),
		field('tanggal_dikeluarkan', 'Date of issue', 'date'),
	],
};

const KK_MEMBERS: RowTableSpec = {
	key: 'table',
	title: 'Family members',
	columns: [
		field('no', 'Row number'),
		field('nama_lengkap', 'Full name'),
		field('nik', 'NIK', 'nik'),
		field('jenis_kelamin', 'Sex', 'sex'),
		field('tempat_lahir', 'Place of birth'),
		field('tanggal_lahir', 'Date of birth', 'birthDate'),
		field('agama', 'Religion'),
		field('pendidikan', 'Education'),
		field('jenis_pekerjaan', 'Occupation'),
		field('golongan_darah', 'Blood type'),
		field('status_perkawinan', 'Marital status'),
		field('tanggal_perkawinan', 'Date of marriage', 'date'),
		field('status_hubungan_dalam_keluarga', 'Relationship in the family'),
		field('kewarganegaraan', 'Citizenship'),
		field('no_paspor', 'Passport number'),
		field('no_kitas_kitap', 'KITAS/KITAP number'),
		field('nama_ayah', "Father's name"),
		field('nama_ibu', "Mother's name"),
	],
	record: {
		count: 'jumlah_anggota_keluarga',
		row: {
			prefix: 'kepala_keluarga_',
			column: 'status_hubungan_dalam_keluarga',
			value: 'KEPALA KELUARGA',
		},
	},
};

const SIM: SectionSpec = {
	key: ROOT,
	title: 'SIM (driving licence)',
	recordPrefix: '',
	fields: [
		field('nomor_sim', 'SIM number'),
		field('tipe_sim', 'SIM type (A, B1, C, …)'),
		field('nama', 'Name'),
		// GLAIR's Go SDK spells it `tangga_lahir`.
		field('tanggal_lahir', 'Date of birth', 'birthDate', ['tangga_lahir']),
		field('tempat_lahir', 'Place of birth'),
		field('jenis_kelamin', 'Sex', 'sex'),
		field('golongan_darah', 'Blood type'),
		field('tinggi', 'Height'),
		field('alamat', 'Address'),
		field('pekerjaan', 'Occupation'),
		field('wilayah', 'Issuing police region'),
		field('berlaku', 'Valid until', 'expiry'),
	],
};

const PASSPORT: SectionSpec = {
	key: ROOT,
	title: 'Passport (read from the machine-readable zone)',
	recordPrefix: '',
	fields: [
		field('document_type', 'Document type'),
		field('country', 'Issuing country'),
		field('surname', 'Surname'),
		field('name', 'Given names'),
		field('doc_number', 'Passport number'),
		field('nationality', 'Nationality'),
		field('birth_date', 'Date of birth', 'birthDate'),
		field('sex', 'Sex', 'sex'),
		field('expiry_date', 'Date of expiry', 'expiry'),
		field('optional_data', 'Optional data'),
		field('doc_number_hash', 'Passport number check digit'),
		field('birth_date_hash', 'Date of birth check digit'),
		field('expiry_date_hash', 'Date of expiry check digit'),
		field('optional_data_hash', 'Optional data check digit'),
		field('final_hash', 'Overall check digit'),
	],
};

export const IDENTITY_ENDPOINTS = {
	readKtp: {
		operation: 'readKtp',
		label: 'Read KTP',
		action: 'Read a KTP',
		summary:
			'Read an identity card (KTP), with its photo and signature, and optionally check the image',
		path: '/ocr/v1/ktp',
		qualityPath: '/ocr/v1/ktp/qualities',
		document: 'ktp',
		documentName: 'a KTP',
		sections: [KTP],
		acceptedFileKinds: ['png', 'jpeg'],
		cutsOutImages: true,
	},
	readNpwp: {
		operation: 'readNpwp',
		label: 'Read NPWP',
		action: 'Read an NPWP',
		summary: 'Read a taxpayer number card (NPWP)',
		path: '/ocr/v1/npwp',
		document: 'npwp',
		documentName: 'an NPWP',
		sections: [NPWP],
		acceptedFileKinds: ['png', 'jpeg', 'tiff', 'pdf'],
	},
	readKk: {
		operation: 'readKk',
		label: 'Read KK',
		action: 'Read a KK',
		summary:
			'Read a family card (KK): the head of family in the record, every member in Table Rows',
		path: '/ocr/v1/kk',
		document: 'kk',
		documentName: 'a KK',
		sections: [KK],
		acceptedFileKinds: ['png', 'jpeg'],
		rowTable: KK_MEMBERS,
	},
	readSim: {
		operation: 'readSim',
		label: 'Read SIM',
		action: 'Read a SIM',
		summary: 'Read a driving licence (SIM), with its photo and signature',
		path: '/ocr/v1/sim',
		document: 'sim',
		documentName: 'a SIM',
		sections: [SIM],
		acceptedFileKinds: ['png', 'jpeg'],
		cutsOutImages: true,
	},
	readPassport: {
		operation: 'readPassport',
		label: 'Read Passport',
		action: 'Read a passport',
		summary: "Read a passport's machine-readable zone",
		path: '/ocr/v1/passport',
		document: 'passport',
		documentName: 'a passport',
		sections: [PASSPORT],
		acceptedFileKinds: ['png', 'jpeg'],
	},
} as const satisfies Record<string, CataloguedEndpoint>;
