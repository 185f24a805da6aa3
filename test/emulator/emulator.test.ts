import { ENDPOINTS, EMULATOR_CREDENTIALS, GlairEmulator, type Fault } from '../../tools/emulator';
import { ENDPOINTS as CATALOGUE, OTHER_DOCUMENTS } from '../../nodes/GlairVision/catalogue';
import { SAMPLES } from '../../tools/fixtures';
import {
	docxBytes,
	gifBytes,
	jpegBytes,
	notADocument,
	pdfBytes,
	pngBytes,
	tiffBytes,
} from '../../tools/fixtures/documents';
import { photoPng, signPng } from '../fixtures/images';

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
		expect((await post('/ocr/v1/ktp-card', { bytes: pngBytes() })).status).toBe(404);
		expect((await post('/ocr/v1/toString', { bytes: pngBytes() })).status).toBe(404);
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

	it('with lateArrivalMs, each request meets the rate limit up to that much after it arrives', async () => {
		const late = new GlairEmulator({ rateLimitPerSecond: 100, lateArrivalMs: 200 });
		await late.start();
		try {
			for (let index = 0; index < 10; index++) {
				const form = new FormData();
				form.append('image', new Blob([pngBytes()]), 'a.png');
				await fetch(`${late.baseUrl}/ocr/v1/stnk`, {
					method: 'POST',
					body: form,
					headers: goodHeaders,
				});
			}
			const lateBy = late.requests.map((request) => (request.countedAt ?? 0) - request.receivedAt);
			expect(Math.min(...lateBy)).toBeGreaterThanOrEqual(0);
			expect(Math.max(...lateBy)).toBeLessThanOrEqual(250);
			// Uniform over 200 ms: ten requests all within 20 ms of each other is one chance in 10^9.
			expect(Math.max(...lateBy) - Math.min(...lateBy)).toBeGreaterThan(20);
		} finally {
			await late.stop();
		}
	});

	it('reads at most `capacity` documents at once; the rest wait their turn, so reads take longer', async () => {
		emulator.setPace({ latencyMs: 100, capacity: 2 });
		try {
			const statuses = await Promise.all(
				Array.from({ length: 5 }, async (_, index) => {
					const { status } = await post('/ocr/v1/stnk', {
						bytes: pngBytes(),
						name: `${index}.png`,
					});
					return status;
				}),
			);
			expect(statuses).toEqual([200, 200, 200, 200, 200]);
			// All five were at the emulator together, but only two were read at a time.
			expect(emulator.peakConcurrency).toBe(5);
			expect(emulator.peakReading).toBe(2);
			// Three turns of 100 ms: the last answer comes two reads after the first ones.
			const answered = emulator.requests
				.map((request) => request.answeredAt ?? 0)
				.sort((a, b) => a - b);
			const firstIn = Math.min(...emulator.requests.map((request) => request.receivedAt));
			expect(answered[4] - firstIn).toBeGreaterThanOrEqual(290);
			expect(answered[0] - firstIn).toBeLessThan(answered[4] - firstIn - 150);
		} finally {
			emulator.setPace({ latencyMs: 0 });
		}
	});
});

const BYTES: Record<string, () => Buffer> = {
	png: pngBytes,
	jpeg: jpegBytes,
	tiff: tiffBytes,
	pdf: pdfBytes,
	gif: gifBytes,
	docx: docxBytes,
};
// Every path the node calls, as its catalogue names them; what each accepts is the emulator's own
// table (ENDPOINTS[path].formats), which catalogue.test.ts holds against the catalogue's.
const NODE_PATHS = [...Object.values(CATALOGUE), ...Object.values(OTHER_DOCUMENTS)].flatMap(
	(endpoint) => (endpoint.qualityPath ? [endpoint.path, endpoint.qualityPath] : [endpoint.path]),
);
/** The paths tested one by one: a path the emulator lacks fails 'knows exactly' alone. */
const SERVED_PATHS = NODE_PATHS.filter((path) => Object.hasOwn(ENDPOINTS, path));
/** Whether the emulator answers `path` with a fixture, not with a generic read of its own. */
const hasFixture = (path: string) =>
	(Object.values(SAMPLES) as object[]).includes(ENDPOINTS[path].sample);

const upload = (format: string) => ({
	bytes: BYTES[format](),
	name: `doc.${format}`,
	type: 'application/octet-stream',
});

