import type { IDataObject } from 'n8n-workflow';

import type { TaxTableSpec } from '../catalogue';
import type { GlairRead } from '../response';
import { cellOf, isObject, provenance, type ShapeContext } from './cells';

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
export function toTableRowItems(read: GlairRead, context: ShapeContext): IDataObject[] {
	const table = context.endpoint.taxTable;
	const rows = table ? taxTableRows(read, table) : undefined;
	if (!table || !rows) return [];
	const columns = [table.costTypeColumn, ...table.amountColumns];
	const shared = provenance(read, context);
	return rows.map((row, index) => {
		const item: IDataObject = { row: index };
		for (const column of columns) item[column] = cellOf(row[column]).value;
		for (const column of columns) item[`${column}_confidence`] = cellOf(row[column]).confidence;
		return { ...item, ...shared };
	});
}
