/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * A GLAIR Vision API emulator: a real HTTP server on 127.0.0.1 that is as strict as the
 * documented API (Basic auth + x-api-key, multipart with busboy, formats by content, BPKB
 * `page`, general-document `table`), answers every documented OCR path with a GLAIR-shaped
 * sample (tools/fixtures), records every request, and can be told to misbehave (faults) so
 * tests can prove the node copes.
 */
import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { NOT_A_DOCUMENT_MARKER } from '../fixtures/documents';
import { SAMPLES } from '../fixtures';
import { ANSWER_STYLES, type AnswerStyle } from '../fixtures/spellings';
import { varyByFile } from './vary';

export const EMULATOR_CREDENTIALS = {
	username: 'glair-user',
	password: 'glair-pass-S3cret!',
	apiKey: 'glair-api-key-K3y!',
} as const;

export interface EmulatorOptions {
	port?: number;
	host?: string;
	username?: string;
	password?: string;
	apiKey?: string;
	/** Delay before every answer, like OCR time. */
	latencyMs?: number;
	/** Requests allowed per second (sliding window); above it GLAIR answers 429. */
	rateLimitPerSecond?: number;
	/**
	 * Documents read at once at most: the rest wait their turn, first come first, so a read takes
	 * longer the more are in flight (a GLAIR that slows down instead of answering 429). None when unset.
	 */
	capacity?: number;
	/**
	 * Each request meets the rate limit up to this many ms after it arrives, at random: a real
	 * network, where requests reach GLAIR in other gaps than they left n8n in. None when unset.
	 */
	lateArrivalMs?: number;
	/** Called with one line per request (never with secrets). */
	log?: (line: string) => void;
	/**
	 * Answer the vehicle documents as one of GLAIR's SDKs or older docs spells them (camelCase
	 * sections, the flat STNK, …: tools/fixtures/spellings.ts); the documented spelling when unset.
	 */
	answerStyle?: AnswerStyle;
	/**
	 * Vary the plate and the owner's name by file (from its SHA-256, so a file always reads the
	 * same): the sandbox's scans then read differently. Off: every file reads as the sample.
	 */
	varyByDocument?: boolean;
}

/** The vehicle paths whose answers GLAIR's sources spell in several ways, by operation. */
const STYLED_PATHS: Readonly<Record<string, 'readStnk' | 'readStnkWithTable' | 'readBpkb'>> = {
	'/ocr/v1/stnk': 'readStnk',
	'/ocr/v1/stnk-with-table': 'readStnkWithTable',
	'/ocr/v1/bpkb': 'readBpkb',
};

export interface RecordedFile {
	field: string;
	filename: string;
	contentType: string;
	size: number;
	sha256: string;
	/** Hex of the first 16 bytes. */
	firstBytes: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	authorization?: { username: string; password: string };
	apiKey?: string;
	fields: Record<string, string>;
	files: RecordedFile[];
	response: { status: number; requestId: string };
	receivedAt: number;
	/** When the rate limit counted it (later than receivedAt with `lateArrivalMs`). */
	countedAt?: number;
	/** Every byte of the request body, for `slowRead` requests only. */
	rawBody?: Buffer;
	/** Set once the request body has ended or its connection closed. */
	bodyEnded?: 'complete' | 'cut';
	/** When the answer was sent. */
	answeredAt?: number;
}

export type Fault =
	| {
			kind: 'status';
			status: number;
			body?: unknown;
			rawBody?: string;
			headers?: Record<string, string>;
	  }
	| { kind: 'rateLimit'; retryAfter?: string }
	| { kind: 'html502' }
	| { kind: 'failedRead'; reason?: string }
	| { kind: 'someFieldsInvalid' }
	| { kind: 'malformedJson' }
	| { kind: 'emptyBody' }
	| { kind: 'reset' }
	| { kind: 'hang' }
	| { kind: 'drip'; bytesPerSecond?: number }
	/** Reads the upload at this pace and keeps the raw bytes it got in `RecordedRequest.rawBody`. */
	| { kind: 'slowRead'; bytesPerSecond: number }
	| { kind: 'delay'; ms: number }
	/** Answer normally once the test calls `releaseHeld()`. */
	| { kind: 'hold' }
	/** Answer SUCCESS with this `read`, or with `body` whole (status, reason, read, images…) if given. */
	| { kind: 'readOverride'; read?: unknown; body?: object };

