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
import { classifyBody, classifyProbe } from '../response';
import { probeCredentials, redirectTarget } from '../transport';

/**
 * GLAIR has no "who am I" endpoint, so the test posts to Read STNK without a file: good
 * credentials get GLAIR's 400 NO_FILE (auth passed, nothing read, nothing billed), wrong ones
 * 401/403 (classifyProbe says which). A declarative test request could not tell these apart.
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
	const verdict = classifyProbe(statusCode, body);
	if (verdict === 'accepted') return { status: 'OK', message: credentialTest.ok };
	const message = credentialTest.answer[verdict]({
		baseUrl: shown,
		httpCode: statusCode,
		redirectTarget: redirectTarget(headers.location, url),
		body: credentialTest.bodies[classifyBody(body, headers)],
	});
	return { status: 'Error', message };
}
