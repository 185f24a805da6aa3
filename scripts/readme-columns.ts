/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * The record column tables of docs/columns.md, made from the field catalogue (nodes/GlairVision/catalogue/):
 * `npx tsx scripts/readme-columns.ts` prints them to paste into docs/columns.md; test/unit/readme.test.ts
 * fails while those tables differ from them.
 */
import {
	ENDPOINTS,
	ROOT,
	type EndpointSpec,
	type FieldSpec,
	type RowTableSpec,
	type SectionSpec,
} from '../nodes/GlairVision/catalogue';

/** The older spellings listed with a key; its camelCase form is read too, and said once in docs/reference.md. */
const legacySpellings = (entry: { readonly aliases?: readonly string[] }): string =>
	entry.aliases?.length
		? ` (GLAIR may also send ${entry.aliases.map((alias) => `\`${alias}\``).join(', ')})`
		: '';

const rows = (fields: readonly FieldSpec[], prefix: string): string[] =>
	fields.map((field) => {
		return `| \`${prefix}${field.key}\` | ${field.description}${legacySpellings(field)} |`;
	});

const sectionTable = (endpoint: EndpointSpec, section: SectionSpec): string =>
	[
		`**${section.key === ROOT ? endpoint.label.replace(/^Read /, '') : section.key}** — ${section.title}${legacySpellings(section)}`,
		'',
		'| Column | Field |',
		'|---|---|',
		...rows(section.fields, section.recordPrefix),
	].join('\n');

const rowTable = (endpoint: EndpointSpec, table: RowTableSpec): string => {
	const { count, row, joined } = table.record;
	const inRecord = [
		`\`${count}\` (how many)`,
		row ? `the ${row.value.toLowerCase()} row as \`${row.prefix}<column>\`` : undefined,
		joined ? `\`${joined}\` (every row's \`${table.columns[0].key}\`, joined)` : undefined,
	].filter(Boolean);
	return [
		`**${endpoint.label.replace(/^Read /, '')} \`${table.key}\`** — ${table.title}: one Table Rows item per row; the record has ${inRecord.join(' and ')}`,
		'',
		'| Column | Field |',
		'|---|---|',
		...rows(table.columns, ''),
	].join('\n');
};

/** One table per documented section and table of rows, in catalogue order, each once. */
export function columnTables(): string {
	const seen = new Set<SectionSpec | RowTableSpec>();
	const tables: string[] = [];
	for (const endpoint of Object.values(ENDPOINTS)) {
		for (const section of endpoint.sections) {
			if (!seen.has(section)) tables.push(sectionTable(endpoint, section));
			seen.add(section);
		}
		if (endpoint.rowTable && !seen.has(endpoint.rowTable))
			tables.push(rowTable(endpoint, endpoint.rowTable));
		if (endpoint.rowTable) seen.add(endpoint.rowTable);
	}
	return tables.join('\n\n');
}

if (require.main === module) process.stdout.write(`${columnTables()}\n`);