export interface FaultMatch {
	times?: number;
	path?: string;
	filename?: string;
}

interface QueuedFault {
	fault: Fault;
	remaining: number;
	path?: string;
	filename?: string;
}

/** A GLAIR answer: `read` plus whatever top-level blocks the endpoint adds (images, qualities…). */
export interface SampleBody {
	status: string;
	reason: string;
	read: Record<string, unknown>;
	[block: string]: unknown;
}

type Polygon = number[][];

const box = (x: number, y: number, width: number, height = 48): Polygon => [
	[x, y],
	[x + width, y],
	[x + width, y + height],
	[x, y + height],
];

/** One extended field object, placed on row `row` of an imaginary page. */
const field = (value: string | number, row: number, x = 420) => ({
	confidence: 90 + ((row * 37) % 90) / 10,
	confidence_text: 97 + ((row * 53) % 29) / 10,
	value,
	value_original: String(value),
	polygon: box(x, 160 + row * 58, Math.max(40, String(value).length * 26)),
	page_index: 0,
});

/**
 * A SUCCESS answer for endpoints with no sample of their own: a few of the field names GLAIR's
 * API reference lists for them (glair-endpoints.md §6, kept outside this repository), as extended
 * objects with invented values.
 */
const generic = (values: Record<string, string | number>): SampleBody => ({
	status: 'SUCCESS',
	reason: 'File Successfully Read',
	read: Object.fromEntries(
		Object.entries(values).map(([name, value], row) => [name, field(value, row)]),
	),
});

/** /ocr/v1/qualities: one object per check, 0–1 confidences (DOCS "Blur" example layout). */
const qualityCheck = (check: string, value: boolean, confidence: number) => ({
	value,
	confidence,
	[`confidence_${check}`]: value ? confidence : Math.round((1 - confidence) * 1000) / 1000,
});

const QUALITIES_SAMPLE: SampleBody = {
	status: 'SUCCESS',
	reason: 'File Successfully Read',
	read: {
		blur: qualityCheck('blur', false, 0.982),
		bright: qualityCheck('bright', false, 0.961),
		crop: qualityCheck('crop', false, 0.944),
		dark: qualityCheck('dark', false, 0.993),
		flash: qualityCheck('flash', false, 0.975),
		photocopy: qualityCheck('photocopy', false, 0.912),
		screen: qualityCheck('screen', false, 0.987),
		document: { value: 'ktp', confidence: 0.996 },
	},
};

// Accepted formats (§4, the union of DOCS and PM); png/jpeg/pdf where no source shows them.
const IMAGES = ['png', 'jpeg'] as const;
const IMAGES_PDF = ['png', 'jpeg', 'pdf'] as const;
const IMAGES_TIFF_PDF = ['png', 'jpeg', 'tiff', 'pdf'] as const;

/** Every OCR path the node may call, with what GLAIR answers and the formats it takes. */
export const ENDPOINTS: Readonly<
	Record<string, { sample: SampleBody; formats: readonly string[] }>
