/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * GLAIR's pace in n8n's engine, at the read time of real OCR: the emulator takes 1.5 s per read and
 * allows 3 requests in any second (429 + Retry-After: 1 above it). What is checked is what the
 * node learnt and how many 429s it met, never how long it took.
 */
import { sharedPace } from '../../nodes/GlairVision/transport/paceRegistry';
import { GlairEmulator } from '../../tools/emulator';
import { pngBytes } from '../../tools/fixtures/documents';
import { file } from './context';
import { runGlairWorkflow, shutdownEngine, type InputDocument } from './harness';

const emulator = new GlairEmulator({ latencyMs: 1500, rateLimitPerSecond: 3 });

beforeAll(async () => {
	await emulator.start();
});
afterAll(async () => {
	await emulator.stop();
	shutdownEngine();
});
beforeEach(async () => {
	emulator.reset();
	await new Promise((wake) => setTimeout(wake, 1100)); // an empty rate window
});

const documents = (count: number, prefix: string): InputDocument[] =>
	Array.from({ length: count }, (_, index) => file(pngBytes(), `${prefix}-${index}.png`));

const run = async (credentialId: string, docs: InputDocument[], concurrency: number) =>
	await runGlairWorkflow({
		parameters: { operation: 'readStnk', options: { concurrency } },
		documents: docs,
		credentials: { ...emulator.credentials, baseUrl: emulator.baseUrl },
		credentialId,
	});

const paceOf = (credentialId: string) =>
	sharedPace({ credentialId, baseUrl: emulator.baseUrl, ...emulator.credentials }).learntLimit;

const rejected = () =>
	emulator.requests.filter((request) => request.response.status === 429).length;

it('12 documents at concurrency 10: one wave of 429s, then paced at 3 a second, every document read', async () => {
	const { items, error } = await run('pacing-single', documents(12, 'a'), 10);
	expect(error).toBeUndefined();
	expect(items?.map((item) => item.json.status)).toEqual(Array(12).fill('SUCCESS'));
	// The first ten leave a turn of the event loop apart: three are read, and once the first 429
	// is back the rest are paced, not sent; at most seven are refused (one event, not seven).
	const statuses = emulator.requests.map((request) => request.response.status);
	const firstWave = statuses.slice(0, 10).filter((status) => status === 429).length;
	expect(firstWave).toBeGreaterThanOrEqual(1);
	expect(firstWave).toBeLessThanOrEqual(7);
	// Then a probe above the limit each time the 1 s hold is over: the 4 s of the rest leave room
	// for two (holds doubling to 2 s, the rule before, left room for one).
	expect(rejected()).toBeLessThanOrEqual(firstWave + 2);
	// 3 a second (4 if a probe above it was let through at a moment GLAIR's second allowed it).
	expect(paceOf('pacing-single')).toBeGreaterThanOrEqual(3);
	expect(paceOf('pacing-single')).toBeLessThanOrEqual(4);
}, 60_000);

it('two executions on the same credential share one pace: it counts the requests of both', async () => {
	const [first, second] = await Promise.all([
		run('pacing-shared', documents(8, 'b'), 5),
		run('pacing-shared', documents(8, 'c'), 5),
	]);
	expect([first.error, second.error]).toEqual([undefined, undefined]);
	expect(
		[...(first.items ?? []), ...(second.items ?? [])].filter(
			(item) => item.json.status === 'SUCCESS',
		),
	).toHaveLength(16);
	// What GLAIR allows is 3/s for the key, not per execution: the shared pace learnt the whole of it.
	expect(paceOf('pacing-shared')).toBeGreaterThanOrEqual(3);
	expect(paceOf('pacing-shared')).toBeLessThanOrEqual(4);
	// The first wave's seven, then a probe at most each 1 s hold of the 5 s the rest take.
	expect(rejected()).toBeLessThanOrEqual(7 + 5);
}, 60_000);

it('another credential on the same GLAIR starts unpaced', async () => {
	await run('pacing-other-a', documents(6, 'd'), 6);
	expect(paceOf('pacing-other-a')).toBeDefined();
	expect(paceOf('pacing-other-b')).toBeUndefined();
}, 60_000);
