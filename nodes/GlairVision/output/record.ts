import type { IDataObject } from 'n8n-workflow';

import type { TaxTableSpec } from '../catalogue';
import { normalisedValue } from '../quality/normalise';
import { documentReviewReasons } from '../quality/review';
import {
	cellOf,
	costTypeOf,
	isObject,
	presentSections,
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

const NORMALISED_KINDS = new Set(['date', 'cylinder', 'plate']);

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
	if (endpoint.document === 'bpkb') record.page = context.bpkbPage ?? 'all';
	for (const section of presentSections(read, endpoint)) {
		if (!section.spec) continue;
		for (const field of section.spec.fields) {
			const column = `${section.spec.recordPrefix}${field.key}`;
			const cell = cellOf(section.content[field.key]);
			record[column] = flatValue(cell.value);
			if (context.includeConfidence) record[`${column}_confidence`] = flatValue(cell.confidence);
			if (quality.normalise && NORMALISED_KINDS.has(field.kind)) {
				record[`${column}_normalised`] = normalisedValue(field.kind, cell) ?? '';
			}
		}
	}
	if (endpoint.taxTable && isObject(read.sections[endpoint.taxTable.sectionKey])) {
		Object.assign(record, taxColumns(read, endpoint.taxTable));
	}
	if (quality.validate) {
		// Joined into one text: a record is a spreadsheet row, and a list would not fit in a cell.
		record.warnings = warnings.map((warning) => warning.message).join('; ');
		record.warning_count = warnings.length;
	}
	return {
		json: record,
		reviewReasons: documentReviewReasons(read, endpoint, warnings, quality.minConfidence),
	};
}
