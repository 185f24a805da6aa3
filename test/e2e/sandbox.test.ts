/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * `npm run dev` (scripts/sandbox/) as a user runs it: it prints a URL and a login, n8n there holds
 * the sandbox credential and the example workflows, and Ctrl-C leaves nothing running. The examples'
 * Google Sheets steps fill n8n data tables instead. Every example runs as a user runs it: 1, 2, 3 and
 * 5 with "Execute workflow" (2 and 5 from sample scans instead of an email), 4 through its chat with
 * an uploaded STNK, answered by the fake chat model. The sample scans read differently from each
 * other. A second start reuses the same n8n data, owner and tables.
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
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createHash } from 'node:crypto';

import { GlairEmulator } from '../../tools/emulator';
import { variantOf } from '../../tools/emulator/vary';
import { jpegBytes, pngBytes } from '../../tools/fixtures/documents';
import {
	dataTableColumns,
	dataTableRows,
	DATA_TABLE_TYPE,
	exampleDataTable,
	findDataTable,
	personalProjectId,
	runWorkflow,
	type DataTableRef,
	type N8nRest,
} from '../../tools/n8n/dataTables';
import { chatWebhookPath, EXAMPLES_DIR, exampleFiles } from '../../tools/n8n/examples';
import {
	freePort,
	n8nInstall,
	postToWebhook,
	ROOT,
	type RunData,
	type WorkflowJson,
} from '../../tools/n8n';

const FLAVOUR = (process.env.GLAIR_E2E_FLAVOURS ?? 'v2').split(',').includes('v2') ? 'v2' : 'v1';

interface Sandbox {
	child: ChildProcess;
	output: () => string;
	exit: Promise<number | null>;
}

function startSandbox(
	port: number,
	sandboxDir: string,
	env: Record<string, string> = {},
	args: string[] = [],
): Sandbox {
	// As package.json's "dev" runs it: one node process with tsx's loader, so Ctrl-C reaches the script itself.
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(ROOT, 'scripts/sandbox/index.ts'), '--n8n', FLAVOUR, ...args],
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

/** REST calls in the signed-in session. */
const session = (baseUrl: string, cookie: string): N8nRest => ({
	request: (path, init = {}) => {
		const headers = new Headers(init.headers);
		headers.set('cookie', cookie);
		return fetch(`${baseUrl}${path}`, { ...init, headers });
	},
});

const EXAMPLE_1 = '1-stnk-folder-to-sheets.json';
const EXAMPLE_2 = '2-bpkb-email-review.json';
const EXAMPLE_3 = '3-stnk-tax-summary.json';
const EXAMPLE_4 = '4-ai-agent-stnk-tool.json';
const EXAMPLE_5 = '5-financing-application.json';
/** The plate the sandbox's GLAIR reads from a scan (it varies plate and owner by file). */
const plateOf = (bytes: Buffer) =>
	variantOf(createHash('sha256').update(bytes).digest('hex')).plate;
const shipped = (file: string) =>
	JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
/** The examples whose Google Sheets step the sandbox gives a data table (1, 2, 3 and 5), with that table's name. */
const APPENDING = exampleFiles().flatMap((file) => {
	const table = exampleDataTable(file, shipped(file));
	return table ? [{ file, name: table.name }] : [];
});
/** The sandbox imports examples/<n>-….json as glairExample000<n>. */
const workflowIdOf = (file: string) => `glairExample000${exampleFiles().indexOf(file) + 1}`;

/** The examples' data tables, by example file; fails when one is missing or there twice. */
async function exampleTables(n8n: N8nRest): Promise<Record<string, DataTableRef>> {
	const projectId = await personalProjectId(n8n);
	const response = await n8n.request(`/rest/projects/${projectId}/data-tables?take=100`);
	expect(response.status).toBe(200);
	const all = ((await response.json()) as { data: { data: Array<{ name: string }> } }).data.data;
	const tables: Record<string, DataTableRef> = {};
	for (const { file, name } of APPENDING) {
		expect(all.filter((table) => table.name === name)).toHaveLength(1);
		const table = await findDataTable(n8n, projectId, name);
		if (!table) throw new Error(`no data table "${name}"`);
		tables[file] = table;
	}
	return tables;
}

