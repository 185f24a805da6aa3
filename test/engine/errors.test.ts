/**
 * Bad input and API errors, in n8n's engine: a clear error naming the item, nothing sent when
 * the input is at fault, and with Continue On Fail one error item per failed document.
 */
import type { Fault } from '../../tools/emulator';
import {
	docxBytes,
	gifBytes,
	jpegBytes,
	pdfBytes,
	pngBytes,
	textBytes,
	tiffBytes,
} from '../../tools/fixtures/documents';
import { file, useEngine } from './context';

const engine = useEngine();

describe('bad input fails before any request', () => {
	it.each([
		[
			'an empty file',
			Buffer.alloc(0),
			'empty.jpg',
			/Unusable file "empty.jpg" on item 0/,
			/empty \(0 bytes\)/,
		],
		[
			'a text file renamed .jpg',
			textBytes(),
			'stnk.jpg',
			/cannot read "stnk.jpg": it is a text file on item 0/,
			/accepts PNG or JPEG/,
		],
		['a GIF', gifBytes(), 'stnk.gif', /it is a GIF image/, /accepts PNG or JPEG/],
		[
			'a Word document',
			docxBytes(),
			'stnk.docx',
			/it is a Word document \(.docx\)/,
			/accepts PNG or JPEG/,
		],
		[
			'a PDF',
			pdfBytes(),
			'stnk.pdf',
			/Read STNK cannot read "stnk.pdf": it is a PDF document/,
			/accepts PNG or JPEG/,
		],
		['a TIFF', tiffBytes(), 'stnk.tiff', /it is a TIFF image/, /accepts PNG or JPEG/],
		[
			'a truncated JPEG',
			jpegBytes().subarray(0, 30),
			'cut.jpg',
			/Unusable file "cut.jpg"/,
			/JPEG header is incomplete/,
		],
	])('%s sent to Read STNK', async (_name, bytes, fileName, message, description) => {
		for (const binaryMode of ['default', 'filesystem'] as const) {
			engine.emulator.reset();
			const { error, items } = await engine.run({
				binaryMode,
				parameters: { operation: 'readStnk' },
				documents: [file(bytes, fileName)],
			});
			expect(items).toBeUndefined();
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(description);
			expect(error?.description).toMatch(/Nothing was sent to GLAIR/);
			expect(error?.context?.itemIndex).toBe(0);
			expect(engine.emulator.requests).toHaveLength(0);
		}
	});

	it.each(['default', 'filesystem'] as const)(
		'a file over the size limit (%s binary mode) names its size and the limit',
		async (binaryMode) => {
			const { error } = await engine.run({
				binaryMode,
				parameters: { operation: 'readStnk', options: { maxFileSizeMb: 0.5 } },
				documents: [file(pngBytes({ padTo: 700 * 1024 }), 'huge.png')],
			});
			expect(error?.message).toBe(
				'File "huge.png" is too large (0.7 MB; the limit is 0.5 MB) on item 0',
			);
			expect(error?.description).toMatch(/Nothing was sent to GLAIR.*Max File Size/);
			expect(engine.emulator.requests).toHaveLength(0);
		},
	);

	it('the default size limit is 10 MB', async () => {
		const { error } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: [file(pngBytes({ padTo: 10 * 1024 * 1024 + 1 }), 'scan.png')],
		});
		expect(error?.message).toMatch(/too large \(10,485,761 bytes; the limit is 10,485,760 bytes\)/);
	});

	it('a Word document sent to Read BPKB lists the four accepted formats', async () => {
		const { error } = await engine.run({
			parameters: { operation: 'readBpkb' },
			documents: [file(docxBytes(), 'bpkb.docx')],
		});
		expect(error?.description).toMatch(/Read BPKB accepts PNG, JPEG, TIFF or PDF files/);
	});

	it('an item without the binary field says which fields it has', async () => {
		const { error } = await engine.run({
			parameters: { operation: 'readStnk', binaryPropertyName: 'data' },
			documents: [
				file(pngBytes(), 'a.png'),
				{ files: { attachment_0: { bytes: pngBytes() }, attachment_1: { bytes: pngBytes() } } },
			],
		});
		expect(error?.message).toBe('No binary field "data" on item 1');
		expect(error?.description).toMatch(/binary fields are: "attachment_0", "attachment_1"/);
		expect(engine.emulator.requests.length).toBeLessThanOrEqual(1);
	});

	it('an item with no file at all says what to put before the node', async () => {
		const { error } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: [{ json: { hello: 1 } }],
		});
		expect(error?.message).toBe('No binary field "data" on item 0');
		expect(error?.description).toMatch(/no file at all.*Read\/Write Files from Disk/);
	});

	it('Input Binary Field "*" on an item with no file names the item once', async () => {
		const { error } = await engine.run({
			typeVersion: 2,
			parameters: { resource: 'vehicleDocument', operation: 'readStnk', binaryPropertyName: '*' },
			documents: [{ json: { hello: 1 } }],
		});
		expect(error?.message).toBe('No binary field "*" on item 0');
	});

	it.each(['={{ 0 }}', '={{ 5 }}', '={{ "abc" }}', '={{ "" }}'])(
		'BPKB page %p is refused',
		async (page) => {
			const { error } = await engine.run({
				parameters: { operation: 'readBpkb', page },
				documents: [file(pdfBytes(), 'b.pdf')],
			});
			expect(error?.message).toMatch(/"Page" must be All Pages, 1, 2, 3 or 4, not ".*" on item 0/);
			expect(engine.emulator.requests).toHaveLength(0);
		},
	);

	it('an output mode the operation does not offer is refused', async () => {
		const { error } = await engine.run({
			parameters: { operation: 'readStnk', output: '={{ "tableRows" }}' },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error?.message).toMatch(/"Output" "tableRows" is not available for Read STNK on item 0/);
		expect(error?.description).toMatch(/Read STNK With Table/);
		expect(engine.emulator.requests).toHaveLength(0);
	});

	it('"Custom API Call" (which n8n adds to the operations) points to the HTTP Request node', async () => {
		const { error } = await engine.run({
			parameters: { operation: '__CUSTOM_API_CALL__' },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error?.message).toMatch(/Custom API Call is done with an HTTP Request node/);
		expect(error?.description).toMatch(/Predefined Credential Type.*GLAIR Vision API/);
		expect(engine.emulator.requests).toHaveLength(0);
	});

	it('an unknown output mode is refused', async () => {
		const { error } = await engine.run({
			parameters: { operation: 'readStnkWithTable', output: '={{ "csv" }}' },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error?.message).toMatch(/"Output" "csv" is not available/);
	});

	it.each([
		['not a URL', 'api.vision.glair.ai', /not a web address/],
		['http to a remote host', 'http://api.vision.glair.ai', /unencrypted/],
	])('a Base URL that is %s is refused before sending', async (_name, baseUrl, problem) => {
		const { error } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: [file(pngBytes(), 'a.png')],
			credentials: { baseUrl },
		});
		expect(error?.message).toMatch(/Base URL cannot be used \(item 0\)/);
		expect(error?.description).toMatch(problem);
		expect(engine.emulator.requests).toHaveLength(0);
	});
});

