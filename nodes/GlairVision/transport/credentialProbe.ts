import type { ICredentialTestFunctions } from 'n8n-workflow';

import type { GlairSecrets } from '../credential/fields';

const PROBE_TIMEOUT_MS = 20_000;

export type ProbeOutcome =
	| {
			readonly answered: true;
			readonly statusCode: number;
			readonly headers: Record<string, unknown>;
			readonly body: unknown;
	  }
	/** No HTTP answer; only the error code is kept, as request errors carry the secrets. */
	| { readonly answered: false; readonly code?: string };

/**
 * The credential Test's request: a POST with the credentials and no file. Redirects are never
 * followed: the API key would travel to wherever they point.
 */
export async function probeCredentials(
	this: ICredentialTestFunctions,
	url: string,
	secrets: GlairSecrets,
): Promise<ProbeOutcome> {
	// n8n's credential-test context has only `request` (no httpRequest), so it is used here.
	const { helpers } = this;
	try {
		const response = (await helpers.request({
			method: 'POST',
			uri: url,
			headers: { Accept: 'application/json', 'x-api-key': secrets.apiKey },
			auth: { username: secrets.username, password: secrets.password },
			simple: false,
			resolveWithFullResponse: true,
			followRedirect: false,
			followAllRedirects: false,
			timeout: PROBE_TIMEOUT_MS,
		})) as { statusCode: number; headers?: Record<string, unknown>; body?: unknown };
		return {
			answered: true,
			statusCode: response.statusCode,
			headers: response.headers ?? {},
			body: response.body,
		};
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		return { answered: false, code: typeof code === 'string' ? code : undefined };
	}
}
