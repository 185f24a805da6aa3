/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * The URL download's hops, with n8n's request helper stubbed: what it is asked for is what would
 * have connected. (test/engine/sources.test.ts downloads from a real server on 127.0.0.1.)
 */
import { Readable } from 'node:stream';

import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { downloadDocument } from '../../nodes/GlairVision/transport';

/** A context whose helper answers each URL from `answers`, recording every request. */
function stubbed(answers: Record<string, { statusCode: number; headers?: object; body?: Buffer }>) {
	const requests: IHttpRequestOptions[] = [];
	const context = {
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				requests.push(options);
				const answer = answers[options.url];
				if (!answer) throw new Error(`unexpected request to ${options.url}`);
				return { ...answer, body: Readable.from([answer.body ?? Buffer.alloc(0)]) };
			},
			httpRequestWithAuthentication: async () => {
				throw new Error('the GLAIR credential must never be used for a download');
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, requests };
}

const download = async (context: IExecuteFunctions, url: string, allowLocalNetwork = false) =>
	await downloadDocument.call(context, { url, allowLocalNetwork, maxBytes: 1000, timeoutMs: 5000 });

describe('downloadDocument', () => {
	it('refuses a redirect from a public host to cloud metadata, without requesting it', async () => {
		const { context, requests } = stubbed({
			'https://files.example.com/scan.png?sig=1': {
				statusCode: 302,
				headers: { location: 'http://169.254.169.254/latest/meta-data/' },
			},
		});
		const outcome = await download(context, 'https://files.example.com/scan.png?sig=1');
		expect(outcome).toEqual({
			ok: false,
			problem: {
				kind: 'localNetwork',
				host: '169.254.169.254',
				range: 'link-local (cloud metadata)',
			},
		});
		expect(requests.map((request) => request.url)).toEqual([
			'https://files.example.com/scan.png?sig=1',
		]);
	});

	it('asks n8n for a plain, unfollowed, streamed request', async () => {
		const { context, requests } = stubbed({
			'https://files.example.com/a.png': { statusCode: 200, body: Buffer.from('abc') },
		});
		const outcome = await download(context, 'https://files.example.com/a.png');
		expect(outcome).toMatchObject({ ok: true, bytes: Buffer.from('abc') });
		expect(requests[0]).toMatchObject({
			method: 'GET',
			encoding: 'stream',
			disableFollowRedirect: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		expect(requests[0].headers).not.toHaveProperty('Authorization');
	});

	it('stops at a Content-Length over the limit, and at a body that runs past it', async () => {
		const { context } = stubbed({
			'https://a.example/big': { statusCode: 200, headers: { 'content-length': '5000' } },
			'https://a.example/long': { statusCode: 200, body: Buffer.alloc(1001) },
		});
		expect(await download(context, 'https://a.example/big')).toEqual({
			ok: false,
			problem: { kind: 'tooLarge', host: 'a.example', size: 5000 },
		});
		expect(await download(context, 'https://a.example/long')).toEqual({
			ok: false,
			problem: { kind: 'tooLarge', host: 'a.example', size: 1001 },
		});
	});

	it('gives up after 5 redirects', async () => {
		const { context, requests } = stubbed({
			'https://a.example/loop': { statusCode: 301, headers: { location: '/loop' } },
		});
		expect(await download(context, 'https://a.example/loop')).toEqual({
			ok: false,
			problem: { kind: 'tooManyRedirects', host: 'a.example', hops: 5 },
		});
		expect(requests).toHaveLength(6);
	});
});