> = {
	'/ocr/v1/stnk': { sample: SAMPLES.stnk, formats: IMAGES },
	'/ocr/v1/stnk-with-table': { sample: SAMPLES.stnkWithTable, formats: IMAGES },
	'/ocr/v1/bpkb': { sample: SAMPLES.bpkb, formats: IMAGES_TIFF_PDF },
	'/ocr/v1/ktp': { sample: SAMPLES.ktp, formats: IMAGES },
	'/ocr/v1/ktp/qualities': { sample: SAMPLES.ktpQualities, formats: IMAGES },
	'/ocr/v1/npwp': { sample: SAMPLES.npwp, formats: IMAGES_TIFF_PDF },
	'/ocr/v1/kk': { sample: SAMPLES.kk, formats: IMAGES },
	'/ocr/v1/sim': { sample: SAMPLES.sim, formats: IMAGES },
	'/ocr/v1/passport': { sample: SAMPLES.passport, formats: IMAGES },
	'/ocr/v1/plate': { sample: SAMPLES.plate, formats: IMAGES },
	'/ocr/v1/kitas-kitap': { sample: SAMPLES.kitasKitap, formats: IMAGES },
	'/ocr/v1/singapore-nric': { sample: SAMPLES.singaporeNric, formats: IMAGES },
	'/ocr/v1/general-document': { sample: SAMPLES.generalDocument, formats: IMAGES_TIFF_PDF },
	'/ocr/v1/invoice': { sample: SAMPLES.invoice, formats: IMAGES_PDF },
	'/ocr/v1/receipt': { sample: SAMPLES.receipt, formats: IMAGES_PDF },
	'/ocr/v1/bank-statement': { sample: SAMPLES.bankStatement, formats: IMAGES_PDF },
	'/ocr/v1/singapore-family-pass': {
		sample: generic({
			name: 'PRIYA DEVI RAMANATHAN',
			fin: 'G7654321L',
			card_type: 'DEPENDANT PASS',
			date_of_birth: '14-10-1990',
			sex: 'F',
			nationality: 'INDIAN',
			expiry_date: '30-06-2027',
		}),
		formats: IMAGES,
	},
	'/ocr/v1/singapore-work-permit': {
		sample: generic({
			work_permit_no: '0 12345678',
			fin: 'G8123456L',
			name: 'RAJU KUMAR SELVAM',
			employer: 'CONTOH ENGINEERING PTE LTD',
			occupation: 'CONSTRUCTION WORKER',
			sector: 'CONSTRUCTION',
			date_of_expiry: '12-03-2026',
		}),
		formats: IMAGES,
	},
	'/ocr/v1/skpr': {
		sample: generic({
			debit_account_request_type: 'new_request',
			complete_name: 'YULIANA KARTIKA SARI',
			id_card_number: '3578044911790006', // a woman born 09-11-1979
			act_for: 'individual',
			bank_name: 'BANK CONTOH INDONESIA',
			account_number: '5550012345',
			signing_date: '03-04-2024',
			signing_location: 'SURABAYA',
		}),
		formats: IMAGES_PDF,
	},
	'/ocr/v1/financial-statement': {
		// The sources disagree on the shape (§6.24); one flat field per key is NSDK-new's.
		sample: generic({
			assets: 1250000000,
			current_assets: 480000000,
			cash_and_cash_equivalents: 215000000,
			liabilities: 530000000,
			equities: 720000000,
		}),
		formats: IMAGES_TIFF_PDF,
	},
	'/ocr/v1/tax-invoice': {
		// DOCS type every tax-invoice field as a string, amounts included.
		sample: generic({
			nomor_faktur: '010.000-24.00000123',
			nama_pengusaha: 'PT SAMPEL SENTOSA ABADI',
			npwp_pengusaha: '01.234.567.8-413.000',
			nama_pembeli: 'CV CONTOH MAKMUR',
			dasar_pengenaan_pajak: '1000000',
			total_ppn: '110000',
			tanggal_faktur: '15-05-2024',
		}),
		formats: IMAGES_PDF,
	},
	'/ocr/v1/spk': {
		sample: generic({
			dealer_name: 'DEALER MOBIL CONTOH',
			spk_dealer_number: 'SPK/DMC/2024/0456',
			spk_date: '2024-04-02',
			automotive_brand: 'CONTOH MOTOR',
			automotive_model: 'CM-5 1.5 AT',
			buyer_name: 'AGUS PRASETYO',
		}),
		formats: IMAGES_PDF,
	},
	'/ocr/v1/bstk': {
		sample: generic({
			document_type: 'BASTK',
			document_number: 'BASTK/2024/0789',
			office_name: 'CONTOH FINANCE',
			vehicle_brand: 'CONTOH MOTOR',
			vehicle_license_number: 'B 1234 XYZ',
			handover_signature_date: '2024-05-20',
		}),
		formats: IMAGES_PDF,
	},
	'/ocr/v1/diploma': {
		sample: generic({
			student_name: 'NADIA KHAIRUNNISA',
			student_number: '1906123456',
			ijazah_number: 'UCI-2023-001234',
			institutions: 'UNIVERSITAS CONTOH INDONESIA',
			study_program: 'TEKNIK INFORMATIKA',
			graduate_date: '28-08-2023',
		}),
		formats: IMAGES_PDF,
	},
	'/ocr/v1/transcript': {
		sample: generic({
			student_name: 'NADIA KHAIRUNNISA',
			institution: 'UNIVERSITAS CONTOH INDONESIA',
			faculty: 'FAKULTAS ILMU KOMPUTER',
			major: 'TEKNIK INFORMATIKA',
			gpa: '3.62',
			education_level: 'S1',
		}),
		formats: IMAGES_PDF,
	},
	'/ocr/v1/phone-packaging': {
		sample: (() => {
			const body = generic({
				serial_number: 'CP12X0045821',
				brand: 'CONTOHPHONE',
				handphone_type: 'CP-12',
				memory: '8 GB',
				storage_size: '256 GB',
			});
			// `imei` is the one array: a field object per IMEI (dual SIM).
			body.read = {
				imei: [field('352094110528178', 5), field('352094110528186', 6)],
				...body.read,
			};
			return body;
		})(),
		formats: IMAGES_PDF,
	},
	'/ocr/v1/qualities': { sample: QUALITIES_SAMPLE, formats: IMAGES_PDF },
};

