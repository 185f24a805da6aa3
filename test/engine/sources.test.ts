/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * Document sources (node version 2): a URL the node downloads, and an n8n binary object an
 * expression reaches; and the node run as an AI agent's tool. Every URL here is on 127.0.0.1: a
 * local document server stands in for the web (Allow Local Network URLs on), and the refusals are
 * checked against it with the option off.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { htmlPage } from './pages';
import { jpegBytes, pngBytes } from '../../tools/fixtures/documents';
import { file, useEngine } from './context';

const engine = useEngine();

const scan = pngBytes();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A document server on 127.0.0.1, recording every path asked for. */
class DocumentServer {
	readonly hits: string[] = [];
	/** The authorization headers it was sent, if any. */
	readonly secrets: string[] = [];
	private server: Server | undefined;
	private port = 0;

	async start(): Promise<void> {
		this.server = createServer((request, response) => {
			const path = request.url ?? '/';
			this.hits.push(path);
			for (const name of ['authorization', 'x-api-key']) {
				const value = request.headers[name];
				if (value) this.secrets.push(`${name}: ${String(value)}`);
			}
			const [route] = path.split('?');
			if (route === '/scan.png') return void response.end(scan);
			if (route === '/scan.jpg') return void response.end(jpegBytes());
			if (route === '/moved') {
				response.writeHead(302, { Location: '/scan.png' });
				return void response.end();
			}
			if (route === '/loop') {
				response.writeHead(301, { Location: '/loop' });
				return void response.end();
			}
			if (route === '/to-metadata') {
				response.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' });
				return void response.end();
			}
			if (route === '/to-file') {
				response.writeHead(302, { Location: 'file:///etc/passwd' });
				return void response.end();
			}
			if (route === '/page') {
				response.writeHead(200, { 'Content-Type': 'text/html' });
				return void response.end(htmlPage);
			}
			if (route === '/big') {
				// Announces its size: refused before the body is read.
				response.writeHead(200, { 'Content-Length': String(3 * 1024 * 1024) });
				return void response.end(Buffer.alloc(3 * 1024 * 1024));
			}
			if (route === '/endless') {
				// No Content-Length, and more than any limit: the node must stop reading.
				response.writeHead(200, { 'Content-Type': 'image/png' });
				const chunk = Buffer.alloc(64 * 1024, 1);
				const push = () => {
					while (response.write(chunk));
				};
				response.on('drain', push);
				push();
				request.on('close', () => response.destroy());
				return;
			}
			if (route === '/slow') {
				response.writeHead(200, { 'Content-Type': 'image/png' });
				response.write(scan.subarray(0, 8));
				request.on('close', () => response.destroy());
				return; // the rest never comes
			}
			response.writeHead(404);
			response.end('not found');
		});
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
	}

	url(path: string, host = '127.0.0.1'): string {
		return `http://${host}:${this.port}${path}`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}
}

const server = new DocumentServer();
beforeAll(async () => await server.start());
afterAll(async () => await server.stop());
beforeEach(() => {
	server.hits.splice(0);
	server.secrets.splice(0);
});

const readStnk = { resource: 'vehicleDocument', operation: 'readStnk' };
const jsonOf = (items: INodeExecutionData[] | undefined): IDataObject[] =>
	(items ?? []).map((item) => item.json);

/** One item per URL, each read from `$json.url`, On Error "Continue". */
const readUrls = async (urls: string[], options: IDataObject = { allowLocalNetworkUrls: true }) =>
	await engine.run({
		typeVersion: 2,
		continueOnFail: true,
		parameters: {
			...readStnk,
			documentSource: 'url',
			documentUrl: '={{ $json.url }}',
			options: { maxFileSizeMb: 1, timeout: 2, ...options },
		},
		documents: urls.map((url) => ({ json: { url } })),
	});

