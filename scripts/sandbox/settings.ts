/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/** What the user asked for: the command line's flags and the environment (see index.ts). */
import { join, resolve } from 'node:path';

import { ROOT, type Flavour } from '../../tools/n8n';

/** `--n8n v1` or `--n8n=v1`; v2 when absent. */
function flavourArgument(argv: string[]): string {
	const index = argv.findIndex((argument) => argument === '--n8n' || argument.startsWith('--n8n='));
	if (index < 0) return 'v2';
	return argv[index].includes('=') ? argv[index].slice('--n8n='.length) : (argv[index + 1] ?? '');
}

export const FLAVOUR = flavourArgument(process.argv.slice(2)) as Flavour;
export const QUEUE_MODE = process.argv.slice(2).includes('--queue');
export const QUEUE_WORKERS = 2;
export const WORKER_CONCURRENCY = 5;
export const PORT = Number(process.env.N8N_PORT ?? 5678);
export const SANDBOX_DIR = resolve(
	process.env.GLAIR_SANDBOX_DIR ??
		join(ROOT, '.cache/sandbox', QUEUE_MODE ? `${FLAVOUR}-queue` : FLAVOUR),
);
export const LATENCY_MS = Number(process.env.GLAIR_SANDBOX_LATENCY_MS ?? 1500);
