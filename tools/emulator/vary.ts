/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * Makes the emulator's answers differ from document to document, as GLAIR's do: a few values (the
 * plate and the owner's name) taken deterministically from the file's SHA-256, so the same scan
 * always reads the same and two scans read differently. Only the sandbox asks for it: the tests
 * keep the samples' exact values.
 */
import type { SampleBody } from '.';

const REGIONS = ['B', 'D', 'F', 'AB', 'KT', 'L', 'N', 'DK'];
const NAMES = [
	'ANI LESTARI',
	'BUDI SANTOSO',
	'CITRA WULANDARI',
	'DEDI KURNIAWAN',
	'EKA PRATAMA',
	'FITRI HANDAYANI',
	'GUNAWAN SAPUTRA',
	'HANA KUSUMA',
];
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** A plausible Indonesian plate ("B 1234 XYZ") and owner name from the hash's bytes. */
export function variantOf(sha256: string): { plate: string; name: string } {
	const byte = (index: number) => parseInt(sha256.slice(index * 2, index * 2 + 2), 16);
	const number = 1 + (((byte(1) << 8) | byte(2)) % 9999);
	const suffix = Array.from(
		{ length: 1 + (byte(3) % 3) },
		(_, index) => LETTERS[byte(4 + index) % LETTERS.length],
	).join('');
	return {
		plate: `${REGIONS[byte(0) % REGIONS.length]} ${number} ${suffix}`,
		name: NAMES[byte(7) % NAMES.length],
	};
}

/** Field names (every spelling GLAIR's sources use) and which variant value each gets. */
const VARIED: Readonly<Record<string, 'plate' | 'name'>> = {
	nomor_registrasi: 'plate',
	nomorRegistrasi: 'plate',
	nomor_polisi: 'plate',
	nama_pemilik: 'name',
	namaPemilik: 'name',
	nama: 'name',
};

function replaceIn(value: unknown, variant: { plate: string; name: string }): unknown {
	if (Array.isArray(value)) return value.map((entry) => replaceIn(entry, variant));
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>).map(([key, entry]) => {
			const kind = Object.hasOwn(VARIED, key) ? VARIED[key] : undefined;
			if (!kind) return [key, replaceIn(entry, variant)];
			if (typeof entry === 'string') return [key, entry === '' ? entry : variant[kind]];
			const field = entry as { value?: unknown; value_original?: unknown } | null;
			if (
				!field ||
				typeof field !== 'object' ||
				typeof field.value !== 'string' ||
				field.value === ''
			)
				return [key, replaceIn(entry, variant)];
			return [key, { ...field, value: variant[kind], value_original: variant[kind] }];
		}),
	);
}

/** The answer with its plate and owner's name those of this file; everything else as it was. */
export function varyByFile(answer: SampleBody, sha256: string): SampleBody {
	return { ...answer, read: replaceIn(answer.read, variantOf(sha256)) as SampleBody['read'] };
}
