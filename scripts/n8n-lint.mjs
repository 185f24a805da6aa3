/**
 * `npm run lint:n8n`: n8n's own node tooling (@n8n/node-cli), as it judges the package for n8n Cloud.
 *
 * 1. `n8n-node cloud-support` must report the package eligible: strict mode (`n8n.strict` in
 *    package.json) and eslint.config.mjs exactly n8n's default config. The command exits 0 either
 *    way, so its verdict is read from its output.
 * 2. `n8n-node lint` (ESLint with that default config and its n8n Cloud rules, over every *.ts) must
 *    pass at the root. Tests, scripts, benchmarks and tools never run inside n8n: each opens with a
 *    directive turning off the n8n Cloud rules that fire in it (see docs/development.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');

// NO_COLOR, and colour codes stripped in case the environment forces them.
const status = execFileSync(process.execPath, [cli, 'cloud-support'], {
	cwd: root,
	env: { ...process.env, NO_COLOR: '1' },
	encoding: 'utf8',
	stdio: ['ignore', 'pipe', 'pipe'],
});
const verdict = stripVTControlCharacters(status);
if (!/Status: eligible for n8n Cloud verification/.test(verdict)) {
	process.stderr.write(
		`${verdict}\nn8n-node cloud-support: the package is NOT eligible for n8n Cloud.\n`,
	);
	process.exit(1);
}
process.stdout.write('n8n-node cloud-support: eligible for n8n Cloud verification\n');

const lint = spawnSync(process.execPath, [cli, 'lint'], { cwd: root, stdio: 'inherit' });
process.exitCode = lint.status ?? 1;
