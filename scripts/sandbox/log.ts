/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/** Where the sandbox talks: the printout on stdout, its progress on stderr. */
const STARTED_AT = Date.now();

export const say = (line = '') => process.stdout.write(`${line}\n`);
export const step = (line: string) => process.stderr.write(`[sandbox] ${line}\n`);
export const seconds = () => `${Math.round((Date.now() - STARTED_AT) / 1000)} s`;
