/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * End to end in a real n8n installed from the npm registry (1.x on Node 20, 2.x on Node 24),
 * with the packed package installed as a community package, against the GLAIR emulator.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GlairEmulator } from '../../tools/emulator';
import { jpegBytes, pdfBytes, pngBytes } from '../../tools/fixtures/documents';
import { prepareExample } from '../../tools/n8n/examples';
import { photoPng } from '../fixtures/images';
import {
	LocalN8n,
	outputItems,
	packPackage,
	type ExecuteResult,
	type Flavour,
	type RunItem,
} from '../../tools/n8n';
import {
	CREDENTIAL_ID,
	filesAsOneItemToGlair,
	filesToGlair,
	glairCredential,
} from '../../tools/n8n/workflows';
import { SAMPLES, sample } from '../../tools/fixtures';
import { SPELLING_VARIANTS } from '../../tools/fixtures/spellings';

const FLAVOURS: Flavour[] = (process.env.GLAIR_E2E_FLAVOURS ?? 'v1,v2').split(',') as Flavour[];

const itemsOf = (result: ExecuteResult, node: string, output = 0): RunItem[] => {
	if (!result.runData)
		throw new Error(
			`no run data (exit ${result.exitCode}):\n${result.stderr.slice(0, 2000)}\n${result.stdout.slice(0, 2000)}`,
		);
	return outputItems(result.runData, node, output);
};

/** Steps that need a Google account become No Operation nodes, so the examples run here. */
const OUTSIDE_ACCOUNTS = ['n8n-nodes-base.googleSheets'];

const PASTED = { id: 'glairE2ePasted01', name: 'GLAIR pasted' };
const TYPOGRAPHIC = { id: 'glairE2eTypogr01', name: 'GLAIR typographic' };

/** Every output mode of the version-2 documents, as node name, resource, operation and output. */
const EVERY_OUTPUT = (
	[
		['NPWP', 'identityDocument', 'readNpwp', ['raw', 'fields']],
		['KK', 'identityDocument', 'readKk', ['record', 'raw', 'fields']],
		['SIM', 'identityDocument', 'readSim', ['raw', 'fields']],
		['Passport', 'identityDocument', 'readPassport', ['raw', 'fields']],
		['Plates', 'vehicleDocument', 'readLicensePlate', ['record', 'raw']],
		['Invoice', 'otherDocument', 'readOther', ['record', 'raw', 'fields']],
	] as const
).flatMap(([document, resource, operation, outputs]) =>
	outputs.map((output) => [`${document} ${output}`, resource, operation, output] as const),
);

