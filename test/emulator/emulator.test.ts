import { EMULATOR_CREDENTIALS, GlairEmulator, type Fault } from './index';
import {
	docxBytes,
	gifBytes,
	jpegBytes,
	notADocument,
	pdfBytes,
	pngBytes,
	tiffBytes,
} from '../fixtures/documents';

const emulator = new GlairEmulator();
const basic = (username: string, password: string) =>
	`Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const goodHeaders = {
	authorization: basic(EMULATOR_CREDENTIALS.username, EMULATOR_CREDENTIALS.password),
	'x-api-key': EMULATOR_CREDENTIALS.apiKey,
};

async function post(
	path: string,
	file?: { bytes: Buffer; name?: string; type?: string },
	fields: Record<string, string> = {},
	headers: Record<string, string> = goodHeaders,
	signal?: AbortSignal,
) {
	const form = new FormData();
	if (file)
		form.append(
			'image',
			new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }),
			file.name ?? 'doc.bin',
		);
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	const response = await fetch(`${emulator.baseUrl}${path}`, {
		method: 'POST',
		body: form,
		headers,
		signal,
	});
	const text = await response.text();
	let body: Record<string, unknown> | undefined;
	try {
		body = JSON.parse(text) as Record<string, unknown>;
	} catch {
		body = undefined;
	}
	return {
		status: response.status,
		body,
		text,
		requestId: response.headers.get('request-id'),
		headers: response.headers,
	};
}

beforeAll(async () => {
	await emulator.start();
});
afterAll(async () => {
	await emulator.stop();
});
beforeEach(() => emulator.reset());

describe('the GLAIR emulator', () => {
	it.each([
		['/ocr/v1/stnk', ['halaman_pajak_tahunan', 'halaman_stnk']],
		['/ocr/v1/stnk-with-table', ['halaman_pajak_tahunan', 'halaman_stnk']],
		[
			'/ocr/v1/bpkb',
			[
				'dokumen_registrasi_pertama',
				'halaman_terakhir',
				'identitas_kendaraan',
				'identitas_pemilik',
			],
		],
	])('reads a good upload on %s', async (path, sections) => {
		const result = await post(path, { bytes: jpegBytes(), name: 'scan.jpg', type: 'image/jpeg' });
		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ status: 'SUCCESS', reason: 'File Successfully Read' });
		expect(Object.keys(result.body?.read as object).sort()).toEqual(sections);
		expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(emulator.requests[0]).toMatchObject({
			path,
			authorization: {
				username: EMULATOR_CREDENTIALS.username,
				password: EMULATOR_CREDENTIALS.password,
			},
			apiKey: EMULATOR_CREDENTIALS.apiKey,
			files: [
				{
					field: 'image',
					filename: 'scan.jpg',
					contentType: 'image/jpeg',
					firstBytes: jpegBytes().subarray(0, 16).toString('hex'),
				},
			],
			response: { status: 200, requestId: result.requestId },
		});
	});

	it('only the table endpoint returns the tax table', async () => {
		const plain = await post('/ocr/v1/stnk', { bytes: pngBytes(), name: 'a.png' });
		const withTable = await post('/ocr/v1/stnk-with-table', { bytes: pngBytes(), name: 'a.png' });
		expect(
			(plain.body?.read as { halaman_pajak_tahunan: object }).halaman_pajak_tahunan,
		).not.toHaveProperty('table');
		expect(
			(withTable.body?.read as { halaman_pajak_tahunan: { table: unknown[] } })
				.halaman_pajak_tahunan.table,
		).toHaveLength(8);
	});

	it.each([
		['1', 'identitas_pemilik'],
		['2', 'identitas_kendaraan'],
		['3', 'dokumen_registrasi_pertama'],
		['4', 'halaman_terakhir'],
	])('BPKB page %s answers with that page only', async (page, section) => {
		const result = await post('/ocr/v1/bpkb', { bytes: pdfBytes(), name: 'bpkb.pdf' }, { page });
		expect(result.status).toBe(200);
		expect(Object.keys(result.body?.read as object)).toEqual([section]);
		expect(emulator.requests[0].fields).toEqual({ page });
	});

	it.each(['0', '5', 'abc', ''])('refuses BPKB page %p', async (page) => {
		const result = await post('/ocr/v1/bpkb', { bytes: pdfBytes(), name: 'bpkb.pdf' }, { page });
		expect(result.status).toBe(400);
	});

	it('refuses a missing or wrong password with 401', async () => {
		expect(
			(
				await post(
					'/ocr/v1/stnk',
					{ bytes: pngBytes() },
					{},
					{ 'x-api-key': EMULATOR_CREDENTIALS.apiKey },
				)
			).status,
		).toBe(401);
		const wrong = await post(
			'/ocr/v1/stnk',
			{ bytes: pngBytes() },
			{},
			{ ...goodHeaders, authorization: basic('glair-user', 'nope') },
		);
		expect(wrong).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
	});

	it('refuses a wrong API key with 403', async () => {
		const result = await post(
			'/ocr/v1/stnk',
			{ bytes: pngBytes() },
			{},
			{ ...goodHeaders, 'x-api-key': 'wrong' },
		);
		expect(result).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
	});

	it('answers NO_FILE without an image part, or with an empty one', async () => {
		expect(await post('/ocr/v1/stnk')).toMatchObject({ status: 400, body: { status: 'NO_FILE' } });
		expect(await post('/ocr/v1/stnk', { bytes: Buffer.alloc(0) })).toMatchObject({
			status: 400,
			body: { status: 'NO_FILE' },
		});
	});

	it.each([
		['a GIF to STNK', '/ocr/v1/stnk', gifBytes()],
		['a PDF to STNK', '/ocr/v1/stnk', pdfBytes()],
		['a TIFF to STNK', '/ocr/v1/stnk', tiffBytes()],
		['a Word file to BPKB', '/ocr/v1/bpkb', docxBytes()],
	])('answers 415 FILE_INVALID_FORMAT for %s', async (_name, path, bytes) => {
		expect(await post(path, { bytes, name: 'x.jpg' })).toMatchObject({
			status: 415,
			body: { status: 'FILE_INVALID_FORMAT' },
		});
	});

	it('accepts TIFF and PDF for BPKB', async () => {
		expect((await post('/ocr/v1/bpkb', { bytes: tiffBytes(), name: 'b.tiff' })).status).toBe(200);
		expect((await post('/ocr/v1/bpkb', { bytes: pdfBytes(), name: 'b.pdf' })).status).toBe(200);
	});

	it('says "Some fields are invalid" for an image that is not the document', async () => {
		const result = await post('/ocr/v1/stnk', { bytes: notADocument('png'), name: 'cat.png' });
		expect(result.body).toMatchObject({
			status: 'SUCCESS',
			reason: 'File successfully read. Some fields are invalid.',
		});
		const read = result.body?.read as { halaman_stnk: { nomor_stnk: { value: string } } };
		expect(read.halaman_stnk.nomor_stnk.value).toBe('');
	});

	it('answers 404 for unknown paths', async () => {
		expect((await post('/ocr/v1/ktp', { bytes: pngBytes() })).status).toBe(404);
	});

	describe('faults', () => {
		it.each<[Fault, number, RegExp | undefined]>([
			[{ kind: 'rateLimit', retryAfter: '2' }, 429, /Too Many/],
			[
				{ kind: 'status', status: 500, body: { message: 'Internal Server Error' } },
				500,
				/Internal/,
			],
			[{ kind: 'html502' }, 502, /<html>/],
			[{ kind: 'failedRead' }, 200, /"FAILED"/],
			[{ kind: 'malformedJson' }, 200, /^\{"status": "SUCCESS"/],
			[{ kind: 'emptyBody' }, 200, /^$/],
			[{ kind: 'readOverride', read: { halaman_stnk: null } }, 200, /"halaman_stnk":null/],
		])('%p', async (fault, status, text) => {
			emulator.injectFault(fault);
			const result = await post('/ocr/v1/stnk', { bytes: pngBytes(), name: 'a.png' });
			expect(result.status).toBe(status);
			if (text) expect(result.text).toMatch(text);
			// consumed: the next request is normal
			expect((await post('/ocr/v1/stnk', { bytes: pngBytes(), name: 'a.png' })).status).toBe(200);
		});

		it('sends Retry-After only when told to', async () => {
			emulator.injectFault({ kind: 'rateLimit', retryAfter: '7' });
			emulator.injectFault({ kind: 'rateLimit' });
			expect((await post('/ocr/v1/stnk', { bytes: pngBytes() })).headers.get('retry-after')).toBe(
				'7',
			);
			expect(
				(await post('/ocr/v1/stnk', { bytes: pngBytes() })).headers.get('retry-after'),
			).toBeNull();
		});

		it('serves faults in order, `times` times, only to matching requests', async () => {
			emulator.injectFault({ kind: 'status', status: 503 }, { times: 2, filename: 'b.png' });
			expect((await post('/ocr/v1/stnk', { bytes: pngBytes(), name: 'a.png' })).status).toBe(200);
			expect((await post('/ocr/v1/stnk', { bytes: pngBytes(), name: 'b.png' })).status).toBe(503);
			expect((await post('/ocr/v1/stnk', { bytes: pngBytes(), name: 'b.png' })).status).toBe(503);
			expect((await post('/ocr/v1/stnk', { bytes: pngBytes(), name: 'b.png' })).status).toBe(200);
		});

		it('resets the connection mid-upload', async () => {
			emulator.injectFault({ kind: 'reset' });
			await expect(
				post('/ocr/v1/stnk', { bytes: pngBytes({ padTo: 2_000_000 }), name: 'big.png' }),
			).rejects.toThrow();
		});

		it.each<Fault>([{ kind: 'hang' }, { kind: 'drip', bytesPerSecond: 10 }])(
			'%p never completes in time',
			async (fault) => {
				emulator.injectFault(fault);
				await expect(
					post(
						'/ocr/v1/stnk',
						{ bytes: pngBytes(), name: 'a.png' },
						{},
						goodHeaders,
						AbortSignal.timeout(500),
					),
				).rejects.toThrow();
			},
		);
	});

	it('rate-limits above the configured requests per second', async () => {
		const limited = new GlairEmulator({ rateLimitPerSecond: 10 });
		await limited.start();
		try {
			const statuses = await Promise.all(
				Array.from({ length: 15 }, async () => {
					const form = new FormData();
					form.append('image', new Blob([pngBytes()]), 'a.png');
					const response = await fetch(`${limited.baseUrl}/ocr/v1/stnk`, {
						method: 'POST',
						body: form,
						headers: goodHeaders,
					});
					return [response.status, response.headers.get('retry-after')] as const;
				}),
			);
			expect(statuses.filter(([status]) => status === 200)).toHaveLength(10);
			expect(
				statuses.filter(([status, retryAfter]) => status === 429 && retryAfter === '1'),
			).toHaveLength(5);
		} finally {
			await limited.stop();
		}
	});
});