describe('API errors', () => {
	const cases: Array<[string, Fault | 'wrongKey' | 'wrongPassword', RegExp, string | null]> = [
		[
			'401',
			'wrongPassword',
			/Wrong username, password or API key: GLAIR refused the credentials \(HTTP 401\)/,
			'401',
		],
		[
			'403',
			'wrongKey',
			/Wrong username, password or API key: GLAIR refused access \(HTTP 403\)/,
			'403',
		],
		[
			'400 NO_FILE',
			{
				kind: 'status',
				status: 400,
				body: { status: 'NO_FILE', reason: 'No file in request body' },
			},
			/GLAIR received no file \(HTTP 400, NO_FILE\)/,
			'400',
		],
		[
			'415',
			{
				kind: 'status',
				status: 415,
				body: {
					status: 'FILE_INVALID_FORMAT',
					reason: 'Failed to process invalid file format. Please upload the correct file format',
				},
			},
			/could not process the file format/,
			'415',
		],
		['429', { kind: 'rateLimit', retryAfter: '1' }, /too many requests \(HTTP 429/, '429'],
		[
			'500',
			{ kind: 'status', status: 500, body: { message: 'Internal Server Error' } },
			/server problem \(HTTP 500\)/,
			'500',
		],
		['502 HTML', { kind: 'html502' }, /server problem \(HTTP 502\)/, '502'],
		[
			'FAILED',
			{ kind: 'failedRead', reason: 'Image too blurry' },
			/could not read the document \(status FAILED\)/,
			'200',
		],
		['malformed JSON', { kind: 'malformedJson' }, /not valid JSON/, '200'],
		['empty body', { kind: 'emptyBody' }, /empty answer/, '200'],
		['no answer (reset)', { kind: 'reset' }, /Could not reach GLAIR: the connection was cut/, null],
	];

	it.each(cases)(
		'%s stops the workflow with a clear message naming the item',
		async (_name, fault, message, httpCode) => {
			const credentials: Record<string, string> | undefined =
				fault === 'wrongKey'
					? { apiKey: 'wrong-key' }
					: fault === 'wrongPassword'
						? { password: 'wrong-password' }
						: undefined;
			if (typeof fault === 'object') engine.emulator.injectFault(fault, { filename: 'second.png' });
			const { error, items } = await engine.run({
				parameters: { operation: 'readStnk', options: { concurrency: 1, maxRetries: 0 } },
				documents: [file(pngBytes(), 'first.png'), file(pngBytes(), 'second.png')],
				credentials,
			});
			const failingItem = credentials ? 0 : 1;
			expect(items).toBeUndefined();
			expect(error?.message).toMatch(message);
			expect(error?.message).toMatch(
				new RegExp(`on item ${failingItem} \\((first|second)\\.png\\)`),
			);
			expect(error?.context?.itemIndex).toBe(failingItem);
			if (httpCode) expect(error?.httpCode).toBe(httpCode);
			if (typeof fault === 'object' && fault.kind !== 'reset') {
				expect(error?.description).toMatch(/Request-Id [0-9a-f-]{36}/);
			}
		},
	);

	it('with Continue On Fail, a failed document becomes one error item and the others go on', async () => {
		engine.emulator.injectFault(
			{ kind: 'failedRead', reason: 'Image too blurry' },
			{ filename: 'blurry.png' },
		);
		const { items, error } = await engine.run({
			continueOnFail: true,
			parameters: { operation: 'readStnk', output: 'record' },
			documents: [
				file(pngBytes(), 'good-1.png'),
				file(pngBytes(), 'blurry.png'),
				{ json: {} },
				file(pngBytes(), 'good-2.png'),
			],
		});
		expect(error).toBeUndefined();
		expect(items?.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items?.[0].json.status).toBe('SUCCESS');
		expect(items?.[1].json).toMatchObject({
			error: expect.stringMatching(
				/could not read the document \(status FAILED\) on item 1 \(blurry.png\)/,
			),
			description: expect.stringMatching(/Image too blurry/),
			http_code: '200',
			glair_status: 'FAILED',
			glair_reason: 'Image too blurry',
			request_id: engine.emulator.requests.find(
				(request) => request.files[0]?.filename === 'blurry.png',
			)?.response.requestId,
			file_name: 'blurry.png',
		});
		expect(items?.[2].json.error).toBe('No binary field "data" on item 2');
		expect(items?.[3].json.status).toBe('SUCCESS');
	});

	it('with Continue On Fail and wrong credentials every document gets its own error item', async () => {
		const { items } = await engine.run({
			continueOnFail: true,
			parameters: { operation: 'readBpkb' },
			documents: [file(pdfBytes(), 'a.pdf'), file(pdfBytes(), 'b.pdf')],
			credentials: { password: 'wrong' },
		});
		expect(items?.map((item) => [item.json.http_code, item.pairedItem])).toEqual([
			['401', { item: 0 }],
			['401', { item: 1 }],
		]);
	});

	it('without Continue On Fail, stops sending after the first failure', async () => {
		const { error } = await engine.run({
			parameters: { operation: 'readStnk', options: { concurrency: 2 } },
			documents: Array.from({ length: 10 }, (_, index) => file(pngBytes(), `doc-${index}.png`)),
			credentials: { apiKey: 'wrong' },
		});
		expect(error?.message).toMatch(/on item 0/);
		expect(engine.emulator.requests.length).toBeLessThanOrEqual(2);
	});

	it('a timeout becomes a clear error for that item', async () => {
		engine.emulator.injectFault({ kind: 'hang' });
		const { error } = await engine.run({
			parameters: { operation: 'readStnk', options: { timeout: 1, maxRetries: 0 } },
			documents: [file(pngBytes(), 'slow.png')],
		});
		expect(error?.message).toBe('GLAIR did not answer within 1 s on item 0 (slow.png)');
	});
});

describe('secrets', () => {
	it('never appear in errors, error items or outputs', async () => {
		const secrets = [engine.emulator.credentials.password, engine.emulator.credentials.apiKey];
		engine.emulator.injectFault({ kind: 'reset' });
		engine.emulator.injectFault({ kind: 'html502' });
		const failing = await engine.run({
			continueOnFail: true,
			parameters: { operation: 'readStnk', options: { concurrency: 1 } },
			documents: [file(pngBytes(), 'a.png'), file(pngBytes(), 'b.png'), file(pngBytes(), 'c.png')],
		});
		const stopped = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: [file(pngBytes(), 'a.png')],
			credentials: { apiKey: 'wrong-but-secret-key' },
		});
		const everything = JSON.stringify([
			failing.items,
			failing.run.data,
			stopped.run.data,
			String(stopped.error?.stack),
		]);
		for (const secret of [
			...secrets,
			'wrong-but-secret-key',
			Buffer.from(`glair-user:${secrets[0]}`).toString('base64'),
		]) {
			expect(everything).not.toContain(secret);
		}
	});
});

