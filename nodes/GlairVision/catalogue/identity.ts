/**
 * Identity documents: KTP, NPWP, KK, SIM, passport. GLAIR's SDKs and docs spell their keys two
 * ways (`berlaku_hingga` and `berlakuHingga`, `no_npwp` and `noNpwp`): every spelling is read, and
 * the columns are named one way, snake_case (../shared/glair-endpoints.md, §3 and §6.1–6.5).
 */
import { field, fieldOrCamel } from './field';
import { ROOT, type EndpointSpec, type RowTableSpec, type SectionSpec } from './types';

const KTP: SectionSpec = {
	key: ROOT,
	title: 'KTP (identity card)',
	recordPrefix: '',
	fields: [
		fieldOrCamel('nik', 'NIK (identity number)', 'nik'),
		fieldOrCamel('nama', 'Name'),
		fieldOrCamel('tempat_lahir', 'Place of birth'),
		fieldOrCamel('tanggal_lahir', 'Date of birth', 'birthDate'),
		fieldOrCamel('jenis_kelamin', 'Sex', 'sex'),
		fieldOrCamel('golongan_darah', 'Blood type'),
		fieldOrCamel('alamat', 'Address'),
		fieldOrCamel('rt_rw', 'RT/RW (neighbourhood)'),
		fieldOrCamel('kelurahan_desa', 'Kelurahan/desa (village)'),
		fieldOrCamel('kecamatan', 'Kecamatan (district)'),
		fieldOrCamel('kota_kabupaten', 'City or regency'),
		fieldOrCamel('provinsi', 'Province'),
		fieldOrCamel('agama', 'Religion'),
		fieldOrCamel('status_perkawinan', 'Marital status'),
		fieldOrCamel('pekerjaan', 'Occupation'),
		fieldOrCamel('kewarganegaraan', 'Citizenship'),
		fieldOrCamel('berlaku_hingga', 'Valid until', 'expiry'),
	],
};

const NPWP: SectionSpec = {
	key: ROOT,
	title: 'NPWP (taxpayer number card)',
	recordPrefix: '',
	fields: [
		fieldOrCamel('no_npwp', 'NPWP number', 'npwp'),
		fieldOrCamel('nama', 'Name'),
		fieldOrCamel('nik', 'NIK (on NPWPs issued since 2024)', 'nik'),
		fieldOrCamel('alamat', 'Address'),
	],
};

const KK: SectionSpec = {
	key: ROOT,
	title: 'KK (family card)',
	recordPrefix: '',
	fields: [
		fieldOrCamel('nomor_kk', 'Family card number', 'kkNumber'),
		fieldOrCamel('nama_kepala_keluarga', 'Head of family'),
		fieldOrCamel('alamat', 'Address'),
		fieldOrCamel('rt_rw', 'RT/RW (neighbourhood)'),
		fieldOrCamel('desa_kelurahan', 'Desa/kelurahan (village)'),
		fieldOrCamel('kecamatan', 'Kecamatan (district)'),
		fieldOrCamel('kabupaten_kota', 'Regency or city'),
		fieldOrCamel('provinsi', 'Province'),
		fieldOrCamel('kode_pos', 'Postal code'),
		fieldOrCamel('nomor_blanko', 'Form number'),
		fieldOrCamel('tanggal_dikeluarkan', 'Date of issue', 'date'),
	],
};

