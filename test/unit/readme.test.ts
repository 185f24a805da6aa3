/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/** The column list (docs/columns.md) is what users map their spreadsheets by: it must match the code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ENDPOINTS, STNK_TAX_TABLE } from '../../nodes/GlairVision/catalogue';
import { columnTables } from '../../scripts/readme-columns';

const readme = readFileSync(join(__dirname, '../../docs/columns.md'), 'utf8');

it('documents every record column', () => {
	for (const endpoint of Object.values(ENDPOINTS)) {
		for (const section of endpoint.sections) {
			for (const field of section.fields)
				expect(readme).toContain(`\`${section.recordPrefix}${field.key}\``);
		}
	}
	for (const costType of STNK_TAX_TABLE.costTypes) expect(readme).toContain(`\`${costType.key}\``);
});

it('shows the column tables made from the catalogue, with its descriptions (scripts/readme-columns.ts)', () => {
	expect(readme).toContain(columnTables());
});
