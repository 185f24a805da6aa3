import type { EndpointSpec } from '../catalogue';
import { imageCheckProblems } from '../messages';
import {
	cellOf,
	costTypeOf,
	fieldIn,
	genericParts,
	presentSections,
	rowsOf,
	someFieldsInvalid,
	taxTableRows,
	type FieldCell,
	type GlairRead,
} from '../response';
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

const INVALID_FIELDS_REASON =
	'GLAIR: "Some fields are invalid" (the file may not be this kind of document)';

const wasRead = (cell: FieldCell): boolean => cell.value !== null && cell.value !== '';

/** A reason when GLAIR read this cell with less confidence than asked for, or gave none. */
function confidenceReason(name: string, cell: FieldCell, minConfidence: number): string[] {
	if (!wasRead(cell)) return [];
	if (cell.confidence === null) return [`${name}: GLAIR gave no confidence`];
	return cell.confidence < minConfidence
		? [`${name}: confidence ${cell.confidence} is below ${minConfidence}`]
		: [];
}

/**
 * Why a person should check an item, in the same order for every output: cells read with too
 * little (or no) confidence, validation warnings, GLAIR's image-quality flags, then GLAIR's
 * "Some fields are invalid".
 */
export function reviewReasons(
	parts: {
		/** Each cell the item shows, with the name a reason calls it by. */
		readonly cells: Iterable<readonly [name: string, cell: FieldCell]>;
		readonly warnings: readonly Warning[];
		readonly someFieldsInvalid: boolean;
		/** GLAIR's image-quality flags the item stands for: the document's, or in Fields one flag. */
		readonly imageQuality?: Readonly<Record<string, boolean>>;
	},
	minConfidence: number | undefined,
): string[] {
	const reasons: string[] = [];
	if (minConfidence !== undefined) {
		for (const [name, cell] of parts.cells)
			reasons.push(...confidenceReason(name, cell, minConfidence));
	}
	for (const warning of parts.warnings) reasons.push(warning.message);
	for (const problem of imageCheckProblems(parts.imageQuality ?? {})) {
		reasons.push(`GLAIR image check: ${problem}`);
	}
	if (parts.someFieldsInvalid) reasons.push(INVALID_FIELDS_REASON);
	return reasons;
}

/** Image Quality Check: the flag a yes/no check means (`blur` → `is_blurred`), with its value. */
export function checkFlag(
	endpoint: EndpointSpec,
	check: string,
	raw: unknown,
): Record<string, boolean> {
	const flag = endpoint.imageChecks?.[check];
	const { value } = cellOf(raw);
	return flag && typeof value === 'boolean' ? { [flag]: value } : {};
}

/** A document's image-quality flags: Read KTP's check, or Image Quality Check's yes/no checks. */
function documentImageQuality(read: GlairRead, endpoint: EndpointSpec): Record<string, boolean> {
	const flags: Record<string, boolean> = { ...read.imageQuality };
	for (const check of Object.keys(endpoint.imageChecks ?? {})) {
		Object.assign(flags, checkFlag(endpoint, check, read.sections[check]));
	}
	return flags;
}

/**
 * Every cell of a document by the name a person finds it under: record columns
 * (`stnk_nomor_registrasi`) and tax cells (`tax row 2 (PKB) jumlah`).
 */
function* documentCells(
	read: GlairRead,
	endpoint: EndpointSpec,
): Generator<readonly [string, FieldCell]> {
	// An image check's confidences (0–1) are in the check, not in text read: none is compared.
	if (endpoint.imageChecks) return;
	if (endpoint.generic) {
		const { sections, tables } = genericParts(read);
		for (const section of sections) {
			for (const { column, raw } of section.fields) yield [column, cellOf(raw)];
		}
		for (const table of tables) {
			for (const [index, row] of table.rows.entries()) {
				for (const [column, raw] of Object.entries(row))
					yield [`${table.key} row ${index} ${column}`, cellOf(raw)];
			}
		}
		return;
	}
	for (const section of presentSections(read, endpoint)) {
		for (const field of section.spec?.fields ?? []) {
			yield [
				`${section.spec?.recordPrefix ?? ''}${field.key}`,
				cellOf(fieldIn(section.content, field)),
			];
		}
	}
	const rowTable = endpoint.rowTable;
	if (rowTable && !rowTable.noConfidence) {
		for (const [index, row] of rowsOf(read, rowTable).entries()) {
			for (const column of rowTable.columns) {
				yield [`${rowTable.key} row ${index} ${column.key}`, cellOf(fieldIn(row, column))];
			}
		}
	}
	const table = endpoint.taxTable;
	const rows = table && taxTableRows(read, table);
	if (!table || !rows) return;
	for (const [index, row] of rows.entries()) {
		const costType = costTypeOf(row, table);
		const name = `tax row ${index}${costType ? ` (${costType})` : ''}`;
		for (const column of [table.costTypeColumn, ...table.amountColumns]) {
			yield [`${name} ${column}`, cellOf(row[column])];
		}
	}
}

/** Why a person should check a whole document (Record and Raw outputs). */
export function documentReviewReasons(
	read: GlairRead,
	endpoint: EndpointSpec,
	warnings: readonly Warning[],
	minConfidence: number | undefined,
): string[] {
	return reviewReasons(
		{
			cells: documentCells(read, endpoint),
			warnings,
			someFieldsInvalid: someFieldsInvalid(read),
			imageQuality: documentImageQuality(read, endpoint),
		},
		minConfidence,
	);
}