/**
 * What /ocr/v1/general-document adds when the form field `table` is "true". No source describes
 * the entries of `tables` (§6.13), so this layout (cells by row and column) is our guess.
 */
const GENERAL_DOCUMENT_TABLES = [
	{
		page_index: 0,
		polygon: box(140, 420, 1900, 160),
		cells: [
			['No', 'Uraian', 'Jumlah'],
			['1', 'Biaya administrasi', 'Rp 150.000'],
		].flatMap((cells, row) =>
			cells.map((value, column) => ({
				row_index: row,
				column_index: column,
				value,
				confidence: 96.5 - row - column / 2,
				polygon: box(140 + column * 640, 420 + row * 80, 620, 72),
			})),
		),
	},
];

const BPKB_PAGE_SECTIONS = [
	'identitas_pemilik',
	'identitas_kendaraan',
	'dokumen_registrasi_pertama',
	'halaman_terakhir',
];

const NO_FILE = { status: 'NO_FILE', reason: 'No file in request body' };
const INVALID_FORMAT = {
	status: 'FILE_INVALID_FORMAT',
	reason: 'Failed to process invalid file format. Please upload the correct file format',
};
// GLAIR does not document the answer to a bad `page`; a 400 in its usual shape is our reading.
const INVALID_PAGE = {
	status: 'FAILED',
	reason: 'Invalid page parameter. Page must be a number between 1 and 4',
};

/** GLAIR judges the upload by its bytes, as do we. */
export function formatOf(head: Buffer): string | undefined {
	if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
		return 'png';
	if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
	if (head.subarray(0, 4).equals(Buffer.from([0x49, 0x49, 0x2a, 0x00]))) return 'tiff';
	if (head.subarray(0, 4).equals(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))) return 'tiff';
	// Like PDF readers, the header may start anywhere in the first 1024 bytes.
	if (head.subarray(0, 1024 + '%PDF-'.length - 1).includes('%PDF-', 0, 'latin1')) return 'pdf';
	return undefined;
}

