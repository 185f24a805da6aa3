/**
 * `npm run dev` (scripts/sandbox.ts) as a user runs it: it prints a URL and a login, n8n there holds
 * the sandbox credential and the example workflows, and Ctrl-C leaves nothing running. A second
 * start reuses the same n8n data and owner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
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
	const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/sandbox.ts'), '--n8n', FLAVOUR], {
		cwd: ROOT,
		env: { ...process.env, N8N_PORT: String(port), GLAIR_SANDBOX_DIR: sandboxDir, GLAIR_SANDBOX_LATENCY_MS: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let text = '';
	child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
	const exit = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
	return { child, output: () => text, exit };
}

async function waitFor(sandbox: Sandbox, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const match = pattern.exec(sandbox.output());
		if (match) return match;
		if (sandbox.child.exitCode !== null) throw new Error(`the sandbox exited (${sandbox.child.exitCode}):\n${sandbox.output()}`);
		if (Date.now() > deadline) throw new Error(`the sandbox did not print ${pattern} in time:\n${sandbox.output()}`);
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
	return (response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth=')) ?? '').split(';')[0];
}

const names = async (baseUrl: string, path: string, cookie: string) => {
	const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
	return ((await response.json()) as { data: Array<{ name: string }> }).data.map((entry) => entry.name).sort();
};

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
		const emulatorUrl = /the GLAIR sandbox at (http:\/\/127\.0\.0\.1:\d+)/.exec(running.output())?.[1];
		return { baseUrl: url.replace('localhost', '127.0.0.1'), email, password, emulatorPort: Number(new URL(emulatorUrl ?? 'http://x:1').port) };
	};

	const stopWithCtrlC = async (emulatorPort: number) => {
		running?.child.kill('SIGINT');
		expect(await running?.exit).toBe(0);
		expect(await isListening(port)).toBe(false);
		expect(await isListening(emulatorPort)).toBe(false);
	};

	it('brings up n8n with the sandbox credential and the examples; Ctrl-C stops n8n and the sandbox', async () => {
		const { baseUrl, email, password, emulatorPort } = await startAndSignIn();
		expect(baseUrl).toBe(`http://127.0.0.1:${port}`);
		const cookie = await signIn(baseUrl, email, password);
		expect(await names(baseUrl, '/rest/credentials', cookie)).toEqual(['GLAIR sandbox']);
		expect(await names(baseUrl, '/rest/workflows', cookie)).toHaveLength(exampleFiles().length);
		expect(await isListening(emulatorPort)).toBe(true);
		await stopWithCtrlC(emulatorPort);
	});

	it('a second start keeps the owner and the workflows', async () => {
		const { baseUrl, email, password, emulatorPort } = await startAndSignIn();
		const cookie = await signIn(baseUrl, email, password);
		expect(await names(baseUrl, '/rest/workflows', cookie)).toHaveLength(exampleFiles().length);
		await stopWithCtrlC(emulatorPort);
	});

	it('with GLAIR_USERNAME, GLAIR_PASSWORD and GLAIR_API_KEY it makes a credential for that account, and never prints its secrets', async () => {
		// Stands in for the real GLAIR API here.
		const glair = new GlairEmulator({ password: 'real-Passw0rd-not-for-logs', apiKey: 'real-api-key-not-for-logs' });
		const glairUrl = await glair.start();
		const { username, password: glairPassword, apiKey } = glair.credentials;
		running = startSandbox(port, mkdtempSync(join(tmpdir(), 'glair-sandbox-real-')), {
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
			expect(running.output()).not.toContain(glairPassword);
			expect(running.output()).not.toContain(apiKey);
		} finally {
			await glair.stop();
		}
	});
});
