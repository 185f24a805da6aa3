import type { IDataObject } from 'n8n-workflow';

import { IMAGE_FIELD_KEYS } from './images';
import { isObject, type GlairRead } from './read';

/** A field of an answer no catalogue describes, and the column it has in Record (see genericParts). */
export interface GenericField {
	readonly name: string;
	readonly raw: unknown;
	readonly column: string;
}

/** One part of such an answer: its fields, by name. */
export interface GenericSection {
	/** `read` for the fields directly under it, else the nested object's key. */
	readonly key: string;
	readonly fields: readonly GenericField[];
}

/** An array of rows in such an answer (items, transactions, all_texts, …). */
export interface GenericTable {
	/** Where it lies: `items`, or `tables.0` for a table inside an array. */
	readonly key: string;
	/** Each cell under its column in Table Rows: GLAIR's key, made unique as columnAllocator says. */
	readonly rows: readonly IDataObject[];
	/** Record's column with the number of rows. */
	readonly countColumn: string;
}

/** Read KTP with Check Image Quality: a flag's record column (`is_copy` → `quality_copy`). */
export const qualityColumn = (flag: string): string => `quality_${flag.replace(/^is_/, '')}`;

/** The columns the node writes in every record (file_name … review_reasons), never a field's. */
const RECORD_COLUMNS = [
	'file_name',
	'request_id',
	'some_fields_invalid',
	'document',
	'status',
	'reason',
	'page',
	'binary_field',
	'warnings',
	'warning_count',
	'review_reasons',
];

/** The columns the node writes in every table row item. */
const ROW_COLUMNS = [
	'table',
	'row',
	'file_name',
	'request_id',
	'some_fields_invalid',
	'binary_field',
	'warnings',
	'warning_count',
	'review_reasons',
];

/**
 * Hands out columns so that none is lost: a name the node writes itself becomes `read_<name>`, a
 * name an earlier field took gets `_2`, `_3`, … Each column comes with its `_confidence` beside it,
 * taken whether or not Include Confidence is on, so the columns never depend on the options.
 */
function columnAllocator(
	nodeColumns: Iterable<string>,
): (wanted: string, confidence: boolean) => string {
	const reserved = new Set(nodeColumns);
	const taken = new Set(reserved);
	return (wanted, confidence) => {
		const base = reserved.has(wanted) ? `read_${wanted}` : wanted;
		const free = (column: string) =>
			!taken.has(column) && !(confidence && taken.has(`${column}_confidence`));
		let column = base;
		for (let next = 2; !free(column); next++) column = `${base}_${next}`;
		taken.add(column);
		if (confidence) taken.add(`${column}_confidence`);
		return column;
	};
}

/** A field as GLAIR sends it: `{value, …}`, a bare value, or null (a field GLAIR did not read). */
const isField = (value: unknown): boolean =>
	value === null ||
	(isObject(value) && 'value' in value) ||
	typeof value === 'string' ||
	typeof value === 'number' ||
	typeof value === 'boolean';

/** An array's rows; a bare value is a row of one cell, `value`. */
const rowsFrom = (values: readonly unknown[]): IDataObject[] =>
	values.map((row) => (isObject(row) ? row : { value: row as IDataObject[string] }));

/** A table's rows with each cell under its column: one column per key, the first row's first. */
function withRowColumns(rows: readonly IDataObject[]): IDataObject[] {
	const claim = columnAllocator(ROW_COLUMNS);
	const columns = new Map<string, string>();
	const columnOf = (key: string): string => {
		const column = columns.get(key) ?? claim(key, true);
		columns.set(key, column);
		return column;
	};
	return rows.map((row) =>
		Object.fromEntries(Object.entries(row).map(([key, cell]) => [columnOf(key), cell])),
	);
}

/**
 * An answer read without a catalogue (Read Other GLAIR Document): fields directly under `read`,
 * nested objects of fields as sections of their own, and arrays as tables of rows. Nothing GLAIR
 * sends is dropped but images, which become binaries. Every field and every table's count has a
 * record column of its own: `<field>` under `read`, `<section>_<field>` in a section,
 * `<table>_count`, in that order, made unique as columnAllocator says.
 */
export function genericParts(read: GlairRead): {
	sections: GenericSection[];
	tables: GenericTable[];
} {
	const root: Array<readonly [string, unknown]> = [];
	const nested: Array<{ key: string; fields: Array<readonly [string, unknown]> }> = [];
	const arrays: Array<{ key: string; rows: IDataObject[] }> = [];
	for (const [key, value] of Object.entries(read.sections)) {
		if (IMAGE_FIELD_KEYS.has(key)) continue;
		if (Array.isArray(value)) {
			arrays.push({ key, rows: rowsFrom(value) });
		} else if (isField(value)) {
			root.push([key, value]);
		} else if (isObject(value)) {
			const fields = Object.entries(value).filter(([, inner]) => isField(inner));
			if (fields.length > 0) nested.push({ key, fields });
			for (const [inner, rows] of Object.entries(value)) {
				if (Array.isArray(rows)) arrays.push({ key: `${key}.${inner}`, rows: rowsFrom(rows) });
			}
		}
	}
	const claim = columnAllocator([
		...RECORD_COLUMNS,
		...Object.keys(read.imageQuality ?? {}).map(qualityColumn),
	]);
	const withColumns = (
		key: string,
		prefix: string,
		fields: ReadonlyArray<readonly [string, unknown]>,
	): GenericSection => ({
		key,
		fields: fields.map(([name, raw]) => ({ name, raw, column: claim(`${prefix}${name}`, true) })),
	});
	const sections = [
		...(root.length > 0 ? [withColumns('read', '', root)] : []),
		...nested.map((section) => withColumns(section.key, `${section.key}_`, section.fields)),
	];
	const tables = arrays.map(({ key, rows }) => ({
		key,
		rows: withRowColumns(rows),
		countColumn: claim(`${key.replace(/\./g, '_')}_count`, false),
	}));
	return { sections, tables };
}