function parseBasicAuth(
	header: string | undefined,
): { username: string; password: string } | undefined {
	const match = /^Basic\s+(.+)$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A value of the same type with nothing in it: what GLAIR puts in a field it could not read. */
function blank(value: unknown): unknown {
	if (typeof value === 'string') return '';
	if (typeof value === 'number') return 0;
	if (typeof value === 'boolean') return false;
	if (value === null) return '';
	if (Array.isArray(value)) return value.map(blank);
	if (typeof value === 'object') return emptied(value as Record<string, unknown>);
	return value;
}

/**
 * Every field emptied, as GLAIR answers for an image that is not the document asked for. Works
 * on any read shape (sections, flat field objects, rows, bare strings): keys and row counts stay,
 * confidences become 0, polygons empty.
 */
function emptied(node: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(node).map(([key, value]) => {
			if (key === 'polygon' || key === 'polygon_text') return [key, []];
			if (key === 'page_index') return [key, value];
			if (key === 'value' || key === 'value_original') return [key, blank(value ?? '')];
			return [key, blank(value)];
		}),
	);
}

/** The "Some fields are invalid" answer built from a normal one: no crops, nothing read. */
function invalidFieldsAnswer(body: SampleBody): SampleBody {
	const answer: SampleBody = {
		...body,
		reason: 'File successfully read. Some fields are invalid.',
		read: emptied(body.read),
	};
	delete answer.images;
	// The image was not a KTP, and the flag blocks say so.
	for (const block of ['qualities', 'condition']) {
		const flags = answer[block];
		if (flags && typeof flags === 'object' && 'is_ktp' in flags) {
			answer[block] = { ...flags, is_ktp: false };
		}
	}
	return answer;
}

interface ParsedUpload {
	fields: Record<string, string>;
	files: Array<RecordedFile & { head: Buffer; containsMarker: boolean }>;
	notMultipart: boolean;
}

export class GlairEmulator {
	readonly requests: RecordedRequest[] = [];

	private readonly options: Required<
		Omit<
			EmulatorOptions,
			'log' | 'rateLimitPerSecond' | 'capacity' | 'lateArrivalMs' | 'answerStyle' | 'varyByDocument'
		>
	> &
		Pick<
			EmulatorOptions,
			'log' | 'rateLimitPerSecond' | 'capacity' | 'lateArrivalMs' | 'answerStyle' | 'varyByDocument'
		>;

	private server: Server | undefined;

	private url = '';

	private faults: QueuedFault[] = [];

	private readonly timers = new Set<NodeJS.Timeout>();

	private readonly sockets = new Set<Socket>();

	private recentRequests: number[] = [];

	private held: Array<() => void> = [];

	private inFlight = 0;

	/** The most requests this emulator was answering at the same time. */
	peakConcurrency = 0;

	/** Documents being read now (see `capacity`), and those waiting their turn. */
	private reading = 0;

	private readonly turns: Array<() => void> = [];

	/** The most documents this emulator was reading at the same time (at most `capacity`). */
	peakReading = 0;

	constructor(options: EmulatorOptions = {}) {
		this.options = {
			port: 0,
			host: '127.0.0.1',
			latencyMs: 0,
			...EMULATOR_CREDENTIALS,
			...options,
		};
	}

	get baseUrl(): string {
		return this.url;
	}

	/** The credentials this emulator accepts. */
	get credentials(): { username: string; password: string; apiKey: string } {
		const { username, password, apiKey } = this.options;
		return { username, password, apiKey };
	}

