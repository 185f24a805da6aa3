import type { IDataObject } from 'n8n-workflow';

import type { TaxTableSpec } from '../catalogue';
import { confidenceReason, INVALID_FIELDS_REASON, type ShapedItem } from '../quality/review';
import type { GlairRead } from '../response';
import { cellOf, isObject, provenance, someFieldsInvalid, type ShapeContext } from './cells';

/** The rows of the annual tax table, or undefined when GLAIR sent none. */
export function taxTableRows(read: GlairRead, table: TaxTableSpec): IDataObject[] | undefined {
	const section = read.read[table.sectionKey];
	if (!isObject(section) || !Array.isArray(section.table)) return undefined;
	return section.table.map((row) => (isObject(row) ? row : {}));
}

/**
 * One flat item per row of the tax table: `row` (0-based), the four cell values (amounts stay
 * numbers, an unread amount stays null) and each cell's confidence as `<column>_confidence`.
 */
export function toTableRowItems(read: GlairRead, context: ShapeContext): ShapedItem[] {
	const table = context.endpoint.taxTable;
	const rows = table ? taxTableRows(read, table) : undefined;
	if (!table || !rows) return [];
	const { quality, warnings } = context;
	const columns = [table.costTypeColumn, ...table.amountColumns];
	const shared = provenance(read, context);
	const invalid = someFieldsInvalid(read) ? [INVALID_FIELDS_REASON] : [];
	return rows.map((row, index) => {
		const json: IDataObject = { row: index };
		for (const column of columns) json[column] = cellOf(row[column]).value;
		for (const column of columns) json[`${column}_confidence`] = cellOf(row[column]).confidence;
		const rowWarnings = warnings
			.filter((warning) => warning.row === index)
			.map((warning) => warning.message);
		if (quality.validate) {
			// Joined, like the record's: table rows stay flat for spreadsheets.
			json.warnings = rowWarnings.join('; ');
			json.warning_count = rowWarnings.length;
		}
		const reviewReasons = [
			...columns.flatMap((column) =>
				confidenceReason(`row ${index} ${column}`, cellOf(row[column]), quality.minConfidence),
			),
			...rowWarnings,
			...invalid,
		];
		return { json: { ...json, ...shared }, reviewReasons };
	});
}
