/**
 * The credential's Test button: n8n runs the node's `credentialTest` with its own credential-test
 * context (n8n-core's CredentialTestContext, real HTTP). It must tell good credentials from wrong
 * ones and from an unreachable or unsafe Base URL.
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions } from 'n8n-workflow';

import { glairVisionApiTest } from '../../nodes/GlairVision/methods/credentialTest';
import { useEngine } from './context';

const { emulator } = useEngine();

const test = async (data: Record<string, string>) => {
	const context: ICredentialTestFunctions = new CredentialTestContext();
	return await glairVisionApiTest.call(context, {
		id: 'cred-1',
		name: 'GLAIR',
		type: 'glairVisionApi',
		data: { ...emulator.credentials, baseUrl: emulator.baseUrl, ...data },
	});
};

describe('the credential test', () => {
	it('passes good credentials (GLAIR answers 400 NO_FILE: auth passed, nothing read)', async () => {
		expect(await test({})).toEqual({
			status: 'OK',
			message: 'Connection successful: GLAIR accepted the username, password and API key',
		});
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.requests[0]).toMatchObject({
			method: 'POST',
			path: '/ocr/v1/stnk',
			authorization: {
				username: emulator.credentials.username,
				password: emulator.credentials.password,
			},
			apiKey: emulator.credentials.apiKey,
			files: [],
			response: { status: 400 },
		});
	});

	it.each([
		['a wrong password', { password: 'nope' }],
		['a wrong username', { username: 'nobody' }],
	])('fails %s', async (_name, data) => {
		expect(await test(data)).toEqual({
			status: 'Error',
			message: 'Wrong username, password or API key (GLAIR answered HTTP 401)',
		});
	});

	it('fails a wrong API key, and says a 403 may also be a plan without STNK', async () => {
		expect(await test({ apiKey: 'nope' })).toEqual({
			status: 'Error',
			message:
				'Wrong API key, or a GLAIR plan without Read STNK, which the Test reads with (GLAIR answered HTTP 403)',
		});
	});

	it('quotes a Base URL with a token in its path only as scheme://host[:port]', async () => {
		const results = [
			await test({ baseUrl: 'http://127.0.0.1:9/T0KEN-123' }),
			await test({ baseUrl: `${emulator.baseUrl}/T0KEN-123` }),
			await test({ baseUrl: 'ftp://glair.example/T0KEN-123' }),
		];
		expect(results[0].message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
		expect(results[1].message).toBe(
			`${emulator.baseUrl} is not a GLAIR Vision API address (HTTP 404). Check the Base URL.`,
		);
		expect(JSON.stringify(results)).not.toContain('T0KEN');
	});

	it('fails a Base URL where nothing answers', async () => {
		const result = await test({ baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Could not reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\. Check the Base URL/,
		);
	});

	it('fails a Base URL that is not GLAIR (404)', async () => {
		expect(await test({ baseUrl: `${emulator.baseUrl}/not-glair` })).toEqual({
			status: 'Error',
			message: `${emulator.baseUrl} is not a GLAIR Vision API address (HTTP 404). Check the Base URL.`,
		});
	});

	it('refuses plain http to another host without sending anything', async () => {
		const result = await test({ baseUrl: 'http://api.vision.glair.ai' });
		expect(result).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/unencrypted/),
		});
		expect(emulator.requests).toHaveLength(0);
	});

	it('says GLAIR could not check when it is rate limiting or down', async () => {
		emulator.injectFault({ kind: 'status', status: 503 });
		expect(await test({})).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/could not check the credentials right now \(HTTP 503\)/),
		});
	});

	it('never repeats a secret in its message', async () => {
		const messages = [
			await test({ password: 'p4ss-secret' }),
			await test({ apiKey: 'k3y-secret', baseUrl: 'http://127.0.0.1:9' }),
		];
		expect(JSON.stringify(messages)).not.toMatch(/p4ss-secret|k3y-secret/);
	});

	it.each([
		[
			'a 200 HTML page',
			{
				kind: 'status' as const,
				status: 200,
				rawBody: '<html><body>Welcome</body></html>',
				headers: { 'content-type': 'text/html' },
			},
			/answered HTTP 200 with an HTML page/,
		],
		[
			'a 405',
			{ kind: 'status' as const, status: 405, body: { message: 'Method Not Allowed' } },
			/answered HTTP 405/,
		],
		[
			"a 400 that is not GLAIR's NO_FILE",
			{ kind: 'status' as const, status: 400, body: { message: 'Bad Request' } },
			/answered HTTP 400/,
		],
		[
			'a 200 JSON that is not GLAIR',
			{ kind: 'status' as const, status: 200, body: { ok: true } },
			/answered HTTP 200/,
		],
	])("fails %s: only GLAIR's own NO_FILE answer is success", async (_name, fault, said) => {
		emulator.injectFault(fault);
		const result = await test({});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(said);
		expect(result.message).toMatch(/does not look like the GLAIR Vision API/);
	});

	it('fails a redirect (to a login page, say) and does not follow it', async () => {
		emulator.injectFault({
			kind: 'status',
			status: 302,
			body: '',
			headers: { Location: 'https://login.example.com/sso?next=x' },
		});
		const result = await test({});
		expect(result).toEqual({
			status: 'Error',
			message: `${emulator.baseUrl} redirected to https://login.example.com/sso (HTTP 302): it does not look like the GLAIR Vision API. Check the Base URL (normally https://api.vision.glair.ai).`,
		});
		expect(emulator.requests).toHaveLength(1);
	});

	it('trims a pasted API key, username and password', async () => {
		const { username, password, apiKey } = emulator.credentials;
		expect(
			(await test({ username: `${username} `, password: `\t${password}`, apiKey: `${apiKey}\n` }))
				.status,
		).toBe('OK');
		expect(emulator.requests[0]).toMatchObject({ authorization: { username, password }, apiKey });
	});

	it('names an API key that cannot be sent, without repeating it, and sends nothing', async () => {
		const result = await test({ apiKey: 'secret\u2019key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^API Key: .*character 7 of 10 is not plain ASCII/);
		expect(result.message).not.toContain('secret');
		expect(emulator.requests).toHaveLength(0);
	});

	it('never echoes the user info of a Base URL that does not parse', async () => {
		const result = await test({ baseUrl: 'https://ani:hunter2 secret@api.vision glair.ai' });
		expect(result.status).toBe('Error');
		expect(result.message).not.toMatch(/hunter2|ani:/);
	});
});
