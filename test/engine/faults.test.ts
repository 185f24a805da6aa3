/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * The fault matrix: for each way GLAIR or the network can misbehave, a batch of three documents
 * (the fault hits the middle one) with Continue On Fail off and on. Every input item comes out
 * exactly once, as a result or an error item paired to it; transient faults heal within the
 * retry budget; messages name the cause and the item; no secret appears anywhere.
 */
import type { Fault } from '../../tools/emulator';
import { pngBytes } from '../../tools/fixtures/documents';
import { file, useEngine } from './context';

const engine = useEngine();

interface Case {
	name: string;
	faults: Array<[Fault, number]>;
	/** `null`: heals by retrying; otherwise the error the middle document must end with. */
	error: RegExp | null;
	/** Requests GLAIR sees for the middle document. */
	requests: number;
}

const CASES: Case[] = [
	{
		name: '401',
		faults: [[{ kind: 'status', status: 401, body: { message: 'Unauthorized' } }, 1]],
		error: /Wrong username, password or API key.*HTTP 401.*on item 1 \(b\.png\)$/,
		requests: 1,
	},
	{
		name: '403 {message}',
		faults: [[{ kind: 'status', status: 403, body: { message: 'Plan does not include STNK' } }, 1]],
		error: /refused access \(HTTP 403\) on item 1/,
		requests: 1,
	},
	{
		name: '400 NO_FILE',
		faults: [
			[
				{
					kind: 'status',
					status: 400,
					body: { status: 'NO_FILE', reason: 'No file in request body' },
				},
				1,
			],
		],
		error: /received no file \(HTTP 400, NO_FILE\) on item 1/,
		requests: 1,
	},
	{
		name: '415 FILE_INVALID_FORMAT',
		faults: [
			[
				{
					kind: 'status',
					status: 415,
					body: { status: 'FILE_INVALID_FORMAT', reason: 'Failed to process invalid file format.' },
				},
				1,
			],
		],
		error: /could not process the file format.* on item 1/,
		requests: 1,
	},
	{
		name: '429 with Retry-After, then success',
		faults: [[{ kind: 'rateLimit', retryAfter: '1' }, 1]],
		error: null,
		requests: 2,
	},
	{
		name: '429 without Retry-After, then success',
		faults: [[{ kind: 'rateLimit' }, 1]],
		error: null,
		requests: 2,
	},
	// The key's limit shared with other requests, not the key refused: more tries than Max Retries.
	{
		name: '429 ten times to one document while the others are read',
		faults: [[{ kind: 'rateLimit', retryAfter: '0' }, 10]],
		error: null,
		requests: 11,
	},
	{
		name: '500',
		faults: [[{ kind: 'status', status: 500, body: { message: 'Internal Server Error' } }, 1]],
		error: /server problem \(HTTP 500\) on item 1/,
		requests: 1,
	},
	{
		name: '502 with an HTML body, then success',
		faults: [[{ kind: 'html502' }, 1]],
		error: null,
		requests: 2,
	},
	{
		name: '503, 503, then success',
		faults: [[{ kind: 'status', status: 503, body: 'Service Unavailable' }, 2]],
		error: null,
		requests: 3,
	},
	{
		name: '200 FAILED',
		faults: [[{ kind: 'failedRead', reason: 'Document not detected' }, 1]],
		error: /could not read the document \(status FAILED\) on item 1/,
		requests: 1,
	},
	{
		name: '200 malformed JSON',
		faults: [[{ kind: 'malformedJson' }, 1]],
		error: /not valid JSON \(HTTP 200\) on item 1/,
		requests: 1,
	},
	{
		name: '200 empty body',
		faults: [[{ kind: 'emptyBody' }, 1]],
		error: /empty answer .* on item 1/,
		requests: 1,
	},
	{
		name: '200 read without sections',
		faults: [[{ kind: 'readOverride', read: {} }, 1]],
		error: /read nothing from this document .* on item 1/,
		requests: 1,
	},
	{
		name: '200 read with null fields',
		faults: [
			[
				{
					kind: 'readOverride',
					read: { halaman_stnk: { nomor_stnk: null, merk: { value: null } } },
				},
				1,
			],
		],
		error: null,
		requests: 1,
	},
	{
		name: 'connection reset mid-upload, then success',
		faults: [[{ kind: 'reset' }, 1]],
		error: null,
		requests: 2,
	},
	{
		name: 'connection reset every time',
		faults: [[{ kind: 'reset' }, 10]],
		error: /Could not reach GLAIR: the connection was cut.* on item 1 \(b\.png\) after 4 attempts/,
		requests: 4,
	},
	// GLAIR may have read these, but a lost read costs more than a second one: resent by default.
	{
		name: '504, then success',
		faults: [[{ kind: 'status', status: 504, body: 'Gateway Timeout' }, 1]],
		error: null,
		requests: 2,
	},
	{
		name: 'a server that never answers once, then success',
		faults: [[{ kind: 'hang' }, 1]],
		error: null,
		requests: 2,
	},
	{
		name: 'a server that never answers',
		faults: [[{ kind: 'hang' }, 10]],
		error: /^GLAIR did not answer within 1 s on item 1 \(b\.png\) after 4 attempts$/,
		requests: 4,
	},
	{
		name: 'a server that drips bytes slowly once, then success',
		faults: [[{ kind: 'drip', bytesPerSecond: 20 }, 1]],
		error: null,
		requests: 2,
	},
];

