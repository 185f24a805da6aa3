/**
 * GLAIR's cut-out images (face photo, signature) beside the input's own files, in every output
 * mode: no file is ever overwritten, and an image goes where its document goes.
 */
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { jpegBytes, pngBytes } from '../../tools/fixtures/documents';
import { SAMPLES, sample } from '../../tools/fixtures';
import { photoBase64, photoPng, signBase64, signPng } from '../fixtures/images';
import { useEngine } from './context';

const engine = useEngine();

/** A binary's bytes, whether n8n keeps it in memory (the default here) or not. */
const bytesOf = (binary: IBinaryData | undefined): Buffer =>
	Buffer.from(binary?.data ?? '', 'base64');

/** The scan a person uploaded: never equal to GLAIR's crops (8×8 and 16×8). */
const scan = (): Buffer => pngBytes({ width: 12, height: 12 });

const imageItems = (items: INodeExecutionData[] | undefined): INodeExecutionData[] =>
	(items ?? []).filter((item) => item.json.section === 'images');

/** Read KTP of one file held in the binary field `field`, e.g. as a form upload named it. */
const readKtp = async (field: string, parameters: Record<string, unknown>) =>
	await engine.run({
		typeVersion: 2,
		parameters: {
			resource: 'identityDocument',
			operation: 'readKtp',
			binaryPropertyName: field,
			...parameters,
		},
		documents: [
			{ files: { [field]: { bytes: scan(), fileName: 'ktp.png', mimeType: 'image/png' } } },
		],
	});

describe('no input file is overwritten by a GLAIR image', () => {
	it('a source in `photo` with Keep Source Document stays `photo`; the face crop is `photo_1`', async () => {
		const { items, error } = await readKtp('photo', { options: { keepSourceDocument: true } });
		expect(error).toBeUndefined();
		const binary = items?.[0].binary ?? {};
		expect(Object.keys(binary).sort()).toEqual(['photo', 'photo_1', 'signature']);
		expect(bytesOf(binary.photo)).toEqual(scan());
		expect(binary.photo).toMatchObject({ fileName: 'ktp.png', mimeType: 'image/png' });
		expect(bytesOf(binary.photo_1)).toEqual(photoPng());
		expect(bytesOf(binary.signature)).toEqual(signPng());
	});

	it('a source in `signature` stays `signature`; the signature crop is `signature_1` (Raw too)', async () => {
		for (const output of ['record', 'raw']) {
			const { items } = await readKtp('signature', {
				output,
				options: { keepSourceDocument: true },
			});
			const binary = items?.[0].binary ?? {};
			expect({ output, names: Object.keys(binary).sort() }).toEqual({
				output,
				names: ['photo', 'signature', 'signature_1'],
			});
			expect(bytesOf(binary.signature)).toEqual(scan());
			expect(bytesOf(binary.signature_1)).toEqual(signPng());
			expect(bytesOf(binary.photo)).toEqual(photoPng());
		}
	});

	it('without Keep Source Document the source is not on the item, so the crop keeps its name', async () => {
		const { items } = await readKtp('photo', {});
		expect(Object.keys(items?.[0].binary ?? {}).sort()).toEqual(['photo', 'signature']);
		expect(bytesOf(items?.[0].binary?.photo)).toEqual(photoPng());
	});

	it('one BPKB, a page per file: two pages that each send a photo give `photo` and `photo_1`', async () => {
		for (const [fileName, image] of [
			['bpkb-1.jpg', photoBase64()],
			['bpkb-2.jpg', signBase64()],
		]) {
			const body = { ...sample(SAMPLES.bpkb), images: { photo: image } };
			engine.emulator.injectFault({ kind: 'readOverride', body }, { filename: fileName });
		}
		const { items, error } = await engine.run({
			typeVersion: 2,
			parameters: {
				resource: 'vehicleDocument',
				operation: 'readBpkb',
				binaryPropertyName: 'attachment_0, attachment_1',
				options: { pagePerFile: true },
			},
			documents: [
				{
					files: {
						attachment_0: { bytes: jpegBytes(), fileName: 'bpkb-1.jpg' },
						attachment_1: { bytes: jpegBytes(), fileName: 'bpkb-2.jpg' },
					},
				},
			],
		});
		expect(error).toBeUndefined();
		const binary = items?.[0].binary ?? {};
		expect(Object.keys(binary)).toEqual(['photo', 'photo_1']);
		expect(bytesOf(binary.photo)).toEqual(photoPng());
		expect(bytesOf(binary.photo_1)).toEqual(signPng());
	});
});