	async start(): Promise<string> {
		const server = createServer((request, response) => void this.handle(request, response));
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port, this.options.host, () => resolve());
		});
		this.server = server;
		const { port } = server.address() as AddressInfo;
		this.url = `http://${this.options.host}:${port}`;
		return this.url;
	}

	async stop(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.releaseHeld();
		for (const socket of this.sockets) socket.destroy();
		const server = this.server;
		this.server = undefined;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** Queue a fault for the next matching request(s), first in first out. */
	injectFault(fault: Fault, match: FaultMatch = {}): void {
		this.faults.push({
			fault,
			remaining: match.times ?? 1,
			path: match.path,
			filename: match.filename,
		});
	}

	clearFaults(): void {
		this.faults = [];
	}

	reset(): void {
		this.requests.length = 0;
		this.clearFaults();
		this.recentRequests = [];
		this.peakConcurrency = 0;
		this.peakReading = 0;
		this.options.answerStyle = undefined;
	}

	/**
	 * Changes the read time, the rate limit and the capacity from now on (a limit or capacity of 0
	 * or undefined: none).
	 */
	setPace(pace: { latencyMs: number; rateLimitPerSecond?: number; capacity?: number }): void {
		this.options.latencyMs = pace.latencyMs;
		this.options.rateLimitPerSecond = pace.rateLimitPerSecond || undefined;
		this.options.capacity = pace.capacity || undefined;
		this.recentRequests = [];
	}

	/** Answers the vehicle documents in `style` from now on (undefined: the documented spelling). */
	answerIn(style: AnswerStyle | undefined): void {
		this.options.answerStyle = style;
	}

	/** The answer as the chosen style spells it (the vehicle documents it shows), else as documented. */
	private styled(path: string, body: SampleBody): SampleBody {
		const style = this.options.answerStyle;
		const operation = STYLED_PATHS[path];
		if (!style || !operation) return body;
		const transform = (
			ANSWER_STYLES[style] as Partial<Record<typeof operation, (body: never) => SampleBody>>
		)[operation];
		return transform ? transform(JSON.parse(JSON.stringify(body)) as never) : body;
	}

	/** Requests waiting for `releaseHeld()`. */
	get heldCount(): number {
		return this.held.length;
	}

	/** Lets every request held by a `hold` fault be answered. */
	releaseHeld(): void {
		for (const release of this.held.splice(0)) release();
	}

	private takeFault(path: string, filename: string | undefined): Fault | undefined {
		const index = this.faults.findIndex(
			(queued) =>
				(!queued.path || queued.path === path) &&
				(!queued.filename || queued.filename === filename),
		);
		if (index < 0) return undefined;
		const queued = this.faults[index];
		queued.remaining -= 1;
		if (queued.remaining <= 0) this.faults.splice(index, 1);
		return queued.fault;
	}

	private wait(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	private overRateLimit(): boolean {
		const limit = this.options.rateLimitPerSecond;
		if (!limit) return false;
		const now = Date.now();
		this.recentRequests = this.recentRequests.filter((at) => now - at < 1000);
		if (this.recentRequests.length >= limit) return true;
		this.recentRequests.push(now);
		return false;
	}

	private parseUpload(request: IncomingMessage): Promise<ParsedUpload> {
		return new Promise((resolve) => {
			const upload: ParsedUpload = { fields: {}, files: [], notMultipart: false };
			let parser: busboy.Busboy;
			try {
				parser = busboy({ headers: request.headers });
			} catch {
				upload.notMultipart = true;
				request.resume();
				request.on('end', () => resolve(upload));
				request.on('error', () => resolve(upload));
				return;
			}
			parser.on('field', (name, value) => (upload.fields[name] = value));
			parser.on('file', (field, stream, info) => {
				const hash = createHash('sha256');
				const firstChunks: Buffer[] = [];
				let kept = 0;
				let size = 0;
				stream.on('data', (chunk: Buffer) => {
					hash.update(chunk);
					size += chunk.length;
					if (kept < 65536) {
						firstChunks.push(chunk.subarray(0, 65536 - kept));
						kept += Math.min(chunk.length, 65536 - kept);
					}
				});
				stream.on('end', () => {
					const head = Buffer.concat(firstChunks);
					upload.files.push({
						field,
						filename: info.filename ?? '',
						contentType: info.mimeType,
						size,
						sha256: hash.digest('hex'),
						firstBytes: head.subarray(0, 16).toString('hex'),
						head,
						containsMarker: head.includes(NOT_A_DOCUMENT_MARKER),
					});
				});
			});
			parser.on('close', () => resolve(upload));
			parser.on('error', () => resolve(upload));
			request.pipe(parser);
		});
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const requestId = randomUUID();
		const path = (request.url ?? '/').split('?')[0];
		const record: RecordedRequest = {
			method: request.method ?? '',
			path,
			headers: { ...request.headers },
			authorization: parseBasicAuth(request.headers.authorization),
			apiKey:
				typeof request.headers['x-api-key'] === 'string' ? request.headers['x-api-key'] : undefined,
			fields: {},
			files: [],
			response: { status: 0, requestId },
			receivedAt: Date.now(),
		};
		this.requests.push(record);
		response.setHeader('Request-Id', requestId);
		this.inFlight += 1;
		this.peakConcurrency = Math.max(this.peakConcurrency, this.inFlight);
		response.on('close', () => (this.inFlight -= 1));

		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			record.response.status = status;
			record.answeredAt = Date.now();
			this.options.log?.(`${record.method} ${path} -> ${status} (${requestId})`);
			if (response.destroyed) return;
			const text = typeof body === 'string' ? body : JSON.stringify(body);
			response.writeHead(status, { 'content-type': 'application/json', ...headers });
			response.end(text);
		};
		const drainThen = (status: number, body: unknown, headers?: Record<string, string>) => {
			request.resume();
			request.on('end', () => send(status, body, headers));
		};

		const endpoint = Object.hasOwn(ENDPOINTS, path) ? ENDPOINTS[path] : undefined;
		if (!endpoint) return drainThen(404, { message: 'Not Found' });
		if (request.method !== 'POST') return drainThen(405, { message: 'Method Not Allowed' });
		const { username, password, apiKey } = this.options;
		if (record.authorization?.username !== username || record.authorization.password !== password) {
			return drainThen(401, { message: 'Unauthorized' });
		}
		if (record.apiKey !== apiKey) return drainThen(403, { message: 'Forbidden' });
		if (this.options.lateArrivalMs) await this.wait(Math.random() * this.options.lateArrivalMs);
		record.countedAt = Date.now();
		if (this.overRateLimit())
			return drainThen(429, { message: 'Too Many Requests' }, { 'Retry-After': '1' });

		const nextFault = this.faults.find((queued) => !queued.path || queued.path === path);
		if (nextFault?.fault.kind === 'reset' && !nextFault.filename) {
			// Cut the connection mid-upload: after the first chunk of the body arrives.
			this.takeFault(path, undefined);
			record.response.status = -1;
			request.once('data', () => request.socket.destroy());
			request.once('end', () => request.socket.destroy());
			return;
		}

		if (nextFault?.fault.kind === 'slowRead' && !nextFault.filename) {
			this.takeFault(path, undefined);
			return await this.readSlowly(request, record, nextFault.fault.bytesPerSecond, () =>
				send(200, endpoint.sample),
			);
		}

		const upload = await this.parseUpload(request);
		record.fields = upload.fields;
		// What RecordedFile records; head and containsMarker are for the checks below only.
		record.files = upload.files.map(
			({ field, filename, contentType, size, sha256, firstBytes }) => ({
				field,
				filename,
				contentType,
				size,
				sha256,
				firstBytes,
			}),
		);
		const image = upload.files.find((file) => file.field === 'image');
		const fault = this.takeFault(path, image?.filename);
		if (fault) return this.applyFault(fault, request, response, record, send, endpoint.sample);

		if (upload.notMultipart || !image || image.size === 0 || !image.filename)
			return send(400, NO_FILE);
		const format = formatOf(image.head);
		if (!format || !endpoint.formats.includes(format)) return send(415, INVALID_FORMAT);

		// Nothing below changes the sample in place: answers are built as new objects.
		const body = endpoint.sample;
		let read = body.read;
		if (path === '/ocr/v1/bpkb' && 'page' in upload.fields) {
			const page = upload.fields.page.trim();
			if (!/^[1-4]$/.test(page)) return send(400, INVALID_PAGE);
			const section = BPKB_PAGE_SECTIONS[Number(page) - 1];
			read = { [section]: read[section] };
		}
		if (path === '/ocr/v1/general-document' && upload.fields.table === 'true') {
			read = { ...read, tables: GENERAL_DOCUMENT_TABLES };
		}
		await this.read();
		const styled = this.styled(path, { ...body, read });
		const answer = this.options.varyByDocument ? varyByFile(styled, image.sha256) : styled;
		if (image.containsMarker) return send(200, invalidFieldsAnswer(answer));
		return send(200, answer);
	}

	/** One document's read: `latencyMs`, once one of the `capacity` places is free. */
	private async read(): Promise<void> {
		const capacity = this.options.capacity;
		if (capacity && this.reading >= capacity) {
			await new Promise<void>((resolve) => this.turns.push(resolve));
		} else this.reading += 1;
		this.peakReading = Math.max(this.peakReading, this.reading);
		try {
			if (this.options.latencyMs > 0) await this.wait(this.options.latencyMs);
		} finally {
			// The place passes straight to the next in line, so `reading` stays as it is.
			const next = this.turns.shift();
			if (next) next();
			else this.reading -= 1;
		}
	}

	/** Takes the body no faster than `bytesPerSecond`, as a server on a slow link does: the client must wait to send more. */
	private async readSlowly(
		request: IncomingMessage,
		record: RecordedRequest,
		bytesPerSecond: number,
		answer: () => void,
	): Promise<void> {
		const chunks: Buffer[] = [];
		const started = Date.now();
		let received = 0;
		const ended = await new Promise<'complete' | 'cut'>((resolve) => {
			request.on('data', (chunk: Buffer) => {
				chunks.push(chunk);
				received += chunk.length;
				const aheadMs = (received / bytesPerSecond) * 1000 - (Date.now() - started);
				if (aheadMs > 0) {
					request.pause();
					void this.wait(aheadMs).then(() => request.resume());
				}
			});
			request.once('end', () => resolve('complete'));
			request.once('close', () => resolve('cut'));
		});
		record.rawBody = Buffer.concat(chunks);
		record.bodyEnded = ended;
		if (ended === 'complete') answer();
	}

	private async applyFault(
		fault: Fault,
		request: IncomingMessage,
		response: ServerResponse,
		record: RecordedRequest,
		send: (status: number, body: unknown, headers?: Record<string, string>) => void,
		sample: SampleBody,
	): Promise<void> {
		switch (fault.kind) {
			case 'status':
				return send(fault.status, fault.rawBody ?? fault.body ?? '', fault.headers);
			case 'rateLimit':
				return send(
					429,
					{ message: 'Too Many Requests' },
					fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter },
				);
			case 'html502':
				record.response.status = 502;
				response.writeHead(502, { 'content-type': 'text/html' });
				return void response.end(
					'<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
				);
			case 'failedRead':
				return send(200, {
					status: 'FAILED',
					reason: fault.reason ?? 'Failed to read the document',
				});
			case 'someFieldsInvalid':
				return send(200, invalidFieldsAnswer(sample));
			case 'malformedJson':
				return send(
					200,
					'{"status": "SUCCESS", "reason": "File Successfully Read", "read": {"halaman_stnk": {',
				);
			case 'emptyBody':
				return send(200, '');
			case 'readOverride':
				return send(
					200,
					fault.body ?? { status: 'SUCCESS', reason: 'File Successfully Read', read: fault.read },
				);
			case 'delay':
				await this.wait(fault.ms);
				return send(200, sample);
			case 'hold':
				await new Promise<void>((resolve) => this.held.push(resolve));
				return send(200, sample);
			case 'reset':
				record.response.status = -1;
				return void request.socket.destroy();
			case 'hang':
				record.response.status = -2;
				return; // the socket stays open until the client gives up or stop() runs
			case 'drip': {
				record.response.status = 200;
				const body = Buffer.from(JSON.stringify(sample));
				response.writeHead(200, {
					'content-type': 'application/json',
					'content-length': String(body.length),
				});
				const perTick = Math.max(1, Math.round((fault.bytesPerSecond ?? 20) / 10));
				for (let offset = 0; offset < body.length && !response.destroyed; offset += perTick) {
					response.write(body.subarray(offset, offset + perTick));
					await this.wait(100);
				}
				return void response.end();
			}
		}
	}
}
