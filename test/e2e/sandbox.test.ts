/**
 * `npm run dev` (scripts/sandbox.ts) as a user runs it: it prints a URL and a login, n8n there holds
 * the sandbox credential and the example workflows, and Ctrl-C leaves nothing running. A second
 * start reuses the same n8n data and owner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	lstatSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	readlinkSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GlairEmulator } from '../emulator';
import { exampleFiles } from './examples';
import { freePort, ROOT } from './n8n';

const FLAVOUR = (process.env.GLAIR_E2E_FLAVOURS ?? 'v2').split(',').includes('v2') ? 'v2' : 'v1';

interface Sandbox {
	child: ChildProcess;
	output: () => string;
	exit: Promise<number | null>;
}

function startSandbox(port: number, sandboxDir: string, env: Record<string, string> = {}): Sandbox {
	// As package.json's "dev" runs it: one node process with tsx's loader, so Ctrl-C reaches the script itself.
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(ROOT, 'scripts/sandbox.ts'), '--n8n', FLAVOUR],
		{
			cwd: ROOT,
			env: {
				...process.env,
				N8N_PORT: String(port),
				GLAIR_SANDBOX_DIR: sandboxDir,
				GLAIR_SANDBOX_LATENCY_MS: '0',
				...env,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let text = '';
	child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
	const exit = new Promise<number | null>((resolveExit) =>
		child.once('exit', (code) => resolveExit(code)),
	);
	return { child, output: () => text, exit };
}

async function waitFor(
	sandbox: Sandbox,
	pattern: RegExp,
	timeoutMs: number,
): Promise<RegExpMatchArray> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const match = pattern.exec(sandbox.output());
		if (match) return match;
		if (sandbox.child.exitCode !== null)
			throw new Error(`the sandbox exited (${sandbox.child.exitCode}):\n${sandbox.output()}`);
		if (Date.now() > deadline)
			throw new Error(`the sandbox did not print ${pattern} in time:\n${sandbox.output()}`);
		await new Promise((wake) => setTimeout(wake, 200));
	}
}

const isListening = (port: number) =>
	new Promise<boolean>((resolveListening) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolveListening(true);
		});
		socket.once('error', () => resolveListening(false));
	});

async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	expect(response.status).toBe(200);
	return (
		response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth=')) ?? ''
	).split(';')[0];
}

async function get<T>(baseUrl: string, path: string, cookie: string): Promise<T> {
	const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: T }).data;
}

const names = async (baseUrl: string, path: string, cookie: string) =>
	(await get<Array<{ name: string }>>(baseUrl, path, cookie)).map((entry) => entry.name).sort();

/** Processes (n8n, its task runner, …) whose working directory is inside `folder`; n8n runs in the sandbox's user folder. */
function processesIn(folder: string): string[] {
	const found: string[] = [];
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			if (readlinkSync(`/proc/${pid}/cwd`).startsWith(folder)) found.push(pid);
		} catch {
			// gone already, or not ours to look at
		}
	}
	return found;
}

/** Files under `folder` that contain any of `secrets`. */
function filesContaining(folder: string, secrets: string[]): string[] {
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.map((name) => join(folder, name))
		.filter(
			(file) =>
				lstatSync(file).isFile() && secrets.some((secret) => readFileSync(file).includes(secret)),
		);
}

