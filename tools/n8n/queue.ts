/* eslint-disable
	@n8n/community-nodes/no-restricted-imports,
	@n8n/community-nodes/require-node-api-error
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * n8n in queue mode on one machine, as a scaled-out install runs it: Redis as the queue, Postgres as
 * the shared database, one main instance (editor, webhooks, REST API) and several workers that run
 * the executions. Every process has its own user folder with the packed package installed, so each
 * loads the node and decrypts the credential on its own, as separate machines would.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LocalN8n, type CredentialJson, type Flavour, type RunningN8n, type WorkflowJson } from '.';
import type { RunningProcess } from './processes';
import {
	ensureQueueServices,
	startPostgres,
	startRedis,
	type Postgres,
	type Redis,
} from './services';

export interface QueueClusterOptions {
	flavour: Flavour;
	/** The packed package (`npm pack`), installed into every process's user folder. */
	tarball: string;
	workers: number;
	/** Executions each worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency: number;
	credentials: CredentialJson[];
	workflows: WorkflowJson[];
	/** Workflows to publish (2.x) or activate (1.x), e.g. those started by a webhook. */
	activate?: string[];
	/** The folder Read/Write Files may use, shared by every process. Defaults to a new one. */
	dataFolder?: string;
	/** Where Postgres, Redis and the user folders live. Defaults to a new temporary folder, removed on stop. */
	folder?: string;
	/** A user folder for the main instance to keep (the sandbox keeps its owner and workflows). */
	mainUserFolder?: string;
	port?: number;
	/** More environment for every n8n process. */
	env?: Record<string, string>;
}

/** Executions of a worker, as it logs them: `Worker started execution 12 (job 3)`. */
export function executionsStartedBy(worker: RunningProcess): string[] {
	return [...worker.output.matchAll(/Worker started execution (\S+) \(job/g)].map(
		(match) => match[1],
	);
}

export class QueueCluster {
	private constructor(
		readonly main: RunningN8n,
		readonly workers: RunningProcess[],
		readonly redis: Redis,
		readonly postgres: Postgres,
		readonly mainN8n: LocalN8n,
		private readonly folder: string,
		private readonly removeFolder: boolean,
		private readonly instances: LocalN8n[],
	) {}

	/**
	 * Starts Redis, Postgres, the main instance and the workers; imports the credentials and
	 * workflows once (the database is shared). Stops whatever it started when a step fails.
	 */
	static async start(options: QueueClusterOptions): Promise<QueueCluster> {
		ensureQueueServices();
		const folder = options.folder ?? mkdtempSync(join(tmpdir(), `glair-queue-${options.flavour}-`));
		const removeFolder = options.folder === undefined;
		mkdirSync(folder, { recursive: true });
		const dataFolder = options.dataFolder ?? join(folder, 'documents');
		mkdirSync(dataFolder, { recursive: true });

		const started: Array<{ stop: () => Promise<void> }> = [];
		const stopAll = async () => {
			for (const process of started.reverse()) await process.stop();
		};
		try {
			// Both at once; if one fails, the other is still stopped.
			const [redisStart, postgresStart] = await Promise.allSettled([
				startRedis(join(folder, 'redis')),
				startPostgres(join(folder, 'postgres')),
			]);
			for (const service of [redisStart, postgresStart])
				if (service.status === 'fulfilled') started.push(service.value.process);
			if (redisStart.status === 'rejected') throw redisStart.reason;
			if (postgresStart.status === 'rejected') throw postgresStart.reason;
			const [redis, postgres] = [redisStart.value, postgresStart.value];
			const env = {
				...postgres.n8nEnv,
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				...options.env,
			};
			const instance = (userFolder: string) =>
				LocalN8n.create(options.flavour, {
					userFolder,
					dataFolder,
					// Queue mode keeps binary data where n8n puts it by default: the database on 2.x.
					binaryDataMode: "n8n's default",
					env,
				});
			const mainN8n = instance(options.mainUserFolder ?? join(folder, 'main'));
			const workerN8ns = Array.from({ length: options.workers }, (_unused, index) =>
				instance(join(folder, `worker-${index + 1}`)),
			);
			for (const n8n of [mainN8n, ...workerN8ns]) {
				mkdirSync(n8n.userFolder, { recursive: true });
				await n8n.installCommunityPackage(options.tarball);
			}
			if (options.credentials.length > 0) await mainN8n.importCredentials(options.credentials);
			if (options.workflows.length > 0) await mainN8n.importWorkflow(options.workflows);
			for (const workflowId of options.activate ?? []) await mainN8n.activate(workflowId);

			const main = await mainN8n.startN8n({ port: options.port });
			started.push(main);
			const workers: RunningProcess[] = [];
			for (const [index, n8n] of workerN8ns.entries()) {
				const worker = await n8n.startWorker(`n8n worker ${index + 1}`, {
					concurrency: options.workerConcurrency,
				});
				started.push(worker);
				workers.push(worker);
			}
			return new QueueCluster(main, workers, redis, postgres, mainN8n, folder, removeFolder, [
				mainN8n,
				...workerN8ns,
			]);
		} catch (error) {
			await stopAll();
			if (removeFolder) rmSync(folder, { recursive: true, force: true });
			throw error;
		}
	}

	/** Stops the workers, the main instance, Redis and Postgres; removes a temporary folder. */
	async stop(): Promise<void> {
		await Promise.all(this.workers.map((worker) => worker.stop()));
		await this.main.stop();
		await this.redis.process.stop();
		await this.postgres.process.stop();
		if (this.removeFolder) rmSync(this.folder, { recursive: true, force: true });
	}

	/** Everything every process printed, for a failing test's message. */
	get output(): string {
		return [this.main, ...this.workers]
			.map((process) => `--- ${process.label}\n${process.output.slice(-6000)}`)
			.join('\n');
	}

	/** The user folders of every instance (main first). */
	get userFolders(): string[] {
		return this.instances.map((n8n) => n8n.userFolder);
	}
}
