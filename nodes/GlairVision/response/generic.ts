import type { IDataObject } from 'n8n-workflow';

import { IMAGE_FIELD_KEYS } from './images';
import { isObject, type GlairRead } from './read';

/** One part of an answer no catalogue describes: its fields, by name. */
export interface GenericSection {
	/** `read` for the fields directly under it, else the nested object's key. */
	readonly key: string;
	readonly fields: ReadonlyArray<readonly [name: string, raw: unknown]>;
}

/** A field's record column, which review reasons also name it by: `<section>_<field>`, or the field under `read`. */
export const genericColumn = (section: GenericSection, name: string): string =>
	section.key === 'read' ? name : `${section.key}_${name}`;

/** An array of rows in such an answer (items, transactions, all_texts, …). */
export interface GenericTable {
	/** Where it lies: `items`, or `tables.0` for a table inside an array. */
	readonly key: string;
	readonly rows: readonly IDataObject[];
}

/** A field as GLAIR sends it: `{value, …}` or a bare value. */
const isField = (value: unknown): boolean =>
	(isObject(value) && 'value' in value) ||
	typeof value === 'string' ||
	typeof value === 'number' ||
	typeof value === 'boolean';

/** An array's rows; a bare value is a row of one cell, `value`. */
const rowsFrom = (values: readonly unknown[]): IDataObject[] =>
	values.map((row) => (isObject(row) ? row : { value: row as IDataObject[string] }));

/**
 * An answer read without a catalogue (Read Other GLAIR Document): fields directly under `read`,
 * nested objects of fields as sections of their own, and arrays as tables of rows. Nothing GLAIR
 * sends is dropped but images, which become binaries.
 */
export function genericParts(read: GlairRead): {
	sections: GenericSection[];
	tables: GenericTable[];
} {
	const root: Array<readonly [string, unknown]> = [];
	const sections: GenericSection[] = [];
	const tables: GenericTable[] = [];
	for (const [key, value] of Object.entries(read.sections)) {
		if (IMAGE_FIELD_KEYS.has(key)) continue;
		if (Array.isArray(value)) {
			tables.push({ key, rows: rowsFrom(value) });
		} else if (isField(value)) {
			root.push([key, value]);
		} else if (isObject(value)) {
			const fields = Object.entries(value).filter(([, inner]) => isField(inner));
			if (fields.length > 0) sections.push({ key, fields });
			for (const [inner, rows] of Object.entries(value)) {
				if (Array.isArray(rows)) {
					tables.push({ key: `${key}.${inner}`, rows: rowsFrom(rows) });
				}
			}
		}
	}
	return {
		sections: root.length > 0 ? [{ key: 'read', fields: root }, ...sections] : sections,
		tables,
	};
}
