import type { IDataObject } from 'n8n-workflow';

import type { RowTableSpec, TaxTableSpec } from '../catalogue';
import { NORMALISED_KINDS, normalisedValue } from '../quality/normalise';
import { reviewReasons } from '../quality/review';
import { isDocumentWarning } from '../quality/validate';
import {
	cellOf,
	fieldIn,
	genericParts,
	rowsOf,
	someFieldsInvalid,
	spellings,
	taxTableRows,
	type FieldCell,
	type GlairRead,
} from '../response';
import { provenance, type ShapeContext, type ShapedItem } from './shared';

/** One row's item: `row` (0-based), each cell's value and, when GLAIR gives them, confidences. */
function rowItem(
	read: GlairRead,
	context: ShapeContext,
	index: number,
	cells: ReadonlyArray<readonly [column: string, cell: FieldCell]>,
	options: { table?: string; withConfidence: boolean; extra?: IDataObject },
): ShapedItem {
	const { quality, warnings } = context;
	const json: IDataObject =
		options.table === undefined ? { row: index } : { table: options.table, row: index };
	for (const [column, cell] of cells) json[column] = cell.value;
	if (options.withConfidence)
		for (const [column, cell] of cells) json[`${column}_confidence`] = cell.confidence;
	Object.assign(json, options.extra);
	const rowWarnings = warnings.filter(
		(warning) =>
			isDocumentWarning(warning) || (options.table === undefined && warning.row === index),
	);
	if (context.showWarnings) {
		// Joined, like the record's: table rows stay flat for spreadsheets.
		json.warnings = rowWarnings.map((warning) => warning.message).join('; ');
		json.warning_count = rowWarnings.length;
	}
	const reasons = reviewReasons(
		{
			cells: options.withConfidence
				? cells.map(([column, cell]) => [`row ${index} ${column}`, cell] as const)
				: [],
			warnings: rowWarnings,
			someFieldsInvalid: someFieldsInvalid(read),
		},
		quality.minConfidence,
	);
	return { json: { ...json, ...provenance(read, context) }, reviewReasons: reasons };
}

/** The STNK's annual tax table: cost type, base amount, sanction and total per row. */
const taxItems = (read: GlairRead, context: ShapeContext, table: TaxTableSpec): ShapedItem[] =>
	(taxTableRows(read, table) ?? []).map((row, index) =>
		rowItem(
			read,
			context,
			index,
			[table.costTypeColumn, ...table.amountColumns].map(
				(column) => [column, cellOf(row[column])] as const,
			),
			{ withConfidence: true },
		),
	);

/** A documented table (KK's members, the plates in a photo): its columns, then any GLAIR adds. */
function rowTableItems(read: GlairRead, context: ShapeContext, table: RowTableSpec): ShapedItem[] {
	const known = spellings(table.columns);
	return rowsOf(read, table).map((row, index) => {
		const documented = table.columns.map(
			(column) => [column.key, cellOf(fieldIn(row, column))] as const,
		);
		const extra = Object.keys(row)
			.filter((key) => !known.has(key))
			.map((key) => [key, cellOf(row[key])] as const);
		const normalised: IDataObject = {};
		if (context.quality.normalise) {
			for (const column of table.columns) {
				if (NORMALISED_KINDS.has(column.kind)) {
					normalised[`${column.key}_normalised`] = normalisedValue(
						column.kind,
						cellOf(fieldIn(row, column)),
					);
				}
			}
		}
		return rowItem(read, context, index, [...documented, ...extra], {
			withConfidence: !table.noConfidence,
			extra: normalised,
		});
	});
}

/** An answer without a catalogue: one item per row of every table in it, named by `table`. */
const genericItems = (read: GlairRead, context: ShapeContext): ShapedItem[] =>
	genericParts(read).tables.flatMap((table) =>
		table.rows.map((row, index) =>
			rowItem(
				read,
				context,
				index,
				Object.entries(row).map(([column, raw]) => [column, cellOf(raw)] as const),
				{ table: table.key, withConfidence: true },
			),
		),
	);

/**
 * One flat item per row of the document's table: the STNK's tax table, KK's family members, the
 * plates in a photo, or every table of an answer without a catalogue.
 */
export function toTableRowItems(read: GlairRead, context: ShapeContext): ShapedItem[] {
	const { endpoint } = context;
	if (endpoint.taxTable) return taxItems(read, context, endpoint.taxTable);
	if (endpoint.rowTable) return rowTableItems(read, context, endpoint.rowTable);
	if (endpoint.generic) return genericItems(read, context);
	return [];
}
