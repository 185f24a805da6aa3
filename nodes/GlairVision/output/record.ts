import type { IDataObject } from 'n8n-workflow';

import type { FieldSpec, RowTableSpec, TaxTableSpec } from '../catalogue';
import { NORMALISED_KINDS, normalisedValue } from '../quality/normalise';
import { documentReviewReasons } from '../quality/review';
import {
	cellOf,
	costTypeOf,
	fieldIn,
	genericParts,
	isObject,
	presentSections,
	qualityColumn,
	rowsOf,
	taxTableRows,
	type GlairRead,
} from '../response';
import { flatValue, provenance, type ShapeContext, type ShapedItem } from './shared';

const costTypeKey = (label: string): string =>
	label
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');

/**
 * Tax amounts keyed by cost type: `pajak_<cost type>_<pokok|sanksi_administratif|jumlah>`.
 * Every documented cost type is a column even when absent, so spreadsheet columns stay put;
 * the JUMLAH row is `pajak_total_*`. When OCR reads a cost type twice, the first row wins.
 */
function taxColumns(read: GlairRead, table: TaxTableSpec): IDataObject {
	const columns: IDataObject = {};
	const keyOf = new Map(table.costTypes.map((costType) => [costType.label, costType.key]));
	for (const costType of table.costTypes) {
		for (const amount of table.amountColumns) columns[`pajak_${costType.key}_${amount}`] = '';
	}
	const filled = new Set<string>();
	for (const row of taxTableRows(read, table) ?? []) {
		const label = costTypeOf(row, table);
		const key = keyOf.get(label) ?? costTypeKey(label);
		if (!key || filled.has(key)) continue;
		filled.add(key);
		for (const amount of table.amountColumns) {
			columns[`pajak_${key}_${amount}`] = flatValue(cellOf(row[amount]).value);
		}
	}
	return columns;
}

/** A field's columns: its value, and as asked its confidence and normalised form. */
function fieldColumns(
	record: IDataObject,
	column: string,
	field: FieldSpec,
	raw: unknown,
	context: ShapeContext,
): void {
	const cell = cellOf(raw);
	record[column] = flatValue(cell.value);
	if (context.includeConfidence) record[`${column}_confidence`] = flatValue(cell.confidence);
	if (context.quality.normalise && NORMALISED_KINDS.has(field.kind)) {
		record[`${column}_normalised`] = normalisedValue(field.kind, cell) ?? '';
	}
}

/**
 * What a record shows of a table of rows: how many, the rows' first cells joined (the plates in a
 * photo), or one row in full (KK: the head of family, `kepala_keluarga_nik`, …).
 */
function rowTableColumns(
	record: IDataObject,
	read: GlairRead,
	table: RowTableSpec,
	context: ShapeContext,
): void {
	const rows = rowsOf(read, table);
	const { count, joined, row } = table.record;
	record[count] = rows.length;
	if (joined) {
		record[joined] = rows
			.map((each) => flatValue(cellOf(fieldIn(each, table.columns[0])).value))
			.filter((value) => value !== '')
			.join(', ');
	}
	if (row) {
		const marker = table.columns.find((column) => column.key === row.column);
		const chosen =
			rows.find(
				(each) =>
					marker &&
					String(cellOf(fieldIn(each, marker)).value ?? '')
						.trim()
						.toUpperCase() === row.value,
			) ??
			rows[0] ??
			{};
		for (const column of table.columns) {
			fieldColumns(record, `${row.prefix}${column.key}`, column, fieldIn(chosen, column), context);
		}
	}
}

/** An answer without a catalogue: every field a column, every table a count (see genericParts). */
function genericColumns(record: IDataObject, read: GlairRead, context: ShapeContext): void {
	const { sections, tables } = genericParts(read);
	for (const section of sections) {
		for (const { column, raw } of section.fields) {
			const cell = cellOf(raw);
			record[column] = flatValue(cell.value);
			if (context.includeConfidence) record[`${column}_confidence`] = flatValue(cell.confidence);
		}
	}
	for (const table of tables) record[table.countColumn] = table.rows.length;
}

/**
 * One flat record per document for spreadsheets: every documented field of each section GLAIR
 * sent is a column (empty string when unread), named `<section prefix><field>`.
 */
export function toRecord(read: GlairRead, context: ShapeContext): ShapedItem {
	const { endpoint, quality, warnings } = context;
	const record: IDataObject = {
		...provenance(read, context),
		document: endpoint.document,
		status: read.status,
		reason: read.reason,
	};
	if (endpoint.bpkbPages) record.page = context.bpkbPage ?? 'all';
	for (const section of presentSections(read, endpoint)) {
		if (!section.spec) continue;
		for (const field of section.spec.fields) {
			fieldColumns(
				record,
				`${section.spec.recordPrefix}${field.key}`,
				field,
				fieldIn(section.content, field),
				context,
			);
		}
	}
	if (endpoint.taxTable && isObject(read.sections[endpoint.taxTable.sectionKey])) {
		Object.assign(record, taxColumns(read, endpoint.taxTable));
	}
	if (endpoint.rowTable) rowTableColumns(record, read, endpoint.rowTable, context);
	if (endpoint.generic) genericColumns(record, read, context);
	// GLAIR's image check (Read KTP with Check Image Quality): `quality_copy`, `quality_blurred`, …
	for (const [flag, set] of Object.entries(read.imageQuality ?? {})) {
		record[qualityColumn(flag)] = set;
	}
	if (context.showWarnings) {
		// Joined into one text: a record is a spreadsheet row, and a list would not fit in a cell.
		record.warnings = warnings.map((warning) => warning.message).join('; ');
		record.warning_count = warnings.length;
	}
	return {
		json: record,
		reviewReasons: documentReviewReasons(read, endpoint, warnings, quality.minConfidence),
	};
}
