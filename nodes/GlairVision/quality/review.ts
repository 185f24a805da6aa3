import type { IDataObject } from 'n8n-workflow';

import type { FieldCell } from '../output/cells';
import type { Warning } from './validate';

/** What the node checks beyond shaping, all opt-in (node options). */
export interface QualityOptions {
	/** Add normalised values beside the originals. */
	readonly normalise: boolean;
	/** Add validation warnings to the output. */
	readonly validate: boolean;
	/** When set, items below it (or with warnings, or flagged by GLAIR) go to "Needs Review". */
	readonly minConfidence?: number;
}

export const NO_QUALITY: QualityOptions = { normalise: false, validate: false };

/** One output item and, when review routing is on, why a person should look at it. */
export interface ShapedItem {
	readonly json: IDataObject;
	readonly reviewReasons: string[];
}

const wasRead = (cell: FieldCell): boolean => cell.value !== null && cell.value !== '';

/** A reason when GLAIR read this cell with less confidence than asked for, or gave none. */
export function confidenceReason(
	name: string,
	cell: FieldCell,
	minConfidence: number | undefined,
): string[] {
	if (minConfidence === undefined || !wasRead(cell)) return [];
	if (typeof cell.confidence !== 'number') return [`${name}: GLAIR gave no confidence`];
	return cell.confidence < minConfidence
		? [`${name}: confidence ${cell.confidence} is below ${minConfidence}`]
		: [];
}

export const INVALID_FIELDS_REASON =
	'GLAIR: "Some fields are invalid" (the file may not be this kind of document)';

export const warningReasons = (warnings: readonly Warning[]): string[] =>
	warnings.map((warning) => warning.message);