/** Run data as n8n stores it ("flatted" JSON), read with n8n's own copy of the library. */
function runDataOf(data: string | undefined): RunData {
	const flatted = createRequire(n8nInstall(FLAVOUR).n8nBin)('flatted') as {
		parse: (text: string) => { resultData: { runData: RunData } };
	};
	return flatted.parse(data ?? '').resultData.runData;
}

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
	/** The examples' data tables as the first start made them, by example file. */
	let tableIds: Record<string, string> = {};

	beforeAll(async () => {
		port = await freePort();
	});

	// A test that failed halfway leaves its sandbox running: stop it as Ctrl-C does (a SIGKILL would
	// leave its n8n behind, holding the port the next test starts on).
	afterEach(async () => {
		const child = running?.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.kill('SIGINT');
		await running?.exit;
		clearTimeout(timer);
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
		expect(await names(baseUrl, '/rest/workflows', cookie)).toHaveLength(exampleFiles().length);
		expect(await isListening(emulatorPort)).toBe(true);
		// Examples 1 and 3 read the synthetic samples the sandbox wrote; 2 and 5 start from them instead of an email.
		const { selectors } = await sandboxSetup(baseUrl, cookie);
		expect(selectors.sort()).toEqual([
			`${sandboxDir}/documents/application/*.{png,jpg,pdf}`,
			`${sandboxDir}/documents/bpkb/*.pdf`,
			`${sandboxDir}/documents/stnk/*.{jpg,jpeg,png}`,
			`${sandboxDir}/documents/stnk/*.{jpg,jpeg,png}`,
		]);
		expect(await names(baseUrl, '/rest/credentials', cookie)).toEqual([
			'GLAIR sandbox',
			'Sandbox chat model (fake OpenAI)',
		]);
		// Workflow names carry the README's example numbers.
		expect(await names(baseUrl, '/rest/workflows', cookie)).toEqual(
			exampleFiles().map((file) => shipped(file).name),
		);
		for (const file of exampleFiles())
			expect(shipped(file).name).toMatch(new RegExp(`^GLAIR Vision example ${file[0]}: `));
		expect(readdirSync(join(sandboxDir, 'documents/stnk')).length).toBeGreaterThan(0);
		// The files n8n imported from hold the credential in plain text: none may stay.
		expect(
			readdirSync(join(sandboxDir, 'n8n')).filter((name) => name.startsWith('import-')),
		).toEqual([]);

		// In place of Google Sheets, one data table per example that appends rows, and the printout says where.
		expect(APPENDING.map(({ file }) => file)).toEqual([EXAMPLE_1, EXAMPLE_2, EXAMPLE_3, EXAMPLE_5]);
		expect(running?.output()).toContain(
			'examples 1, 2, 3 and 5 add their rows to n8n data tables instead of Google Sheets',
		);
		expect(running?.output()).toContain(
			`Overview → Data tables (http://localhost:${port}/home/datatables), e.g. "GLAIR example 1 – STNK rows"`,
		);
		const n8n = session(baseUrl, cookie);
		const tables = await exampleTables(n8n);
		tableIds = Object.fromEntries(Object.entries(tables).map(([file, table]) => [file, table.id]));
		for (const { file } of APPENDING) {
			// The step keeps its name and connections; only what it is changed.
			const workflow = await get<WorkflowJson>(
				baseUrl,
				`/rest/workflows/${workflowIdOf(file)}`,
				cookie,
			);
			const step = workflow.nodes.find((node) => node.name === 'Append to Google Sheets');
			expect(step).toMatchObject({
				type: DATA_TABLE_TYPE,
				parameters: {
					operation: 'insert',
					dataTableId: { value: tables[file].id, cachedResultName: tables[file].name },
					columns: { mappingMode: 'autoMapInputData' },
				},
			});
			// (Examples 2 and 5 add their sample start, Start → Read Files, before the email trigger's place.)
			expect(workflow.connections).toMatchObject(shipped(file).connections);
			expect(await dataTableRows(n8n, tables[file])).toEqual([]);
		}

		// Examples 1, 2, 3 and 5, run as the editor's "Execute workflow" runs them, succeed.
		const runs: Record<string, RunData> = {};
		for (const file of [EXAMPLE_1, EXAMPLE_2, EXAMPLE_3, EXAMPLE_5]) {
			const run = await runWorkflow(n8n, workflowIdOf(file), 'Start');
			expect({ file, status: run.status, data: run.status === 'success' ? '' : run.data }).toEqual({
				file,
				status: 'success',
				data: '',
			});
			runs[file] = runDataOf(run.data);
		}
		// Each sample scan reads with its own plate (the sandbox's GLAIR varies it by file).
		const stnkRows = await dataTableRows(n8n, tables[EXAMPLE_1]);
		expect(stnkRows.map((row) => [row.file_name, row.stnk_nomor_registrasi]).sort()).toEqual([
			['stnk-sample-1.jpg', plateOf(jpegBytes())],
			['stnk-sample-2.png', plateOf(pngBytes())],
		]);
		expect(plateOf(jpegBytes())).not.toBe(plateOf(pngBytes()));
		for (const row of stnkRows) {
			expect(row).toMatchObject({
				document: 'stnk',
				status: 'SUCCESS',
				some_fields_invalid: false,
				stnk_nomor_registrasi_normalised: row.stnk_nomor_registrasi,
				stnk_nomor_rangka: 'MMBJNKL30HH031552',
				pajak_berlaku_sampai: '08-08-2021',
				pajak_berlaku_sampai_normalised: '2021-08-08',
				stnk_kode_lokasi: '',
			});
			expect(row.request_id).toEqual(expect.any(String));
		}
		// Every column of the table was filled: the rows are the records the Sheets step would append.
		const stnkColumns = await dataTableColumns(n8n, tables[EXAMPLE_1]);
		expect(stnkColumns.length).toBeGreaterThan(50);
		expect(stnkColumns.filter(({ name }) => (stnkRows[0][name] ?? null) === null)).toEqual([]);
		const taxRows = await dataTableRows(n8n, tables[EXAMPLE_3]);
		expect(taxRows.map((row) => row.file_name).sort()).toEqual([
			'stnk-sample-1.jpg',
			'stnk-sample-2.png',
		]);
		for (const row of taxRows) {
			expect(row).toMatchObject({
				sum_jumlah: 1820060,
				sum_pokok: 3820060,
				sum_sanksi_administratif: 0,
				concatenated_jenis_biaya: expect.stringContaining('PKB, SWDKLLJ'),
			});
		}

		// Examples 2 and 5 started from the sample scans: one document (2) and one application (5)
		// reached the table or the reviewer (a No Operation node here), and its row fits the table.
		for (const [file, router] of [
			[EXAMPLE_2, 'Read BPKB'],
			[EXAMPLE_5, 'Same owner on all three?'],
		] as const) {
			const task = runs[file][router][0];
			const items = [0, 1].flatMap((output) => task.data?.main[output] ?? []);
			expect({ file, items: items.length }).toEqual({ file, items: 1 });
			const reachedTable = (await dataTableRows(n8n, tables[file])).length;
			const reachedReviewer = runs[file]['Ask a reviewer']?.[0]?.data?.main[0]?.length ?? 0;
			expect({ file, reached: reachedTable + reachedReviewer }).toEqual({ file, reached: 1 });
			const columns = (await dataTableColumns(n8n, tables[file])).map(({ name }) => name);
			// Only the "Needs Review" output carries review_reasons; the table gets the other one.
			const unknown = items.flatMap((item) =>
				Object.keys(item.json).filter((key) => key !== 'review_reasons' && !columns.includes(key)),
			);
			expect({ file, unknown }).toEqual({ file, unknown: [] });
		}

		// Example 4, chatted with as its public chat page does: the STNK uploaded is read, and the
		// fake chat model answers with the record the GLAIR Vision tool returned.
		const chatPath = chatWebhookPath(shipped(EXAMPLE_4));
		expect(running?.output()).toContain(
			`chat:        http://localhost:${port}/webhook/${chatPath}`,
		);
		const upload = await postToWebhook(
			`${baseUrl}/webhook/${chatPath}`,
			[{ field: 'files', fileName: 'my-stnk.jpg', bytes: jpegBytes(), mimeType: 'image/jpeg' }],
			{ fields: { action: 'sendMessage', sessionId: 'sandbox-e2e', chatInput: 'Read my STNK' } },
		);
		expect(upload.status).toBe(200);
		const answer = (JSON.parse(upload.body.toString()) as { output: string }).output;
		expect(answer).toContain('stnk_nomor_registrasi');
		expect(answer).toContain(plateOf(jpegBytes()));
		await stopWithCtrlC(emulatorPort);
	});

	it('a second start keeps the owner, the workflows and the data tables with their rows', async () => {
		const { baseUrl, email, password, emulatorPort } = await startAndSignIn();
		const cookie = await signIn(baseUrl, email, password);
		expect(await names(baseUrl, '/rest/workflows', cookie)).toHaveLength(exampleFiles().length);
		// The sandbox listens on a new port each start; the credential follows it.
		expect((await sandboxSetup(baseUrl, cookie)).credential.data.baseUrl).toBe(
			`http://127.0.0.1:${emulatorPort}`,
		);

		// The same tables (none made twice), the rows of the first start still in them.
		const output = running?.output() ?? '';
		expect(output).not.toMatch(/created the data table|added columns|could not set up/);
		expect(output).toContain('examples 1, 2, 3 and 5 add their rows to n8n data tables');
		const n8n = session(baseUrl, cookie);
		const tables = await exampleTables(n8n);
		expect(
			Object.fromEntries(Object.entries(tables).map(([file, table]) => [file, table.id])),
		).toEqual(tableIds);
		expect(await dataTableRows(n8n, tables[EXAMPLE_1])).toHaveLength(2);
		expect((await runWorkflow(n8n, workflowIdOf(EXAMPLE_1), 'Start')).status).toBe('success');
		const rows = await dataTableRows(n8n, tables[EXAMPLE_1]);
		expect(rows.map((row) => row.file_name).sort()).toEqual([
			'stnk-sample-1.jpg',
			'stnk-sample-1.jpg',
			'stnk-sample-2.png',
			'stnk-sample-2.png',
		]);
		// Example 4's chat stays live, its credential following the fake chat model to its new port.
		const chat = await postToWebhook(
			`${baseUrl}/webhook/${chatWebhookPath(shipped(EXAMPLE_4))}`,
			[{ field: 'files', fileName: 'again.png', bytes: pngBytes(), mimeType: 'image/png' }],
			{ fields: { action: 'sendMessage', sessionId: 'sandbox-e2e-2', chatInput: 'Read this one' } },
		);
		expect(chat.status).toBe(200);
		expect(chat.body.toString()).toContain(plateOf(pngBytes()));

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
			// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a fake, the test checks it is never printed
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
			// The chat model stays the fake one: only GLAIR's credential comes from the environment.
			expect(await names(baseUrl, '/rest/credentials', cookie)).toEqual([
				'GLAIR Vision API',
				'Sandbox chat model (fake OpenAI)',
			]);
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

describe(`npm run dev -- --queue (n8n ${FLAVOUR})`, () => {
	const sandboxDir = mkdtempSync(join(tmpdir(), 'glair-sandbox-queue-'));

	it('runs an example on one of its 2 workers and says which; Ctrl-C stops n8n, the workers, Redis and Postgres', async () => {
		const port = await freePort();
		const sandbox = startSandbox(port, sandboxDir, {}, ['--queue']);
		try {
			const [, url] = await waitFor(sandbox, /is running: (http:\/\/localhost:\d+)/, 5 * 60_000);
			const [, email, password] = await waitFor(sandbox, /sign in:\s+(\S+) \/ (\S+)/, 1000);
			await waitFor(sandbox, /queue mode:\s+Redis, Postgres and 2 workers/, 1000);
			const baseUrl = url.replace('localhost', '127.0.0.1');
			const n8n = session(baseUrl, await signIn(baseUrl, email, password));

			// Run as the editor runs it: in queue mode the sandbox sends it to a worker.
			const run = await runWorkflow(n8n, workflowIdOf(EXAMPLE_1), 'Start');
			expect(run.status).toBe('success');
			await waitFor(sandbox, new RegExp(`n8n worker [12] runs execution ${run.id}\\b`), 30_000);
			const tables = await exampleTables(n8n);
			const rows = await dataTableRows(n8n, tables[EXAMPLE_1]);
			expect(rows.map((row) => row.file_name).sort()).toEqual([
				'stnk-sample-1.jpg',
				'stnk-sample-2.png',
			]);

			sandbox.child.kill('SIGINT');
			expect(await sandbox.exit).toBe(0);
			expect(await isListening(port)).toBe(false);
			// Postgres, Redis, n8n and its workers all ran in the sandbox folder: none is left.
			expect(processesIn(sandboxDir)).toEqual([]);
		} finally {
			if (sandbox.child.exitCode === null && sandbox.child.signalCode === null) {
				sandbox.child.kill('SIGINT');
				await sandbox.exit;
			}
		}
	});
});
