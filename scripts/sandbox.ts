/**
 * `npm run dev`: try the node in one command, no GLAIR account needed. Installs a real n8n when it is
 * missing (scripts/n8n/install.sh, minutes the first time), packs this package and installs it as a
 * community package, starts the GLAIR emulator as a sandbox, and starts n8n on http://localhost:5678
 * with a ready credential and the example workflows, whose Google Sheets steps fill n8n data tables
 * instead (no Google account needed). Ctrl-C stops everything it started.
 *
 *   npm run dev [-- --n8n v1]       n8n 2.40.7 by default; v1 = n8n 1.123.81
 *   npm run dev -- --queue          n8n's queue mode: Redis, Postgres, the main instance and 2 workers
 *                                   (installs redis-server and postgresql with apt when missing); the
 *                                   sandbox prints which worker runs each execution
 *   N8N_PORT=5679                   another port for n8n
 *   GLAIR_USERNAME, GLAIR_PASSWORD, GLAIR_API_KEY [, GLAIR_BASE_URL]
 *                                   a credential for the real GLAIR API instead of the sandbox
 *   GLAIR_SANDBOX_DIR               where n8n's database and the sample documents live
 *                                   (default .cache/sandbox/<v1|v2>[-queue]; delete it to start afresh)
 *   GLAIR_SANDBOX_LATENCY_MS=1500   how long the sandbox takes to "read" a document
 *
 * package.json runs it as `exec node --import tsx …`, so npm signals this very process. Through the
 * `sh -c` npm puts in between otherwise, a SIGTERM to npm would not reach it; and the `tsx` command
 * relays signals to a second process that it SIGKILLs when it does not answer within 30 ms (which a
 * busy machine misses), leaving n8n running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

import { GlairEmulator } from '../tools/emulator';
import { jpegBytes, pdfBytes, pngBytes } from '../tools/fixtures/documents';
import {
	ensureDataTable,
	exampleDataTable,
	isSheetsAppend,
	personalProjectId,
	type DataTableRef,
	type DataTableSpec,
} from '../tools/n8n/dataTables';
import { exampleFiles, prepareExample } from '../tools/n8n/examples';
import { QueueCluster } from '../tools/n8n/queue';
import {
	isN8nInstalled,
	LocalN8n,
	packPackage,
	ROOT,
	type CredentialJson,
	type Flavour,
	type Owner,
	type RunningN8n,
	type WorkflowJson,
} from '../tools/n8n';

/** `--n8n v1` or `--n8n=v1`; v2 when absent. */
function flavourArgument(argv: string[]): string {
	const index = argv.findIndex((argument) => argument === '--n8n' || argument.startsWith('--n8n='));
	if (index < 0) return 'v2';
	return argv[index].includes('=') ? argv[index].slice('--n8n='.length) : (argv[index + 1] ?? '');
}

const FLAVOUR = flavourArgument(process.argv.slice(2)) as Flavour;
const QUEUE_MODE = process.argv.slice(2).includes('--queue');
const QUEUE_WORKERS = 2;
const WORKER_CONCURRENCY = 5;
const PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_DIR = resolve(
	process.env.GLAIR_SANDBOX_DIR ??
		join(ROOT, '.cache/sandbox', QUEUE_MODE ? `${FLAVOUR}-queue` : FLAVOUR),
);
const LATENCY_MS = Number(process.env.GLAIR_SANDBOX_LATENCY_MS ?? 1500);
const STARTED_AT = Date.now();

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (line: string) => process.stderr.write(`[sandbox] ${line}\n`);
const seconds = () => `${Math.round((Date.now() - STARTED_AT) / 1000)} s`;

function realGlair():
	{ username: string; password: string; apiKey: string; baseUrl: string } | undefined {
	const { GLAIR_USERNAME: username, GLAIR_PASSWORD: password, GLAIR_API_KEY: apiKey } = process.env;
	if (!username && !password && !apiKey) return undefined;
	if (!username || !password || !apiKey) {
		throw new Error(
			'Set all three of GLAIR_USERNAME, GLAIR_PASSWORD and GLAIR_API_KEY for a real credential (or none for the sandbox).',
		);
	}
	return {
		username,
		password,
		apiKey,
		baseUrl: process.env.GLAIR_BASE_URL || 'https://api.vision.glair.ai',
	};
}

async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolveFree) => {
		const server = createServer();
		server.once('error', () => resolveFree(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
	});
}

async function checkPort(): Promise<void> {
	if (!(await portIsFree(PORT))) {
		throw new Error(
			`port ${PORT} is in use (another n8n?). Stop it, or choose another port: N8N_PORT=5690 npm run dev`,
		);
	}
}

