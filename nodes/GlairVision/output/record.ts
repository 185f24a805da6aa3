import type { IDataObject } from 'n8n-workflow';

import type { TaxTableSpec } from '../catalogue';
import {
	confidenceReason,
	INVALID_FIELDS_REASON,
	warningReasons,
	type ShapedItem,
} from '../quality/review';
import type { GlairRead } from '../response';
import {
	cellOf,
	flatValue,
	isObject,
	presentSections,
	provenance,
	someFieldsInvalid,
	type ShapeContext,
} from './cells';
import { normalisedValue } from './fields';
import { taxTableRows } from './tableRows';

const costTypeKey = (label: string): string =>
	label
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');

const normaliseLabel = (value: unknown): string =>
	typeof value === 'string' ? value.trim().replace(/\s+/g, ' ').toUpperCase() : '';

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
		const label = normaliseLabel(cellOf(row[table.costTypeColumn]).value);
		const key = keyOf.get(label) ?? costTypeKey(label);
		if (!key || filled.has(key)) continue;
		filled.add(key);
		for (const amount of table.amountColumns) {
			columns[`pajak_${key}_${amount}`] = flatValue(cellOf(row[amount]).value);
		}
	}
	return columns;
}

/** The tax table's cells count for review like fields: `tax row 2 (PKB) jumlah: confidence 20 is below 50`. */
function taxCellReasons(
	read: GlairRead,
	table: TaxTableSpec,
	minConfidence: number | undefined,
): string[] {
	if (minConfidence === undefined) return [];
	return (taxTableRows(read, table) ?? []).flatMap((row, index) => {
		const label = normaliseLabel(cellOf(row[table.costTypeColumn]).value);
		const name = `tax row ${index}${label ? ` (${label})` : ''}`;
		return [table.costTypeColumn, ...table.amountColumns].flatMap((column) =>
			confidenceReason(`${name} ${column}`, cellOf(row[column]), minConfidence),
		);
	});
}

const NORMALISED_KINDS = new Set(['date', 'cylinder', 'plate']);

/**
 * One flat record per document for spreadsheets: every documented field of each section GLAIR
 * sent is a column (empty string when unread), named `<section prefix><field>`.
 */
export function toRecord(read: GlairRead, context: ShapeContext): ShapedItem {
	const { endpoint, quality, warnings } = context;
	const reviewReasons: string[] = [];
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
			reviewReasons.push(...confidenceReason(column, cell, quality.minConfidence));
		}
	}
	if (endpoint.taxTable && isObject(read.read[endpoint.taxTable.sectionKey])) {
		Object.assign(record, taxColumns(read, endpoint.taxTable));
		reviewReasons.push(...taxCellReasons(read, endpoint.taxTable, quality.minConfidence));
	}
	if (quality.validate) {
		record.warnings = warningReasons(warnings).join('; ');
		record.warning_count = warnings.length;
	}
	reviewReasons.push(
		...warningReasons(warnings),
		...(someFieldsInvalid(read) ? [INVALID_FIELDS_REASON] : []),
	);
	return { json: record, reviewReasons };
}
