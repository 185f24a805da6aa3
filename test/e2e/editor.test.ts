/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * A started n8n (`n8n start`) with the packed package installed as a community package: the node's
 * description as n8n serves it, the example workflows' node types, and the editor in headless
 * Chromium (Debian's `chromium`, driven by playwright-core; never a downloaded browser).
 * Screenshots go to a temporary folder, or to GLAIR_SCREENSHOTS_DIR (`npm run screenshots`).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

import { GlairEmulator } from '../../tools/emulator';
import { jpegBytes } from '../../tools/fixtures/documents';
import { exampleFiles, nodeTypesUsed, prepareExample } from '../../tools/n8n/examples';
import {
	freePort,
	LocalN8n,
	packPackage,
	type Flavour,
	type NodeTypeDescription,
	type RunningN8n,
} from '../../tools/n8n';
import {
	CREDENTIAL_ID,
	GLAIR_TYPE,
	filesToGlair,
	glairCredential,
} from '../../tools/n8n/workflows';

const FLAVOURS: Flavour[] = (process.env.GLAIR_E2E_FLAVOURS ?? 'v1,v2').split(',') as Flavour[];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
/** The README shows the screenshots of this flavour. */
const SCREENSHOT_FLAVOUR: Flavour = 'v2';

const EDITOR_WORKFLOW = 'glairEditor00001';
const exampleId = (index: number) => `glairExampleE${String(index).padStart(3, '0')}`;

interface NodeProperty {
	name: string;
	displayName: string;
	options?: Array<{ name: string; value: unknown }>;
	displayOptions?: { show?: Record<string, unknown[]> };
}

const byTestId = (id: string) => `[data-test-id="${id}"]`;

describe.each(FLAVOURS)('n8n %s started: node types and the editor', (flavour) => {
	const emulator = new GlairEmulator();
	const dataFolder = mkdtempSync(join(tmpdir(), 'glair-editor-data-'));
	const screenshots =
		process.env.GLAIR_SCREENSHOTS_DIR && flavour === SCREENSHOT_FLAVOUR
			? resolve(process.env.GLAIR_SCREENSHOTS_DIR)
			: mkdtempSync(join(tmpdir(), `glair-screenshots-${flavour}-`));
	let n8n: LocalN8n;
	let running: RunningN8n;
	let browser: Browser | undefined;
	let page: Page;
	const examples = exampleFiles().map((file, index) =>
		prepareExample(file, {
			id: exampleId(index + 1),
			credential: { id: CREDENTIAL_ID, name: 'GLAIR e2e' },
			dataFolder,
		}),
	);

	beforeAll(async () => {
		mkdirSync(screenshots, { recursive: true });
		mkdirSync(join(dataFolder, 'stnk'), { recursive: true });
		writeFileSync(join(dataFolder, 'stnk', 'stnk-sample.jpg'), jpegBytes());
		const baseUrl = await emulator.start();
		n8n = LocalN8n.create(flavour, { dataFolder });
		await n8n.installCommunityPackage(await packPackage());
		await n8n.importCredentials([glairCredential(baseUrl, emulator.credentials)]);
		await n8n.importWorkflow([
			filesToGlair(EDITOR_WORKFLOW, `${dataFolder}/stnk/*.jpg`, [
				{
					name: 'Read STNK',
					parameters: { resource: 'vehicleDocument', operation: 'readStnk', output: 'record' },
					typeVersion: 2,
				},
				{
					name: 'Read BPKB',
					parameters: {
						resource: 'vehicleDocument',
						operation: 'readBpkb',
						page: '2',
						output: 'record',
					},
					typeVersion: 2,
				},
				{
					name: 'Read KTP',
					parameters: { resource: 'identityDocument', operation: 'readKtp', output: 'record' },
					typeVersion: 2,
				},
				// As saved with version 0.1.0: node version 1, no Resource.
				{ name: 'Read STNK (0.1.0)', parameters: { operation: 'readStnk', output: 'record' } },
			]),
			...examples.map((example) => example.workflow),
		]);
		running = await n8n.startN8n();
		await running.setupOwner();
	});

	beforeEach(() => emulator.reset());

	afterAll(async () => {
		await browser?.close();
		await running?.stop();
		await emulator.stop();
		n8n?.cleanup();
	});

	describe('what n8n serves', () => {
		let nodeTypes: NodeTypeDescription[];
		beforeAll(async () => {
			nodeTypes = await running.getNodeTypes();
		});

		it('lists GLAIR Vision with its operations, output modes, BPKB page, credential and tool variant', async () => {
			const glair = nodeTypes.find((type) => type.name === GLAIR_TYPE);
			expect(glair).toMatchObject({
				displayName: 'GLAIR Vision',
				// Versions 2 and 3 group the operations by resource; workflows saved with 1 keep its parameters.
				version: [1, 2, 3],
				defaultVersion: 3,
				credentials: [{ name: 'glairVisionApi', required: true }],
			});
			const properties = glair?.properties as NodeProperty[];
			const property = (name: string) => properties.filter((candidate) => candidate.name === name);
			const operationsFor = (show: Record<string, unknown[]>) =>
				property('operation')
					.find(
						(operation) => JSON.stringify(operation.displayOptions?.show) === JSON.stringify(show),
					)
					?.options?.map((option) => option.value)
					// n8n itself may append "Custom API Call" (the node answers it with a pointer to HTTP Request).
					.filter((value) => value !== '__CUSTOM_API_CALL__');
			expect(operationsFor({ '@version': [1] })).toEqual([
				'readStnk',
				'readStnkWithTable',
				'readBpkb',
			]);
			expect(operationsFor({ '@version': [2, 3], resource: ['vehicleDocument'] })).toEqual([
				'readStnk',
				'readStnkWithTable',
				'readBpkb',
				'readLicensePlate',
			]);
			expect(operationsFor({ '@version': [2, 3], resource: ['identityDocument'] })).toEqual([
				'readKtp',
				'readNpwp',
				'readKk',
				'readSim',
				'readPassport',
			]);
			expect(property('resource')[0].options?.map((option) => option.value)).toEqual([
				'vehicleDocument',
				'identityDocument',
				'otherDocument',
			]);
			expect(property('documentType')[0].options).toHaveLength(17);
			expect(property('page')[0].displayOptions?.show).toEqual({ operation: ['readBpkb'] });
			const outputModes = new Set(
				property('output').flatMap((output) => output.options?.map((option) => option.value)),
			);
			expect(outputModes).toEqual(new Set(['record', 'raw', 'fields', 'tableRows']));
			expect(nodeTypes.some((type) => type.name === `${GLAIR_TYPE}Tool`)).toBe(true);
		});

		it('serves the node icon (light and dark) and the credential type', async () => {
			const glair = nodeTypes.find((type) => type.name === GLAIR_TYPE) as NodeTypeDescription & {
				iconUrl: { light: string; dark: string };
			};
			for (const url of [glair.iconUrl.light, glair.iconUrl.dark]) {
				const response = await running.request(`/${url}`);
				expect({ url, status: response.status }).toEqual({ url, status: 200 });
				expect(await response.text()).toContain('<svg');
			}
			const credentials = (await (
				await running.request('/types/credentials.json')
			).json()) as Array<{ name: string; displayName: string }>;
			expect(credentials.find((type) => type.name === 'glairVisionApi')).toMatchObject({
				displayName: 'GLAIR Vision API',
			});
		});

		it("runs the credential's Test button: good credentials pass, a wrong password and a dead Base URL do not", async () => {
			const testCredential = async (data: Record<string, string>) => {
				const response = await running.request('/rest/credentials/test', {
					method: 'POST',
					body: JSON.stringify({
						credentials: {
							id: CREDENTIAL_ID,
							name: 'GLAIR e2e',
							type: 'glairVisionApi',
							data: { ...emulator.credentials, baseUrl: emulator.baseUrl, ...data },
						},
					}),
				});
				expect(response.status).toBe(200);
				return ((await response.json()) as { data: { status: string; message: string } }).data;
			};
			expect(await testCredential({})).toMatchObject({ status: 'OK' });
			expect(await testCredential({ password: 'wrong' })).toEqual({
				status: 'Error',
				message: 'Wrong username, password or API key (GLAIR answered HTTP 401)',
			});
			expect(
				await testCredential({ baseUrl: `http://127.0.0.1:${await freePort()}` }),
			).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Could not reach/) });
			// Pasted with a line break: trimmed. With a typographic quote: named, never echoed.
			expect(await testCredential({ apiKey: `${emulator.credentials.apiKey}\n` })).toMatchObject({
				status: 'OK',
			});
			const typographic = await testCredential({ apiKey: `${emulator.credentials.apiKey}\u201d` });
			expect(typographic).toMatchObject({
				status: 'Error',
				message: expect.stringMatching(/^API Key: .*not plain ASCII/),
			});
			expect(typographic.message).not.toContain(emulator.credentials.apiKey);
			// A server that answers, but not as GLAIR (a redirect to a login page): not a success.
			emulator.injectFault({
				kind: 'status',
				status: 302,
				body: '',
				headers: { Location: 'https://sso.example.com/login' },
			});
			expect(await testCredential({})).toMatchObject({
				status: 'Error',
				message: expect.stringMatching(
					/redirected to https:\/\/sso\.example\.com\/login .*does not look like the GLAIR Vision API/,
				),
			});
		});

		it('knows every node type, at its version, that the example workflows use', () => {
			const known = new Set(
				nodeTypes.flatMap((type) =>
					[type.version].flat().map((version) => `${type.name}@${version}`),
				),
			);
			const missing = examples.flatMap((example) =>
				nodeTypesUsed(example.workflow)
					.map(({ type, version }) => `${type}@${version}`)
					.filter((typeAtVersion) => !known.has(typeAtVersion))
					.map((typeAtVersion) => `${example.file}: ${typeAtVersion}`),
			);
			expect(missing).toEqual([]);
		});
	});

	describe('the editor in Chromium', () => {
		beforeAll(async () => {
			if (!existsSync(CHROMIUM))
				throw new Error(
					`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
				);
			browser = await chromium.launch({
				executablePath: CHROMIUM,
				// playwright gives the browser a fresh --user-data-dir of its own.
				args: CHROMIUM_FLAGS,
			});
			const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
			const [name, value] = running.authCookie.split('=');
			await context.addCookies([{ name, value, url: running.baseUrl }]);
			page = await context.newPage();
		});

		const openWorkflow = async (id: string) => {
			await page.goto(`${running.baseUrl}/workflow/${id}`);
			await page.locator(byTestId('canvas-node')).first().waitFor({ timeout: 60_000 });
			await dismissPopups(page);
		};

		const openNode = async (name: string) => {
			await page.locator(byTestId('canvas-node')).filter({ hasText: name }).first().dblclick();
			const panel = page.locator(byTestId('ndv'));
			await panel.waitFor();
			return panel;
		};

		const closeNode = async () => {
			// n8n 1.x: "Back to canvas"; 2.x: a close button. Escape would go to a focused dropdown.
			await page
				.locator(`${byTestId('back-to-canvas')}, ${byTestId('ndv-close-button')}`)
				.first()
				.click();
			await page.locator(byTestId('ndv')).waitFor({ state: 'hidden' });
		};

		it('shows resource, operation, output and credential; the BPKB page only for Read BPKB', async () => {
			await openWorkflow(EDITOR_WORKFLOW);
			const stnk = await openNode('Read STNK');
			await expect(
				stnk.locator(`${byTestId('parameter-input-resource')} input`).inputValue(),
			).resolves.toBe('Vehicle Document');
			await expect(stnk.locator(byTestId('parameter-input-operation')).isVisible()).resolves.toBe(
				true,
			);
			await expect(stnk.locator(byTestId('parameter-input-output')).isVisible()).resolves.toBe(
				true,
			);
			await expect(stnk.locator(byTestId('node-credentials-select')).isVisible()).resolves.toBe(
				true,
			);
			expect(await stnk.locator(byTestId('parameter-input-page')).count()).toBe(0);
			await expect(
				stnk.locator(`${byTestId('parameter-input-operation')} input`).inputValue(),
			).resolves.toBe('Read STNK');
			await expect(
				stnk
					.locator(`${byTestId('node-credentials-select')} input`)
					.first()
					.inputValue(),
			).resolves.toBe('GLAIR e2e');
			await page.screenshot({ path: join(screenshots, 'panel-read-stnk.png') });

			// Switching the operation in the panel shows and hides the page selector.
			const chooseOperation = async (label: string) => {
				await stnk.locator(byTestId('parameter-input-operation')).click();
				await page
					.locator('.el-select-dropdown__item:visible')
					.filter({ hasText: label })
					.first()
					.click();
				await expect(
					stnk.locator(`${byTestId('parameter-input-operation')} input`).inputValue(),
				).resolves.toBe(label);
			};
			await chooseOperation('Read BPKB');
			await stnk.locator(byTestId('parameter-input-page')).waitFor();
			await chooseOperation('Read STNK');
			await stnk.locator(byTestId('parameter-input-page')).waitFor({ state: 'detached' });
			await closeNode();

			const bpkb = await openNode('Read BPKB');
			await bpkb.locator(byTestId('parameter-input-page')).waitFor();
			await expect(
				bpkb.locator(`${byTestId('parameter-input-page')} input`).inputValue(),
			).resolves.toMatch(/^Page 2/);
			await page.screenshot({ path: join(screenshots, 'panel-read-bpkb.png') });
			await closeNode();

			const ktp = await openNode('Read KTP');
			await expect(
				ktp.locator(`${byTestId('parameter-input-resource')} input`).inputValue(),
			).resolves.toBe('Identity Document');
			await expect(
				ktp.locator(`${byTestId('parameter-input-operation')} input`).inputValue(),
			).resolves.toBe('Read KTP');
			await page.screenshot({ path: join(screenshots, 'panel-read-ktp.png') });
			await closeNode();

			// A node saved with version 0.1.0 keeps its panel: no Resource, the three operations.
			const saved = await openNode('Read STNK (0.1.0)');
			expect(await saved.locator(byTestId('parameter-input-resource')).count()).toBe(0);
			await expect(
				saved.locator(`${byTestId('parameter-input-operation')} input`).inputValue(),
			).resolves.toBe('Read STNK');
			await closeNode();
		});

		it('runs the step from the panel and shows what GLAIR read', async () => {
			await openWorkflow(EDITOR_WORKFLOW);
			const stnk = await openNode('Read STNK');
			await stnk.locator(byTestId('node-execute-button')).first().click();
			const output = page.locator(byTestId('output-panel'));
			await output.getByText('KT 8180 YF').first().waitFor({ timeout: 60_000 });
			expect(emulator.requests.filter((request) => request.path === '/ocr/v1/stnk')).toHaveLength(
				1,
			);
			await page.screenshot({ path: join(screenshots, 'output-read-stnk.png') });
			await closeNode();
		});

		it.each(examples.map((example, index) => [example.file, index] as const))(
			'opens example %s on the canvas',
			async (file, index) => {
				await openWorkflow(exampleId(index + 1));
				await page
					.locator(byTestId('canvas-node'))
					.nth(examples[index].workflow.nodes.length - 1)
					.waitFor();
				expect(await page.locator(byTestId('canvas-node')).count()).toBe(
					examples[index].workflow.nodes.length,
				);
				await page.screenshot({
					path: join(screenshots, `example-${file.replace(/\.json$/, '')}.png`),
				});
			},
		);
	});
});

/** Closes what n8n may show over a freshly opened editor (notices, tours, "what's new"). */
async function dismissPopups(page: Page): Promise<void> {
	for (let attempt = 0; attempt < 3; attempt++) await page.keyboard.press('Escape');
	for (const close of await page.locator('.el-notification__closeBtn').all())
		await close.click().catch(() => undefined);
}
