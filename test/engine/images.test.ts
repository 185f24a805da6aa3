/**
 * GLAIR's cut-out images (face photo, signature) beside the input's own files, in every output
 * mode: no file is ever overwritten, and an image goes where its document goes.
 */
import type { IBinaryData } from 'n8n-workflow';

import { jpegBytes, pngBytes } from '../fixtures/documents';
import { SAMPLES, sample } from '../fixtures';
import { photoBase64, photoPng, signBase64, signPng } from '../fixtures/images';
import { useEngine } from './context';

const engine = useEngine();

/** A binary's bytes, whether n8n keeps it in memory (the default here) or not. */
const bytesOf = (binary: IBinaryData | undefined): Buffer =>
	Buffer.from(binary?.data ?? '', 'base64');

/** The scan a person uploaded: never equal to GLAIR's crops (8×8 and 16×8). */
const scan = (): Buffer => pngBytes({ width: 12, height: 12 });

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
