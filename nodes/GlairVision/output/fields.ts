import type { IDataObject } from 'n8n-workflow';

import { normalisedValue } from '../quality/normalise';
import { reviewReasons } from '../quality/review';
import type { Warning } from '../quality/validate';
import { cellOf, presentSections, someFieldsInvalid, type GlairRead } from '../response';
import { provenance, type ShapeContext, type ShapedItem } from './shared';

const NO_WARNINGS: readonly Warning[] = [];

/**
 * One item per field of every section GLAIR sent: documented fields in catalogue order, then
 * fields a newer GLAIR version adds. The tax table's cells are rows, not fields.
 */
export function toFieldItems(read: GlairRead, context: ShapeContext): ShapedItem[] {
	const { quality, warnings } = context;
	const shared = provenance(read, context);
	const invalid = someFieldsInvalid(read);
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
					? NO_WARNINGS
					: warnings.filter(
							(warning) => warning.section === section.key && warning.field === field,
						);
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
			// A list: a field item has its own few warnings, for filtering in n8n (records and table
			// rows join theirs into text, as they are spreadsheet rows).
			if (quality.validate) json.warnings = fieldWarnings.map((warning) => warning.message);
			const reasons = reviewReasons(
				{
					cells: [[`${section.key}.${field}`, cell]],
					warnings: fieldWarnings,
					someFieldsInvalid: invalid,
				},
				quality.minConfidence,
			);
			// Object.assign, not a spread: this runs for every field of every document.
			items.push({ json: Object.assign(json, shared), reviewReasons: reasons });
		}
	}
	return items;
}