describe('Document Source: URL', () => {
	it('with Concurrency Auto, counts each download as Max File Size against Memory Budget', async () => {
		engine.emulator.setPace({ latencyMs: 100 });
		const { error } = await engine.run({
			typeVersion: 3,
			parameters: {
				...readStnk,
				documentSource: 'url',
				documentUrl: '={{ $json.url }}',
				// A download's size is known only once it arrives: 4 MB each within 10 MB is 2 at once.
				options: { allowLocalNetworkUrls: true, maxFileSizeMb: 4, memoryBudgetMb: 10 },
			},
			documents: Array.from({ length: 8 }, () => ({ json: { url: server.url('/scan.png') } })),
		});
		engine.emulator.setPace({ latencyMs: 0 });
		expect(error).toBeUndefined();
		expect(engine.emulator.requests).toHaveLength(8);
		expect(engine.emulator.peakConcurrency).toBeLessThanOrEqual(2);
	});

	it('downloads the document and sends GLAIR exactly its bytes, named after the URL path', async () => {
		const { items, error } = await readUrls([server.url('/scan.png?X-Amz-Signature=secret')]);
		expect(error).toBeUndefined();
		expect(items?.[0].json).toMatchObject({ document: 'stnk', file_name: 'scan.png' });
		const [sent] = engine.emulator.requests[0].files;
		expect(sent).toMatchObject({ size: scan.length, sha256: sha256(scan), filename: 'scan.png' });
	});

	it('follows a redirect, and never sends the GLAIR credential to the document server', async () => {
		const { items } = await readUrls([server.url('/moved')]);
		expect(items?.[0].json).toMatchObject({ document: 'stnk' });
		expect(server.hits).toEqual(['/moved', '/scan.png']);
		expect(engine.emulator.requests[0].files[0].sha256).toBe(sha256(scan));
		expect(engine.emulator.requests[0].apiKey).toBeTruthy();
		expect(server.secrets).toEqual([]);
	});

	it.each([
		['http://localhost', 'localhost', 'loopback'],
		['http://127.0.0.1', '127.0.0.1', 'loopback'],
	])('refuses %s with Allow Local Network URLs off, before connecting', async (_, host, range) => {
		const { items } = await readUrls([server.url('/scan.png', host)], {});
		const [failed] = jsonOf(items);
		expect(failed.error).toBe(
			`"Document URL" points to ${host}:${new URL(server.url('/')).port} (${range}), which this node does not fetch on item 0`,
		);
		expect(failed.description).toContain('Allow Local Network URLs');
		expect(server.hits).toEqual([]);
		expect(engine.emulator.requests).toHaveLength(0);
	});

	it('checks every redirect again: one to file: is refused (a public host redirecting to 169.254.169.254: test/unit/download.test.ts)', async () => {
		const { items } = await readUrls([server.url('/to-file')]);
		expect(jsonOf(items)[0].error).toMatch(/^"Document URL" uses file:, not http or https/);
		expect(server.hits).toEqual(['/to-file']);
	});

	it('bad URLs are each a clear error on their own item; the good document between them is read', async () => {
		const urls = [
			server.url('/missing?token=SECRET'),
			server.url('/page'),
			server.url('/scan.jpg'),
			server.url('/big'),
			server.url('/endless'),
			server.url('/slow'),
			server.url('/loop'),
			'ftp://127.0.0.1/scan.png',
			'not a url',
		];
		const { items, error } = await readUrls(urls);
		expect(error).toBeUndefined();
		const json = jsonOf(items);
		const host = new URL(server.url('/')).host;
		expect(json.map((item) => item.error)).toEqual([
			`${host} answered HTTP 404 instead of the document on item 0`,
			`Read STNK cannot read the document from ${host}: it is a web page (HTML) on item 1`,
			undefined,
			`The document from ${host} is too large (over 1.0 MB, the limit) on item 3`,
			`The document from ${host} is too large (over 1.0 MB, the limit) on item 4`,
			`The document from ${host} did not download within 2 s on item 5`,
			`The document's address redirected more than 5 times (last at ${host}) on item 6`,
			'"Document URL" uses ftp:, not http or https on item 7',
			'"Document URL" is not a web address on item 8',
		]);
		expect(json[2]).toMatchObject({ document: 'stnk', file_name: 'scan.jpg' });
		expect(json[1].description).toContain('sign-in, preview or share page');
		// The query of a pre-signed URL never shows.
		expect(JSON.stringify(json)).not.toContain('SECRET');
		expect(engine.emulator.requests).toHaveLength(1);
		expect(server.hits.filter((path) => path === '/loop')).toHaveLength(6);
	}, 20000);

	it('an empty Document URL is an error on its item', async () => {
		const { items } = await readUrls(['']);
		expect(jsonOf(items)[0].error).toBe('"Document URL" is empty on item 0');
	});
});

