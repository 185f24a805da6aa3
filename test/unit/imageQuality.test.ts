/** GLAIR's image checks in every output that carries them (issue 19, item 5). */
import { ENDPOINTS, OTHER_DOCUMENTS, type EndpointSpec } from '../../nodes/GlairVision/catalogue';
import { shapeRead, type OutputMode } from '../../nodes/GlairVision/output';
import { interpretAnswer, type GlairRead } from '../../nodes/GlairVision/response';
import { ENDPOINTS as GLAIR_PATHS } from '../../tools/emulator';
import { SAMPLES, sample } from '../../tools/fixtures';

/** A read as the node gets it from GLAIR's body, image-quality flags and all. */
function asRead(body: object, endpoint: EndpointSpec): GlairRead {
	const answer = interpretAnswer(
		{ statusCode: 200, body: JSON.stringify(body), requestId: 'r' },
		endpoint,
	);
	if (!answer.ok) throw new Error(answer.problem.message);
	return answer.read;
}

const shape = (mode: OutputMode, body: object, endpoint: EndpointSpec, minConfidence?: number) =>
	shapeRead(mode, asRead(body, endpoint), {
		endpoint,
		fileName: 'f.jpg',
		includeConfidence: false,
		quality: { normalise: false, validate: false, minConfidence },
	});

const COPY = 'GLAIR image check: the photo is of a copy, not the original';
const BLURRED = 'GLAIR image check: the photo is blurred';

describe("Read KTP with Check Image Quality: GLAIR's flags in Fields", () => {
	it('one item per flag, section qualities, and the set ones count for review', () => {
		const items = shape('fields', sample(SAMPLES.ktpQualities), ENDPOINTS.readKtp, 0);
		const flags = items.filter((item) => item.json.section === 'qualities');
		expect(flags.map((item) => [item.json.field, item.json.value])).toEqual(
			Object.entries(SAMPLES.ktpQualities.qualities),
		);
		expect(flags[0].json).toMatchObject({ document: 'ktp', file_name: 'f.jpg', request_id: 'r' });
		expect(
			flags.filter((item) => item.reviewReasons.length > 0).map((item) => item.json.field),
		).toEqual(['is_copy']);
		expect(flags.find((item) => item.json.field === 'is_copy')?.reviewReasons).toEqual([COPY]);
		expect(items.filter((item) => item.reviewReasons.length > 0)).toHaveLength(1);
	});

	it('an unset is_ktp is a reason; camelCase `condition` flags are snake_case fields', () => {
		const body = { ...sample(SAMPLES.ktp), condition: { isKtp: false, isBlurred: false } };
		const items = shape('fields', body, ENDPOINTS.readKtp, 0);
		const flags = items.filter((item) => item.json.section === 'qualities');
		expect(flags.map((item) => [item.json.field, item.reviewReasons])).toEqual([
			['is_ktp', ['GLAIR image check: the photo may not show a KTP']],
			['is_blurred', []],
		]);
	});

	it('no flag items without the check', () => {
		const items = shape('fields', sample(SAMPLES.ktp), ENDPOINTS.readKtp);
		expect(items.some((item) => item.json.section === 'qualities')).toBe(false);
	});
});

describe('Image Quality Check (Read Other): checks, not read text', () => {
	const checks = (set: Record<string, boolean> = {}) => {
		const body = sample(GLAIR_PATHS['/ocr/v1/qualities'].sample);
		for (const [check, value] of Object.entries(set)) {
			(body.read as Record<string, { value: unknown }>)[check].value = value;
		}
		return body;
	};
	const endpoint = OTHER_DOCUMENTS.qualities;

	it.each(['record', 'raw', 'fields'] as const)(
		'%s: 0–1 confidences are never held against Minimum Confidence',
		(mode) => {
			const items = shape(mode, checks(), endpoint, 60);
			expect(items.length).toBeGreaterThan(0);
			expect(items.flatMap((item) => item.reviewReasons)).toEqual([]);
		},
	);

	it.each(['record', 'raw'] as const)('%s: a check that is true is a reason, in words', (mode) => {
		const [item] = shape(mode, checks({ blur: true, photocopy: true }), endpoint, 60);
		expect(item.reviewReasons).toEqual([BLURRED, COPY]);
	});

	it('fields: the check that is true is the item that goes to review', () => {
		const items = shape('fields', checks({ blur: true }), endpoint, 60);
		expect(
			items.filter((item) => item.reviewReasons.length > 0).map((item) => item.json.field),
		).toEqual(['blur']);
		expect(items.find((item) => item.json.field === 'blur')?.reviewReasons).toEqual([BLURRED]);
	});

	it('every yes/no check has its words', () => {
		const all = { blur: true, bright: true, crop: true, dark: true, flash: true };
		const [item] = shape('record', checks({ ...all, photocopy: true, screen: true }), endpoint, 60);
		expect(item.reviewReasons).toEqual([
			BLURRED,
			'GLAIR image check: the photo is too bright',
			'GLAIR image check: the document is cropped',
			'GLAIR image check: the photo is too dark',
			'GLAIR image check: a flash glares on the document',
			COPY,
			'GLAIR image check: the photo was taken from a screen',
		]);
	});

	it('is known from the catalogue entry, not from the document type', () => {
		const renamed = { ...endpoint, document: 'photo_check' };
		const [item] = shape('record', checks({ dark: true }), renamed, 60);
		expect(item.reviewReasons).toEqual(['GLAIR image check: the photo is too dark']);
		const invoice = OTHER_DOCUMENTS.invoice;
		const [other] = shape('record', checks({ dark: true }), invoice, 60);
		expect(other.reviewReasons).toContain('dark: confidence 0.993 is below 60');
	});
});

describe('a FAILED read keeps GLAIR’s image check in the error', () => {
	const failed = (extra: object) =>
		interpretAnswer(
			{
				statusCode: 200,
				body: JSON.stringify({ status: 'FAILED', reason: 'Failed to read', ...extra }),
				requestId: 'r',
			},
			ENDPOINTS.readKtp,
		);

	it('names the flags that explain it', () => {
		const answer = failed({
			qualities: { is_blurred: true, is_copy: true, is_ktp: true, is_dark: false },
		});
		expect(answer.ok).toBe(false);
		if (answer.ok) return;
		expect(answer.problem.message).toMatch(/could not read the document \(status FAILED\)/);
		expect(answer.problem.whatToDo).toContain(
			"GLAIR's image check: the photo is blurred; the photo is of a copy, not the original.",
		);
		expect(answer.problem.whatToDo).toContain('GLAIR said: "Failed to read"');
	});

	it('reads the SDKs’ camelCase `condition` block too', () => {
		const answer = failed({ condition: { isKtp: false, isRotated: true } });
		expect(!answer.ok && answer.problem.whatToDo).toContain(
			"GLAIR's image check: the photo may not show a KTP; the document is rotated.",
		);
	});

	it('says nothing of it when no flag is set or none was sent', () => {
		const none = failed({ qualities: { is_blurred: false, is_ktp: true } });
		expect(!none.ok && none.problem.whatToDo).not.toContain('image check');
		const absent = failed({});
		expect(!absent.ok && absent.problem.whatToDo).not.toContain('image check');
	});
});
