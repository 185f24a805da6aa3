/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/** n8n's queue mode for `npm run dev -- --queue`. */
import type { CredentialJson, LocalN8n, RunningN8n } from '../../tools/n8n';
import { QueueCluster } from '../../tools/n8n/queue';
import { shutdown, shuttingDown, started } from './lifecycle';
import { step } from './log';
import { FLAVOUR, PORT, QUEUE_WORKERS, SANDBOX_DIR, WORKER_CONCURRENCY } from './settings';

/**
 * Queue mode: Redis, Postgres (its data kept in the sandbox folder), the main instance and the
 * workers, each with the package installed. Manual runs from the editor go to the workers too
 * (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS), and each worker's executions are printed as they start,
 * so the user sees them spread.
 */
export async function startQueueCluster(
	tarball: string,
	credentials: CredentialJson[],
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
		credentials,
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
			if (shuttingDown()) return;
			process.stderr.write(
				`${worker.label} stopped unexpectedly. Its last output:\n${worker.output.slice(-4000)}\n`,
			);
			void shutdown(1);
		});
	}
	return { n8n: cluster.mainN8n, running: cluster.main };
}
