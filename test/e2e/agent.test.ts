/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * Example 4 in a real n8n (1.x and 2.x), started with `n8n start` and chatted with through its chat
 * trigger's webhook, as the hosted chat does: the AI Agent's OpenAI Chat Model is the fake model
 * (tools/fakeModel), GLAIR is the emulator. An STNK uploaded in the chat, and one the user links to
 * (served from 127.0.0.1), each reach GLAIR byte for byte; the record reaches the model and the
 * chat's answer. A link to the local network with Allow Local Network URLs off is refused, and the
 * model is told so.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { GlairEmulator } from '../../tools/emulator';
import { FakeModel } from '../../tools/fakeModel';
import { jpegBytes } from '../../tools/fixtures/documents';
import { chatWebhookPath, prepareExample } from '../../tools/n8n/examples';
import {
	LocalN8n,
	packPackage,
	postToWebhook,
	type Flavour,
	type RunningN8n,
	type UploadFile,
} from '../../tools/n8n';
import { CREDENTIAL_ID, glairCredential } from '../../tools/n8n/workflows';

const FLAVOURS: Flavour[] = (process.env.GLAIR_E2E_FLAVOURS ?? 'v1,v2').split(',') as Flavour[];

const EXAMPLE_4 = '4-ai-agent-stnk-tool.json';
const OPENAI_CREDENTIAL = { id: 'glairE2eOpenAi01', name: 'Fake model' };
/** What the emulator's STNK sample holds (tools/fixtures/stnk.json). */
const PLATE = 'KT 8180 YF';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Serves one STNK scan at /stnk.jpg and records every path asked for. */
function documentServer(bytes: Buffer): { server: Server; paths: string[] } {
	const paths: string[] = [];
	const server = createServer((request, response) => {
		paths.push(request.url ?? '');
		if (request.url?.startsWith('/stnk.jpg')) {
			response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length });
			return void response.end(bytes);
		}
		response.writeHead(404).end();
	});
	return { server, paths };
}

