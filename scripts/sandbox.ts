/**
 * `npm run dev`: try the node in one command, no GLAIR account needed. Installs a real n8n when it is
 * missing (scripts/n8n/install.sh, minutes the first time), packs this package and installs it as a
 * community package, starts the GLAIR emulator as a sandbox, and starts n8n on http://localhost:5678
 * with a ready credential and the example workflows. Ctrl-C stops everything it started.
 *
 *   npm run dev [-- --n8n v1]       n8n 2.40.7 by default; v1 = n8n 1.123.81
 *   N8N_PORT=5679                   another port for n8n
 *   GLAIR_USERNAME, GLAIR_PASSWORD, GLAIR_API_KEY [, GLAIR_BASE_URL]
 *                                   a credential for the real GLAIR API instead of the sandbox
 *   GLAIR_SANDBOX_DIR               where n8n's database and the sample documents live
 *                                   (default .cache/sandbox/<v1|v2>; delete it to start afresh)
 *   GLAIR_SANDBOX_LATENCY_MS=1500   how long the sandbox takes to "read" a document
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

import { GlairEmulator } from '../test/emulator';
import { jpegBytes, pdfBytes, pngBytes } from '../test/fixtures/documents';
import { exampleFiles, prepareExample } from '../test/e2e/examples';
import { isN8nInstalled, LocalN8n, packPackage, ROOT, type Flavour, type Owner, type RunningN8n } from '../test/e2e/n8n';

const flavourArgument = process.argv.indexOf('--n8n');
const FLAVOUR = (flavourArgument >= 0 ? process.argv[flavourArgument + 1] : 'v2') as Flavour;
const PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_DIR = resolve(process.env.GLAIR_SANDBOX_DIR ?? join(ROOT, '.cache/sandbox', FLAVOUR));
const LATENCY_MS = Number(process.env.GLAIR_SANDBOX_LATENCY_MS ?? 1500);

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (line: string) => process.stderr.write(`[sandbox] ${line}\n`);

function realGlair(): { username: string; password: string; apiKey: string; baseUrl: string } | undefined {
	const { GLAIR_USERNAME: username, GLAIR_PASSWORD: password, GLAIR_API_KEY: apiKey } = process.env;
	if (!username && !password && !apiKey) return undefined;
	if (!username || !password || !apiKey) {
		throw new Error('Set all three of GLAIR_USERNAME, GLAIR_PASSWORD and GLAIR_API_KEY for a real credential (or none for the sandbox).');
	}
	return { username, password, apiKey, baseUrl: process.env.GLAIR_BASE_URL ?? 'https://api.vision.glair.ai' };
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolveFree) => {
		const server = createServer();
		server.once('error', () => resolveFree(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
	});
}

async function installN8n(flavour: Flavour): Promise<void> {
	step(`n8n ${flavour} is not installed yet: installing it from the npm registry (several minutes, once)`);
	const code = await new Promise<number | null>((resolveExit) =>
		spawn('bash', [join(ROOT, 'scripts/n8n/install.sh'), flavour], { stdio: 'inherit' }).once('exit', resolveExit),
	);
	if (code !== 0) throw new Error(`installing n8n ${flavour} failed (exit ${code}); see the lines above`);
}

/** Synthetic sample documents (never a real person's) where the examples look for files. */
function writeSampleDocuments(dataFolder: string): void {
	const samples: Record<string, Record<string, Buffer>> = {
		stnk: { 'stnk-sample-1.jpg': jpegBytes(), 'stnk-sample-2.png': pngBytes() },
		bpkb: { 'bpkb-sample.pdf': pdfBytes() },
	};
	for (const [folder, files] of Object.entries(samples)) {
		mkdirSync(join(dataFolder, folder), { recursive: true });
		for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dataFolder, folder, name), bytes);
	}
}