/** Synthetic sample documents (never a real person's) where the examples look for files. */
function writeSampleDocuments(dataFolder: string): void {
	const samples: Record<string, Record<string, Buffer>> = {
		stnk: { 'stnk-sample-1.jpg': jpegBytes(), 'stnk-sample-2.png': pngBytes() },
		bpkb: { 'bpkb-sample.pdf': pdfBytes() },
	};
	for (const [folder, files] of Object.entries(samples)) {
		mkdirSync(join(dataFolder, folder), { recursive: true });
		for (const [name, bytes] of Object.entries(files))
			writeFileSync(join(dataFolder, folder, name), bytes);
	}
}

/**
 * Signs in as the owner this sandbox created on its first run, or creates one. Returns what to print
 * after "sign in:"; n8n keeps running when the stored login no longer works.
 */
async function ownerLogin(running: RunningN8n, ownerFile: string): Promise<string> {
	if (existsSync(ownerFile)) {
		const owner = JSON.parse(readFileSync(ownerFile, 'utf8')) as Owner;
		try {
			await running.login(owner.email, owner.password);
			return `${owner.email} / ${owner.password}`;
		} catch {
			return `${owner.email} with the password you gave it in n8n (the sandbox's no longer works)`;
		}
	}
	const owner: Owner = {
		email: 'analyst@sandbox.local',
		firstName: 'Sandbox',
		lastName: 'Analyst',
		password: `Sandbox-1${randomBytes(6).toString('hex')}`,
	};
	try {
		await running.setupOwner(owner);
	} catch {
		return `the account already set up in this n8n (${ownerFile} is gone; delete ${SANDBOX_DIR} to start afresh)`;
	}
	writeFileSync(ownerFile, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o600 });
	return `${owner.email} / ${owner.password}`;
}

/** "1, 2, 3 and 5" for examples/1-….json, examples/2-….json, … */
function exampleNumbers(files: string[]): string {
	const numbers = files.map((file) => /^(\d+)-/.exec(file)?.[1] ?? file);
	return numbers.length < 2
		? numbers.join('')
		: `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** What the examples-imported marker records: the data tables the examples were pointed at. */
interface ExamplesMarker {
	dataTables: string[];
}

function readExamplesMarker(file: string): ExamplesMarker | undefined {
	if (!existsSync(file)) return undefined;
	try {
		const marker = JSON.parse(readFileSync(file, 'utf8')) as Partial<ExamplesMarker>;
		return { dataTables: Array.isArray(marker.dataTables) ? marker.dataTables : [] };
	} catch {
		// Empty: written by a sandbox from before data tables, whose examples append to Google Sheets.
		return { dataTables: [] };
	}
}

/**
 * The examples' data tables, in place of Google Sheets (which needs a Google account): one per
 * example that appends rows, in the owner's personal project, with the columns its rows have.
 * Made when missing if `create`; an existing table (found by name) keeps its rows and gets only
 * the columns it lacks, so a second start neither duplicates nor empties anything. Undefined
 * where the session cannot do it (the stored login no longer works) or n8n refused.
 */
async function exampleDataTables(
	running: RunningN8n,
	workflows: Array<{ file: string; workflow: WorkflowJson }>,
	create: boolean,
): Promise<Map<string, { table: DataTableRef; spec: DataTableSpec }> | undefined> {
	if (!running.authCookie) return undefined;
	try {
		const projectId = await personalProjectId(running);
		const tables = new Map<string, { table: DataTableRef; spec: DataTableSpec }>();
		for (const { file, workflow } of workflows) {
			const spec = exampleDataTable(file, workflow);
			if (!spec) continue;
			const ensured = await ensureDataTable(running, projectId, spec, { create });
			if (!ensured) continue;
			if (ensured.created) step(`created the data table "${spec.name}"`);
			if (ensured.addedColumns.length > 0)
				step(`added columns to the data table "${spec.name}": ${ensured.addedColumns.join(', ')}`);
			tables.set(file, { table: ensured.table, spec });
		}
		return tables;
	} catch (error) {
		step(
			`could not set up the examples' data tables (${error instanceof Error ? error.message : String(error)})`,
		);
		return undefined;
	}
}

/**
 * Imports the example workflows once per credential, so a second `npm run dev` keeps what the user
 * changed in them, with their Google Sheets steps inserting the same rows into data tables instead
 * (exampleDataTables). n8n is running: the tables are made through its REST API first, because the
 * Data Table nodes name them by id. Returns the printout's lines on where the rows go.
 */