const documents = () => [
	file(pngBytes(), 'a.png'),
	file(pngBytes(), 'b.png'),
	file(pngBytes(), 'c.png'),
];
const secretsOf = () => [engine.emulator.credentials.password, engine.emulator.credentials.apiKey];

/** Everything n8n and the node printed while the run went on. */
function captureLogs(): () => string {
	const lines: string[] = [];
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
		jest
			.spyOn(console, level)
			.mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
	);
	const writes = [process.stdout, process.stderr].map((stream) =>
		jest
			.spyOn(stream, 'write')
			.mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0),
	);
	return () => {
		[...spies, ...writes].forEach((spy) => spy.mockRestore());
		return lines.join('\n');
	};
}

describe.each(CASES)('$name', ({ faults, error, requests }) => {
	const inject = () => {
		for (const [fault, times] of faults)
			engine.emulator.injectFault(fault, { filename: 'b.png', times });
	};
	const requestsFor = (name: string) =>
		engine.emulator.requests.filter((request) => request.files[0]?.filename === name).length;
	const parameters = {
		operation: 'readStnk',
		output: 'record',
		options: { timeout: 1, concurrency: 3 },
	};

	it('Continue On Fail off', async () => {
		inject();
		const logs = captureLogs();
		const result = await engine.run({ parameters, documents: documents() });
		const printed = logs();
		if (error) {
			expect(result.items).toBeUndefined();
			expect(result.error?.message).toMatch(error);
			expect(result.error?.context?.itemIndex).toBe(1);
		} else {
			expect(result.error).toBeUndefined();
			expect(result.items?.map((item) => [item.json.file_name, item.pairedItem])).toEqual([
				['a.png', { item: 0 }],
				['b.png', { item: 1 }],
				['c.png', { item: 2 }],
			]);
		}
		expect(requestsFor('b.png')).toBe(requests);
		const everything = JSON.stringify([
			result.items,
			result.run.data,
			result.error?.stack,
			printed,
		]);
		for (const secret of secretsOf()) expect(everything).not.toContain(secret);
	});

	it('Continue On Fail on', async () => {
		inject();
		const logs = captureLogs();
		const result = await engine.run({ parameters, documents: documents(), continueOnFail: true });
		const printed = logs();
		expect(result.error).toBeUndefined();
		expect(result.items?.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.items?.[0].json.status).toBe('SUCCESS');
		expect(result.items?.[2].json.status).toBe('SUCCESS');
		if (error) {
			expect(result.items?.[1].json.error).toMatch(error);
			expect(result.items?.[1].json.file_name).toBe('b.png');
		} else {
			expect(result.items?.[1].json).toMatchObject({ status: 'SUCCESS', file_name: 'b.png' });
		}
		expect(requestsFor('a.png')).toBe(1);
		expect(requestsFor('c.png')).toBe(1);
		const everything = JSON.stringify([result.items, result.run.data, printed]);
		for (const secret of secretsOf()) expect(everything).not.toContain(secret);
	});
});

