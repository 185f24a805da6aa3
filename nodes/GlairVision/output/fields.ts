import type { IDataObject } from 'n8n-workflow';

import type { GlairRead } from '../response';
import { cellOf, presentSections, provenance, type ShapeContext } from './cells';

/**
 * One item per field of every section GLAIR sent: documented fields in catalogue order, then
 * fields a newer GLAIR version adds. The tax table's cells are rows, not fields.
 */
export function toFieldItems(read: GlairRead, context: ShapeContext): IDataObject[] {
	const shared = provenance(read, context);
	const items: IDataObject[] = [];
	for (const section of presentSections(read, context.endpoint)) {
		const documented = section.spec?.fields.map((field) => field.key) ?? [];
		const extra = Object.keys(section.content).filter((key) => key !== 'table' && !documented.includes(key));
		for (const field of [...documented.filter((key) => key in section.content), ...extra]) {
			const cell = cellOf(section.content[field]);
			items.push({
				document: context.endpoint.document,
				section: section.key,
				field,
				value: cell.value,
				value_original: cell.value_original,
				confidence: cell.confidence,
				confidence_text: cell.confidence_text,
				page_index: cell.page_index,
				polygon: cell.polygon,
				...shared,
			});
		}
	}
	return items;
}
