/**
 * `npm run lint:n8n`: n8n's own node tooling (@n8n/node-cli), as it judges the package for n8n Cloud.
 *
 * 1. `n8n-node cloud-support` must report the package eligible: strict mode (`n8n.strict` in
 *    package.json) and eslint.config.mjs exactly n8n's default config. The command exits 0 either
 *    way, so its verdict is read from its output.
 * 2. `n8n-node lint` (ESLint with that default config and its n8n Cloud rules) must pass on what is
 *    published: package.json, nodes/ and credentials/. It runs `eslint .`, which lints every *.ts
 *    below where it runs, and ESLint 9 takes ignores only from the config file (which strict mode
 *    freezes) or the command line (which n8n-node does not pass on). So it runs in a copy holding only
 *    the package's files, .cache/n8n-lint/; test/, scripts/ and bench/ are linted by
 *    eslint.dev.config.mjs. Paths it reports under .cache/n8n-lint/ are the same paths here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
const packageFiles = ['package.json', 'eslint.config.mjs', 'tsconfig.json', 'nodes', 'credentials'];

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

const stage = join(root, '.cache', 'n8n-lint');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
try {
	for (const file of packageFiles) cpSync(join(root, file), join(stage, file), { recursive: true });
	// n8n-node runs `npm exec -- eslint`, which looks for eslint in the copy's node_modules/.bin.
	symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
	const lint = spawnSync(process.execPath, [cli, 'lint'], { cwd: stage, stdio: 'inherit' });
	process.exitCode = lint.status ?? 1;
} finally {
	rmSync(stage, { recursive: true, force: true });
}
