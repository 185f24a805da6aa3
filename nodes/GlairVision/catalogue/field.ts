import type { FieldKind, FieldSpec } from './types';

/** A catalogue entry; `aliases` are other spellings of the key GLAIR may send. */
export const field = (
	key: string,
	description: string,
	kind: FieldKind = 'text',
	aliases?: readonly string[],
): FieldSpec => (aliases ? { key, description, kind, aliases } : { key, description, kind });

/** `tanggal_lahir` → `tanggalLahir`: how GLAIR's older SDKs and some answers spell a key. */
export const camelCase = (key: string): string =>
	key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** A field whose other spelling is its camelCase form (when that differs). */
export const fieldOrCamel = (
	key: string,
	description: string,
	kind: FieldKind = 'text',
): FieldSpec =>
	field(key, description, kind, camelCase(key) === key ? undefined : [camelCase(key)]);
