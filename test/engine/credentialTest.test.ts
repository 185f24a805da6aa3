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
			authorization: { username: emulator.credentials.username, password: emulator.credentials.password },
			apiKey: emulator.credentials.apiKey,
			files: [],
			response: { status: 400 },
		});
	});

	it.each([
		['a wrong password', { password: 'nope' }, 401],
		['a wrong username', { username: 'nobody' }, 401],
		['a wrong API key', { apiKey: 'nope' }, 403],
	])('fails %s', async (_name, data, status) => {
		expect(await test(data)).toEqual({
			status: 'Error',
			message: `Wrong username, password or API key (GLAIR answered HTTP ${status})`,
		});
	});

	it('fails a Base URL where nothing answers', async () => {
		const result = await test({ baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\. Check the Base URL/);
	});

	it('fails a Base URL that is not GLAIR (404)', async () => {
		expect(await test({ baseUrl: `${emulator.baseUrl}/not-glair` })).toEqual({
			status: 'Error',
			message: `${emulator.baseUrl}/not-glair is not a GLAIR Vision API address (HTTP 404). Check the Base URL.`,
		});
	});

	it('refuses plain http to another host without sending anything', async () => {
		const result = await test({ baseUrl: 'http://api.vision.glair.ai' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/unencrypted/) });
		expect(emulator.requests).toHaveLength(0);
	});

	it('says GLAIR could not check when it is rate limiting or down', async () => {
		emulator.injectFault({ kind: 'status', status: 503 });
		expect(await test({})).toMatchObject({ status: 'Error', message: expect.stringMatching(/could not check the credentials right now \(HTTP 503\)/) });
	});

	it('never repeats a secret in its message', async () => {
		const messages = [await test({ password: 'p4ss-secret' }), await test({ apiKey: 'k3y-secret', baseUrl: 'http://127.0.0.1:9' })];
		expect(JSON.stringify(messages)).not.toMatch(/p4ss-secret|k3y-secret/);
	});
});