describe('retry budget', () => {
	it('Max Retries 0 tries once', async () => {
		engine.emulator.injectFault({ kind: 'status', status: 503 }, { times: 5 });
		const { error } = await engine.run({
			parameters: { operation: 'readStnk', options: { maxRetries: 0 } },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error?.message).toMatch(/HTTP 503\) on item 0 \(a\.png\)$/);
		expect(engine.emulator.requests).toHaveLength(1);
	});

	it('429 to every request on the key, nothing served: gives up after Max Retries', async () => {
		engine.emulator.injectFault({ kind: 'rateLimit', retryAfter: '0' }, { times: 50 });
		const { error } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error?.message).toMatch(
			/too many requests \(HTTP 429, rate limit\) on item 0 \(a\.png\) after 4 attempts/,
		);
		expect(engine.emulator.requests).toHaveLength(4);
	});

	it('a refused connection (wrong Base URL port) is not retried', async () => {
		const { error } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: [file(pngBytes(), 'a.png')],
			credentials: { baseUrl: 'http://127.0.0.1:9' },
		});
		expect(error?.message).toMatch(
			/Could not reach GLAIR: nothing answered at that address on item 0 \(a\.png\)$/,
		);
	});
});

describe('"Resend If GLAIR May Have Read It" off', () => {
	const run = async (fault: Fault, options: Record<string, number | boolean> = {}) => {
		engine.emulator.injectFault(fault, { filename: 'a.png', times: 5 });
		return await engine.run({
			parameters: {
				operation: 'readStnk',
				options: { resendMaybeRead: false, timeout: 1, ...options },
			},
			documents: [file(pngBytes(), 'a.png')],
		});
	};
	const notResent = /GLAIR may have read it.*not sent again.*second charge/;

	it('a timeout is not sent again, and the error says why', async () => {
		const { error } = await run({ kind: 'hang' });
		expect(error?.message).toBe('GLAIR did not answer within 1 s on item 0 (a.png)');
		expect(error?.description).toMatch(notResent);
		expect(engine.emulator.requests).toHaveLength(1);
	});

	it('a 504 is not sent again, and the error says why', async () => {
		const { error } = await run({ kind: 'status', status: 504, body: 'Gateway Timeout' });
		expect(error?.message).toBe('GLAIR had a server problem (HTTP 504) on item 0 (a.png)');
		expect(error?.description).toMatch(notResent);
		expect(engine.emulator.requests).toHaveLength(1);
	});

	it('a connection cut after the whole upload arrived is not sent again', async () => {
		const { error } = await run({ kind: 'reset' });
		expect(error?.message).toMatch(/^Could not reach GLAIR: .* on item 0 \(a\.png\)$/);
		expect(error?.description).toMatch(notResent);
		expect(engine.emulator.requests).toHaveLength(1);
	});

	it('what GLAIR cannot have read is still sent again (503)', async () => {
		engine.emulator.injectFault({ kind: 'status', status: 503 }, { times: 1 });
		const { error, items } = await engine.run({
			parameters: { operation: 'readStnk', options: { resendMaybeRead: false } },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error).toBeUndefined();
		expect(items?.[0].json.status).toBe('SUCCESS');
		expect(engine.emulator.requests).toHaveLength(2);
	});

	it('with Max Retries 0 nothing is sent again, and the error does not blame the option', async () => {
		const { error } = await run({ kind: 'hang' }, { maxRetries: 0 });
		expect(error?.description).not.toMatch(notResent);
		expect(engine.emulator.requests).toHaveLength(1);
	});
});
