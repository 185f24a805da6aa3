/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * What an adversarial read found (issue 10), in n8n's engine against the emulator: redirects never
 * carry the API key elsewhere, failed documents reach n8n's error output, a timed-out upload never
 * sends another document's bytes, credentials pasted with stray characters, runaway timeouts.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { pngBytes } from '../../tools/fixtures/documents';
import { file, useEngine } from './context';

const engine = useEngine();

const documents = () => [
	file(pngBytes(), 'a.png'),
	file(pngBytes(), 'b.png'),
	file(pngBytes(), 'c.png'),
];

/** A server on another origin that records what reaches it and answers like a GLAIR read. */
async function startRecorder(): Promise<{
	url: string;
	received: IncomingHttpHeaders[];
	stop: () => Promise<void>;
}> {
	const received: IncomingHttpHeaders[] = [];
	const server: Server = createServer((request, response) => {
		received.push(request.headers);
		request.resume();
		request.on('end', () => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({
					status: 'SUCCESS',
					reason: 'ok',
					read: { halaman_stnk: { nomor_stnk: { value: 'FROM-ELSEWHERE' } } },
				}),
			);
		});
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		stop: async () => await new Promise<void>((closed) => server.close(() => closed())),
	};
}

describe('redirects', () => {
	let recorder: Awaited<ReturnType<typeof startRecorder>>;
	beforeAll(async () => {
		recorder = await startRecorder();
	});
	afterAll(async () => await recorder.stop());
	beforeEach(() => (recorder.received.length = 0));

	it.each([307, 302, 301, 308])(
		'a %i to another origin is an error naming that origin; nothing reaches it',
		async (status) => {
			engine.emulator.injectFault({
				kind: 'status',
				status,
				body: '',
				headers: { Location: `${recorder.url}/ocr/v1/stnk` },
			});
			const { error, items } = await engine.run({
				parameters: { operation: 'readStnk' },
				documents: [file(pngBytes(), 'a.png')],
			});
			expect(items).toBeUndefined();
			expect(error?.message).toBe(
				`GLAIR's address redirected the request to ${recorder.url}/ocr/v1/stnk (HTTP ${status}) on item 0 (a.png)`,
			);
			expect(error?.description).toMatch(/Base URL .* is probably wrong/);
			expect(error?.description).toMatch(/not followed/);
			expect(recorder.received).toHaveLength(0);
			expect(engine.emulator.requests).toHaveLength(1);
		},
	);

	it('a redirect within the same origin is not followed either', async () => {
		engine.emulator.injectFault({
			kind: 'status',
			status: 307,
			body: '',
			headers: { Location: '/v2/ocr/stnk' },
		});
		const { error } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error?.message).toBe(
			`GLAIR's address redirected the request to ${engine.emulator.baseUrl}/v2/ocr/stnk (HTTP 307) on item 0 (a.png)`,
		);
		expect(engine.emulator.requests).toHaveLength(1);
	});

	it('is not retried', async () => {
		engine.emulator.injectFault(
			{ kind: 'status', status: 302, body: '', headers: { Location: `${recorder.url}/x` } },
			{ times: 5 },
		);
		const { error } = await engine.run({
			parameters: { operation: 'readStnk', options: { maxRetries: 3 } },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error?.message).toMatch(/redirected/);
		expect(engine.emulator.requests).toHaveLength(1);
	});
});

