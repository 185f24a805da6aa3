/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/** One n8n: installed when missing, on a port checked free, with the package and the credential. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

import {
	LocalN8n,
	ROOT,
	type CredentialJson,
	type Flavour,
	type RunningN8n,
} from '../../tools/n8n';
import { checkStop, started } from './lifecycle';
import { step } from './log';
import { FLAVOUR, PORT } from './settings';

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolveFree) => {
		const server = createServer();
		server.once('error', () => resolveFree(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
	});
}

export async function checkPort(): Promise<void> {
	if (!(await portIsFree(PORT))) {
		throw new Error(
			`port ${PORT} is in use (another n8n?). Stop it, or choose another port: N8N_PORT=5690 npm run dev`,
		);
	}
}

export async function installN8n(flavour: Flavour): Promise<void> {
	step(
		`n8n ${flavour} is not installed yet: installing it from the npm registry (several minutes, once)`,
	);
	const installer = spawn('bash', [join(ROOT, 'scripts/n8n/install.sh'), flavour], {
		stdio: 'inherit',
		detached: true,
	});
	started.installer = installer;
	const code = await new Promise<number | null>((resolveExit) =>
		installer.once('exit', resolveExit),
	);
	started.installer = undefined;
	checkStop();
	if (code !== 0)
		throw new Error(`installing n8n ${flavour} failed (exit ${code}); see the lines above`);
}

/** n8n on its own (not queue mode), with the packed package and the credentials. */
export async function startN8n(
	tarball: string,
	credentials: CredentialJson[],
	userFolder: string,
	dataFolder: string,
): Promise<{ n8n: LocalN8n; running: RunningN8n }> {
	const n8n = LocalN8n.create(FLAVOUR, { userFolder, dataFolder });
	await n8n.installCommunityPackage(tarball);
	checkStop();
	// Every start: the sandbox listens on a new port each time.
	step(`importing the credentials ${credentials.map(({ name }) => `"${name}"`).join(' and ')}`);
	await n8n.importCredentials(credentials);
	checkStop();
	step(`starting n8n ${n8n.install.version} on port ${PORT}`);
	started.n8n = await n8n.startN8n({ port: PORT });
	return { n8n, running: started.n8n };
}
