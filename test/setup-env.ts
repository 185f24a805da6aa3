/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
// n8n-core's instance settings and binary data service write under the n8n user folder:
// keep every test run inside a fresh temporary folder instead of ~/.n8n.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'glair-n8n-user-'));
process.env.N8N_ENCRYPTION_KEY ??= 'glair-vision-tests';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
