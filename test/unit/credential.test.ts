import type { IHttpRequestOptions } from 'n8n-workflow';

import { GlairVisionApi } from '../../credentials/GlairVisionApi.credentials';

const credentials = {
	username: 'ani',
	password: 'pa:ss word',
	apiKey: 'key-123',
	baseUrl: 'https://api.vision.glair.ai',
};

describe('GLAIR Vision API credential: authenticate', () => {
	// n8n's declarative form (`={{$credentials.username}}`) evaluates an expression per value per
	// request, about 2 ms of CPU per document in n8n 2.x; a function costs nothing measurable.
	const { authenticate } = new GlairVisionApi();
	const sign = async (options: IHttpRequestOptions, data: Record<string, string> = credentials) => {
		if (typeof authenticate !== 'function') throw new Error('authenticate is not a function');
		return await authenticate(data, options);
	};

	it('adds HTTP Basic auth (username:password) and the x-api-key header', async () => {
		const signed = await sign({ url: 'https://api.vision.glair.ai/ocr/v1/stnk', method: 'POST' });
		expect(signed.auth).toEqual({ username: 'ani', password: 'pa:ss word' });
		expect(signed.headers).toEqual({ 'x-api-key': 'key-123' });
	});

	it("keeps the request's own headers and options", async () => {
		const options: IHttpRequestOptions = {
			url: 'https://api.vision.glair.ai/ocr/v1/stnk',
			method: 'POST',
			headers: { Accept: 'application/json', 'Content-Type': 'multipart/form-data; boundary=x' },
			disableFollowRedirect: true,
			timeout: 30_000,
		};
		const signed = await sign(options);
		expect(signed).toMatchObject({ disableFollowRedirect: true, timeout: 30_000 });
		expect(signed.headers).toEqual({
			Accept: 'application/json',
			'Content-Type': 'multipart/form-data; boundary=x',
			'x-api-key': 'key-123',
		});
	});

	it('sends empty strings for fields the credential lacks, never "undefined"', async () => {
		const signed = await sign({ url: 'https://x.test' }, {});
		expect(signed.auth).toEqual({ username: '', password: '' });
		expect(signed.headers).toEqual({ 'x-api-key': '' });
	});
});