async function setUpExamples(
	n8n: LocalN8n,
	running: RunningN8n,
	credential: CredentialJson,
	dataFolder: string,
): Promise<string[]> {
	const markerFile = join(SANDBOX_DIR, `.examples-for-${credential.id}`);
	const imported = readExamplesMarker(markerFile);
	const ref = { id: credential.id, name: credential.name };
	const options = (index: number) => ({
		id: `glairExample000${index + 1}`,
		credential: ref,
		dataFolder,
	});
	const examples = exampleFiles().map((file, index) => ({
		file,
		workflow: prepareExample(file, options(index)).workflow,
	}));
	const appending = examples
		.filter(({ workflow }) => workflow.nodes.some(isSheetsAppend))
		.map(({ file }) => file);
	const tables = await exampleDataTables(running, examples, !imported);
	checkStop();

	let inTables = imported?.dataTables ?? [];
	if (!imported) {
		step('importing the example workflows');
		await n8n.importWorkflow(
			examples.map(({ file }, index) => {
				const table = tables?.get(file);
				return prepareExample(file, {
					...options(index),
					replaceSheetsWithDataTable: table && { table: table.table, columns: table.spec.columns },
				}).workflow;
			}),
		);
		inTables = [...(tables?.values() ?? [])].map(({ table }) => table.name);
		const marker: ExamplesMarker = { dataTables: inTables };
		writeFileSync(markerFile, `${JSON.stringify(marker)}\n`);
	}
	if (appending.length === 0) return [];
	const numbers = exampleNumbers(appending);
	if (inTables.length > 0) {
		return [
			`  rows:        examples ${numbers} add their rows to n8n data tables instead of Google Sheets;`,
			`               see them under Overview → Data tables (http://localhost:${PORT}/home/datatables), e.g. "${inTables[0]}"`,
		];
	}
	return [
		imported
			? `  rows:        examples ${numbers} append to Google Sheets, as an earlier sandbox imported them: connect your Google account, or delete ${SANDBOX_DIR} to have them fill n8n data tables`
			: `  rows:        examples ${numbers} append to Google Sheets (the sandbox could not make data tables for them): connect your Google account`,
	];
}

// What has been started so far, for Ctrl-C to stop.
const started: {
	installer?: ChildProcess;
	emulator?: GlairEmulator;
	n8n?: RunningN8n;
	cluster?: QueueCluster;
	ready?: boolean;
} = {};
let stopRequested = false;
let shuttingDown = false;

/** Thrown between steps once Ctrl-C was pressed, so setup ends where it is and everything is stopped. */
class StopRequested extends Error {}
const checkStop = () => {
	if (stopRequested) throw new StopRequested();
};

async function shutdown(code: number): Promise<never> {
	if (!shuttingDown) {
		shuttingDown = true;
		await (started.cluster ?? started.n8n)?.stop();
		await started.emulator?.stop();
	}
	process.exit(code);
}

function onSignal(): void {
	if (stopRequested) return;
	stopRequested = true;
	step('stopping n8n and the sandbox');
	// The installer runs in its own process group: stop npm with it.
	if (started.installer?.pid && started.installer.exitCode === null)
		process.kill(-started.installer.pid, 'SIGTERM');
	// While setting up, main() stops at its next step; once n8n is up nothing else is waiting.
	if (started.ready) void shutdown(0);
}

