/**
 * Property-based: whatever GLAIR (or something pretending to be it) sends, the answer
 * interpreter and every output mode either shape what is there or report our own clear
 * problem; they never throw a TypeError, and records stay flat.
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { ENDPOINTS, type Operation } from '../../nodes/GlairVision/catalogue';
import { OUTPUT_MODES, shapeRead } from '../../nodes/GlairVision/output';
import type { QualityOptions } from '../../nodes/GlairVision/quality/review';
import { interpretAnswer } from '../../nodes/GlairVision/response';
import { SAMPLES } from '../../tools/fixtures';

const anyJson = fc.jsonValue({ maxDepth: 4 });

const documentedKeys = [
	...new Set(
		Object.values(ENDPOINTS).flatMap((endpoint) =>
			endpoint.sections.flatMap((section) => [
				section.key,
				...section.fields.map((field) => field.key),
			]),
		),
	),
	'table',
	'value',
	'value_original',
	'confidence',
	'confidence_text',
	'polygon',
	'page_index',
	'jenis_biaya',
	'pokok',
	'jumlah',
];

/** JSON biased towards GLAIR's own keys, so the generator reaches deep into the shaping code. */
const glairLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	node: fc.oneof(
		{ depthSize: 'small' },
		anyJson,
		fc.dictionary(fc.constantFrom(...documentedKeys), tie('node'), { maxKeys: 8 }),
		fc.array(tie('node'), { maxLength: 6 }),
		fc.array(fc.tuple(fc.integer(), fc.integer()), { maxLength: 500 }),
	),
})).node;

/** A sample response with one spot replaced by arbitrary data. */
const mutatedSample = fc
	.tuple(
		fc.constantFrom(SAMPLES.stnk, SAMPLES.stnkWithTable, SAMPLES.bpkb),
		fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
		glairLike,
	)
	.map(([sample, path, replacement]) => {
		const copy = JSON.parse(JSON.stringify(sample)) as IDataObject;
		let target: unknown = copy;
		for (const step of path.slice(0, -1)) {
			if (typeof target !== 'object' || target === null) break;
			const keys = Object.keys(target);
			if (keys.length === 0) break;
			target = (target as Record<string, unknown>)[keys[step % keys.length]];
		}
		if (typeof target === 'object' && target !== null) {
			const keys = Object.keys(target);
			const key = keys.length ? keys[path[path.length - 1] % keys.length] : 'extra';
			(target as Record<string, unknown>)[key] = replacement;
		}
		return copy;
	});

const bodies = fc.oneof(
	mutatedSample.map((body) => JSON.stringify(body)),
	glairLike.map((value) => JSON.stringify(value)),
	fc
		.record({ status: fc.constant('SUCCESS'), reason: fc.string(), read: glairLike })
		.map((body) => JSON.stringify(body)),
	fc.string(),
);

const quality: fc.Arbitrary<QualityOptions> = fc.record({
	normalise: fc.boolean(),
	validate: fc.boolean(),
	minConfidence: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
});

const isFlat = (record: IDataObject) =>
	Object.values(record).every((value) => value === null || typeof value !== 'object');

describe('robustness against any response body', () => {
	it('interpretAnswer never throws and always explains a refusal', () => {
		fc.assert(
			fc.property(fc.integer({ min: 100, max: 599 }), bodies, (statusCode, body) => {
				const answer = interpretAnswer({ statusCode, body, requestId: 'r' }, ENDPOINTS.readStnk);
				if (!answer.ok) {
					expect(answer.problem.message.length).toBeGreaterThan(10);
					expect(answer.problem.whatToDo.length).toBeGreaterThan(10);
				}
			}),
			{ numRuns: 2000 },
		);
	});

	it('every output mode shapes any accepted read without throwing; records stay flat', () => {
		const operations = Object.keys(ENDPOINTS) as Operation[];
		fc.assert(
			fc.property(
				bodies,
				fc.constantFrom(...operations),
				fc.boolean(),
				quality,
				(body, operation, includeConfidence, qualityOptions) => {
					const endpoint = ENDPOINTS[operation];
					const answer = interpretAnswer({ statusCode: 200, body, requestId: 'r' }, endpoint);
					if (!answer.ok) return;
					for (const mode of OUTPUT_MODES) {
						const shaped = shapeRead(mode, answer.read, {
							endpoint,
							fileName: 'f.jpg',
							includeConfidence,
							quality: qualityOptions,
						});
						expect(
							shaped.every((item) =>
								item.reviewReasons.every((reason) => typeof reason === 'string'),
							),
						).toBe(true);
						const items = shaped.map((item) => item.json);
						expect(Array.isArray(items)).toBe(true);
						if (mode === 'record') expect(isFlat(items[0])).toBe(true);
						if (mode === 'tableRows') expect(items.every(isFlat)).toBe(true);
						if (mode === 'raw') expect(items[0]).toBe(answer.read.body);
					}
				},
			),
			{ numRuns: 1500 },
		);
	});

	it('unknown sections and fields from a newer GLAIR pass through raw and fields', () => {
		fc.assert(
			fc.property(
				fc
					.string({ minLength: 1, maxLength: 12 })
					.filter((key) => !documentedKeys.includes(key) && key !== '__proto__'),
				fc.string(),
				(newField, value) => {
					const body = JSON.parse(JSON.stringify(SAMPLES.bpkb)) as {
						read: Record<string, Record<string, unknown>>;
					};
					body.read.identitas_kendaraan[newField] = { value, confidence: 50 };
					const answer = interpretAnswer(
						{ statusCode: 200, body: JSON.stringify(body), requestId: 'r' },
						ENDPOINTS.readBpkb,
					);
					if (!answer.ok) throw new Error(answer.problem.message);
					const context = {
						endpoint: ENDPOINTS.readBpkb,
						fileName: 'f.pdf',
						includeConfidence: false,
						quality: { normalise: true, validate: true },
					};
					const fields = shapeRead('fields', answer.read, context).map((item) => item.json);
					expect(fields.find((item) => item.field === newField)).toMatchObject({
						section: 'identitas_kendaraan',
						value,
						value_normalised: null,
						warnings: [],
					});
					expect(shapeRead('raw', answer.read, context)[0].json).toEqual(body);
				},
			),
			{ numRuns: 300 },
		);
	});
});