/** Every leaf of an emptied read: '' or 0 or false, polygons empty. */
function leavesOf(value: unknown, key = ''): Array<[string, unknown]> {
	if (Array.isArray(value)) {
		if (key === 'polygon') return [[key, value]];
		return value.flatMap((item) => leavesOf(item, key));
	}
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([name, item]) => leavesOf(item, name));
	return [[key, value]];
}
const expectAllEmpty = (read: unknown) => {
	for (const [key, leaf] of leavesOf(read)) {
		// page_index says where a field sits, so it may stay
		if (key === 'polygon') expect(leaf).toEqual([]);
		else if (key !== 'page_index') expect(['', 0, false]).toContain(leaf);
	}
};
/** Same keys at every level, arrays of the same length; leaves and polygons blurred. */
const skeleton = (value: unknown, key = ''): unknown => {
	if (key === 'polygon') return [];
	if (Array.isArray(value)) return value.map((item) => skeleton(item));
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([name, item]) => [name, skeleton(item, name)]),
		);
	return '?';
};

describe('every GLAIR OCR path', () => {
	it('the emulator knows exactly the paths the node calls', () => {
		expect(Object.keys(ENDPOINTS).sort()).toEqual([...new Set(NODE_PATHS)].sort());
	});

	it.each(
		SERVED_PATHS.flatMap((path) =>
			ENDPOINTS[path].formats.map((format) => [path, format] as const),
		),
	)('%s reads a %s with its sample', async (path, format) => {
		const result = await post(path, upload(format));
		expect(result.status).toBe(200);
		expect(result.body).toEqual(ENDPOINTS[path].sample);
		expect(result.body).toMatchObject({ status: 'SUCCESS', reason: 'File Successfully Read' });
		expect(emulator.requests[0]).toMatchObject({
			path,
			files: [{ field: 'image', filename: `doc.${format}` }],
			response: { status: 200 },
		});
	});

	it.each(
		SERVED_PATHS.flatMap((path) =>
			Object.keys(BYTES)
				.filter((format) => !ENDPOINTS[path].formats.includes(format))
				.map((format) => [path, format] as const),
		),
	)('%s refuses a %s with 415', async (path, format) => {
		expect(await post(path, upload(format))).toMatchObject({
			status: 415,
			body: { status: 'FILE_INVALID_FORMAT' },
		});
	});

	it.each(SERVED_PATHS.filter((path) => !hasFixture(path)))(
		'%s answers a generic read of extended field objects',
		(path) => {
			const read = ENDPOINTS[path].sample.read;
			expect(Object.keys(read).length).toBeGreaterThanOrEqual(5);
			for (const value of Object.values(read).flat()) {
				expect(value).toEqual(
					path === '/ocr/v1/qualities'
						? expect.objectContaining({ value: expect.anything(), confidence: expect.any(Number) })
						: {
								confidence: expect.any(Number),
								confidence_text: expect.any(Number),
								value: expect.anything(),
								value_original: expect.any(String),
								polygon: expect.any(Array),
								page_index: 0,
							},
				);
			}
		},
	);

	it('refuses without credentials on the new paths too', async () => {
		expect((await post('/ocr/v1/ktp', upload('png'), {}, {})).status).toBe(401);
		expect(
			(await post('/ocr/v1/npwp', upload('png'), {}, { ...goodHeaders, 'x-api-key': 'no' })).status,
		).toBe(403);
		expect(await post('/ocr/v1/kk')).toMatchObject({ status: 400, body: { status: 'NO_FILE' } });
	});

	it('/ocr/v1/ktp/qualities adds the qualities block; /ocr/v1/ktp does not', async () => {
		const plain = await post('/ocr/v1/ktp', upload('jpeg'));
		const withQualities = await post('/ocr/v1/ktp/qualities', upload('jpeg'));
		expect(plain.body).not.toHaveProperty('qualities');
		expect(withQualities.body?.qualities).toEqual({
			is_blurred: false,
			is_bright: false,
			is_copy: true,
			is_cropped: false,
			is_dark: false,
			is_flash: false,
			is_ktp: true,
			is_rotated: false,
			is_taken_from_screen: false,
		});
		expect(withQualities.body?.read).toEqual(plain.body?.read);
		expect(withQualities.body?.images).toEqual(plain.body?.images);
	});

	describe('general document `table`', () => {
		it('adds `tables` when table=true, and records the field', async () => {
			const result = await post('/ocr/v1/general-document', upload('pdf'), { table: 'true' });
			const read = result.body?.read as { all_texts: unknown[]; tables: unknown[] };
			expect(read.all_texts).toEqual(SAMPLES.generalDocument.read.all_texts);
			expect(read.tables).toHaveLength(1);
			expect(read.tables[0]).toMatchObject({
				page_index: 0,
				cells: expect.arrayContaining([
					expect.objectContaining({ row_index: 0, column_index: 0, value: 'No' }),
				]),
			});
			expect(emulator.requests[0].fields).toEqual({ table: 'true' });
		});

		it.each<Record<string, string>>([{}, { table: 'false' }, { table: '' }])(
			'has no `tables` with %p',
			async (fields) => {
				const result = await post('/ocr/v1/general-document', upload('png'), fields);
				expect(result.body?.read).not.toHaveProperty('tables');
				expect(emulator.requests[0].fields).toEqual(fields);
			},
		);

		it('empties the tables too for an image that is not a document', async () => {
			const result = await post(
				'/ocr/v1/general-document',
				{ bytes: notADocument('png'), name: 'cat.png' },
				{ table: 'true' },
			);
			const read = result.body?.read as { tables: Array<{ cells: unknown[] }> };
			expect(read.tables[0].cells).toHaveLength(6);
			expectAllEmpty(read);
		});
	});

	describe('"Some fields are invalid" for every read shape', () => {
		const invalid = async (path: string) => {
			const result = await post(path, { bytes: notADocument('jpeg'), name: 'cat.jpg' });
			expect(result.status).toBe(200);
			expect(result.body).toMatchObject({
				status: 'SUCCESS',
				reason: 'File successfully read. Some fields are invalid.',
			});
			expect(result.body).not.toHaveProperty('images');
			return result.body as { read: Record<string, unknown> } & Record<string, unknown>;
		};

		it('flat field objects (KTP): every key kept, every value empty, no images', async () => {
			const { read } = await invalid('/ocr/v1/ktp');
			expect(Object.keys(read)).toEqual(Object.keys(SAMPLES.ktp.read));
			for (const field of Object.values(read)) {
				expect(field).toEqual({
					confidence: 0,
					confidence_text: 0,
					value: '',
					value_original: '',
					polygon: [],
					page_index: 0,
				});
			}
		});

		it('a table of rows (KK): header and every row emptied, rows kept', async () => {
			const { read } = await invalid('/ocr/v1/kk');
			const table = read.table as Array<Record<string, { value: string; confidence: number }>>;
			expect(table).toHaveLength(SAMPLES.kk.read.table.length);
			expect(Object.keys(table[0]).sort()).toEqual(Object.keys(SAMPLES.kk.read.table[0]).sort());
			expect(table[0].nama_lengkap).toMatchObject({ value: '', confidence: 0 });
			expect((read.nomor_kk as { value: string }).value).toBe('');
			expectAllEmpty(read);
		});

		it('plates: bare strings emptied', async () => {
			const { read } = await invalid('/ocr/v1/plate');
			expect(read).toEqual({ plates: [{ text: '' }, { text: '' }] });
		});

		it.each([
			['invoice', '/ocr/v1/invoice', SAMPLES.invoice],
			['receipt', '/ocr/v1/receipt', SAMPLES.receipt],
			['bank statement', '/ocr/v1/bank-statement', SAMPLES.bankStatement],
			['SIM', '/ocr/v1/sim', SAMPLES.sim],
			['NRIC', '/ocr/v1/singapore-nric', SAMPLES.singaporeNric],
			['NPWP (simple objects)', '/ocr/v1/npwp', SAMPLES.npwp],
			['KITAS (simple objects, images)', '/ocr/v1/kitas-kitap', SAMPLES.kitasKitap],
			['STNK with its tax table', '/ocr/v1/stnk-with-table', SAMPLES.stnkWithTable],
			['BPKB sections', '/ocr/v1/bpkb', SAMPLES.bpkb],
		])('%s: same shape, nothing read', async (_name, path, sample) => {
			const { read } = await invalid(path);
			expectAllEmpty(read);
			expect(skeleton(read)).toEqual(skeleton(sample.read));
		});

		it('numbers become 0, not ""', async () => {
			const { read } = await invalid('/ocr/v1/invoice');
			expect(read.invoice_total).toMatchObject({ value: 0, value_original: '' });
			expect((read.items as Array<{ item_quantity: unknown }>)[0].item_quantity).toMatchObject({
				value: 0,
			});
		});

		it('/ktp/qualities keeps its flags and says it was not a KTP', async () => {
			const body = await invalid('/ocr/v1/ktp/qualities');
			expect(body.qualities).toEqual({ ...SAMPLES.ktpQualities.qualities, is_ktp: false });
		});

		it('the someFieldsInvalid fault answers the same on a flat read', async () => {
			emulator.injectFault({ kind: 'someFieldsInvalid' });
			const faulted = await post('/ocr/v1/sim', upload('png'));
			const marked = await post('/ocr/v1/sim', { bytes: notADocument('png'), name: 'cat.png' });
			expect(faulted.body).toEqual(marked.body);
			expect((faulted.body?.read as { foto: { value: string } }).foto.value).toBe('');
		});
	});

	describe('readOverride', () => {
		it('sends `read` in a SUCCESS answer, as before', async () => {
			emulator.injectFault({ kind: 'readOverride', read: { nama: { value: 'X' } } });
			expect((await post('/ocr/v1/ktp', upload('png'))).body).toEqual({
				status: 'SUCCESS',
				reason: 'File Successfully Read',
				read: { nama: { value: 'X' } },
			});
		});

		it('sends `body` whole when given', async () => {
			const body = {
				status: 'SUCCESS',
				reason: 'File Successfully Read',
				read: { plates: 'not an array' },
				images: { photo: 42 },
				extra: [1, 2],
			};
			emulator.injectFault({ kind: 'readOverride', body }, { path: '/ocr/v1/plate' });
			expect((await post('/ocr/v1/plate', upload('jpeg'))).body).toEqual(body);
			expect((await post('/ocr/v1/plate', upload('jpeg'))).body).toEqual(SAMPLES.plate);
		});
	});
});

