import { ENDPOINTS, OTHER_DOCUMENTS, type EndpointSpec } from '../../nodes/GlairVision/catalogue';
import { interpretAnswer } from '../../nodes/GlairVision/response';

const answer = (
	statusCode: number,
	body: unknown,
	extra: { retryAfter?: string } = {},
	endpoint: EndpointSpec = ENDPOINTS.readStnk,
) =>
	interpretAnswer(
		{
			statusCode,
			body: typeof body === 'string' ? body : JSON.stringify(body),
			requestId: 'req-123',
			...extra,
		},
		endpoint,
	);

describe('interpretAnswer', () => {
	it('accepts a SUCCESS read and keeps the body untouched', () => {
		const body = {
			status: 'SUCCESS',
			reason: 'File Successfully Read',
			read: { halaman_stnk: {} },
			extra: 1,
		};
		const result = answer(200, body);
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(result.read.body).toEqual(body);
			expect(result.read.requestId).toBe('req-123');
			expect(result.read.sections).toEqual({ halaman_stnk: {} });
		}
	});

	it.each([
		[401, { message: 'Unauthorized' }, /Wrong username, password or API key.*401/],
		[403, { message: 'Forbidden' }, /Wrong username, password or API key.*403/],
		[400, { status: 'NO_FILE', reason: 'No file in request body' }, /no file.*NO_FILE/],
		[
			415,
			{ status: 'FILE_INVALID_FORMAT', reason: 'Failed to process invalid file format.' },
			/file format/,
		],
		[429, { message: 'Too Many Requests' }, /too many requests/],
		[500, 'Internal Server Error', /server problem \(HTTP 500\)/],
		[502, '<html><body>Bad Gateway</body></html>', /server problem \(HTTP 502\)/],
		[404, { message: 'Not Found' }, /HTTP 404/],
		[413, '', /too large/],
		[422, { status: 'WHATEVER', reason: 'odd' }, /rejected the request \(HTTP 422, WHATEVER\)/],
	])('HTTP %p becomes a clear problem', (status, body, message) => {
		const result = answer(status, body, { retryAfter: '3' });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problem.message).toMatch(message);
			expect(result.problem.httpCode).toBe(status);
			expect(result.problem.requestId).toBe('req-123');
			expect(result.problem.retryAfter).toBe('3');
			expect(result.problem.whatToDo.length).toBeGreaterThan(20);
		}
	});

	it.each([
		['', /empty answer/],
		['{"status": "SUCC', /not valid JSON/],
		['[1,2,3]', /not a read/],
		[
			JSON.stringify({ status: 'FAILED', reason: 'Blurry image' }),
			/could not read the document \(status FAILED\)/,
		],
		[JSON.stringify({ status: 'SUCCESS', reason: 'ok' }), /no read fields/],
		[JSON.stringify({ status: 'SUCCESS', reason: 'ok', read: [] }), /no read fields/],
		[JSON.stringify({ reason: 'no status', read: {} }), /without a read status/],
		[JSON.stringify({ status: 'NO_FILE', reason: 'No file in request body' }), /no file/],
	])('a 200 with body %p is a problem', (body, message) => {
		const result = answer(200, body);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem.message).toMatch(message);
	});

	it("passes GLAIR's reason on for FAILED reads", () => {
		const result = answer(200, { status: 'FAILED', reason: 'Blurry image' });
		expect(!result.ok && result.problem.whatToDo).toContain('Blurry image');
	});

	it.each([
		[
			200,
			{ status: 'NO_FILE', reason: 'No file in request body' },
			'GLAIR received no file (HTTP 200, NO_FILE)',
		],
		[
			200,
			{ status: 'PROCESSING', reason: 'Still working' },
			'GLAIR answered with status PROCESSING instead of a read (HTTP 200)',
		],
		[202, '', 'GLAIR sent an empty answer (HTTP 202 with no body)'],
		[201, 'not json', 'GLAIR sent an answer that is not valid JSON (HTTP 201)'],
		[206, { reason: 'no status', read: {} }, 'GLAIR answered without a read status (HTTP 206)'],
		[
			200,
			{ status: 'FILE_INVALID_FORMAT' },
			'GLAIR could not process the file format (HTTP 200, FILE_INVALID_FORMAT)',
		],
	])('reports the HTTP code GLAIR really sent: %p %p', (status, body, message) => {
		const result = answer(status, body);
		expect(!result.ok && result.problem.message).toBe(message);
		expect(!result.ok && result.problem.httpCode).toBe(status);
	});

	it.each(['success', 'Success', ' SUCCESS'.trim()])('accepts status %p as a read', (status) => {
		const result = answer(200, {
			status,
			reason: 'File Successfully Read',
			read: { halaman_stnk: {} },
		});
		expect(result.ok).toBe(true);
	});

	it.each(['failed', 'Failed'])('status %p is a failed read', (status) => {
		const result = answer(200, { status, reason: 'Blurry' });
		expect(!result.ok && result.problem.message).toMatch(/could not read the document/i);
	});

	it('a redirect names where it pointed and is never a read', () => {
		const result = interpretAnswer(
			{
				statusCode: 302,
				body: '',
				requestId: '',
				redirectTarget: 'https://login.example.com/sso',
			},
			ENDPOINTS.readStnk,
		);
		expect(!result.ok && result.problem.message).toBe(
			"GLAIR's address redirected the request to https://login.example.com/sso (HTTP 302)",
		);
		expect(!result.ok && result.problem.whatToDo).toMatch(
			/Base URL .* is probably wrong.*not followed/,
		);
	});
});

describe('answers that are not what they seem', () => {
	it.each([['[]'], ['"x"'], ['3'], ['null'], ['true']])(
		'a 200 whose JSON is not an object (%s) is "not a read", not "not valid JSON"',
		(body) => {
			const result = answer(200, body);
			expect(result.ok).toBe(false);
			if (!result.ok) {
				expect(result.problem.message).toMatch(/not a read/);
				expect(result.problem.message).not.toMatch(/not valid JSON/);
			}
		},
	);

	it('a 200 that does not parse is still "not valid JSON"', () => {
		const result = answer(200, '{"status": "SUC');
		expect(!result.ok && result.problem.message).toMatch(/not valid JSON/);
	});

	it.each([
		[ENDPOINTS.readStnk, /PNG or JPEG\b/, /TIFF|PDF/],
		[ENDPOINTS.readBpkb, /PNG, JPEG, TIFF or PDF/, /never/],
		[OTHER_DOCUMENTS.invoice, /PNG, JPEG or PDF/, /TIFF/],
	])('a 415 names the formats the operation takes (%#)', (endpoint, named, notNamed) => {
		const result = answer(415, { status: 'FILE_INVALID_FORMAT' }, {}, endpoint);
		expect(!result.ok && result.problem.whatToDo).toMatch(named);
		expect(!result.ok && result.problem.whatToDo).not.toMatch(notNamed);
		expect(!result.ok && result.problem.whatToDo).toContain(endpoint.label);
	});
});