async function installN8n(flavour: Flavour): Promise<void> {
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

/** The real GLAIR credential from the environment, or the GLAIR sandbox (started here) and its own. */
async function sandboxCredential(real: ReturnType<typeof realGlair>): Promise<CredentialJson> {
	if (real) {
		return { id: 'glairRealCred001', name: 'GLAIR Vision API', type: 'glairVisionApi', data: real };
	}
	started.emulator = new GlairEmulator({
		latencyMs: LATENCY_MS,
		log: (line) => {
			if (started.ready) step(`GLAIR sandbox: ${line}`);
		},
	});
	const baseUrl = await started.emulator.start();
	return {
		id: 'glairSandboxCred',
		name: 'GLAIR sandbox',
		type: 'glairVisionApi',
		data: { ...started.emulator.credentials, baseUrl },
	};
}

/**
 * Queue mode: Redis, Postgres (its data kept in the sandbox folder), the main instance and the
 * workers, each with the package installed. Manual runs from the editor go to the workers too
 * (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS), and each worker's executions are printed as they start,
 * so the user sees them spread.
 */
async function startQueueCluster(
	tarball: string,
	credential: CredentialJson,
	mainUserFolder: string,
	dataFolder: string,
): Promise<{ n8n: LocalN8n; running: RunningN8n }> {
	step(
		`starting Redis, Postgres, n8n on port ${PORT} and ${QUEUE_WORKERS} workers (queue mode; installs redis-server and postgresql with apt when missing)`,
	);
	const cluster = await QueueCluster.start({
		flavour: FLAVOUR,
		tarball,
		workers: QUEUE_WORKERS,
		workerConcurrency: WORKER_CONCURRENCY,
		credentials: [credential],
		workflows: [],
		folder: SANDBOX_DIR,
		mainUserFolder,
		dataFolder,
		port: PORT,
		env: { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' },
	});
	started.cluster = cluster;
	for (const worker of cluster.workers) {
		worker.onOutput((text) => {
			if (!started.ready) return;
			for (const [, id] of text.matchAll(/Worker started execution (\S+) \(job/g))
				step(`${worker.label} runs execution ${id}`);
			for (const [, id] of text.matchAll(/Worker finished execution (\S+) \(job/g))
				step(`${worker.label} finished execution ${id}`);
		});
		void worker.exited.then(() => {
			if (shuttingDown) return;
			process.stderr.write(
				`${worker.label} stopped unexpectedly. Its last output:\n${worker.output.slice(-4000)}\n`,
			);
			void shutdown(1);
		});
	}
	return { n8n: cluster.mainN8n, running: cluster.main };
}

async function main(): Promise<void> {
	if (FLAVOUR !== 'v1' && FLAVOUR !== 'v2')
		throw new Error(`--n8n must be v1 or v2, not "${FLAVOUR}"`);
	if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535)
		throw new Error(`N8N_PORT must be a port number, not "${process.env.N8N_PORT}"`);
	const real = realGlair();
	await checkPort();
	if (!isN8nInstalled(FLAVOUR)) await installN8n(FLAVOUR);

	step('building and packing the package');
	const tarball = await packPackage();
	const userFolder = join(SANDBOX_DIR, 'n8n');
	const dataFolder = join(SANDBOX_DIR, 'documents');
	let n8n: LocalN8n;
	let running: RunningN8n;
	let credential: CredentialJson;
	try {
		checkStop();
		mkdirSync(userFolder, { recursive: true });
		writeSampleDocuments(dataFolder);
		credential = await sandboxCredential(real);
		checkStop();
		// Checked again: installing and building may have taken minutes.
		await checkPort();
		if (QUEUE_MODE) {
			({ n8n, running } = await startQueueCluster(tarball, credential, userFolder, dataFolder));
		} else {
			n8n = LocalN8n.create(FLAVOUR, { userFolder, dataFolder });
			await n8n.installCommunityPackage(tarball);
			checkStop();
			// Every start: the sandbox listens on a new port each time.
			step(`importing the credential "${credential.name}"`);
			await n8n.importCredentials([credential]);
			checkStop();
			step(`starting n8n ${n8n.install.version} on port ${PORT}`);
			started.n8n = await n8n.startN8n({ port: PORT });
			running = started.n8n;
		}
	} finally {
		rmSync(dirname(tarball), { recursive: true, force: true });
	}
	checkStop();
	const login = await ownerLogin(running, join(SANDBOX_DIR, 'owner.json'));
	checkStop();
	void running.exited.then(() => {
		if (shuttingDown) return;
		process.stderr.write(
			`n8n stopped unexpectedly. Its last output:\n${running.output.slice(-4000)}\n`,
		);
		void shutdown(1);
	});
	const rows = await setUpExamples(n8n, running, credential, dataFolder);
	checkStop();

	say();
	say(
		`n8n ${n8n.install.version} with GLAIR Vision is running: http://localhost:${PORT}   (ready in ${seconds()})`,
	);
	say(`  sign in:     ${login}`);
	say(
		real
			? `  credential:  "${credential.name}" → ${real.baseUrl} (your GLAIR account; every read is a real, billed request)`
			: `  credential:  "${credential.name}" → the GLAIR sandbox at ${started.emulator?.baseUrl} (answers with GLAIR's documented samples)`,
	);
	say(
		`  workflows:   the ${exampleFiles().length} examples; examples 1 and 3 read the sample scans in ${join(dataFolder, 'stnk')}`,
	);
	for (const line of rows) say(line);
	if (QUEUE_MODE)
		say(
			`  queue mode:  Redis, Postgres and ${QUEUE_WORKERS} workers (n8n worker --concurrency ${WORKER_CONCURRENCY}); every execution, editor runs included, runs on a worker, and this window says which`,
		);
	say(`  data:        ${SANDBOX_DIR} (delete it to start afresh)`);
	say('Press Ctrl-C to stop n8n and the sandbox.');
	started.ready = true;
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
main().catch((error: unknown) => {
	// After Ctrl-C, what failed is most likely n8n or npm stopping on the same Ctrl-C.
	if (stopRequested) return void shutdown(0);
	process.stderr.write(`[sandbox] ${error instanceof Error ? error.message : String(error)}\n`);
	void shutdown(1);
});
