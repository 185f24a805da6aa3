import type { IDataObject } from 'n8n-workflow';

import {
	ROOT,
	spellingsOf,
	type EndpointSpec,
	type FieldSpec,
	type SectionSpec,
	type TaxTableSpec,
} from '../catalogue';
import { IMAGE_FIELD_KEYS } from './images';
import { fillIn, isFieldValue, isObject, type GlairRead } from './read';

type Named = { readonly key: string; readonly aliases?: readonly string[] };

const indexes = new WeakMap<readonly Named[], ReadonlyMap<string, string>>();

/** Every spelling of the entries, to the catalogue's key; made once per catalogue list. */
function keyIndex(entries: readonly Named[]): ReadonlyMap<string, string> {
	let index = indexes.get(entries);
	if (!index) {
		index = new Map(
			entries.flatMap((entry) => spellingsOf(entry).map((name) => [name, entry.key])),
		);
		indexes.set(entries, index);
	}
	return index;
}

const taxColumnLists = new WeakMap<TaxTableSpec, readonly Named[]>();

/** A tax table's columns as catalogue entries: one list per table, so keyIndex makes its index once. */
function taxColumns(tax: TaxTableSpec): readonly Named[] {
	let columns = taxColumnLists.get(tax);
	if (!columns) {
		columns = [tax.costTypeColumn, ...tax.amountColumns].map((key) => ({ key }));
		taxColumnLists.set(tax, columns);
	}
	return columns;
}

/** An object's keys in the catalogue's spelling; keys it does not list stay as sent. */
function renamed(content: IDataObject, entries: readonly Named[]): IDataObject {
	const index = keyIndex(entries);
	const result: IDataObject = {};
	for (const [name, value] of Object.entries(content))
		fillIn(result, index.get(name) ?? name, value);
	return result;
}

const renamedRows = (rows: unknown, columns: readonly Named[]): unknown =>
	Array.isArray(rows) ? rows.map((row) => (isObject(row) ? renamed(row, columns) : row)) : rows;

/** A section's fields, and its tax table's cells, in the catalogue's spelling. */
function sectionContent(
	content: IDataObject,
	spec: SectionSpec,
	endpoint: EndpointSpec,
): IDataObject {
	const result = renamed(content, spec.fields);
	const tax = endpoint.taxTable;
	if (tax && tax.sectionKey === spec.key && 'table' in result) {
		result.table = renamedRows(result.table, taxColumns(tax)) as IDataObject[];
	}
	return result;
}

/**
 * The legacy flat layout (the older STNK, fields straight under `read`) as the section it was:
 * when no documented section is there but fields of that section are.
 */
function unflattened(read: IDataObject, endpoint: EndpointSpec): IDataObject {
	const spec = endpoint.sections.find((section) => section.key === endpoint.flatLayoutSection);
	if (!spec) return read;
	const sectionNames = keyIndex(endpoint.sections);
	if (Object.keys(read).some((name) => sectionNames.has(name) && isObject(read[name]))) return read;
	const fieldNames = keyIndex(spec.fields);
	if (!Object.keys(read).some((name) => fieldNames.has(name))) return read;
	const fields: IDataObject = {};
	const rest: IDataObject = {};
	for (const [name, value] of Object.entries(read)) {
		(isFieldValue(value) ? fields : rest)[name] = value;
	}
	return { [spec.key]: fields, ...rest };
}

/**
 * GLAIR's `read` in the catalogue's spelling, one rule for every catalogued document: sections,
 * fields and table columns under their snake_case keys whatever GLAIR sent (snake_case, camelCase,
 * a listed legacy spelling), a flat legacy answer as its section. When two spellings of one key
 * arrive, the first read value wins. Keys the catalogue does not know stay as sent; Raw output
 * keeps GLAIR's body as it came.
 */
export function inCatalogueSpelling(read: GlairRead, endpoint: EndpointSpec): GlairRead {
	if (endpoint.generic) return read;
	const flat = endpoint.sections.find((spec) => spec.key === ROOT);
	const source = unflattened(read.sections, endpoint);
	const sections: IDataObject = {};
	if (flat) {
		Object.assign(sections, renamed(source, flat.fields));
	} else {
		const sectionOf = new Map(
			endpoint.sections.flatMap((spec) => spellingsOf(spec).map((name) => [name, spec])),
		);
		for (const [name, value] of Object.entries(source)) {
			const spec = sectionOf.get(name);
			if (!spec || !isObject(value)) {
				fillIn(sections, name, value);
				continue;
			}
			const content = sectionContent(value, spec, endpoint);
			const existing = sections[spec.key];
			if (!isObject(existing)) sections[spec.key] = content;
			else for (const [key, cell] of Object.entries(content)) fillIn(existing, key, cell);
		}
	}
	const rows = endpoint.rowTable;
	if (rows) {
		const key = spellingsOf(rows).find((name) => Array.isArray(sections[name]));
		if (key !== undefined) {
			const table = renamedRows(sections[key], rows.columns) as IDataObject[];
			delete sections[key];
			sections[rows.key] = table;
		}
	}
	return { ...read, sections };
}

/** Something was sent: not null, '', an empty object or an empty list. */
const hasContent = (value: unknown): boolean =>
	Array.isArray(value)
		? value.length > 0
		: isObject(value)
			? Object.keys(value).length > 0
			: value !== null && value !== undefined && value !== '';

/**
 * The keys GLAIR sent under `read` when it sent something but no field, table row or section the
 * catalogue knows (a spelling or layout no source has shown): else undefined. Such an answer
 * would be a blank record; the node says so instead. Takes a read in the catalogue's spelling.
 */
export function unknownAnswerKeys(read: GlairRead, endpoint: EndpointSpec): string[] | undefined {
	if (endpoint.generic) return undefined;
	const sent = Object.entries(read.sections)
		.filter(([key, value]) => !IMAGE_FIELD_KEYS.has(key) && hasContent(value))
		.map(([key]) => key);
	if (sent.length === 0) return undefined;
	const knowsField = (content: unknown, fields: readonly FieldSpec[]) =>
		isObject(content) && fields.some((field) => field.key in content);
	const known = endpoint.sections.some((spec) =>
		knowsField(spec.key === ROOT ? read.sections : read.sections[spec.key], spec.fields),
	);
	const rows = endpoint.rowTable && read.sections[endpoint.rowTable.key];
	return known || (Array.isArray(rows) && rows.length > 0) ? undefined : sent;
}