describe('On Error: Continue (using error output)', () => {
	it('sends failed documents to the error output, paired, and the others to the first output', async () => {
		engine.emulator.injectFault(
			{ kind: 'failedRead', reason: 'Image too blurry' },
			{ filename: 'b.png' },
		);
		const { outputs, error } = await engine.run({
			onError: 'continueErrorOutput',
			parameters: { operation: 'readStnk' },
			documents: documents(),
		});
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(2);
		const [done, failed] = outputs ?? [];
		expect(done.map((item) => [item.json.file_name, item.pairedItem])).toEqual([
			['a.png', { item: 0 }],
			['c.png', { item: 2 }],
		]);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		// n8n's convention: the input item's fields, plus `error` with the details.
		expect(failed[0].json).toEqual({
			index: 1,
			error: {
				message: expect.stringMatching(
					/could not read the document \(status FAILED\) on item 1 \(b\.png\)/,
				),
				description: expect.stringMatching(/Image too blurry/),
				http_code: '200',
				glair_status: 'FAILED',
				glair_reason: 'Image too blurry',
				request_id: engine.emulator.requests.find(
					(request) => request.files[0]?.filename === 'b.png',
				)?.response.requestId,
				file_name: 'b.png',
			},
		});
		expect(failed[0].binary).toBeUndefined();
	});

	it('with Keep Source Document, the failed scan rides along in the error output', async () => {
		engine.emulator.injectFault({ kind: 'failedRead' }, { filename: 'b.png' });
		const { outputs } = await engine.run({
			onError: 'continueErrorOutput',
			parameters: { operation: 'readStnk', options: { keepSourceDocument: true } },
			documents: documents(),
		});
		expect(outputs?.[1][0].binary?.data).toMatchObject({
			fileName: 'b.png',
			mimeType: 'image/png',
		});
	});

	it('with review routing: Done, Needs Review, then the error output', async () => {
		engine.emulator.injectFault({ kind: 'failedRead' }, { filename: 'b.png' });
		engine.emulator.injectFault(
			{
				kind: 'readOverride',
				read: { halaman_stnk: { nomor_registrasi: { value: 'KT 8180 YF', confidence: 10 } } },
			},
			{ filename: 'c.png' },
		);
		const { outputs } = await engine.run({
			onError: 'continueErrorOutput',
			parameters: { operation: 'readStnk', options: { minConfidence: 50 } },
			documents: documents(),
		});
		const fileName = (json: IDataObject) => json.file_name ?? (json.error as IDataObject).file_name;
		expect(outputs?.map((output) => output.map((item) => fileName(item.json)))).toEqual([
			['a.png'],
			['c.png'],
			['b.png'],
		]);
		expect(outputs?.[2][0].pairedItem).toEqual({ item: 1 });
	});

	it('an input problem (no binary) goes to the error output too', async () => {
		const { outputs } = await engine.run({
			onError: 'continueErrorOutput',
			parameters: { operation: 'readStnk' },
			documents: [file(pngBytes(), 'a.png'), { json: { note: 'no file' } }],
		});
		expect(outputs?.[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(
			outputs?.[1].map((item) => [
				(item.json.error as { message: string }).message,
				item.json.note,
				item.pairedItem,
			]),
		).toEqual([['No binary field "data" on item 1', 'no file', { item: 1 }]]);
	});

	it('Continue (regular output) keeps the error item in the first output, as before', async () => {
		engine.emulator.injectFault({ kind: 'failedRead' }, { filename: 'b.png' });
		const { outputs } = await engine.run({
			onError: 'continueRegularOutput',
			parameters: { operation: 'readStnk' },
			documents: documents(),
		});
		expect(outputs).toHaveLength(1);
		expect(outputs?.[0].map((item) => item.json.file_name)).toEqual(['a.png', 'b.png', 'c.png']);
		expect(outputs?.[0][1].json.error).toMatch(/status FAILED/);
	});
});

describe('a read that times out', () => {
	it('is sent again up to Max Retries by default, as a 504 is', async () => {
		engine.emulator.injectFault({ kind: 'hang' }, { times: 5 });
		const { error } = await engine.run({
			parameters: { operation: 'readStnk', options: { timeout: 1, maxRetries: 2 } },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error?.message).toBe(
			'GLAIR did not answer within 1 s on item 0 (a.png) after 3 attempts',
		);
		expect(engine.emulator.requests).toHaveLength(3);
	});

	it("never sends another document's bytes: the next document gets the upload memory only once the abandoned request has stopped", async () => {
		// Larger than the kernel's socket buffers, so most of it is still in the node's memory when the deadline fires.
		const size = 24 * 1024 * 1024;
		engine.emulator.injectFault({ kind: 'slowRead', bytesPerSecond: 4 * 1024 * 1024 });
		const { items } = await engine.run({
			continueOnFail: true,
			parameters: {
				operation: 'readStnk',
				options: { timeout: 1, maxRetries: 0, concurrency: 1, maxFileSizeMb: 64 },
			},
			documents: [
				file(pngBytes({ padTo: size, padByte: 0xaa }), 'a.png'),
				file(pngBytes({ padTo: size, padByte: 0xbb }), 'b.png'),
			],
		});
		expect(items?.map((item) => item.json.error ?? item.json.status)).toEqual([
			expect.stringMatching(/did not answer within 1 s/),
			'SUCCESS',
		]);
		const slow = engine.emulator.requests[0];
		for (let waited = 0; !slow.bodyEnded && waited < 20_000; waited += 100)
			await new Promise((wake) => setTimeout(wake, 100));
		expect(slow.bodyEnded).toBeDefined();
		expect(slow.rawBody?.includes(Buffer.alloc(4096, 0xbb))).toBe(false);
		// The abandoned upload was cut off rather than left to run on.
		expect(slow.bodyEnded).toBe('cut');
	}, 60_000);
});

describe('credentials pasted with stray characters', () => {
	it('surrounding spaces and newlines are trimmed from username, password and API key', async () => {
		const { username, password, apiKey } = engine.emulator.credentials;
		const { items, error } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: [file(pngBytes(), 'a.png')],
			credentials: {
				username: ` ${username}\t`,
				password: `${password}\n`,
				apiKey: `  ${apiKey}\r\n`,
			},
		});
		expect(error).toBeUndefined();
		expect(items?.[0].json.status).toBe('SUCCESS');
		expect(engine.emulator.requests[0]).toMatchObject({
			authorization: { username, password },
			apiKey,
		});
	});

	it.each([
		['API Key', { apiKey: 'glair-api-key\u201cK3y' }, /API Key/],
		['API Key', { apiKey: 'glair-api\nkey' }, /API Key/],
		['Username', { username: 'glair:user' }, /Username/],
	])(
		'a %s that cannot be sent is named, and nothing is sent',
		async (_field, credentials, field) => {
			const { error } = await engine.run({
				parameters: { operation: 'readStnk' },
				documents: [file(pngBytes(), 'a.png')],
				credentials,
			});
			expect(error?.message).toMatch(field);
			expect(error?.description).toMatch(/Open the "GLAIR Vision API" credential/);
			expect(`${error?.message} ${error?.description}`).not.toMatch(
				/K3y|glair-api\nkey|glair:user/,
			);
			expect(engine.emulator.requests).toHaveLength(0);
		},
	);
});

describe('Timeout', () => {
	it.each([3_000_000, 99_999_999, 0, -5])(
		'%p seconds is refused with the allowed range',
		async (timeout) => {
			const { error } = await engine.run({
				parameters: { operation: 'readStnk', options: { timeout } },
				documents: [file(pngBytes(), 'a.png')],
			});
			expect(error?.message).toBe(
				`"Timeout" must be from 1 to 3600 seconds, not "${timeout}" on item 0`,
			);
			expect(engine.emulator.requests).toHaveLength(0);
		},
	);
});
