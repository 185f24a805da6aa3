import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { checkBaseUrl } from '../baseUrl';
import { ENDPOINTS } from '../catalogue';

interface TestResponse {
	statusCode: number;
}

const CREDENTIAL_TEST_TIMEOUT_MS = 20_000;

/**
 * GLAIR has no "who am I" endpoint, so the test posts to Read STNK without a file: good
 * credentials get GLAIR's 400 NO_FILE (auth passed, nothing read, nothing billed), wrong ones
 * 401/403. A declarative test request would count that 400 as a failure, hence this function.
 */
export async function glairVisionApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	const baseUrl = checkBaseUrl(data.baseUrl);
	if (!baseUrl.ok) return { status: 'Error', message: baseUrl.problem };

	// The credential-test context offers only the legacy `request` helper (no httpRequest).
	const { helpers } = this;
	let response: TestResponse;
	try {
		response = (await helpers.request({
			method: 'POST',
			uri: `${baseUrl.baseUrl}${ENDPOINTS.readStnk.path}`,
			headers: { Accept: 'application/json', 'x-api-key': String(data.apiKey ?? '') },
			auth: { username: String(data.username ?? ''), password: String(data.password ?? '') },
			simple: false,
			resolveWithFullResponse: true,
			timeout: CREDENTIAL_TEST_TIMEOUT_MS,
		})) as TestResponse;
	} catch (error) {
		// Only the error code: request errors carry the request headers, i.e. the secrets.
		const code = (error as { code?: unknown }).code;
		return {
			status: 'Error',
			message: `Could not reach ${baseUrl.baseUrl}${typeof code === 'string' ? ` (${code})` : ''}. Check the Base URL and this machine's internet connection.`,
		};
	}

	const { statusCode } = response;
	if (statusCode === 401 || statusCode === 403) {
		return { status: 'Error', message: `Wrong username, password or API key (GLAIR answered HTTP ${statusCode})` };
	}
	if (statusCode === 404) {
		return { status: 'Error', message: `${baseUrl.baseUrl} is not a GLAIR Vision API address (HTTP 404). Check the Base URL.` };
	}
	if (statusCode === 429 || statusCode >= 500) {
		return {
			status: 'Error',
			message: `GLAIR could not check the credentials right now (HTTP ${statusCode}). Try again in a minute.`,
		};
	}
	return { status: 'OK', message: 'Connection successful: GLAIR accepted the username, password and API key' };
}
