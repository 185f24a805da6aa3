/**
 * The only code that speaks HTTP: a document's request with retries and the key's shared pace
 * (`sendDocument`), the credential Test's request (`probeCredentials`), and the download of a
 * document by URL (`downloadDocument`, never with the credential).
 */
export { CREDENTIAL_TYPE, redirectTarget } from './postDocument';
export type {
	GlairHttpResponse,
	NoAnswer,
	PostDocumentRequest,
	TransportOutcome,
} from './postDocument';
export { sendDocument, type SendResult } from './send';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { FlowControl } from './flowControl';
export { KeyPace } from './keyPace';
export { sharedAuto, sharedPace } from './paceRegistry';
export type { Admission, AutoConcurrency } from './autoConcurrency';
export { probeCredentials, type ProbeOutcome } from './credentialProbe';
export {
	downloadDocument,
	MAX_REDIRECTS,
	type DownloadOutcome,
	type DownloadProblem,
} from './download';
