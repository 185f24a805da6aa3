import type { IDataObject } from 'n8n-workflow';

import {
	SOME_FIELDS_INVALID_PATTERN,
	type EndpointSpec,
	type SectionSpec,
	type TaxTableSpec,
} from '../catalogue';
/** A successful GLAIR read: the body exactly as sent, with its parts checked. */
export interface GlairRead {
	readonly body: IDataObject;
	readonly status: string;
	readonly reason: string;
	/** The body's `read`: one object per section of the document (halaman_stnk, identitas_pemilik, …). */
	readonly sections: IDataObject;
	readonly requestId: string;
}

export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

type CellValue = IDataObject[string];

/** GLAIR's per-field object; every member may be missing or of the wrong type in practice. */
export interface FieldCell {
	readonly value: CellValue;
	readonly value_original: CellValue;
	/** A number, or null when GLAIR gave none. */
	readonly confidence: number | null;
	readonly confidence_text: number | null;
	readonly page_index: CellValue;
	readonly polygon: CellValue;
}

/** A confidence as a number: GLAIR's number or a numeric string ("92.5"); null when absent or unreadable. */
function confidenceOf(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return null;
}

export function cellOf(value: unknown): FieldCell {
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
		// Sent bare instead of {value, …}: that is the value, read with no confidence given.
		return {
			value,
			value_original: null,
			confidence: null,
			confidence_text: null,
			page_index: null,
			polygon: [],
		};
	}
	const cell = isObject(value) ? value : {};
	return {
		value: cell.value ?? null,
		value_original: cell.value_original ?? null,
		confidence: confidenceOf(cell.confidence),
		confidence_text: confidenceOf(cell.confidence_text),
		page_index: cell.page_index ?? null,
		polygon: cell.polygon ?? [],
	};
}

export const someFieldsInvalid = (read: GlairRead): boolean =>
	SOME_FIELDS_INVALID_PATTERN.test(read.reason);

interface PresentSection {
	readonly key: string;
	/** The catalogue's description of the section, when GLAIR documents it. */
	readonly spec?: SectionSpec;
	readonly content: IDataObject;
}

/**
 * The sections of a read, documented ones first in catalogue order, then any section a newer
 * GLAIR version adds (passed through, never dropped).
 */
export function presentSections(read: GlairRead, endpoint: EndpointSpec): PresentSection[] {
	const known = endpoint.sections
		.filter((spec) => isObject(read.sections[spec.key]))
		.map((spec) => ({ key: spec.key, spec, content: read.sections[spec.key] as IDataObject }));
	const documented = new Set(endpoint.sections.map((spec) => spec.key));
	const unknown = Object.entries(read.sections)
		.filter(([key, content]) => !documented.has(key) && isObject(content))
		.map(([key, content]) => ({ key, content: content as IDataObject }));
	return [...known, ...unknown];
}

/** The rows of the annual tax table, or undefined when GLAIR sent none. */
export function taxTableRows(read: GlairRead, table: TaxTableSpec): IDataObject[] | undefined {
	const section = read.sections[table.sectionKey];
	if (!isObject(section) || !Array.isArray(section.table)) return undefined;
	return section.table.map((row) => (isObject(row) ? row : {}));
}

/** A tax row's cost type (`jenis_biaya`) as printed, tidied: `BIAYA ADMINISTRASI STNK`. */
export const costTypeOf = (row: IDataObject, table: TaxTableSpec): string => {
	const value = cellOf(row[table.costTypeColumn]).value;
	return typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toUpperCase() : '';
};
