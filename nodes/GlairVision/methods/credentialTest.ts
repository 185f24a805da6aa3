import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { ENDPOINTS } from '../catalogue';
import { checkCredentialFields } from '../credentialFields';
import { redirectTarget } from '../transport';

interface TestResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

const CREDENTIAL_TEST_TIMEOUT_MS = 20_000;

const NOT_GLAIR =
	'it does not look like the GLAIR Vision API. Check the Base URL (normally https://api.vision.glair.ai).';

/** GLAIR's answer to a request without a file: JSON with status NO_FILE. */
function isGlairNoFile(body: unknown): boolean {
	try {
		const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
		const status = (parsed as { status?: unknown } | null)?.status;
		return typeof status === 'string' && status.toUpperCase() === 'NO_FILE';
	} catch {
		return false;
	}
}

/** "an HTML page", "an empty body", … for a message about an answer that is not GLAIR's. */
function describeBody(response: TestResponse): string {
	const text = typeof response.body === 'string' ? response.body.trim() : '';
	const type = String(response.headers?.['content-type'] ?? '');
	if (!text) return 'an empty body';
	if (type.includes('html') || /^<(!doctype|html)/i.test(text)) return 'an HTML page';
	return type.includes('json') || /^[{[]/.test(text)
		? "JSON that is not GLAIR's"
		: "a body that is not GLAIR's";
}

/**
 * GLAIR has no "who am I" endpoint, so the test posts to Read STNK without a file: good
 * credentials get GLAIR's 400 NO_FILE (auth passed, nothing read, nothing billed), wrong ones
 * 401/403. Only that NO_FILE answer counts as success: a login page or another server that
 * happens to answer is not GLAIR. A declarative test request could not tell these apart.
 */
export async function glairVisionApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	const checked = checkCredentialFields(data);
	if (!checked.ok) return { status: 'Error', message: `${checked.field}: ${checked.problem}` };
	const { baseUrl, secrets } = checked;

	// The credential-test context offers only the legacy `request` helper (no httpRequest).
	const { helpers } = this;
	let response: TestResponse;
	try {
		response = (await helpers.request({
			method: 'POST',
			uri: `${baseUrl}${ENDPOINTS.readStnk.path}`,
			headers: { Accept: 'application/json', 'x-api-key': secrets.apiKey },
			auth: { username: secrets.username, password: secrets.password },
			simple: false,
			resolveWithFullResponse: true,
			// Never: the API key would travel to wherever a redirect points.
			followRedirect: false,
			followAllRedirects: false,
			timeout: CREDENTIAL_TEST_TIMEOUT_MS,
		})) as TestResponse;
	} catch (error) {
		// Only the error code: request errors carry the request headers, i.e. the secrets.
		const code = (error as { code?: unknown }).code;
		return {
			status: 'Error',
			message: `Could not reach ${baseUrl}${typeof code === 'string' ? ` (${code})` : ''}. Check the Base URL and this machine's internet connection.`,
		};
	}

	const { statusCode } = response;
	if (statusCode === 400 && isGlairNoFile(response.body)) {
		return {
			status: 'OK',
			message: 'Connection successful: GLAIR accepted the username, password and API key',
		};
	}
	if (statusCode === 401 || statusCode === 403) {
		return {
			status: 'Error',
			message: `Wrong username, password or API key (GLAIR answered HTTP ${statusCode})`,
		};
	}
	if (statusCode === 404) {
		return {
			status: 'Error',
			message: `${baseUrl} is not a GLAIR Vision API address (HTTP 404). Check the Base URL.`,
		};
	}
	if (statusCode === 429 || statusCode >= 500) {
		return {
			status: 'Error',
			message: `GLAIR could not check the credentials right now (HTTP ${statusCode}). Try again in a minute.`,
		};
	}
	if (statusCode >= 300 && statusCode < 400) {
		const target = redirectTarget(
			response.headers?.location,
			`${baseUrl}${ENDPOINTS.readStnk.path}`,
		);
		return {
			status: 'Error',
			message: `${baseUrl} redirected${target ? ` to ${target}` : ''} (HTTP ${statusCode}): ${NOT_GLAIR}`,
		};
	}
	return {
		status: 'Error',
		message: `${baseUrl} answered HTTP ${statusCode} with ${describeBody(response)}: ${NOT_GLAIR}`,
	};
}