/** The owner this sandbox created on its first run, or a new one. */
async function ownerLogin(running: RunningN8n, ownerFile: string): Promise<Owner> {
	if (existsSync(ownerFile)) {
		const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as Owner;
		await running.login(owner.email, owner.password);
		return owner;
	}
	const owner: Owner = { email: 'analyst@sandbox.local', firstName: 'Sandbox', lastName: 'Analyst', password: `Sandbox-1${randomBytes(6).toString('hex')}` };
	await running.setupOwner(owner);
	writeFileSync(ownerFile, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o600 });
	return owner;
}

async function main(): Promise<void> {
	if (FLAVOUR !== 'v1' && FLAVOUR !== 'v2') throw new Error(`--n8n must be v1 or v2, not "${FLAVOUR}"`);
	const real = realGlair();
	if (!(await portIsFree(PORT))) {
		throw new Error(`port ${PORT} is in use (another n8n?). Stop it, or choose another port: N8N_PORT=5679 npm run dev`);
	}
	if (!isN8nInstalled(FLAVOUR)) await installN8n(FLAVOUR);

	step('building and packing the package');
	const tarball = await packPackage();
	const userFolder = join(SANDBOX_DIR, 'n8n');
	const dataFolder = join(SANDBOX_DIR, 'documents');
	mkdirSync(userFolder, { recursive: true });
	writeSampleDocuments(dataFolder);
	const n8n = LocalN8n.create(FLAVOUR, { userFolder, dataFolder });
	await n8n.installCommunityPackage(tarball);

	// What has been started so far, for Ctrl-C to stop.
	const started: { emulator?: GlairEmulator; n8n?: RunningN8n } = {};
	let stopping = false;
	const stopAll = async (code: number) => {
		if (stopping) return;
		stopping = true;
		step('stopping n8n and the sandbox');
		await started.n8n?.stop();
		await started.emulator?.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));

	const credential = real
		? { id: 'glairRealCred001', name: 'GLAIR Vision API', type: 'glairVisionApi', data: real }
		: await (async () => {
				started.emulator = new GlairEmulator({ latencyMs: LATENCY_MS });
				const baseUrl = await started.emulator.start();
				return { id: 'glairSandboxCred', name: 'GLAIR sandbox', type: 'glairVisionApi', data: { ...started.emulator.credentials, baseUrl } };
			})();
	await n8n.importCredentials([credential]);

	// Examples are imported once, so a second `npm run dev` keeps what the user changed in them.
	const examplesMarker = join(SANDBOX_DIR, `.examples-for-${credential.id}`);
	if (!existsSync(examplesMarker)) {
		const ref = { id: credential.id, name: credential.name };
		await n8n.importWorkflow(
			exampleFiles().map((file, index) => prepareExample(file, { id: `glairExample000${index + 1}`, credential: ref, dataFolder }).workflow),
		);
		writeFileSync(examplesMarker, '');
	}

	step(`starting n8n ${n8n.install.version} on port ${PORT}`);
	const running = await n8n.startN8n({ port: PORT });
	started.n8n = running;
	const owner = await ownerLogin(running, join(SANDBOX_DIR, 'owner.json'));
	void running.exited.then(() => {
		if (stopping) return;
		process.stderr.write(`n8n stopped unexpectedly. Its last output:\n${running.output.slice(-4000)}\n`);
		void stopAll(1);
	});

	say();
	say(`n8n ${n8n.install.version} with GLAIR Vision is running: http://localhost:${PORT}`);
	say(`  sign in:     ${owner.email} / ${owner.password}`);
	say(
		real
			? `  credential:  "${credential.name}" → ${real.baseUrl} (your GLAIR account; every read is a real, billed request)`
			: `  credential:  "${credential.name}" → the GLAIR sandbox at ${started.emulator?.baseUrl} (answers with GLAIR's documented samples)`,
	);
	say(`  workflows:   the ${exampleFiles().length} examples; examples 1 and 3 read the sample scans in ${join(dataFolder, 'stnk')}`);
	say(`  data:        ${SANDBOX_DIR} (delete it to start afresh)`);
	say('Press Ctrl-C to stop n8n and the sandbox.');
}

main().catch((error: unknown) => {
	process.stderr.write(`[sandbox] ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
