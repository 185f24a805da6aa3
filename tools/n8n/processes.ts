/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * Long-running child processes the e2e tests, benchmarks and sandbox start (n8n, its workers, Redis,
 * Postgres): their output kept, a wait for a line that says they are ready, and a stop by process id
 * that never leaves one behind, even when the test process dies first.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export class RunningProcess {
	private outputText = '';
	private failedToStart = false;
	private readonly listeners: Array<(text: string) => void> = [];
	/** Settles when the process has exited, for whatever reason. */
	readonly exited: Promise<void>;
	private readonly killOnExit = () => this.child.kill('SIGKILL');

	constructor(
		protected readonly child: ChildProcess,
		/** What it is, for messages: "n8n", "n8n worker 2", "Redis". */
		readonly label: string,
		/** The signal that asks it to shut down cleanly (Postgres' fast shutdown is SIGINT). */
		private readonly stopSignal: NodeJS.Signals = 'SIGTERM',
	) {
		const append = (chunk: Buffer) => {
			const text = chunk.toString();
			this.outputText += text;
			for (const listener of this.listeners) listener(text);
		};
		child.stdout?.on('data', append);
		child.stderr?.on('data', append);
		// A program that cannot start (not installed, no such folder) exits with this, never unhandled.
		child.once('error', (error) => {
			this.outputText += `\n[could not run: ${error.message}]`;
			this.failedToStart = true;
		});
		this.exited = new Promise((resolveExit) => {
			child.once('exit', () => resolveExit());
			child.once('error', () => resolveExit());
		});
		process.once('exit', this.killOnExit);
	}

	static spawn(
		label: string,
		command: string,
		args: string[],
		options: SpawnOptions & { stopSignal?: NodeJS.Signals } = {},
	): RunningProcess {
		const { stopSignal, ...spawnOptions } = options;
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
		return new RunningProcess(child, label, stopSignal);
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return !this.failedToStart && this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Everything it printed so far (stdout and stderr). */
	get output(): string {
		return this.outputText;
	}

	/** Calls `listener` with what it prints from now on, chunk by chunk (a line may span two). */
	onOutput(listener: (text: string) => void): void {
		this.listeners.push(listener);
	}

	async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!pattern.test(this.outputText)) {
			if (!this.running) {
				throw new Error(
					`${this.label} exited (${this.child.exitCode ?? this.child.signalCode}) before printing ${pattern}:\n${this.outputText}`,
				);
			}
			if (Date.now() > deadline)
				throw new Error(
					`${this.label} did not print ${pattern} within ${timeoutMs} ms:\n${this.outputText}`,
				);
			await new Promise((wake) => setTimeout(wake, 100));
		}
	}

	/** Its stop signal, then SIGKILL if it has not exited within `timeoutMs`. */
	async stop(timeoutMs = 15_000): Promise<void> {
		process.removeListener('exit', this.killOnExit);
		if (!this.running) return;
		this.child.kill(this.stopSignal);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
		await this.exited;
		clearTimeout(timer);
	}

	/** Ends it at once, as a crash or an out-of-memory kill would. */
	async kill(): Promise<void> {
		process.removeListener('exit', this.killOnExit);
		if (!this.running) return;
		this.child.kill('SIGKILL');
		await this.exited;
	}
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}
