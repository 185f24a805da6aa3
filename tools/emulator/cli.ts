/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * Runs the GLAIR emulator as a process, for the e2e tests, the benchmarks and the try-it
 * sandbox: `npx tsx tools/emulator/cli.ts [--port 8089] [--latency 200] [--rate-limit 10] [--log]`.
 * Prints one JSON line {baseUrl, username, password, apiKey} once listening.
 */
import { GlairEmulator } from './index';

function flag(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

const numberOf = (value: string | undefined): number | undefined =>
	value === undefined ? undefined : Number(value);

async function main(): Promise<void> {
	const emulator = new GlairEmulator({
		port: numberOf(flag('port')) ?? 0,
		latencyMs: numberOf(flag('latency') ?? process.env.GLAIR_EMULATOR_LATENCY_MS) ?? 0,
		rateLimitPerSecond: numberOf(flag('rate-limit') ?? process.env.GLAIR_EMULATOR_RATE_LIMIT),
		log: process.argv.includes('--log') ? (line) => process.stderr.write(`${line}\n`) : undefined,
	});
	const baseUrl = await emulator.start();
	process.stdout.write(`${JSON.stringify({ baseUrl, ...emulator.credentials })}\n`);
	const stop = () => void emulator.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
