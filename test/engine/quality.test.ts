/** Review routing, normalised values, validation warnings and the source document, in n8n's engine. */
import { NodeHelpers, Workflow, type INodeParameters } from 'n8n-workflow';

import { GlairVision } from '../../nodes/GlairVision/GlairVision.node';
import { jpegBytes, notADocument, pngBytes } from '../../tools/fixtures/documents';
import { file, useEngine } from './context';

const engine = useEngine();

describe('review routing', () => {
	it('has one output by default and two ("Done", "Needs Review") with a minimum confidence', () => {
		const glair = new GlairVision();
		const outputsFor = (options: INodeParameters) => {
			const node = {
				id: 'g',
				name: 'GLAIR',
				type: 'glairVision',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { operation: 'readStnk', options },
			};
			const nodeTypes = {
				getByName: () => glair,
				getByNameAndVersion: () => glair,
				getKnownTypes: () => ({}),
			};
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			return NodeHelpers.getNodeOutputs(workflow, node, glair.description);
		};
		expect(outputsFor({})).toEqual(['main']);
		expect(outputsFor({ normalise: true })).toEqual(['main']);
		expect(outputsFor({ minConfidence: 70 })).toEqual([
			{ type: 'main', displayName: 'Done' },
			{ type: 'main', displayName: 'Needs Review' },
		]);
	});

	it('sends documents below the minimum confidence to "Needs Review", paired, with reasons', async () => {
		engine.emulator.injectFault(
			{
				kind: 'readOverride',
				read: { halaman_stnk: { nomor_registrasi: { value: 'KT 8180 YF', confidence: 55 } } },
			},
			{ filename: 'blurry.jpg' },
		);
		const { outputs, error } = await engine.run({
			parameters: { operation: 'readStnk', output: 'record', options: { minConfidence: 60 } },
			documents: [
				file(jpegBytes(), 'sharp.jpg'),
				file(jpegBytes(), 'blurry.jpg'),
				file(notADocument('png'), 'cat.png'),
			],
		});
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(2);
		const [done, review] = outputs ?? [];
		expect(done.map((item) => [item.json.file_name, item.pairedItem])).toEqual([
			['sharp.jpg', { item: 0 }],
		]);
		expect(done[0].json).not.toHaveProperty('review_reasons');
		expect(review.map((item) => [item.json.file_name, item.pairedItem])).toEqual([
			['blurry.jpg', { item: 1 }],
			['cat.png', { item: 2 }],
		]);
		expect(review[0].json.review_reasons).toEqual([
			'stnk_nomor_registrasi: confidence 55 is below 60',
		]);
		expect(review[1].json.review_reasons).toEqual([
			expect.stringMatching(/Some fields are invalid/),
		]);
	});

	it('routes single fields in Fields output, and error items stay on the first output', async () => {
		engine.emulator.injectFault({ kind: 'failedRead' }, { filename: 'bad.jpg' });
		const { outputs } = await engine.run({
			continueOnFail: true,
			parameters: { operation: 'readStnk', output: 'fields', options: { minConfidence: 80 } },
			documents: [file(jpegBytes(), 'stnk.jpg'), file(jpegBytes(), 'bad.jpg')],
		});
		const [done, review] = outputs ?? [];
		expect(review.map((item) => item.json.field)).toEqual(['nomor_pajak_tahunan']);
		expect(review[0].pairedItem).toEqual({ item: 0 });
		expect(done).toHaveLength(49 + 1);
		expect(done[done.length - 1]).toMatchObject({
			json: { error: expect.stringMatching(/status FAILED/) },
			pairedItem: { item: 1 },
		});
	});
});

describe('normalise and validate', () => {
	it('adds normalised columns and warnings to the record', async () => {
		engine.emulator.injectFault({
			kind: 'readOverride',
			read: {
				halaman_stnk: {
					nomor_registrasi: { value: 'KT8180YF', confidence: 90 },
					nomor_rangka: { value: 'MMBJNKL3OHH031552', confidence: 90 },
					berlaku_sampai: { value: '31-02-2022', value_original: '31 PEB 2022', confidence: 90 },
				},
			},
		});
		const { items } = await engine.run({
			parameters: {
				operation: 'readStnk',
				output: 'record',
				options: { normalise: true, validate: true },
			},
			documents: [file(jpegBytes(), 'stnk.jpg')],
		});
		expect(items?.[0].json).toMatchObject({
			stnk_nomor_registrasi: 'KT8180YF',
			stnk_nomor_registrasi_normalised: 'KT 8180 YF',
			stnk_berlaku_sampai_normalised: '',
			warning_count: 2,
			warnings: expect.stringMatching(
				/contains O, which a VIN never has.*date "31-02-2022" does not exist/,
			),
		});
	});
});

describe('keep source document', () => {
	it.each(['default', 'filesystem'] as const)(
		'passes the input binary on with Record items (%s mode)',
		async (binaryMode) => {
			const { items } = await engine.run({
				binaryMode,
				parameters: {
					operation: 'readStnk',
					binaryPropertyName: 'attachment_0',
					output: 'record',
					options: { keepSourceDocument: true },
				},
				documents: [
					{
						files: {
							attachment_0: { bytes: pngBytes(), fileName: 'stnk.png', mimeType: 'image/png' },
							other: { bytes: Buffer.from('x') },
						},
					},
				],
			});
			expect(Object.keys(items?.[0].binary ?? {})).toEqual(['attachment_0']);
			expect(items?.[0].binary?.attachment_0).toMatchObject({
				fileName: 'stnk.png',
				mimeType: 'image/png',
			});
		},
	);

	it('does not add the document to Fields items', async () => {
		const { items } = await engine.run({
			parameters: {
				operation: 'readStnk',
				output: 'fields',
				options: { keepSourceDocument: true },
			},
			documents: [file(pngBytes(), 'stnk.png')],
		});
		expect(items?.every((item) => item.binary === undefined)).toBe(true);
	});
});