describe('Fields: image items', () => {
	it('carry file_name, request_id and some_fields_invalid as the field items do', async () => {
		const { items } = await readKtp('data', { output: 'fields' });
		const field = (items ?? []).find((item) => item.json.field === 'nama');
		const images = imageItems(items);
		expect(images).toHaveLength(2);
		for (const image of images) {
			expect(image.json).toMatchObject({
				document: 'ktp',
				section: 'images',
				file_name: 'ktp.png',
				request_id: field?.json.request_id,
				some_fields_invalid: false,
			});
		}
		expect(field?.json.request_id).toEqual(expect.any(String));
	});

	it('carry binary_field when the item has several files', async () => {
		const { items } = await engine.run({
			typeVersion: 2,
			parameters: {
				resource: 'identityDocument',
				operation: 'readKtp',
				binaryPropertyName: '*',
				output: 'fields',
			},
			documents: [
				{
					files: {
						attachment_0: { bytes: scan(), fileName: 'a.png' },
						attachment_1: { bytes: scan(), fileName: 'b.png' },
					},
				},
			],
		});
		expect(
			imageItems(items).map((item) => [
				item.json.binary_field,
				item.json.file_name,
				item.json.field,
			]),
		).toEqual([
			['attachment_0', 'a.png', 'photo'],
			['attachment_0', 'a.png', 'signature'],
			['attachment_1', 'b.png', 'photo'],
			['attachment_1', 'b.png', 'signature'],
		]);
	});

	it('go to Needs Review with their document when any of its fields does', async () => {
		// The fixture's lowest confidence is 83.21: at 90 some fields are for review, at 50 none.
		const under = await readKtp('data', { output: 'fields', options: { minConfidence: 90 } });
		const [done, review] = under.outputs ?? [];
		expect(review.some((item) => item.json.section === 'ktp')).toBe(true);
		expect(imageItems(done)).toHaveLength(0);
		const images = imageItems(review);
		expect(images.map((item) => item.json.field)).toEqual(['photo', 'signature']);
		expect(images[0].json.review_reasons).toEqual(['the document has fields to review']);
		expect(bytesOf(images[0].binary?.photo)).toEqual(photoPng());

		const clean = await readKtp('data', { output: 'fields', options: { minConfidence: 50 } });
		const [cleanDone, cleanReview] = clean.outputs ?? [];
		expect(cleanReview).toHaveLength(0);
		expect(imageItems(cleanDone).map((item) => item.json.field)).toEqual(['photo', 'signature']);
		expect(imageItems(cleanDone)[0].json).not.toHaveProperty('review_reasons');
	});
});

describe('Table Rows: the document’s files ride on its first row', () => {
	it('Keep Source Document: the scan is on row 0 only', async () => {
		const { items } = await engine.run({
			typeVersion: 2,
			parameters: {
				resource: 'vehicleDocument',
				operation: 'readStnkWithTable',
				output: 'tableRows',
				options: { keepSourceDocument: true },
			},
			documents: [{ files: { data: { bytes: scan(), fileName: 'tax.png' } } }],
		});
		expect(items?.length).toBeGreaterThan(1);
		expect(Object.keys(items?.[0].binary ?? {})).toEqual(['data']);
		expect(bytesOf(items?.[0].binary?.data)).toEqual(scan());
		expect(items?.slice(1).every((item) => item.binary === undefined)).toBe(true);
	});

	it("GLAIR's images are on row 0, not dropped", async () => {
		// A KITAS answer with a list of rows, as a newer GLAIR version might add.
		const body = sample(SAMPLES.kitasKitap) as { read: Record<string, unknown> };
		body.read.visa_history = [
			{ permit: { value: 'ITAS', confidence: 90 } },
			{ permit: { value: 'ITAP', confidence: 91 } },
		];
		engine.emulator.injectFault({ kind: 'readOverride', body });
		const { items, error } = await engine.run({
			typeVersion: 2,
			parameters: {
				resource: 'otherDocument',
				operation: 'readOther',
				documentType: 'kitasKitap',
				output: 'tableRows',
			},
			documents: [{ files: { data: { bytes: scan(), fileName: 'kitas.png' } } }],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(Object.keys(items?.[0].binary ?? {}).sort()).toEqual(['photo', 'signature']);
		expect(bytesOf(items?.[0].binary?.photo)).toEqual(photoPng());
		expect(items?.[1].binary).toBeUndefined();
	});
});
