import type { IDataObject } from 'n8n-workflow';

import {
	ROOT,
	SOME_FIELDS_INVALID_PATTERN,
	type EndpointSpec,
	type FieldSpec,
	type RowTableSpec,
	type SectionSpec,
	type TaxTableSpec,
} from '../catalogue';

/** An image GLAIR cut out of the document (face photo, signature), as it sent it: base64. */
export interface GlairImage {
	/** The binary field it becomes: `photo` or `signature`. */
	readonly name: 'photo' | 'signature';
	readonly base64: string;
}

/** A successful GLAIR read: the body as sent (images aside), with its parts checked. */
export interface GlairRead {
	/** GLAIR's body, with any image's data replaced by a note naming its binary field. */
	readonly body: IDataObject;
	readonly status: string;
	readonly reason: string;
	/** The body's `read`: sections (halaman_stnk, …) or, for flat documents (KTP, …), the fields. */
	readonly sections: IDataObject;
	readonly requestId: string;
	/** Images GLAIR cut out (face photo, signature), when it sent any. */
	readonly images?: readonly GlairImage[];
	/** GLAIR's image-quality flags (KTP's `qualities` or `condition`), snake_case keys, when sent. */
	readonly imageQuality?: Readonly<Record<string, boolean>>;
}

export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field as GLAIR sends it, not a table or a nested block: `{value, …}` or a bare value. */
export const isFieldValue = (value: unknown): boolean =>
	!Array.isArray(value) && (!isObject(value) || 'value' in value || 'confidence' in value);

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
	// Older SDKs spell the members camelCase (valueOriginal, confidenceText, pageIndex).
	return {
		value: cell.value ?? null,
		value_original: cell.value_original ?? cell.valueOriginal ?? null,
		confidence: confidenceOf(cell.confidence),
		confidence_text: confidenceOf(cell.confidence_text ?? cell.confidenceText),
		page_index: cell.page_index ?? cell.pageIndex ?? null,
		polygon: cell.polygon ?? [],
	};
}

/**
 * A field's raw value in a section. Takes a read in the catalogue's spelling
 * (`inCatalogueSpelling`): every other spelling GLAIR uses is already under the field's key.
 */
export const fieldIn = (content: IDataObject, field: FieldSpec): unknown => content[field.key];

/** Whether a section (in the catalogue's spelling) holds the field. */
export const hasField = (content: IDataObject, field: FieldSpec): boolean => field.key in content;

/** The catalogue's keys of the fields of a section: keys that are not "extra" fields. */
export const spellings = (fields: readonly FieldSpec[]): Set<string> =>
	new Set(fields.map((field) => field.key));

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
	// A flat document's fields lie directly under `read`: its one section is `read` itself.
	if (endpoint.sections.some((spec) => spec.key === ROOT)) {
		return endpoint.sections.map((spec) => ({
			key: endpoint.document,
			spec,
			content: read.sections,
		}));
	}
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

/** The rows of a table under `read` (KK's members, the plates in a photo); none when GLAIR sent none. */
export function rowsOf(read: GlairRead, table: RowTableSpec): IDataObject[] {
	const rows = read.sections[table.key];
	if (!Array.isArray(rows)) return [];
	// A bare value is a row of one cell (plates are sometimes sent as strings).
	return rows.map((row) =>
		isObject(row) ? row : { [table.columns[0].key]: row as IDataObject[string] },
	);
}

/** A tax row's cost type (`jenis_biaya`) as printed, tidied: `BIAYA ADMINISTRASI STNK`. */
export const costTypeOf = (row: IDataObject, table: TaxTableSpec): string => {
	const value = cellOf(row[table.costTypeColumn]).value;
	return typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toUpperCase() : '';
};

const snakeCase = (key: string): string =>
	key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** GLAIR's image-quality flags: `qualities` in its docs, `condition` in its SDKs; any spelling. */
export function imageQualityOf(body: IDataObject): Record<string, boolean> {
	const block = isObject(body.qualities)
		? body.qualities
		: isObject(body.condition)
			? body.condition
			: {};
	return Object.fromEntries(
		Object.entries(block)
			.filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean')
			.map(([key, flag]) => [snakeCase(key), flag]),
	);
}

/** Nothing read: GLAIR sent no value, or an empty one (bare or as `{value}`). */
const isEmptyCell = (value: unknown): boolean => {
	const inner = isObject(value) && 'value' in value ? value.value : value;
	return inner === null || inner === undefined || inner === '';
};

/** Puts `value` under `key` unless a read value is there already: an empty never overwrites one. */
export function fillIn(target: IDataObject, key: string, value: IDataObject[string]): void {
	// hasOwnProperty, not `in`: GLAIR may send a key named like an Object member (`constructor`).
	const taken = Object.prototype.hasOwnProperty.call(target, key);
	if (!taken || (isEmptyCell(target[key]) && !isEmptyCell(value))) target[key] = value;
}

/**
 * A BPKB read page by page (one file per page) as one read. Each section comes from the answer to
 * the request for its own page (`bpkbPage`); another page's answer only fills the fields that one
 * left empty, and an empty value never replaces a read one. The pages' Request-Ids are joined;
 * "Some fields are invalid" when GLAIR said it of any page. Takes reads in the catalogue's spelling.
 */
export function mergePages(
	pages: ReadonlyArray<{ readonly read: GlairRead; readonly page: number | 'all' }>,
	endpoint: EndpointSpec,
): GlairRead {
	const pageOf = new Map(endpoint.sections.map((spec) => [spec.key, spec.bpkbPage]));
	// For each section, the answer of its own page first, then the others in page order.
	const ranked = (key: string) =>
		[...pages].sort(
			(a, b) => Number(b.page === pageOf.get(key)) - Number(a.page === pageOf.get(key)),
		);
	const keys = [...new Set(pages.flatMap(({ read }) => Object.keys(read.sections)))];
	const sections: IDataObject = {};
	for (const key of keys) {
		for (const { read } of ranked(key)) {
			const content = read.sections[key];
			if (content === undefined) continue;
			const merged = sections[key];
			if (merged === undefined) {
				sections[key] = isObject(content) ? { ...content } : content;
			} else if (isObject(merged) && isObject(content)) {
				for (const [name, value] of Object.entries(content)) fillIn(merged, name, value);
			}
		}
	}
	const reads = pages.map(({ read }) => read);
	const flagged = reads.find((read) => someFieldsInvalid(read)) ?? reads[0];
	return {
		body: { ...flagged.body, read: sections },
		status: flagged.status,
		reason: flagged.reason,
		sections,
		requestId: reads.map((read) => read.requestId).join(', '),
		images: reads.flatMap((read) => read.images ?? []),
	};
}
