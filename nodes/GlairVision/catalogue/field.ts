import type { FieldKind, FieldSpec } from './types';

/** A catalogue entry; `legacySpellings` are other names an older GLAIR SDK or doc gives the key. */
export const field = (
	key: string,
	description: string,
	kind: FieldKind = 'text',
	legacySpellings?: readonly string[],
): FieldSpec =>
	legacySpellings
		? { key, description, kind, aliases: legacySpellings }
		: { key, description, kind };

/** `tanggal_lahir` → `tanggalLahir`: how GLAIR's older SDKs and some answers spell a key. */
export const camelCase = (key: string): string =>
	key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Every spelling GLAIR may send for a catalogued key (a field, a section, a table column): the
 * key itself, its camelCase form, and the legacy spellings listed with it. The one alias rule for
 * every document.
 */
export function spellingsOf(entry: {
	readonly key: string;
	readonly aliases?: readonly string[];
}): string[] {
	return [...new Set([entry.key, camelCase(entry.key), ...(entry.aliases ?? [])])];
}
