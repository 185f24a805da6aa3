/**
 * Normalisers for what GLAIR reads on the catalogued documents, vehicle and identity alike (dates,
 * plates, amounts, sexes). Pure functions: each gives the normalised value, or undefined when the
 * text cannot be normalised with confidence.
 */
import type { FieldKind } from '../catalogue';
import type { FieldCell } from '../response';

const MONTHS: Readonly<Record<string, number>> = {
	JAN: 1,
	JANUARI: 1,
	JANUARY: 1,
	FEB: 2,
	PEB: 2,
	FEBRUARI: 2,
	PEBRUARI: 2,
	FEBRUARY: 2,
	MAR: 3,
	MRT: 3,
	MARET: 3,
	MARCH: 3,
	APR: 4,
	APRIL: 4,
	MEI: 5,
	MAY: 5,
	JUN: 6,
	JUNI: 6,
	JUNE: 6,
	JUL: 7,
	JULI: 7,
	JULY: 7,
	AGS: 8,
	AGT: 8,
	AGST: 8,
	AGU: 8,
	AGUS: 8,
	AGUSTUS: 8,
	AUG: 8,
	AUGUST: 8,
	SEP: 9,
	SEPT: 9,
	SEPTEMBER: 9,
	OKT: 10,
	OKTOBER: 10,
	OCT: 10,
	OCTOBER: 10,
	NOV: 11,
	NOP: 11,
	NOVEMBER: 11,
	NOPEMBER: 11,
	DES: 12,
	DESEMBER: 12,
	DEC: 12,
	DECEMBER: 12,
};

const pad = (value: number) => String(value).padStart(2, '0');

/** yyyy-mm-dd when day, month and year make a date that exists. */
function isoDate(day: number, month: number, year: number): string | undefined {
	const date = new Date(Date.UTC(year, month - 1, day));
	const exists =
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return exists && year >= 1900 && year <= 2200 ? `${year}-${pad(month)}-${pad(day)}` : undefined;
}

/**
 * A date to ISO yyyy-mm-dd: GLAIR's processed `dd-mm-yyyy` (also with / or .), or the printed
 * Indonesian form GLAIR echoes in value_original, such as `12 AGST 2017` or `19 JUNI 2024`.
 */
export function normaliseDate(text: unknown): string | undefined {
	if (typeof text !== 'string') return undefined;
	const upper = text.trim().toUpperCase();
	const numeric = /(?:^|\D)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\D|$)/.exec(upper);
	if (numeric) return isoDate(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
	const named = /(?:^|[^A-Z0-9])(\d{1,2})[\s.-]*([A-Z]{3,9})\.?[\s.-]*(\d{4})(?:\D|$)/.exec(upper);
	if (named && MONTHS[named[2]])
		return isoDate(Number(named[1]), MONTHS[named[2]], Number(named[3]));
	return undefined;
}

/** Cylinder capacity in cc: `2,477 CC`, `2.499 CC`, `1500` → 2477, 2499, 1500 (both marks are thousands separators). */
export function normaliseCylinder(text: unknown): number | undefined {
	if (typeof text === 'number') return Number.isInteger(text) && text > 0 ? text : undefined;
	if (typeof text !== 'string') return undefined;
	const match = /^\s*(\d{1,2}(?:[.,]\d{3})|\d{2,5})\s*(?:CC|C\.C\.?|CM3)?\s*$/i.exec(text);
	return match ? Number(match[1].replace(/[.,]/g, '')) : undefined;
}

/** Rupiah amounts: numbers stay, `3.657.060` / `3,657,060` / `Rp 163.000` become numbers. */
export function normaliseAmount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const match = /^\s*(?:RP\.?\s*)?(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:,-)?\s*$/i.exec(value);
	return match ? Number(match[1].replace(/[.,]/g, '')) : undefined;
}

/** An Indonesian plate, `KT8180YF` or `kt  8180 yf` → `KT 8180 YF`: region, number, suffix. */
export function normalisePlate(text: unknown): string | undefined {
	if (typeof text !== 'string') return undefined;
	const match = /^([A-Z]{1,2})\s*([0-9]{1,4})\s*([A-Z]{0,3})$/.exec(
		text
			.toUpperCase()
			.replace(/[\s.-]+/g, ' ')
			.trim(),
	);
	if (!match) return undefined;
	return [match[1], match[2], match[3]].filter(Boolean).join(' ');
}

/** Sex as M or F: `LAKI-LAKI`, `PRIA`, `MALE`, `M` / `PEREMPUAN`, `WANITA`, `FEMALE`, `F`. */
export function normaliseSex(text: unknown): 'M' | 'F' | undefined {
	if (typeof text !== 'string') return undefined;
	const upper = text.trim().toUpperCase();
	if (/^(LAKI[\s-]*LAKI|PRIA|MALE|M|L)$/.test(upper)) return 'M';
	if (/^(PEREMPUAN|WANITA|FEMALE|F|P)$/.test(upper)) return 'F';
	return undefined;
}

/** "SEUMUR HIDUP" (for life), how a KTP's validity reads since 2011. */
export const isForLife = (text: unknown): boolean =>
	typeof text === 'string' && /^SEUMUR\s*HIDUP$/i.test(text.trim());

/** Letters and digits only, upper case: how two readings of one number are compared. */
export const compactCode = (text: unknown): string =>
	typeof text === 'string' ? text.toUpperCase().replace(/[^A-Z0-9]/g, '') : '';

/** The kinds normalisedValue has a form for: their fields get a `_normalised` column. */
export const NORMALISED_KINDS: ReadonlySet<FieldKind> = new Set([
	'date',
	'birthDate',
	'expiry',
	'sex',
	'cylinder',
	'plate',
]);

/** The normalised form of a field, for the kinds that have one; null otherwise. */
export function normalisedValue(
	kind: FieldKind | undefined,
	cell: FieldCell,
): string | number | null {
	switch (kind) {
		case 'date':
		case 'birthDate':
		case 'expiry':
			return normaliseDate(cell.value) ?? normaliseDate(cell.value_original) ?? null;
		case 'sex':
			return normaliseSex(cell.value) ?? null;
		case 'cylinder':
			return normaliseCylinder(cell.value) ?? normaliseCylinder(cell.value_original) ?? null;
		case 'plate':
			return normalisePlate(cell.value) ?? null;
		default:
			return null;
	}
}
