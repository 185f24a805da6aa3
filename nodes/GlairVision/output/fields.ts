import type { IDataObject } from 'n8n-workflow';

import type { FieldKind } from '../catalogue';
import { normaliseCylinder, normaliseDate, normalisePlate } from '../quality/normalise';
import { confidenceReason, INVALID_FIELDS_REASON, type ShapedItem } from '../quality/review';
import type { GlairRead } from '../response';
import {
	cellOf,
	presentSections,
	provenance,
	someFieldsInvalid,
	type FieldCell,
	type ShapeContext,
} from './cells';

/** The normalised form of a field, for the kinds that have one; null otherwise. */
export function normalisedValue(
	kind: FieldKind | undefined,
	cell: FieldCell,
): string | number | null {
	switch (kind) {
		case 'date':
			return normaliseDate(cell.value) ?? normaliseDate(cell.value_original) ?? null;
		case 'cylinder':
			return normaliseCylinder(cell.value) ?? normaliseCylinder(cell.value_original) ?? null;
		case 'plate':
			return normalisePlate(cell.value) ?? null;
		default:
			return null;
	}
}

/**
 * One item per field of every section GLAIR sent: documented fields in catalogue order, then
 * fields a newer GLAIR version adds. The tax table's cells are rows, not fields.
 */
export function toFieldItems(read: GlairRead, context: ShapeContext): ShapedItem[] {
	const { quality, warnings } = context;
	const shared = provenance(read, context);
	const invalid = someFieldsInvalid(read) ? [INVALID_FIELDS_REASON] : [];
	const items: ShapedItem[] = [];
	for (const section of presentSections(read, context.endpoint)) {
		const documented = section.spec?.fields ?? [];
		const documentedKeys = documented.map((field) => field.key);
		const extra = Object.keys(section.content).filter(
			(key) => key !== 'table' && !documentedKeys.includes(key),
		);
		for (const field of [...documentedKeys.filter((key) => key in section.content), ...extra]) {
			const cell = cellOf(section.content[field]);
			const fieldWarnings =
				warnings.length === 0
					? []
					: warnings
							.filter((warning) => warning.section === section.key && warning.field === field)
							.map((warning) => warning.message);
			const json: IDataObject = {
				document: context.endpoint.document,
				section: section.key,
				field,
				value: cell.value,
				value_original: cell.value_original,
				confidence: cell.confidence,
				confidence_text: cell.confidence_text,
				page_index: cell.page_index,
				polygon: cell.polygon,
			};
			if (quality.normalise) {
				json.value_normalised = normalisedValue(
					documented.find((spec) => spec.key === field)?.kind,
					cell,
				);
			}
			if (quality.validate) json.warnings = fieldWarnings;
			const reviewReasons =
				quality.minConfidence === undefined && fieldWarnings.length === 0 && invalid.length === 0
					? []
					: [
							...confidenceReason(`${section.key}.${field}`, cell, quality.minConfidence),
							...fieldWarnings,
							...invalid,
						];
			// Object.assign, not a spread: this runs for every field of every document.
			items.push({ json: Object.assign(json, shared), reviewReasons });
		}
	}
	return items;
}