describe.each(FLAVOURS)('real n8n %s', (flavour) => {
	const emulator = new GlairEmulator();
	const dataFolder = mkdtempSync(join(tmpdir(), 'glair-e2e-data-'));
	let n8n: LocalN8n;
	// Another origin a redirect may point to: it records whatever reaches it.
	const elsewhere: IncomingHttpHeaders[] = [];
	const recorder = createServer((request, response) => {
		elsewhere.push(request.headers);
		request.resume();
		request.on('end', () =>
			response.end(JSON.stringify({ status: 'SUCCESS', reason: 'ok', read: { halaman_stnk: {} } })),
		);
	});
	let recorderUrl = '';

	const folder = (name: string, files: Record<string, Buffer>) => {
		const path = join(dataFolder, name);
		mkdirSync(path, { recursive: true });
		for (const [fileName, bytes] of Object.entries(files))
			writeFileSync(join(path, fileName), bytes);
		return `${path}/*.*`;
	};

	beforeAll(async () => {
		const baseUrl = await emulator.start();
		await new Promise<void>((listening) => recorder.listen(0, '127.0.0.1', () => listening()));
		recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
		n8n = LocalN8n.create(flavour, { dataFolder });
		await n8n.installCommunityPackage(await packPackage());
		const { username, password, apiKey } = emulator.credentials;
		await n8n.importCredentials([
			glairCredential(baseUrl, emulator.credentials),
			{
				...PASTED,
				type: 'glairVisionApi',
				data: {
					username: ` ${username}`,
					password: `${password}\n`,
					apiKey: `  ${apiKey}\r\n`,
					baseUrl,
				},
			},
			{
				...TYPOGRAPHIC,
				type: 'glairVisionApi',
				data: { username, password, apiKey: `${apiKey}\u201d`, baseUrl },
			},
		]);
		await n8n.importWorkflow(
			filesToGlair(
				'glairE2eStnk0001',
				folder('stnk', { 'stnk-a.jpg': jpegBytes(), 'stnk-b.png': pngBytes() }),
				[
					{ name: 'Record', parameters: { operation: 'readStnk', output: 'record' } },
					{ name: 'Raw', parameters: { operation: 'readStnk', output: 'raw' } },
					{ name: 'Fields', parameters: { operation: 'readStnk', output: 'fields' } },
				],
			),
		);
		await n8n.importWorkflow(
			filesToGlair('glairE2eTable001', folder('table', { 'stnk-tax.jpg': jpegBytes() }), [
				{ name: 'Record', parameters: { operation: 'readStnkWithTable', output: 'record' } },
				{ name: 'Raw', parameters: { operation: 'readStnkWithTable', output: 'raw' } },
				{ name: 'Fields', parameters: { operation: 'readStnkWithTable', output: 'fields' } },
				{ name: 'Rows', parameters: { operation: 'readStnkWithTable', output: 'tableRows' } },
			]),
		);
		await n8n.importWorkflow(
			filesToGlair('glairE2eBpkb0001', folder('bpkb', { 'bpkb-scan.pdf': pdfBytes() }), [
				{ name: 'Record', parameters: { operation: 'readBpkb', output: 'record' } },
				{ name: 'Raw', parameters: { operation: 'readBpkb', output: 'raw' } },
				{ name: 'Fields', parameters: { operation: 'readBpkb', output: 'fields' } },
				{ name: 'Page 2', parameters: { operation: 'readBpkb', page: '2', output: 'record' } },
			]),
		);
		const errorFiles = folder('errors', { 'a-good.png': pngBytes(), 'b-blurry.png': pngBytes() });
		await n8n.importWorkflow(
			filesToGlair('glairE2eCofOn001', errorFiles, [
				{
					name: 'Read',
					parameters: { operation: 'readStnk', output: 'record' },
					continueOnFail: true,
				},
			]),
		);
		await n8n.importWorkflow(
			filesToGlair('glairE2eCofOff01', errorFiles, [
				{ name: 'Read', parameters: { operation: 'readStnk', output: 'record' } },
			]),
		);
		await n8n.importWorkflow(
			filesToGlair(
				'glairE2eReview01',
				folder('review', { 'sharp.jpg': jpegBytes(), 'blurry.jpg': jpegBytes() }),
				[
					{
						name: 'Read',
						parameters: {
							operation: 'readStnk',
							output: 'record',
							options: {
								minConfidence: 60,
								normalise: true,
								validate: true,
								keepSourceDocument: true,
							},
						},
					},
				],
			),
		);
		const threeFiles = folder('three', {
			'a-good.png': pngBytes(),
			'b-blurry.png': pngBytes(),
			'c-good.png': pngBytes(),
		});
		await n8n.importWorkflow(
			filesToGlair('glairE2eErrOut01', threeFiles, [
				{
					name: 'Read',
					parameters: { operation: 'readStnk', output: 'record' },
					onError: 'continueErrorOutput',
				},
				{
					name: 'Review',
					parameters: { operation: 'readStnk', output: 'record', options: { minConfidence: 60 } },
					onError: 'continueErrorOutput',
				},
			]),
		);
		const oneFile = folder('one', { 'a.png': pngBytes() });
		await n8n.importWorkflow([
			filesToGlair('glairE2eRedir001', oneFile, [
				{ name: 'Read', parameters: { operation: 'readStnk' } },
			]),
			filesToGlair('glairE2ePasted01', oneFile, [
				{ name: 'Read', parameters: { operation: 'readStnk' }, credential: PASTED },
			]),
			filesToGlair('glairE2eTypogr01', oneFile, [
				{ name: 'Read', parameters: { operation: 'readStnk' }, credential: TYPOGRAPHIC },
			]),
		]);
		const v2 = (name: string, parameters: Record<string, unknown>) => ({
			name,
			parameters,
			typeVersion: 2,
		});
		await n8n.importWorkflow(
			filesToGlair('glairE2eIdentity', folder('identity', { 'doc.png': pngBytes() }), [
				v2('KTP', {
					resource: 'identityDocument',
					operation: 'readKtp',
					output: 'record',
					options: { validate: true },
				}),
				v2('KTP raw', { resource: 'identityDocument', operation: 'readKtp', output: 'raw' }),
				v2('KTP fields', { resource: 'identityDocument', operation: 'readKtp', output: 'fields' }),
				v2('NPWP', { resource: 'identityDocument', operation: 'readNpwp', output: 'record' }),
				v2('KK rows', { resource: 'identityDocument', operation: 'readKk', output: 'tableRows' }),
				v2('SIM', { resource: 'identityDocument', operation: 'readSim', output: 'record' }),
				v2('Passport', {
					resource: 'identityDocument',
					operation: 'readPassport',
					output: 'record',
				}),
				v2('Plates', {
					resource: 'vehicleDocument',
					operation: 'readLicensePlate',
					output: 'tableRows',
				}),
				v2('Invoice rows', {
					resource: 'otherDocument',
					operation: 'readOther',
					documentType: 'invoice',
					output: 'tableRows',
				}),
				...EVERY_OUTPUT.map(([name, resource, operation, output]) =>
					v2(name, { resource, operation, output, documentType: 'invoice' }),
				),
			]),
		);
		const pages = folder(
			'pages',
			Object.fromEntries([1, 2, 3, 4].map((page) => [`bpkb-${page}.jpg`, jpegBytes()])),
		);
		await n8n.importWorkflow(
			filesAsOneItemToGlair('glairE2eFiles001', pages, [
				v2('BPKB', {
					resource: 'vehicleDocument',
					operation: 'readBpkb',
					binaryPropertyName: '*',
					output: 'record',
					options: { pagePerFile: true },
				}),
				v2('Each file', {
					resource: 'vehicleDocument',
					operation: 'readStnk',
					binaryPropertyName: 'data, data_1',
					output: 'record',
				}),
			]),
		);
		const vehicle = (name: string, operation: string, output: string) =>
			v2(name, { resource: 'vehicleDocument', operation, output });
		await n8n.importWorkflow(
			filesToGlair('glairE2eSpell001', folder('spellings', { 'scan.jpg': jpegBytes() }), [
				vehicle('STNK record', 'readStnk', 'record'),
				vehicle('STNK fields', 'readStnk', 'fields'),
				vehicle('Table record', 'readStnkWithTable', 'record'),
				vehicle('Table rows', 'readStnkWithTable', 'tableRows'),
				vehicle('BPKB record', 'readBpkb', 'record'),
				vehicle('BPKB fields', 'readBpkb', 'fields'),
			]),
		);
		// A form upload whose file field is named `photo`, as Keep Source Document passes it on.
		const photoUpload = filesToGlair(
			'glairE2ePhoto001',
			folder('photo-upload', { 'applicant.jpg': jpegBytes() }),
			[
				v2('KTP', {
					resource: 'identityDocument',
					operation: 'readKtp',
					binaryPropertyName: 'photo',
					output: 'record',
					options: { keepSourceDocument: true },
				}),
				v2('KITAS', {
					resource: 'otherDocument',
					operation: 'readOther',
					documentType: 'kitasKitap',
					binaryPropertyName: 'photo',
					output: 'record',
				}),
			],
		);
		const readFiles = photoUpload.nodes.find((node) => node.name === 'Read Files') as {
			parameters: { options: Record<string, unknown> };
		};
		readFiles.parameters.options = { dataPropertyName: 'photo' };
		await n8n.importWorkflow(photoUpload);
		const exampleOptions = {
			credential: { id: CREDENTIAL_ID, name: 'GLAIR e2e' },
			dataFolder,
			replaceTypes: OUTSIDE_ACCOUNTS,
		};
		await n8n.importWorkflow([
			prepareExample('1-stnk-folder-to-sheets.json', { id: 'glairExample0001', ...exampleOptions })
				.workflow,
			prepareExample('3-stnk-tax-summary.json', { id: 'glairExample0003', ...exampleOptions })
				.workflow,
			prepareExample('5-financing-application.json', {
				id: 'glairExample0005',
				...exampleOptions,
				replaceTypes: [...OUTSIDE_ACCOUNTS, 'n8n-nodes-base.emailSend'],
				filesInsteadOfEmail: folder('application', {
					'1-ktp.png': pngBytes(),
					'2-stnk.jpg': jpegBytes(),
					'3-bpkb.pdf': pdfBytes(),
				}),
			}).workflow,
			// Saved with version 0.1.0 of the package (node version 1, no resources): it must run unchanged.
			prepareExample('1-stnk-folder-to-sheets-0.1.0.json', {
				id: 'glairSavedV1Wf01',
				...exampleOptions,
				directory: join(__dirname, 'saved'),
			}).workflow,
		]);
	});

	afterAll(async () => {
		await emulator.stop();
		await new Promise((closed) => recorder.close(closed));
	});

	beforeEach(() => {
		emulator.reset();
		elsewhere.length = 0;
	});

	it('a Base URL that redirects elsewhere: a clear error, and nothing (no API key) reaches the other origin', async () => {
		emulator.injectFault({
			kind: 'status',
			status: 307,
			body: '',
			headers: { Location: `${recorderUrl}/ocr/v1/stnk` },
		});
		const result = await n8n.executeWorkflow('glairE2eRedir001');
		expect(result.exitCode).not.toBe(0);
		const output = `${result.stdout}\n${result.stderr}`;
		expect(output).toContain(
			`GLAIR's address redirected the request to ${recorderUrl}/ocr/v1/stnk (HTTP 307) on item 0 (a.png)`,
		);
		expect(elsewhere).toEqual([]);
		expect(emulator.requests).toHaveLength(1);
		expect(output).not.toContain(emulator.credentials.apiKey);
	});

	it('On Error "Continue (using error output)": the failed document goes to the error output, the others to Done / Needs Review', async () => {
		emulator.injectFault(
			{ kind: 'failedRead', reason: 'Image too blurry' },
			{ filename: 'b-blurry.png', times: 2 },
		);
		emulator.injectFault(
			{
				kind: 'readOverride',
				read: { halaman_stnk: { nomor_registrasi: { value: 'KT 8180 YF', confidence: 30 } } },
			},
			{ filename: 'c-good.png', path: '/ocr/v1/stnk', times: 1 },
		);
		const result = await n8n.executeWorkflow('glairE2eErrOut01');
		expect(result.exitCode).toBe(0);
		const fileOf = (item: RunItem) =>
			item.json.file_name ?? (item.json.error as { file_name?: string } | undefined)?.file_name;
		const [success, failed] = [itemsOf(result, 'Read', 0), itemsOf(result, 'Read', 1)];
		// One of the two nodes got c-good.png's low-confidence read: it is a success for "Read" either way.
		expect(success.map(fileOf)).toEqual(['a-good.png', 'c-good.png']);
		expect(failed.map((item) => [fileOf(item), item.pairedItem])).toEqual([
			['b-blurry.png', { item: 1 }],
		]);
		expect(failed[0].json.error).toMatchObject({
			message: expect.stringMatching(
				/could not read the document \(status FAILED\) on item 1 \(b-blurry\.png\)/,
			),
			glair_reason: 'Image too blurry',
		});
		const review = [0, 1, 2].map((output) => itemsOf(result, 'Review', output).map(fileOf));
		expect(review[2]).toEqual(['b-blurry.png']);
		expect([...review[0], ...review[1]].sort()).toEqual(['a-good.png', 'c-good.png']);
	});

	it('a credential pasted with spaces and line breaks works; one with a typographic quote is named, never echoed', async () => {
		const pasted = await n8n.executeWorkflow('glairE2ePasted01');
		expect(pasted.exitCode).toBe(0);
		expect(itemsOf(pasted, 'Read')[0].json.status).toBe('SUCCESS');
		const { username, password, apiKey } = emulator.credentials;
		expect(emulator.requests[0]).toMatchObject({ authorization: { username, password }, apiKey });

		const typographic = await n8n.executeWorkflow('glairE2eTypogr01');
		expect(typographic.exitCode).not.toBe(0);
		const output = `${typographic.stdout}\n${typographic.stderr}`;
		expect(output).toContain("The credential's API Key cannot be used (item 0)");
		expect(output).not.toContain(apiKey);
		expect(emulator.requests).toHaveLength(1);
	});

	it('Read STNK: two documents, every output mode, paired, credential reached GLAIR', async () => {
		const result = await n8n.executeWorkflow('glairE2eStnk0001');
		expect(result.exitCode).toBe(0);
		const records = itemsOf(result, 'Record');
		expect(records.map((item) => item.json.file_name).sort()).toEqual(['stnk-a.jpg', 'stnk-b.png']);
		for (const [index, item] of records.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				document: 'stnk',
				status: 'SUCCESS',
				stnk_nomor_registrasi: 'KT 8180 YF',
				pajak_berlaku_sampai: '08-08-2021',
			});
			expect(
				Object.values(item.json).every((value) => value === null || typeof value !== 'object'),
			).toBe(true);
		}
		expect(itemsOf(result, 'Raw')[0].json).toMatchObject({
			status: 'SUCCESS',
			read: { halaman_stnk: { nomor_stnk: { value: '13503496' } } },
		});
		expect(itemsOf(result, 'Fields')).toHaveLength(2 * 50);

		expect(emulator.requests).toHaveLength(6);
		for (const request of emulator.requests) {
			expect(request).toMatchObject({
				path: '/ocr/v1/stnk',
				authorization: {
					username: emulator.credentials.username,
					password: emulator.credentials.password,
				},
				apiKey: emulator.credentials.apiKey,
				response: { status: 200 },
			});
		}
		expect(
			new Set(
				emulator.requests.map(
					(request) => `${request.files[0].filename} ${request.files[0].contentType}`,
				),
			),
		).toEqual(new Set(['stnk-a.jpg image/jpeg', 'stnk-b.png image/png']));
	});

	it('Read STNK With Table: record with tax columns, tableRows', async () => {
		const result = await n8n.executeWorkflow('glairE2eTable001');
		expect(result.exitCode).toBe(0);
		expect(itemsOf(result, 'Record')[0].json).toMatchObject({
			pajak_pkb_pokok: 3657060,
			pajak_swdkllj_jumlah: 163000,
		});
		const rows = itemsOf(result, 'Rows');
		expect(rows).toHaveLength(8);
		expect(rows[2].json).toMatchObject({ row: 2, jenis_biaya: 'PKB', pokok: 3657060 });
		expect(rows.every((row) => JSON.stringify(row.pairedItem) === '{"item":0}')).toBe(true);
		expect(itemsOf(result, 'Raw')[0].json).toHaveProperty('read.halaman_pajak_tahunan.table');
		expect(emulator.requests.every((request) => request.path === '/ocr/v1/stnk-with-table')).toBe(
			true,
		);
	});

	it('Read BPKB: a PDF, all pages and page 2', async () => {
		const result = await n8n.executeWorkflow('glairE2eBpkb0001');
		expect(result.exitCode).toBe(0);
		expect(itemsOf(result, 'Record')[0].json).toMatchObject({
			document: 'bpkb',
			page: 'all',
			nomor_bpkb: 'U-03870835',
			no_register: 'R/003077/VI/2024/LL.TGL',
		});
		expect(itemsOf(result, 'Fields')).toHaveLength(30);
		const page2 = itemsOf(result, 'Page 2')[0].json;
		expect(page2).toMatchObject({ page: 2, merk: 'ISUZU' });
		expect(page2).not.toHaveProperty('nama_pemilik');
		const pages = emulator.requests.map((request) => request.fields.page ?? 'all').sort();
		expect(pages).toEqual(['2', 'all', 'all', 'all']);
		expect(emulator.requests[0].files[0]).toMatchObject({
			filename: 'bpkb-scan.pdf',
			contentType: 'application/pdf',
		});
	});

	it('binary data mode "filesystem" reads the same documents', async () => {
		const result = await n8n.executeWorkflow('glairE2eStnk0001', { binaryDataMode: 'filesystem' });
		expect(result.exitCode).toBe(0);
		expect(itemsOf(result, 'Record')).toHaveLength(2);
		const sizes = emulator.requests.map((request) => request.files[0].size).sort();
		expect(sizes).toEqual(
			[
				jpegBytes().length,
				jpegBytes().length,
				jpegBytes().length,
				pngBytes().length,
				pngBytes().length,
				pngBytes().length,
			].sort(),
		);
	});

	it('Continue On Fail: the failed document becomes an error item, the other succeeds', async () => {
		emulator.injectFault(
			{ kind: 'failedRead', reason: 'Image too blurry' },
			{ filename: 'b-blurry.png', times: 5 },
		);
		const result = await n8n.executeWorkflow('glairE2eCofOn001');
		expect(result.exitCode).toBe(0);
		const items = itemsOf(result, 'Read');
		const byFile = Object.fromEntries(items.map((item) => [item.json.file_name, item]));
		expect(byFile['a-good.png'].json.status).toBe('SUCCESS');
		expect(byFile['b-blurry.png'].json).toMatchObject({
			error: expect.stringMatching(
				/GLAIR could not read the document \(status FAILED\) on item \d \(b-blurry.png\)/,
			),
			glair_reason: 'Image too blurry',
		});
		expect(items.map((item) => (item.pairedItem as { item: number }).item).sort()).toEqual([0, 1]);
	});

	it('without Continue On Fail the execution fails with our message', async () => {
		emulator.injectFault(
			{ kind: 'failedRead', reason: 'Image too blurry' },
			{ filename: 'b-blurry.png', times: 5 },
		);
		const result = await n8n.executeWorkflow('glairE2eCofOff01');
		expect(result.exitCode).not.toBe(0);
		const output = `${result.stdout}\n${result.stderr}`;
		expect(output).toMatch(
			/GLAIR could not read the document \(status FAILED\) on item \d \(b-blurry.png\)/,
		);
		expect(output).not.toContain(emulator.credentials.password);
		expect(output).not.toContain(emulator.credentials.apiKey);
	});

	it('Minimum Confidence: a second output "Needs Review" with reasons, the scan passed through, in both outputs paired', async () => {
		emulator.injectFault(
			{
				kind: 'readOverride',
				read: { halaman_stnk: { nomor_registrasi: { value: 'KT8180YF', confidence: 55 } } },
			},
			{ filename: 'blurry.jpg' },
		);
		const result = await n8n.executeWorkflow('glairE2eReview01');
		expect(result.exitCode).toBe(0);
		const [done, review] = [itemsOf(result, 'Read', 0), itemsOf(result, 'Read', 1)];
		expect(done.map((item) => item.json.file_name)).toEqual(['sharp.jpg']);
		expect(review.map((item) => item.json.file_name)).toEqual(['blurry.jpg']);
		expect(review[0].json).toMatchObject({
			review_reasons: ['stnk_nomor_registrasi: confidence 55 is below 60'],
			stnk_nomor_registrasi: 'KT8180YF',
			stnk_nomor_registrasi_normalised: 'KT 8180 YF',
		});
		expect(done[0].json).toMatchObject({
			stnk_nomor_registrasi_normalised: 'KT 8180 YF',
			warning_count: 0,
		});
		// Read Files lists the folder in name order: blurry.jpg is item 0.
		expect([done[0].pairedItem, review[0].pairedItem]).toEqual([{ item: 1 }, { item: 0 }]);
		for (const item of [...done, ...review])
			expect(item.binary?.data).toMatchObject({
				fileName: item.json.file_name,
				mimeType: 'image/jpeg',
			});
	});

	it('example 1 (folder → Read STNK → Sheets) runs: one normalised row per scan reaches the Sheets step', async () => {
		const result = await n8n.executeWorkflow('glairExample0001');
		expect(result.exitCode).toBe(0);
		const rows = itemsOf(result, 'Append to Google Sheets');
		expect(rows.map((row) => row.json.file_name).sort()).toEqual(['stnk-a.jpg', 'stnk-b.png']);
		for (const row of rows) {
			expect(row.json).toMatchObject({
				status: 'SUCCESS',
				stnk_nomor_registrasi_normalised: 'KT 8180 YF',
				pajak_berlaku_sampai_normalised: '2021-08-08',
			});
		}
	});

	it('example 3 (STNK with table → rows → tax summary) runs: one summary per vehicle with the summed costs', async () => {
		const result = await n8n.executeWorkflow('glairExample0003');
		expect(result.exitCode).toBe(0);
		expect(itemsOf(result, 'Read STNK tax table')).toHaveLength(2 * 8);
		const summaries = itemsOf(result, 'Append to Google Sheets');
		expect(summaries.map((summary) => summary.json.file_name).sort()).toEqual([
			'stnk-a.jpg',
			'stnk-b.png',
		]);
		for (const summary of summaries) {
			// From the documented sample table: the cost rows without the JUMLAH total row (empty cells skipped).
			expect(summary.json).toMatchObject({
				sum_jumlah: 1820060,
				sum_pokok: 3820060,
				sum_sanksi_administratif: 0,
			});
			expect(summary.json.concatenated_jenis_biaya).toBe(
				'BBNKB, PKB, SWDKLLJ, BIAYA ADMINISTRASI STNK, BIAYA ADMINISTRASI TNKB, BIAYA ADMINISTRASI TNKB',
			);
		}
		expect(emulator.requests.every((request) => request.path === '/ocr/v1/stnk-with-table')).toBe(
			true,
		);
	});

	it('identity documents, plates and other documents (node version 2): every operation, images as binaries', async () => {
		const result = await n8n.executeWorkflow('glairE2eIdentity');
		expect(result.exitCode).toBe(0);
		const [ktp] = itemsOf(result, 'KTP');
		expect(ktp.json).toMatchObject({
			document: 'ktp',
			nik: '3174016305900007',
			nama: 'DEWI ANGGRAINI PUTRI',
			berlaku_hingga: 'SEUMUR HIDUP',
			warning_count: 0,
		});
		expect(ktp.binary?.photo).toMatchObject({ mimeType: 'image/png', fileName: 'photo.png' });
		expect(ktp.binary?.signature).toMatchObject({ mimeType: 'image/png' });
		expect(JSON.stringify(ktp.json)).not.toContain(photoPng().toString('base64').slice(0, 40));
		expect(itemsOf(result, 'KTP raw')[0].json).toMatchObject({
			images: { photo: '(image in binary field "photo")' },
		});
		expect(
			itemsOf(result, 'KTP fields')
				.filter((item) => item.binary)
				.map((item) => item.json.field),
		).toEqual(['photo', 'signature']);
		expect(itemsOf(result, 'NPWP')[0].json).toMatchObject({
			no_npwp: '70.943.997.0-437.000',
			nama: 'BERSATU',
		});
		expect(
			itemsOf(result, 'KK rows').map((row) => row.json.status_hubungan_dalam_keluarga),
		).toEqual(['KEPALA KELUARGA', expect.any(String), expect.any(String)]);
		expect(itemsOf(result, 'SIM')[0].binary?.photo).toBeDefined();
		expect(itemsOf(result, 'Passport')[0].json).toMatchObject({
			document: 'passport',
			doc_number: 'C4821937',
		});
		expect(itemsOf(result, 'Plates').map((row) => row.json.text)).toEqual([
			'KH 8041 GG',
			'B 1234 XYZ',
		]);
		expect(itemsOf(result, 'Invoice rows').map((row) => row.json.table)).toEqual([
			'payment_banks',
			'items',
			'items',
		]);
		for (const [name, , , output] of EVERY_OUTPUT) {
			const items = itemsOf(result, name);
			expect(items.length).toBeGreaterThan(0);
			if (output === 'fields') expect(items[0].json).toHaveProperty('field');
			if (output === 'record') expect(items[0].json).toHaveProperty('status', 'SUCCESS');
		}
		expect(new Set(emulator.requests.map((request) => request.path))).toEqual(
			new Set([
				'/ocr/v1/ktp',
				'/ocr/v1/npwp',
				'/ocr/v1/kk',
				'/ocr/v1/sim',
				'/ocr/v1/passport',
				'/ocr/v1/plate',
				'/ocr/v1/invoice',
			]),
		);
	});

	it('several files on one item: each read as a document with binary_field; a BPKB a page per file made one record', async () => {
		const result = await n8n.executeWorkflow('glairE2eFiles001');
		expect(result.exitCode).toBe(0);
		const bpkb = itemsOf(result, 'BPKB');
		expect(bpkb).toHaveLength(1);
		expect(bpkb[0].json).toMatchObject({
			page: 'all',
			merk: 'ISUZU',
			binary_field: 'data, data_1, data_2, data_3',
		});
		const pagesSent = emulator.requests
			.filter((request) => request.path === '/ocr/v1/bpkb')
			.map((request) => request.fields.page)
			.sort();
		expect(pagesSent).toEqual(['1', '2', '3', '4']);
		expect(
			itemsOf(result, 'Each file').map((item) => [item.json.binary_field, item.pairedItem]),
		).toEqual([
			['data', { item: 0 }],
			['data_1', { item: 0 }],
		]);
	});

	it('a workflow saved with version 0.1.0 (node version 1) runs unchanged', async () => {
		const result = await n8n.executeWorkflow('glairSavedV1Wf01');
		expect(result.exitCode).toBe(0);
		const rows = itemsOf(result, 'Append to Google Sheets');
		expect(rows.map((row) => row.json.file_name).sort()).toEqual(['stnk-a.jpg', 'stnk-b.png']);
		expect(rows[0].json).toMatchObject({
			status: 'SUCCESS',
			stnk_nomor_registrasi_normalised: 'KT 8180 YF',
		});
		expect(rows[0].json).not.toHaveProperty('binary_field');
	});

	it('example 5 (application email: KTP, STNK, BPKB → one row, owner compared): differences go to a reviewer, agreement to the sheet', async () => {
		const differing = await n8n.executeWorkflow('glairExample0005');
		expect(differing.exitCode).toBe(0);
		expect(differing.runData?.['Append to Google Sheets']).toBeUndefined();
		const [review] = itemsOf(differing, 'Ask a reviewer');
		expect(review.json).toMatchObject({
			ktp_nama: 'DEWI ANGGRAINI PUTRI',
			ktp_file: '1-ktp.png',
			stnk_file: '2-stnk.jpg',
			bpkb_file: '3-bpkb.pdf',
		});
		expect(review.json.differences).toMatch(
			/name on KTP and STNK differ; name on KTP and BPKB differ; NIK on KTP and STNK differ; NIK on KTP and BPKB differ/,
		);

		emulator.reset();
		const owner = { value: 'DEWI ANGGRAINI PUTRI', confidence: 99 };
		const nik = { value: '3174016305900007', confidence: 99 };
		emulator.injectFault(
			{
				kind: 'readOverride',
				read: {
					halaman_stnk: {
						nama_pemilik: owner,
						nomor_identitas_pemilik: nik,
						nomor_registrasi: { value: 'B 1234 XYZ', confidence: 99 },
					},
				},
			},
			{ path: '/ocr/v1/stnk' },
		);
		emulator.injectFault(
			{
				kind: 'readOverride',
				read: { identitas_pemilik: { nama_pemilik: owner, no_ktp_tdp: nik } },
			},
			{ path: '/ocr/v1/bpkb' },
		);
		const agreeing = await n8n.executeWorkflow('glairExample0005');
		expect(agreeing.exitCode).toBe(0);
		expect(agreeing.runData?.['Ask a reviewer']).toBeUndefined();
		expect(itemsOf(agreeing, 'Append to Google Sheets')[0].json).toMatchObject({
			differences: '',
			stnk_plate: 'B 1234 XYZ',
			ktp_nik: '3174016305900007',
		});
	});
	it("vehicle answers in every spelling GLAIR's SDKs and docs show give the documented columns (issue 19)", async () => {
		const nodes = [
			'STNK record',
			'STNK fields',
			'Table record',
			'Table rows',
			'BPKB record',
			'BPKB fields',
		];
		const withoutIds = (items: RunItem[]) =>
			items.map(({ json }) => {
				const rest = { ...json };
				delete rest.request_id;
				return rest;
			});
		const documented = await n8n.executeWorkflow('glairE2eSpell001');
		expect(documented.exitCode).toBe(0);
		const styles = [...new Set(SPELLING_VARIANTS.map((variant) => variant.style))];
		for (const style of styles) {
			emulator.answerIn(style);
			const styled = await n8n.executeWorkflow('glairE2eSpell001');
			expect([style, styled.exitCode]).toEqual([style, 0]);
			for (const variant of SPELLING_VARIANTS.filter((each) => each.style === style)) {
				const prefix = { readStnk: 'STNK', readStnkWithTable: 'Table', readBpkb: 'BPKB' }[
					variant.operation
				];
				for (const node of nodes.filter((name) => name.startsWith(prefix))) {
					const got = withoutIds(itemsOf(styled, node));
					const expected = withoutIds(itemsOf(documented, node));
					if (!variant.bare) {
						expect([style, node, got]).toEqual([style, node, expected]);
						continue;
					}
					if (!node.endsWith('record')) continue;
					const columns = (variant.onlyColumns ?? Object.keys(expected[0])).filter(
						(column) => !variant.without.includes(column),
					);
					for (const column of columns)
						expect([style, column, got[0][column]]).toEqual([style, column, expected[0][column]]);
					expect(got[0].warnings).toBeUndefined();
				}
			}
		}
	});

	it('a STNK answer with none of the fields the node knows: a warning on the item and a hint, not a blank row', async () => {
		emulator.injectFault(
			{ kind: 'readOverride', read: { stnkPage: { plateNo: { value: 'B 1 XY' } } } },
			{ path: '/ocr/v1/stnk', times: 2 },
		);
		const result = await n8n.executeWorkflow('glairE2eSpell001');
		expect(result.exitCode).toBe(0);
		expect(itemsOf(result, 'STNK record')[0].json.warnings).toMatch(
			/none of the fields this node knows for an STNK; it sent: stnkPage/,
		);
	});

	it('a BPKB a page per file: each section from its own page, an empty section never blanks another (issue 19)', async () => {
		const sections = [
			'identitas_pemilik',
			'identitas_kendaraan',
			'dokumen_registrasi_pertama',
			'halaman_terakhir',
		];
		for (const [index, own] of sections.entries()) {
			const body = sample(SAMPLES.bpkb) as unknown as {
				read: Record<string, Record<string, { value: unknown }>>;
			};
			for (const key of sections.filter((each) => each !== own))
				for (const cell of Object.values(body.read[key])) cell.value = '';
			emulator.injectFault(
				{ kind: 'readOverride', body },
				{ path: '/ocr/v1/bpkb', filename: `bpkb-${index + 1}.jpg` },
			);
		}
		const result = await n8n.executeWorkflow('glairE2eFiles001');
		expect(result.exitCode).toBe(0);
		const [record] = itemsOf(result, 'BPKB');
		expect(record.json).toMatchObject({
			nama_pemilik: SAMPLES.bpkb.read.identitas_pemilik.nama_pemilik.value,
			merk: 'ISUZU',
			nama_apm: SAMPLES.bpkb.read.dokumen_registrasi_pertama.nama_apm.value,
			no_register: 'R/003077/VI/2024/LL.TGL',
		});
	});

	it('a source file named "photo" survives Keep Source Document beside the face crop; KITAS\'s own status keeps GLAIR\'s (issue 19)', async () => {
		emulator.injectFault(
			{
				kind: 'readOverride',
				body: {
					...sample(SAMPLES.kitasKitap),
					read: { ...sample(SAMPLES.kitasKitap).read, status: { value: 'AKTIF', confidence: 99 } },
				},
			},
			{ path: '/ocr/v1/kitas-kitap' },
		);
		const result = await n8n.executeWorkflow('glairE2ePhoto001');
		expect(result.exitCode).toBe(0);
		const [ktp] = itemsOf(result, 'KTP');
		expect(ktp.binary?.photo).toMatchObject({ fileName: 'applicant.jpg', mimeType: 'image/jpeg' });
		expect(ktp.binary?.photo_1).toMatchObject({ fileName: 'photo.png', mimeType: 'image/png' });
		const [kitas] = itemsOf(result, 'KITAS');
		expect(kitas.json).toMatchObject({ status: 'SUCCESS', read_status: 'AKTIF' });
	});
});
