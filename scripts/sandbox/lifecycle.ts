/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * What the sandbox has started, and stopping it: Ctrl-C (SIGINT or SIGTERM) during setup ends it at
 * its next step; once n8n is up, it stops everything at once.
 */
import type { ChildProcess } from 'node:child_process';

import type { GlairEmulator } from '../../tools/emulator';
import type { FakeModel } from '../../tools/fakeModel';
import type { RunningN8n } from '../../tools/n8n';
import type { QueueCluster } from '../../tools/n8n/queue';
import { step } from './log';

// What has been started so far, for Ctrl-C to stop.
export const started: {
	installer?: ChildProcess;
	emulator?: GlairEmulator;
	fakeModel?: FakeModel;
	n8n?: RunningN8n;
	cluster?: QueueCluster;
	ready?: boolean;
} = {};
const stopping = { requested: false, shuttingDown: false };

export const stopRequested = () => stopping.requested;
export const shuttingDown = () => stopping.shuttingDown;

/** Thrown between steps once Ctrl-C was pressed, so setup ends where it is and everything is stopped. */
class StopRequested extends Error {}
export const checkStop = () => {
	if (stopping.requested) throw new StopRequested();
};

export async function shutdown(code: number): Promise<never> {
	if (!stopping.shuttingDown) {
		stopping.shuttingDown = true;
		await (started.cluster ?? started.n8n)?.stop();
		await started.emulator?.stop();
		await started.fakeModel?.stop();
	}
	process.exit(code);
}

export function onSignal(): void {
	if (stopping.requested) return;
	stopping.requested = true;
	step('stopping n8n and the sandbox');
	// The installer runs in its own process group: stop npm with it.
	if (started.installer?.pid && started.installer.exitCode === null)
		process.kill(-started.installer.pid, 'SIGTERM');
	// While setting up, main() stops at its next step; once n8n is up nothing else is waiting.
	if (started.ready) void shutdown(0);
}