describe('the synthetic fixtures', () => {
	const decoded = (base64: string) => Buffer.from(base64, 'base64');

	it('carry real PNG crops made by test/fixtures/images.ts', () => {
		expect(decoded(SAMPLES.ktp.images.photo)).toEqual(photoPng());
		expect(decoded(SAMPLES.ktp.images.sign)).toEqual(signPng());
		expect(SAMPLES.ktpQualities.images).toEqual(SAMPLES.ktp.images);
		expect(decoded(SAMPLES.ktpSnake.read.foto.value)).toEqual(photoPng());
		expect(decoded(SAMPLES.ktpSnake.read.tanda_tangan.value)).toEqual(signPng());
		expect(decoded(SAMPLES.sim.read.foto.value)).toEqual(photoPng());
		expect(decoded(SAMPLES.sim.read.tanda_tangan.value)).toEqual(signPng());
		expect(decoded(SAMPLES.kitasKitap.images.photo)).toEqual(photoPng());
		expect(decoded(SAMPLES.kitasKitap.images.sign)).toEqual(signPng());
		expect(decoded(SAMPLES.singaporeNric.read.photo.value)).toEqual(photoPng());
	});

	// Digits 7–12 of a NIK are the birth date DDMMYY, with 40 added to the day for women.
	const nikDate = (birthDate: string, woman: boolean) => {
		const [day, month, year] = birthDate.split('-');
		return `${String(Number(day) + (woman ? 40 : 0)).padStart(2, '0')}${month}${year.slice(2)}`;
	};
	const expectPlausibleNik = (nik: string, birthDate: string, woman: boolean) => {
		expect(nik).toMatch(/^3[1-6]\d{14}$/);
		expect(nik.slice(6, 12)).toBe(nikDate(birthDate, woman));
	};

	it('have NIKs that match each person’s birth date and sex', () => {
		const ktp = SAMPLES.ktp.read;
		expectPlausibleNik(ktp.nik.value, ktp.tanggalLahir.value, true);
		expect([ktp.tanggalLahir.value, ktp.jenisKelamin.value]).toEqual(['23-05-1990', 'PEREMPUAN']);
		const snake = SAMPLES.ktpSnake.read;
		expectPlausibleNik(snake.nik.value, snake.tanggal_lahir.value, false);
		expect(snake.jenis_kelamin.value).toBe('LAKI-LAKI');
		for (const row of SAMPLES.kk.read.table) {
			expectPlausibleNik(
				row.nik.value,
				row.tanggal_lahir.value,
				row.jenis_kelamin.value === 'PEREMPUAN',
			);
		}
		expect(SAMPLES.kk.read.table[0].status_hubungan_dalam_keluarga.value).toBe('KEPALA KELUARGA');
	});

	it('date validity the node can check: one KTP expired, the SIM still valid', () => {
		expect(SAMPLES.ktp.read.berlakuHingga.value).toBe('SEUMUR HIDUP');
		expect(SAMPLES.ktpSnake.read.berlaku_hingga.value).toBe('12-08-2019');
		const [day, month, year] = SAMPLES.sim.read.berlaku.value.split('-').map(Number);
		expect(new Date(year, month - 1, day).getTime()).toBeGreaterThan(Date.now());
	});
});
