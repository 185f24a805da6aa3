/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * Throwaway Redis and Postgres servers for n8n's queue mode, from Debian's packages
 * (scripts/n8n/queue-services.sh installs them when missing): each on its own loopback port with
 * its data in a folder of its own, nothing persisted that is not asked for, stopped by process id.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { ROOT } from '.';
import { freePort, RunningProcess } from './processes';

/** Installs redis-server and postgresql with apt when either is missing (root, or sudo without a password). */
export function ensureQueueServices(): void {
	const result = spawnSync('bash', [join(ROOT, 'scripts/n8n/queue-services.sh')], {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
	});
	if (result.status !== 0)
		throw new Error(
			`could not install Redis and Postgres (scripts/n8n/queue-services.sh exited ${result.status}):\n${result.stderr}${result.stdout}`,
		);
}

export interface Redis {
	port: number;
	process: RunningProcess;
}

/** `redis-server` on a free loopback port, nothing saved to disk. */
export async function startRedis(folder: string): Promise<Redis> {
	mkdirSync(folder, { recursive: true });
	const port = await freePort();
	const redis = RunningProcess.spawn(
		'Redis',
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			folder,
		],
		{ cwd: folder },
	);
	await redis.waitForOutput(/Ready to accept connections/, 30_000);
	return { port, process: redis };
}

export interface Postgres {
	port: number;
	process: RunningProcess;
	/** What n8n needs to use it: DB_TYPE and DB_POSTGRESDB_*. */
	n8nEnv: Record<string, string>;
}

/** The newest Postgres server installed from Debian's packages. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((name) => existsSync(join(root, name, 'bin/postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0)
		throw new Error(`no Postgres server in ${root}: run scripts/n8n/queue-services.sh`);
	return join(root, versions[0], 'bin');
}

/** Postgres refuses to run as root: as root, the cluster belongs to Debian's `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
	return { uid: id('-u'), gid: id('-g') };
}

/** The `postgres` user must reach its folder: folders above it get others' search (x) permission. */
function letOthersTraverse(folder: string): void {
	for (let dir = folder; dir !== dirname(dir); dir = dirname(dir)) {
		const { mode } = statSync(dir);
		if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
	}
}

/**
 * A Postgres cluster in `folder` (made with `initdb` the first time, trusted local connections,
 * superuser `postgres`), started on a free loopback port. Durability is off: it is a test database.
 */
export async function startPostgres(folder: string): Promise<Postgres> {
	const bin = postgresBin();
	const user = postgresUser();
	const data = join(folder, 'data');
	const sockets = join(folder, 'sockets');
	for (const dir of [folder, sockets]) {
		mkdirSync(dir, { recursive: true, mode: 0o700 });
		if (user) chownSync(dir, user.uid, user.gid);
	}
	if (user) letOthersTraverse(dirname(resolve(folder)));
	if (!existsSync(join(data, 'PG_VERSION'))) {
		const init = spawnSync(
			join(bin, 'initdb'),
			['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
			{ encoding: 'utf8', ...user, cwd: folder },
		);
		if (init.status !== 0)
			throw new Error(`initdb failed (exit ${init.status}):\n${init.stderr}${init.stdout}`);
	}
	const port = await freePort();
	const postgres = RunningProcess.spawn(
		'Postgres',
		join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			sockets,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		// SIGINT is Postgres' fast shutdown; SIGTERM waits for every client to leave.
		{ cwd: folder, stopSignal: 'SIGINT', ...user },
	);
	await postgres.waitForOutput(/ready to accept connections/, 60_000);
	return {
		port,
		process: postgres,
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
		},
	};
}