describe.each(FLAVOURS)(
	'example 4 (AI agent with GLAIR Vision tools) in real n8n %s',
	(flavour) => {
		const emulator = new GlairEmulator();
		const model = new FakeModel();
		const scan = jpegBytes();
		const documents = documentServer(scan);
		let documentsUrl = '';
		let n8n: LocalN8n;
		let running: RunningN8n | undefined;
		const chatUrls: Record<'allowed' | 'refused', string> = { allowed: '', refused: '' };

		beforeAll(async () => {
			const glairUrl = await emulator.start();
			const modelUrl = await model.start();
			await new Promise<void>((listening) =>
				documents.server.listen(0, '127.0.0.1', () => listening()),
			);
			documentsUrl = `http://127.0.0.1:${(documents.server.address() as AddressInfo).port}`;

			// tools/n8n sets N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE, which n8n 1.x needs for a community tool.
			n8n = LocalN8n.create(flavour, { binaryDataMode: "n8n's default" });
			await n8n.installCommunityPackage(await packPackage());
			await n8n.importCredentials([
				glairCredential(glairUrl, emulator.credentials),
				{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-fake-key', url: modelUrl } },
			]);
			const copies = [
				{ key: 'allowed', id: 'glairAgentWf0001', webhookId: undefined, allow: true },
				{
					key: 'refused',
					id: 'glairAgentWf0002',
					webhookId: '9d3c2b1a-0000-4e2b-9c3a-6c1a1e0e0404',
					allow: false,
				},
			] as const;
			for (const copy of copies) {
				const { workflow } = prepareExample(EXAMPLE_4, {
					id: copy.id,
					credential: { id: CREDENTIAL_ID, name: 'GLAIR e2e' },
					openAiCredential: OPENAI_CREDENTIAL,
					dataFolder: n8n.dataFolder,
					allowLocalNetworkUrls: copy.allow,
					webhookId: copy.webhookId,
				});
				await n8n.importWorkflow(workflow);
				await n8n.activate(copy.id);
				chatUrls[copy.key] = chatWebhookPath(workflow) ?? '';
			}
			running = await n8n.startN8n();
			for (const key of ['allowed', 'refused'] as const)
				chatUrls[key] = await running.waitForWebhook(chatUrls[key]);
		});

		afterAll(async () => {
			await running?.stop();
			await emulator.stop();
			await model.stop();
			await new Promise((closed) => documents.server.close(closed));
			n8n?.cleanup();
		});

		beforeEach(() => {
			emulator.reset();
			model.reset();
			documents.paths.length = 0;
		});

		/** A chat message as the hosted chat sends it (multipart), and the agent's answer. */
		async function chat(url: string, chatInput: string, files: UploadFile[] = []) {
			const answer = await postToWebhook(url, files, {
				fields: { action: 'sendMessage', sessionId: `e2e-${Date.now()}`, chatInput },
			});
			const text = answer.body.toString();
			if (answer.status !== 200)
				throw new Error(`chat answered ${answer.status}: ${text}\n${running?.output.slice(-3000)}`);
			return (JSON.parse(text) as { output?: string }).output ?? text;
		}

		/** The model's requests: it was asked, called the tool named, and was then given its result. */
		function expectToolRound(tool: string): string {
			const asked = model.completions;
			expect(asked.map((request) => request.answer)).toEqual(['toolCall', 'text']);
			expect(asked[0].text).toContain(tool.replace(/ /g, '_'));
			return asked[1].text;
		}

		it('reads the STNK uploaded in the chat: GLAIR gets the same bytes, the record reaches the model and the answer', async () => {
			const output = await chat(chatUrls.allowed, 'Here is my STNK, when is the tax due?', [
				{ field: 'files', fileName: 'my-stnk.jpg', bytes: scan, mimeType: 'image/jpeg' },
			]);
			const reads = emulator.requests.filter((request) => request.path === '/ocr/v1/stnk');
			expect(reads).toHaveLength(1);
			expect(
				reads[0].files.map(({ filename, size, sha256: hash }) => ({ filename, size, hash })),
			).toEqual([{ filename: 'my-stnk.jpg', size: scan.length, hash: sha256(scan) }]);
			const second = expectToolRound('Read uploaded STNK');
			expect(second).toContain('stnk_nomor_registrasi');
			expect(second).toContain(PLATE);
			expect(output).toContain(PLATE);
			expect(documents.paths).toEqual([]);
		});

		it('reads an STNK the user links to: downloaded from 127.0.0.1 with Allow Local Network URLs on, sent to GLAIR', async () => {
			const link = `${documentsUrl}/stnk.jpg?signature=secret-token`;
			const output = await chat(chatUrls.allowed, `Please read ${link}`);
			expect(documents.paths).toEqual(['/stnk.jpg?signature=secret-token']);
			const reads = emulator.requests.filter((request) => request.path === '/ocr/v1/stnk');
			expect(reads.map((request) => request.files[0]?.sha256)).toEqual([sha256(scan)]);
			const second = expectToolRound('Read STNK from URL');
			expect(JSON.stringify(model.completions[1].body)).toContain(link);
			expect(second).toContain('stnk_nomor_registrasi');
			expect(second).toContain(PLATE);
			expect(output).toContain(PLATE);
		});

		it('a link to the local network with the option off: nothing is fetched, the model is told why in a sentence', async () => {
			const output = await chat(chatUrls.refused, `Please read ${documentsUrl}/stnk.jpg`);
			expect(documents.paths).toEqual([]);
			expect(emulator.requests).toEqual([]);
			const second = expectToolRound('Read STNK from URL');
			expect(second).not.toContain(PLATE);
			// The tool's answer is an error sentence naming the host, which the model passes on.
			expect(output).toMatch(/127\.0\.0\.1/);
			expect(output).toMatch(/local network|private|not public|refus/i);
		});
	},
);