const KK_MEMBERS: RowTableSpec = {
	key: 'table',
	title: 'Family members',
	columns: [
		fieldOrCamel('no', 'Row number'),
		fieldOrCamel('nama_lengkap', 'Full name'),
		fieldOrCamel('nik', 'NIK', 'nik'),
		fieldOrCamel('jenis_kelamin', 'Sex', 'sex'),
		fieldOrCamel('tempat_lahir', 'Place of birth'),
		fieldOrCamel('tanggal_lahir', 'Date of birth', 'birthDate'),
		fieldOrCamel('agama', 'Religion'),
		fieldOrCamel('pendidikan', 'Education'),
		fieldOrCamel('jenis_pekerjaan', 'Occupation'),
		fieldOrCamel('golongan_darah', 'Blood type'),
		fieldOrCamel('status_perkawinan', 'Marital status'),
		fieldOrCamel('tanggal_perkawinan', 'Date of marriage', 'date'),
		fieldOrCamel('status_hubungan_dalam_keluarga', 'Relationship in the family'),
		fieldOrCamel('kewarganegaraan', 'Citizenship'),
		fieldOrCamel('no_paspor', 'Passport number'),
		fieldOrCamel('no_kitas_kitap', 'KITAS/KITAP number'),
		fieldOrCamel('nama_ayah', "Father's name"),
		fieldOrCamel('nama_ibu', "Mother's name"),
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
		fieldOrCamel('nomor_sim', 'SIM number'),
		fieldOrCamel('tipe_sim', 'SIM type (A, B1, C, …)'),
		fieldOrCamel('nama', 'Name'),
		// GLAIR's Go SDK spells it `tangga_lahir`.
		field('tanggal_lahir', 'Date of birth', 'birthDate', ['tanggalLahir', 'tangga_lahir']),
		fieldOrCamel('tempat_lahir', 'Place of birth'),
		fieldOrCamel('jenis_kelamin', 'Sex', 'sex'),
		fieldOrCamel('golongan_darah', 'Blood type'),
		fieldOrCamel('tinggi', 'Height'),
		fieldOrCamel('alamat', 'Address'),
		fieldOrCamel('pekerjaan', 'Occupation'),
		fieldOrCamel('wilayah', 'Issuing police region'),
		fieldOrCamel('berlaku', 'Valid until', 'expiry'),
	],
};

const PASSPORT: SectionSpec = {
	key: ROOT,
	title: 'Passport (read from the machine-readable zone)',
	recordPrefix: '',
	fields: [
		fieldOrCamel('document_type', 'Document type'),
		fieldOrCamel('country', 'Issuing country'),
		fieldOrCamel('surname', 'Surname'),
		fieldOrCamel('name', 'Given names'),
		fieldOrCamel('doc_number', 'Passport number'),
		fieldOrCamel('nationality', 'Nationality'),
		fieldOrCamel('birth_date', 'Date of birth', 'birthDate'),
		fieldOrCamel('sex', 'Sex', 'sex'),
		fieldOrCamel('expiry_date', 'Date of expiry', 'expiry'),
		fieldOrCamel('optional_data', 'Optional data'),
		fieldOrCamel('doc_number_hash', 'Passport number check digit'),
		fieldOrCamel('birth_date_hash', 'Date of birth check digit'),
		fieldOrCamel('expiry_date_hash', 'Date of expiry check digit'),
		fieldOrCamel('optional_data_hash', 'Optional data check digit'),
		fieldOrCamel('final_hash', 'Overall check digit'),
	],
};

export const IDENTITY_ENDPOINTS = {
	readKtp: {
		operation: 'readKtp',
		label: 'Read KTP',
		path: '/ocr/v1/ktp',
		qualityPath: '/ocr/v1/ktp/qualities',
		document: 'ktp',
		documentName: 'a KTP',
		sections: [KTP],
		acceptedFileKinds: ['png', 'jpeg'],
	},
	readNpwp: {
		operation: 'readNpwp',
		label: 'Read NPWP',
		path: '/ocr/v1/npwp',
		document: 'npwp',
		documentName: 'an NPWP',
		sections: [NPWP],
		acceptedFileKinds: ['png', 'jpeg', 'tiff', 'pdf'],
	},
	readKk: {
		operation: 'readKk',
		label: 'Read KK',
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
		path: '/ocr/v1/sim',
		document: 'sim',
		documentName: 'a SIM',
		sections: [SIM],
		acceptedFileKinds: ['png', 'jpeg'],
	},
	readPassport: {
		operation: 'readPassport',
		label: 'Read Passport',
		path: '/ocr/v1/passport',
		document: 'passport',
		documentName: 'a passport',
		sections: [PASSPORT],
		acceptedFileKinds: ['png', 'jpeg'],
	},
} as const satisfies Record<string, EndpointSpec>;
