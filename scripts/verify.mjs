/**
 * `npm run verify`: n8n's own community-package scanner (@n8n/scan-community-package), run the way
 * it checks a package before verifying it, on this checkout: its lint rules on the source (nodes,
 * credentials, package.json) and on the packed tarball's JavaScript and package.json. 0 findings
 * are required. (The scanner's first check, npm provenance, needs a published version: the
 * Publish workflow gives it one.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..');
const workDir = mkdtempSync(join(tmpdir(), 'glair-verify-'));

try {
	// npm pack runs prepack (the build), as `npm publish` does.
	execFileSync('npm', ['pack', '--pack-destination', workDir, '--loglevel=error'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(workDir).find((name) => name.endsWith('.tgz'));
	const packageDir = join(workDir, 'package');
	execFileSync('tar', ['xzf', join(workDir, tarball), '-C', workDir]);

	// Build output whose source is gone (a stale dist/) would be published and could even shadow the
	// real modules (`catalogue.js` beside `catalogue/index.js`).
	const stale = readdirSync(join(packageDir, 'dist'), { recursive: true })
		.filter((file) => file.endsWith('.js'))
		.filter((file) => !existsSync(join(root, file.replace(/\.js$/, '.ts'))));
	const results = [
		[
			'every built file has its source',
			stale.length === 0
				? { passed: true }
				: { passed: false, message: `built files without a source: ${stale.join(', ')}` },
		],
		['source (nodes, credentials, package.json)', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
		[
			`packed ${tarball} (JavaScript, package.json)`,
			await analyzePackage(packageDir, ['**/*.js', 'package.json']),
		],
	];
	for (const [what, result] of results) {
		process.stdout.write(
			`${result.passed ? 'passed' : 'FAILED'}: ${what}${result.message ? `: ${result.message}` : ''}\n`,
		);
		if (result.details) process.stdout.write(`${result.details}\n`);
	}
	process.exitCode = results.every(([, result]) => result.passed) ? 0 : 1;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
