/**
 * The README's record column tables, made from the field catalogue (nodes/GlairVision/catalogue.ts):
 * `npx tsx scripts/readme-columns.ts` prints them to paste into README.md; test/unit/readme.test.ts
 * fails while the README's tables differ from them.
 */
import { ENDPOINTS, type SectionSpec } from '../nodes/GlairVision/catalogue';

const table = (section: SectionSpec): string =>
	[
		`**${section.key}** — ${section.title}`,
		'',
		'| Column | Field |',
		'|---|---|',
		...section.fields.map(
			(field) => `| \`${section.recordPrefix}${field.key}\` | ${field.description} |`,
		),
	].join('\n');

/** One table per documented section, in catalogue order, each section once. */
export function columnTables(): string {
	const sections = [...new Set(Object.values(ENDPOINTS).flatMap((endpoint) => endpoint.sections))];
	return sections.map(table).join('\n\n');
}

if (require.main === module) process.stdout.write(`${columnTables()}\n`);