describe(`npm run dev (n8n ${FLAVOUR})`, () => {
	const sandboxDir = mkdtempSync(join(tmpdir(), 'glair-sandbox-'));
	let port: number;
	let running: Sandbox | undefined;

	beforeAll(async () => {
		port = await freePort();
	});

	afterAll(() => {
		running?.child.kill('SIGKILL');
	});

	const startAndSignIn = async () => {
		running = startSandbox(port, sandboxDir);
		const [, url] = await waitFor(running, /is running: (http:\/\/localhost:\d+)/, 5 * 60_000);
		const [, email, password] = await waitFor(running, /sign in:\s+(\S+) \/ (\S+)/, 1000);
		await waitFor(running, /Press Ctrl-C/, 1000);
		const emulatorUrl = /the GLAIR sandbox at (http:\/\/127\.0\.0\.1:\d+)/.exec(
			running.output(),
		)?.[1];
		return {
			baseUrl: url.replace('localhost', '127.0.0.1'),
			email,
			password,
			emulatorPort: Number(new URL(emulatorUrl ?? 'http://x:1').port),
		};
	};

	const stopWithCtrlC = async (emulatorPort: number) => {
		running?.child.kill('SIGINT');
		expect(await running?.exit).toBe(0);
		expect(await isListening(port)).toBe(false);
		expect(await isListening(emulatorPort)).toBe(false);
		expect(processesIn(sandboxDir)).toEqual([]);
	};

	/** The credential as n8n holds it (secrets blanked), and the folder each example reads files from. */
	const sandboxSetup = async (baseUrl: string, cookie: string) => {
		const credential = await get<{ name: string; data: { baseUrl: string } }>(
			baseUrl,
			'/rest/credentials/glairSandboxCred?includeData=true',
			cookie,
		);
		const selectors: string[] = [];
		for (const { id } of await get<Array<{ id: string }>>(baseUrl, '/rest/workflows', cookie)) {
			const workflow = await get<{
				nodes: Array<{ type: string; parameters: { fileSelector?: string } }>;
			}>(baseUrl, `/rest/workflows/${id}`, cookie);
			for (const node of workflow.nodes)
				if (node.parameters.fileSelector) selectors.push(node.parameters.fileSelector);
		}
		return { credential, selectors };
	};

	it('brings up n8n with the sandbox credential and the examples; Ctrl-C stops n8n and the sandbox', async () => {
		const { baseUrl, email, password, emulatorPort } = await startAndSignIn();
		expect(baseUrl).toBe(`http://127.0.0.1:${port}`);
		const cookie = await signIn(baseUrl, email, password);
		expect(await names(baseUrl, '/rest/credentials', cookie)).toEqual(['GLAIR sandbox']);
		expect(await names(baseUrl, '/rest/workflows', cookie)).toHaveLength(exampleFiles().length);
		expect(await isListening(emulatorPort)).toBe(true);
		// Examples 1 and 3 read the synthetic samples the sandbox wrote.
		const { selectors } = await sandboxSetup(baseUrl, cookie);
		expect(selectors).toEqual([
			`${sandboxDir}/documents/stnk/*.{jpg,jpeg,png}`,
			`${sandboxDir}/documents/stnk/*.{jpg,jpeg,png}`,
		]);
		expect(readdirSync(join(sandboxDir, 'documents/stnk')).length).toBeGreaterThan(0);
		// The files n8n imported from hold the credential in plain text: none may stay.
		expect(
			readdirSync(join(sandboxDir, 'n8n')).filter((name) => name.startsWith('import-')),
		).toEqual([]);
		await stopWithCtrlC(emulatorPort);
	});

	it('a second start keeps the owner and the workflows', async () => {
		const { baseUrl, email, password, emulatorPort } = await startAndSignIn();
		const cookie = await signIn(baseUrl, email, password);
		expect(await names(baseUrl, '/rest/workflows', cookie)).toHaveLength(exampleFiles().length);
		// The sandbox listens on a new port each start; the credential follows it.
		expect((await sandboxSetup(baseUrl, cookie)).credential.data.baseUrl).toBe(
			`http://127.0.0.1:${emulatorPort}`,
		);
		await stopWithCtrlC(emulatorPort);
	});

	it('says so when the port is taken, and starts nothing', async () => {
		const blocker = createServer();
		const blockedPort = await new Promise<number>((resolvePort) =>
			blocker.listen(0, '127.0.0.1', () =>
				resolvePort((blocker.address() as { port: number }).port),
			),
		);
		const emptyDir = join(mkdtempSync(join(tmpdir(), 'glair-sandbox-busy-')), 'sandbox');
		try {
			const sandbox = startSandbox(blockedPort, emptyDir);
			expect(await sandbox.exit).toBe(1);
			expect(sandbox.output()).toContain(`port ${blockedPort} is in use`);
			expect(existsSync(emptyDir)).toBe(false);
		} finally {
			await new Promise((closed) => blocker.close(closed));
		}
	});

	it('with GLAIR_USERNAME, GLAIR_PASSWORD and GLAIR_API_KEY it makes a credential for that account, and never prints its secrets', async () => {
		// Stands in for the real GLAIR API here.
		const glair = new GlairEmulator({
			password: 'real-Passw0rd-not-for-logs',
			apiKey: 'real-api-key-not-for-logs',
		});
		const glairUrl = await glair.start();
		const { username, password: glairPassword, apiKey } = glair.credentials;
		const realDir = mkdtempSync(join(tmpdir(), 'glair-sandbox-real-'));
		running = startSandbox(port, realDir, {
			GLAIR_USERNAME: username,
			GLAIR_PASSWORD: glairPassword,
			GLAIR_API_KEY: apiKey,
			GLAIR_BASE_URL: glairUrl,
		});
		try {
			const [, url] = await waitFor(running, /is running: (http:\/\/localhost:\d+)/, 5 * 60_000);
			const [, email, password] = await waitFor(running, /sign in:\s+(\S+) \/ (\S+)/, 1000);
			await waitFor(running, /Press Ctrl-C/, 1000);
			const baseUrl = url.replace('localhost', '127.0.0.1');
			const cookie = await signIn(baseUrl, email, password);
			expect(await names(baseUrl, '/rest/credentials', cookie)).toEqual(['GLAIR Vision API']);
			expect(running.output()).toContain(`"GLAIR Vision API" → ${glairUrl}`);
			expect(running.output()).not.toMatch(/GLAIR sandbox at/);
			running.child.kill('SIGINT');
			expect(await running.exit).toBe(0);
			expect(processesIn(realDir)).toEqual([]);
			expect(running.output()).not.toContain(glairPassword);
			expect(running.output()).not.toContain(apiKey);
			// …nor leaves them on disk in plain text (n8n's database holds them encrypted).
			expect(filesContaining(realDir, [glairPassword, apiKey])).toEqual([]);
		} finally {
			await glair.stop();
		}
	});
});