describe('messages that are true', () => {
	it('a 200 whose JSON is not an object is "not a read"', async () => {
		engine.emulator.injectFault({ kind: 'status', status: 200, rawBody: '[]' });
		const { error } = await engine.run({
			parameters: { operation: 'readStnk', options: { maxRetries: 0 } },
			documents: [file(pngBytes(), 'a.png')],
		});
		expect(error?.message).toMatch(/^GLAIR sent an answer that is not a read \(HTTP 200/);
	});

	it.each([
		['readStnk', pngBytes(), /Read STNK takes PNG or JPEG files/, /TIFF|PDF|BPKB/],
		['readBpkb', pdfBytes(), /Read BPKB takes PNG, JPEG, TIFF or PDF files/, /STNK/],
	])('a 415 to %s names the formats it takes', async (operation, bytes, named, notNamed) => {
		engine.emulator.injectFault({
			kind: 'status',
			status: 415,
			body: { status: 'FILE_INVALID_FORMAT', reason: 'Failed to process invalid file format.' },
		});
		const { error } = await engine.run({
			parameters: { operation, options: { maxRetries: 0 } },
			documents: [file(bytes, 'scan')],
		});
		expect(error?.message).toMatch(/could not process the file format/);
		expect(error?.description).toMatch(named);
		expect(error?.description).not.toMatch(notNamed);
	});

	it('a Base URL that cannot be used is quoted only as scheme://host[:port] in the run error', async () => {
		const { error } = await engine.run({
			parameters: { operation: 'readStnk' },
			documents: [file(pngBytes(), 'a.png')],
			credentials: { baseUrl: 'ftp://glair.example/T0KEN-123' },
		});
		expect(error?.message).toMatch(/The credential's Base URL cannot be used/);
		expect(error?.description).toMatch(/"ftp:\/\/glair\.example\/…"/);
		expect(JSON.stringify([error?.message, error?.description])).not.toContain('T0KEN');
	});
});
