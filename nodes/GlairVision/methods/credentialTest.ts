import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { ENDPOINTS } from '../catalogue';
import { shownBaseUrl } from '../credential/baseUrl';
import { checkCredentialFields } from '../credential/fields';
import { credentialTest } from '../messages';
import { probeCredentials, redirectTarget } from '../transport';

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
function describeBody(body: unknown, headers: Record<string, unknown>): string {
	const text = typeof body === 'string' ? body.trim() : '';
	const type = String(headers['content-type'] ?? '');
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
	if (!checked.ok) {
		return { status: 'Error', message: credentialTest.unusable(checked.field, checked.problem) };
	}
	const { baseUrl, secrets } = checked;
	const url = `${baseUrl}${ENDPOINTS.readStnk.path}`;
	// A token pasted into the Base URL's path is never repeated.
	const shown = shownBaseUrl(baseUrl);
	const outcome = await probeCredentials.call(this, url, secrets);
	if (!outcome.answered) {
		return { status: 'Error', message: credentialTest.unreachable(shown, outcome.code) };
	}

	const { statusCode, headers, body } = outcome;
	if (statusCode === 400 && isGlairNoFile(body))
		return { status: 'OK', message: credentialTest.ok };
	if (statusCode === 401) return { status: 'Error', message: credentialTest.refused(statusCode) };
	if (statusCode === 403) return { status: 'Error', message: credentialTest.forbidden };
	if (statusCode === 404) return { status: 'Error', message: credentialTest.notFound(shown) };
	if (statusCode === 429 || statusCode >= 500) {
		return { status: 'Error', message: credentialTest.busy(statusCode) };
	}
	if (statusCode >= 300 && statusCode < 400) {
		const target = redirectTarget(headers.location, url);
		return { status: 'Error', message: credentialTest.redirected(shown, target, statusCode) };
	}
	return {
		status: 'Error',
		message: credentialTest.notGlair(shown, statusCode, describeBody(body, headers)),
	};
}
