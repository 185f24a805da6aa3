import type { IDataObject } from 'n8n-workflow';

import type { EndpointSpec, FieldKind, FieldSpec } from '../catalogue';
import { STNK_CERTIFICATE_PAGE, STNK_TAX_PAGE } from '../catalogue';
import {
	cellOf,
	costTypeOf,
	fieldIn,
	isObject,
	presentSections,
	rowsOf,
	taxTableRows,
	type GlairRead,
} from '../response';
import { checkValue } from './checkValue';
import { compactCode, normaliseAmount, normaliseDate, normaliseSex } from './normalise';

/** Something a careful reader would question; it informs, it never blocks output. */
export interface Warning {
	readonly section: string;
	/** The field the warning is about, or undefined for a table row. */
	readonly field?: string;
	/** 0-based tax table row, for table warnings. */
	readonly row?: number;
	readonly message: string;
}

/** A warning about the whole document (section ''), shown on every item made of it. */
export const isDocumentWarning = (warning: Warning): boolean => warning.section === '';

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

function fieldWarnings(
	section: string,
	fields: readonly FieldSpec[],
	content: IDataObject,
	currentYear: number,
	today: string,
	row?: number,
): Warning[] {
	return fields.flatMap((field) => {
		const message = checkValue(
			field.kind,
			text(cellOf(fieldIn(content, field)).value),
			currentYear,
			today,
		);
		return message ? [{ section, field: field.key, row, message }] : [];
	});
}

/**
 * A NIK holds its owner's birth date (digits 7–12, DDMMYY, women's day + 40): it must agree with
 * the date of birth and the sex printed beside it (KTP, each KK member).
 */
function nikAgrees(
	section: string,
	fields: readonly FieldSpec[],
	content: IDataObject,
	row?: number,
): Warning[] {
	const specOf = (kind: FieldKind) => fields.find((field) => field.kind === kind);
	const valueOf = (spec: FieldSpec | undefined) =>
		spec ? text(cellOf(fieldIn(content, spec)).value) : '';
	const nikField = specOf('nik');
	const nik = valueOf(nikField).replace(/\s/g, '');
	const birthDate = normaliseDate(valueOf(specOf('birthDate')));
	const sex = normaliseSex(valueOf(specOf('sex')));
	if (!nikField || !/^\d{16}$/.test(nik) || nik.startsWith('0')) return [];
	const day = Number(nik.slice(6, 8));
	const warnings: string[] = [];
	if (birthDate) {
		const printed = `${birthDate.slice(8, 10)}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}`;
		const inNik = `${String(day > 40 ? day - 40 : day).padStart(2, '0')}${nik.slice(8, 12)}`;
		if (printed !== inNik)
			warnings.push(
				`NIK "${nik}" holds the birth date ${inNik.slice(0, 2)}-${inNik.slice(2, 4)}-${inNik.slice(4)}, but the date of birth reads ${birthDate}`,
			);
	}
	if (sex && day > 40 !== (sex === 'F')) {
		warnings.push(
			`NIK "${nik}" is a ${day > 40 ? "woman's" : "man's"} (day ${day}), but the sex reads ${sex === 'F' ? 'female' : 'male'}`,
		);
	}
	return warnings.map((message) => ({ section, field: nikField.key, row, message }));
}

/** STNK's tax page and certificate page describe one vehicle: they must agree. */
function pagesAgree(read: GlairRead): Warning[] {
	const taxPage = read.sections[STNK_TAX_PAGE.key];
	const certificate = read.sections[STNK_CERTIFICATE_PAGE.key];
	if (!isObject(taxPage) || !isObject(certificate)) return [];
	return ['nomor_registrasi', 'nomor_rangka', 'nomor_mesin'].flatMap((field) => {
		const onTaxPage = text(cellOf(taxPage[field]).value);
		const onCertificate = text(cellOf(certificate[field]).value);
		if (!onTaxPage || !onCertificate || compactCode(onTaxPage) === compactCode(onCertificate))
			return [];
		const message = `the STNK's two pages disagree on ${field}: "${onCertificate}" (STNK page) vs "${onTaxPage}" (tax page)`;
		return [
			{ section: STNK_CERTIFICATE_PAGE.key, field, message },
			{ section: STNK_TAX_PAGE.key, field, message },
		];
	});
}

/** Tax table arithmetic: pokok + sanksi = jumlah per row, and the JUMLAH row is the sum. */
function tableAddsUp(read: GlairRead, endpoint: EndpointSpec): Warning[] {
	const table = endpoint.taxTable;
	const rows = table && taxTableRows(read, table);
	if (!table || !rows) return [];
	const amount = (row: Record<string, unknown>, column: string) =>
		normaliseAmount(cellOf(row[column]).value);
	const warnings: Warning[] = [];
	let total: { row: number; jumlah: number } | undefined;
	let sum = 0;
	let summed = 0;
	rows.forEach((row, index) => {
		const kind = costTypeOf(row, table);
		const [pokok, sanksi, jumlah] = [
			amount(row, 'pokok'),
			amount(row, 'sanksi_administratif'),
			amount(row, 'jumlah'),
		];
		if (kind === 'JUMLAH') {
			if (jumlah !== undefined) total = { row: index, jumlah };
			return;
		}
		if (!kind) return;
		if (jumlah !== undefined) {
			sum += jumlah;
			summed += 1;
		}
		if (
			pokok !== undefined &&
			sanksi !== undefined &&
			jumlah !== undefined &&
			pokok + sanksi !== jumlah
		) {
			warnings.push({
				section: table.sectionKey,
				row: index,
				message: `tax row ${index} (${kind}): pokok ${pokok} + sanksi ${sanksi} = ${pokok + sanksi}, but jumlah is ${jumlah}`,
			});
		}
	});
	if (total && summed > 0 && total.jumlah !== sum) {
		warnings.push({
			section: table.sectionKey,
			row: total.row,
			message: `tax row ${total.row} (JUMLAH) is ${total.jumlah}, but the other rows add up to ${sum}`,
		});
	}
	return warnings;
}

/** Every warning for one read: field formats, agreements, the tax table's arithmetic. */
export function validateRead(
	read: GlairRead,
	endpoint: EndpointSpec,
	currentYear: number,
	today: string = new Date().toISOString().slice(0, 10),
): Warning[] {
	const perField = presentSections(read, endpoint).flatMap((section) =>
		section.spec
			? [
					...fieldWarnings(section.key, section.spec.fields, section.content, currentYear, today),
					...nikAgrees(section.key, section.spec.fields, section.content),
				]
			: [],
	);
	const table = endpoint.rowTable;
	const perRow = table
		? rowsOf(read, table).flatMap((row, index) => [
				...fieldWarnings(table.key, table.columns, row, currentYear, today, index),
				...nikAgrees(table.key, table.columns, row, index),
			])
		: [];
	return [
		...perField,
		...perRow,
		...(endpoint.pagesMustAgree ? pagesAgree(read) : []),
		...tableAddsUp(read, endpoint),
	];
}