describe('Document Source: Binary Object (Expression)', () => {
	const readBinary = async (documentBinary: string, binaryMode: 'default' | 'filesystem') =>
		await engine.run({
			typeVersion: 2,
			continueOnFail: true,
			binaryMode,
			parameters: { ...readStnk, documentSource: 'binaryObject', documentBinary },
			documents: [file(scan, 'stnk.png', 'image/png'), { json: { none: true } }],
		});

	it.each(['default', 'filesystem'] as const)(
		'reads the binary object an expression gives, in %s binary mode, unchanged',
		async (binaryMode) => {
			const { items, error } = await readBinary(
				"={{ $('Documents').item.binary?.data }}",
				binaryMode,
			);
			expect(error).toBeUndefined();
			const json = jsonOf(items);
			expect(json[0]).toMatchObject({ document: 'stnk', file_name: 'stnk.png' });
			expect(engine.emulator.requests).toHaveLength(1);
			expect(engine.emulator.requests[0].files[0].sha256).toBe(sha256(scan));
			// The second item has no file: its expression gives nothing.
			expect(json[1].error).toBe('"Document Binary" gave no file on item 1');
			expect(json[1].description).toContain('The expression gave nothing');
		},
	);

	it('says what the expression gave when it is not a binary object', async () => {
		const { items } = await readBinary(
			"={{ $('Documents').item.binary?.data?.fileName }}",
			'default',
		);
		const [first] = jsonOf(items);
		expect(first.error).toBe('"Document Binary" gave no file on item 0');
		expect(first.description).toContain('It gave the text "stnk.png", not an n8n binary object');
	});
});

describe('as an AI agent tool', () => {
	const asTool = async (
		parameters: IDataObject,
		toolArgs: IDataObject = {},
		documents = [file(scan, 'stnk.png')],
	) =>
		await engine.run({
			typeVersion: 2,
			parameters: { ...readStnk, ...parameters },
			documents,
			toolArgs,
		});

	const observed = (items: INodeExecutionData[] | undefined): unknown => {
		const [{ json }] = items ?? [{ json: {} as IDataObject }];
		expect(json.thrown).toBeUndefined();
		return JSON.parse(String(json.observation));
	};

	it('reads the URL the model gives ($fromAI) and answers with the compact record', async () => {
		const { items, error } = await asTool(
			{
				documentSource: 'url',
				documentUrl:
					"={{ $fromAI('documentUrl', 'The http(s) URL of the document to read', 'string') }}",
				options: { allowLocalNetworkUrls: true },
			},
			{ documentUrl: server.url('/scan.png') },
			[{ json: { chatInput: 'read this' } }],
		);
		expect(error).toBeUndefined();
		const [record] = observed(items) as IDataObject[];
		expect(record).toMatchObject({ document: 'stnk', file_name: 'scan.png' });
		// Columns GLAIR left empty are dropped: the model gets what was read.
		expect(Object.values(record)).not.toContain('');
		expect(engine.emulator.requests[0].files[0].sha256).toBe(sha256(scan));
	});

	it("reads the agent item's upload through a binary expression, and describes images instead of embedding them", async () => {
		const { items } = await asTool(
			{
				resource: 'identityDocument',
				operation: 'readKtp',
				documentSource: 'binaryObject',
				documentBinary: "={{ $('Documents').item.binary.data }}",
			},
			{},
		);
		const [record] = observed(items) as IDataObject[];
		expect(record).toMatchObject({
			document: 'ktp',
			nik: '3174016305900007',
			images: ['photo (face photo)', 'signature (signature)'],
		});
		expect(JSON.stringify(record)).not.toMatch(/base64|iVBOR/);
	});

	it('tells the model in a sentence when the document cannot be read, instead of failing', async () => {
		const { items, error } = await asTool(
			{
				documentSource: 'url',
				documentUrl:
					"={{ $fromAI('documentUrl', 'The http(s) URL of the document to read', 'string') }}",
			},
			{ documentUrl: 'http://169.254.169.254/latest/meta-data/' },
			[{ json: {} }],
		);
		expect(error).toBeUndefined();
		const [answer] = observed(items) as IDataObject[];
		expect(answer.error).toMatch(
			/^GLAIR Vision could not read the document: "Document URL" points to 169\.254\.169\.254 \(link-local \(cloud metadata\)\), which this node does not fetch\. Addresses of this machine/,
		);
		expect(String(answer.error)).not.toContain('on item');
	});

	it('tells the model when the binary expression gives nothing', async () => {
		const { items } = await asTool(
			{
				documentSource: 'binaryObject',
				documentBinary: "={{ $('Documents').item.binary?.data0 }}",
			},
			{},
		);
		const [answer] = observed(items) as IDataObject[];
		expect(answer.error).toMatch(
			/^GLAIR Vision could not read the document: "Document Binary" gave no file\. The expression gave nothing/,
		);
	});
});
