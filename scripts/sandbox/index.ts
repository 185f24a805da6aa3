/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
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
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import {
	isN8nInstalled,
	packPackage,
	type CredentialJson,
	type LocalN8n,
	type RunningN8n,
} from '../../tools/n8n';
import { exampleFiles } from '../../tools/n8n/examples';
import { fakeModelCredential, realGlair, sandboxCredential } from './credential';
import { setUpExamples, writeSampleDocuments } from './examples';
import { checkStop, onSignal, shutdown, shuttingDown, started, stopRequested } from './lifecycle';
import { say, seconds, step } from './log';
import { checkPort, installN8n, startN8n } from './n8n';
import { ownerLogin } from './owner';
import { startQueueCluster } from './queue';
import {
	FLAVOUR,
	PORT,
	QUEUE_MODE,
	QUEUE_WORKERS,
	SANDBOX_DIR,
	WORKER_CONCURRENCY,
} from './settings';

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
	let chatModel: CredentialJson;
	try {
		checkStop();
		mkdirSync(userFolder, { recursive: true });
		writeSampleDocuments(dataFolder);
		credential = await sandboxCredential(real);
		chatModel = await fakeModelCredential();
		checkStop();
		// Checked again: installing and building may have taken minutes.
		await checkPort();
		if (QUEUE_MODE) {
			({ n8n, running } = await startQueueCluster(
				tarball,
				[credential, chatModel],
				userFolder,
				dataFolder,
			));
		} else {
			({ n8n, running } = await startN8n(tarball, [credential, chatModel], userFolder, dataFolder));
		}
	} finally {
		rmSync(dirname(tarball), { recursive: true, force: true });
	}
	checkStop();
	const login = await ownerLogin(running, join(SANDBOX_DIR, 'owner.json'));
	checkStop();
	void running.exited.then(() => {
		if (shuttingDown()) return;
		process.stderr.write(
			`n8n stopped unexpectedly. Its last output:\n${running.output.slice(-4000)}\n`,
		);
		void shutdown(1);
	});
	const rows = await setUpExamples(n8n, running, credential, chatModel, dataFolder);
	checkStop();

	say();
	say(
		`n8n ${n8n.install.version} with GLAIR Vision is running: http://localhost:${PORT}   (ready in ${seconds()})`,
	);
	say(`  sign in:     ${login}`);
	say(
		real
			? `  credential:  "${credential.name}" → ${real.baseUrl} (your GLAIR account; every read is a real, billed request)`
			: `  credential:  "${credential.name}" → the GLAIR sandbox at ${started.emulator?.baseUrl} (answers with GLAIR's documented samples, each scan with its own plate and owner)`,
	);
	say(
		`  workflows:   the ${exampleFiles().length} examples, each runs with "Execute workflow"; examples 1 and 3 read the sample scans in ${join(dataFolder, 'stnk')}, examples 2 and 5 start from sample scans instead of an email (${join(dataFolder, 'bpkb')}, ${join(dataFolder, 'application')})`,
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
	if (stopRequested()) return void shutdown(0);
	process.stderr.write(`[sandbox] ${error instanceof Error ? error.message : String(error)}\n`);
	void shutdown(1);
});
