import type { IDataObject } from 'n8n-workflow';

import { reviewReasons } from '../quality/review';
import { cellOf, someFieldsInvalid, taxTableRows, type GlairRead } from '../response';
import { provenance, type ShapeContext, type ShapedItem } from './shared';

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
	const invalid = someFieldsInvalid(read);
	return rows.map((row, index) => {
		const json: IDataObject = { row: index };
		const cells = columns.map((column) => [column, cellOf(row[column])] as const);
		for (const [column, cell] of cells) json[column] = cell.value;
		for (const [column, cell] of cells) json[`${column}_confidence`] = cell.confidence;
		const rowWarnings = warnings.filter((warning) => warning.row === index);
		if (quality.validate) {
			// Joined, like the record's: table rows stay flat for spreadsheets.
			json.warnings = rowWarnings.map((warning) => warning.message).join('; ');
			json.warning_count = rowWarnings.length;
		}
		const reasons = reviewReasons(
			{
				cells: cells.map(([column, cell]) => [`row ${index} ${column}`, cell] as const),
				warnings: rowWarnings,
				someFieldsInvalid: invalid,
			},
			quality.minConfidence,
		);
		return { json: { ...json, ...shared }, reviewReasons: reasons };
	});
}
