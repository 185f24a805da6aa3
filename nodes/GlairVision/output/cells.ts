import type { IDataObject } from 'n8n-workflow';

import { SOME_FIELDS_INVALID_PATTERN, type EndpointSpec, type SectionSpec } from '../catalogue';
import type { QualityOptions } from '../quality/review';
import type { Warning } from '../quality/validate';
import type { GlairRead } from '../response';

/** What every shaped output knows about the document it came from. */
export interface ShapeContext {
	readonly endpoint: EndpointSpec;
	readonly fileName: string;
	/** Read BPKB only: the page asked for. */
	readonly bpkbPage?: 'all' | number;
	readonly includeConfidence: boolean;
	readonly quality: QualityOptions;
	/** The document's validation warnings (empty unless validation or review routing is on). */
	readonly warnings: readonly Warning[];
}

type CellValue = IDataObject[string];

/** GLAIR's per-field object; every member may be missing or of the wrong type in practice. */
export interface FieldCell {
	readonly value: CellValue;
	readonly value_original: CellValue;
	readonly confidence: CellValue;
	readonly confidence_text: CellValue;
	readonly page_index: CellValue;
	readonly polygon: CellValue;
}

export const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A confidence as a number: GLAIR's number or a numeric string ("92.5"); null when absent or unreadable. */
export function confidenceOf(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
		return Number(value);
	return null;
}

export function cellOf(value: unknown): FieldCell {
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
		// Sent bare instead of {value, …}: that is the value, read with no confidence given.
		return {
			value,
			value_original: null,
			confidence: null,
			confidence_text: null,
			page_index: null,
			polygon: [],
		};
	}
	const cell = isObject(value) ? value : {};
	return {
		value: cell.value ?? null,
		value_original: cell.value_original ?? null,
		confidence: confidenceOf(cell.confidence),
		confidence_text: confidenceOf(cell.confidence_text),
		page_index: cell.page_index ?? null,
		polygon: cell.polygon ?? [],
	};
}

/** A value a spreadsheet cell can hold: text and numbers stay, nothing read becomes ''. */
export function flatValue(value: unknown): string | number | boolean {
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : '';
	if (value === null || value === undefined) return '';
	return JSON.stringify(value);
}

export const someFieldsInvalid = (read: GlairRead): boolean =>
	SOME_FIELDS_INVALID_PATTERN.test(read.reason);

export interface PresentSection {
	readonly key: string;
	/** The catalogue's description of the section, when GLAIR documents it. */
	readonly spec?: SectionSpec;
	readonly content: IDataObject;
}

/**
 * The sections of a read, documented ones first in catalogue order, then any section a newer
 * GLAIR version adds (passed through, never dropped).
 */
export function presentSections(read: GlairRead, endpoint: EndpointSpec): PresentSection[] {
	const known = endpoint.sections
		.filter((spec) => isObject(read.read[spec.key]))
		.map((spec) => ({ key: spec.key, spec, content: read.read[spec.key] as IDataObject }));
	const documented = new Set(endpoint.sections.map((spec) => spec.key));
	const unknown = Object.entries(read.read)
		.filter(([key, content]) => !documented.has(key) && isObject(content))
		.map(([key, content]) => ({ key, content: content as IDataObject }));
	return [...known, ...unknown];
}

/** Per-document columns shared by the record, fields and tableRows outputs. */
export function provenance(read: GlairRead, context: ShapeContext): IDataObject {
	return {
		file_name: context.fileName,
		request_id: read.requestId,
		some_fields_invalid: someFieldsInvalid(read),
	};
}
