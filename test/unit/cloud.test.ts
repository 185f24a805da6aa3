/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * n8n's rules for verified community nodes (n8n Cloud) that its linters check only in part: node code
 * reads no environment variable and touches no file system, and every UI text is English. GLAIR's
 * document names and field keys stay as GLAIR names them: they are the allowed non-English terms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import englishWords from 'an-array-of-english-words';

import { GlairVisionApi } from '../../credentials/GlairVisionApi.credentials';
import { GlairVision } from '../../nodes/GlairVision/GlairVision.node';

const root = join(__dirname, '../..');

/** Every TypeScript file of the package, as [path relative to the root, text]. */
function packageSources(): Array<[string, string]> {
	return ['nodes', 'credentials'].flatMap((dir) =>
		readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.ts'))
			.map((file): [string, string] => {
				const path = join(root, dir, file);
				return [relative(root, path), readFileSync(path, 'utf8')];
			}),
	);
}

/** Modules that reach the file system, the environment or the machine. */
const MACHINE_MODULES =
	/^(node:)?(fs|fs\/promises|path|os|child_process|process|worker_threads|v8|vm)$/;

/** What the file imports or requires. */
function importsOf(source: string): string[] {
	return [
		...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g),
	].map((match) => match[1]);
}

describe('node code: no environment, no file system', () => {
	const sources = packageSources();

	it('finds the package sources', () => {
		expect(sources.length).toBeGreaterThan(10);
	});

	it.each(sources)(
		'%s reads no environment variable and uses no process global',
		(_path, source) => {
			expect(source).not.toMatch(/\bprocess\s*(\.|\[)/);
			expect(source).not.toMatch(/\bglobalThis\b|\b__dirname\b|\b__filename\b/);
		},
	);

	it.each(sources)('%s imports nothing that touches the file system', (_path, source) => {
		expect(importsOf(source).filter((name) => MACHINE_MODULES.test(name))).toEqual([]);
	});
});

/**
 * The allowed non-English terms, matched as written: GLAIR's names for documents and their parts,
 * kept as GLAIR (and Indonesia) names them, then the English names, abbreviations and units the
 * dictionary lacks. Anything else must be an English word.
 */
const ALLOWED_TERMS = new Set([
	// Indonesian documents and the parts GLAIR reads: vehicle registration (STNK) and ownership
	// (BPKB), identity card (KTP) and its number (NIK), tax number (NPWP), family card (KK), driving
	// licence (SIM), the taxes an STNK lists (PKB, SWDKLLJ), the dealer (APM), and other documents.
	...['STNK', 'BPKB', 'KTP', 'NIK', 'NPWP', 'KK', 'SIM', 'PKB', 'SWDKLLJ', 'APM', 'TDP', 'SPK'],
	...['SKPR', 'BSTK', 'KITAS', 'KITAP', 'Ijazah', 'Faktur', 'Pajak'],
	// Singapore's identity card; a plate as GLAIR returns it, in an example.
	...['NRIC', 'KT', 'YF'],
	// English names, abbreviations, units, a date format and the x-api-key header.
	...['Indonesian', 'Singapore', 'n8n', 'OCR', 'API', 'URL', 'JSON', 'HTTP', 'MB', 'cc', 'e.g'],
	...['yyyy', 'dd', 'auth', 'http', 'https', 'api', 'URLs', 'PDF'],
]);

const english = new Set(englishWords);

/** The UI texts of a node or credential description: [where, text]. */
function uiTexts(value: unknown, where = ''): Array<[string, string]> {
	if (Array.isArray(value)) return value.flatMap((item, i) => uiTexts(item, `${where}[${i}]`));
	if (value === null || typeof value !== 'object') return [];
	const object = value as Record<string, unknown>;
	const texts: Array<[string, string]> = [];
	// An option's `name` is what the user reads; a parameter's `name` is its key.
	const isOption = 'value' in object && !('type' in object);
	for (const [key, item] of Object.entries(object)) {
		const isText =
			['displayName', 'description', 'hint', 'placeholder', 'subtitle', 'action'].includes(key) ||
			(key === 'name' && isOption);
		if (isText && typeof item === 'string') texts.push([`${where}.${key}`, item]);
		else texts.push(...uiTexts(item, `${where}.${key}`));
	}
	return texts;
}

/** The words of a text that are neither English nor allowed, ignoring expressions, code and links. */
function foreignWords(text: string): string[] {
	const prose = text
		.replace(/\{\{[\s\S]*?\}\}/g, ' ')
		.replace(/<code>[\s\S]*?<\/code>|`[^`]*`/g, ' ')
		.replace(/https?:\/\/\S+|<[^>]+>|\/[\w/-]+/g, ' ');
	return (
		[...prose.matchAll(/e\.g|[A-Za-z][A-Za-z0-9']*/g)]
			.map((match) => match[0].replace(/'s?$/, ''))
			// Single letters label things (form A/B/C, 3 s).
			.filter((word) => word.length > 1 && !ALLOWED_TERMS.has(word))
			.filter((word) => !english.has(word.toLowerCase()))
	);
}

describe('UI texts are English', () => {
	const texts = [
		...uiTexts(new GlairVision().description, 'GlairVision'),
		...uiTexts(new GlairVisionApi(), 'GlairVisionApi'),
	];

	it('finds the UI texts', () => {
		expect(texts.length).toBeGreaterThan(50);
	});

	it('every word is English or one of GLAIR’s terms', () => {
		const foreign = texts
			.map(([where, text]) => ({ where, words: foreignWords(text), text }))
			.filter(({ words }) => words.length > 0)
			.map(({ where, words, text }) => `${where}: ${words.join(', ')} in "${text}"`);
		expect(foreign).toEqual([]);
	});
});
