import type { ICredentialsDecrypted, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { MultipartBody } from '../input/multipart';

export const CREDENTIAL_TYPE = 'glairVisionApi';

export interface GlairHttpResponse {
	readonly statusCode: number;
	/** The response body as text: parsing is ours, so a malformed body becomes a clear error. */
	readonly body: string;
	readonly requestId: string;
	readonly retryAfter?: string;
	/** For a redirect (3xx): where it pointed, as origin and path (never followed). */
	readonly redirectTarget?: string;
}

/** A request that got no HTTP answer (refused, reset, timed out). Carries no request config. */
export interface NoAnswer {
	readonly code: string;
	readonly message: string;
	/** Set when GLAIR's complete answer did not arrive within the timeout. */
	readonly timedOutAfterMs?: number;
	/** The connection failed while the upload was being written: GLAIR cannot have all of it. */
	readonly uploadCut?: boolean;
}

export type TransportOutcome =
	| { readonly answered: true; readonly response: GlairHttpResponse }
	| { readonly answered: false; readonly failure: NoAnswer };

export interface PostDocumentRequest {
	/** Decrypted once per run: n8n would otherwise load and decrypt them again for every request. */
	readonly credentials: ICredentialsDecrypted;
	readonly baseUrl: string;
	readonly path: string;
	readonly multipart: MultipartBody;
	readonly timeoutMs: number;
	/** Told of every exchange that reads the body: the body must not change until it has settled. */
	readonly keepBodyUntil: (settled: Promise<unknown>) => void;
}

const headerValue = (headers: Record<string, unknown>, name: string): string | undefined => {
	const value = headers[name];
	if (Array.isArray(value)) return value.map(String).join(', ');
	return value === undefined || value === null ? undefined : String(value);
};

/** Error codes of a request that ran out of time (ours, axios's, the socket's). */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

/**
 * The one place that speaks HTTP to GLAIR. Auth is added by the credential's `authenticate`.
 * Redirects are never followed: n8n would send the x-api-key header to wherever they point.
 */
export async function postDocument(
	this: IExecuteFunctions,
	request: PostDocumentRequest,
): Promise<TransportOutcome> {
	const url = `${request.baseUrl}${request.path}`;
	// The request's own timeout only fires when the connection goes quiet; a server that drips a
	// byte now and then would hold the document for ever. This deadline bounds the whole exchange.
	const deadline = AbortSignal.timeout(request.timeoutMs);
	const executionSignal = this.getExecutionCancelSignal?.();
	const signal = executionSignal ? AbortSignal.any([executionSignal, deadline]) : deadline;
	const { multipart } = request;
	// A body streamed from n8n's store is opened afresh by every attempt. n8n hands a stream to
	// axios as it is: sent with our Content-Length, never buffered, never resent by n8n.
	const body = typeof multipart.body === 'function' ? await multipart.body() : multipart.body;
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		body,
		headers: {
			Accept: 'application/json',
			'Content-Type': multipart.contentType,
			'Content-Length': String(multipart.length),
		},
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs,
		disableFollowRedirect: true,
		abortSignal: signal,
	};
	// n8n sets a request's abort signal to the execution's, taken from the calling context; this
	// context hands it one that also fires at the deadline, so a late request is really cut off.
	const caller = Object.create(this, {
		getExecutionCancelSignal: { value: () => signal },
	}) as IExecuteFunctions;
	const exchange: Promise<TransportOutcome> = this.helpers.httpRequestWithAuthentication
		.call(caller, CREDENTIAL_TYPE, options, { credentialsDecrypted: request.credentials })
		.then(
			(response) => toOutcome(response, url),
			(error: unknown) => ({ answered: false, failure: describeNoAnswer(error) }),
		);
	request.keepBodyUntil(exchange);
	// A stream the request gave up on midway would keep its file open.
	if (!Buffer.isBuffer(body)) void exchange.finally(() => body.destroy());

	const timedOut: TransportOutcome = {
		answered: false,
		failure: {
			code: 'ETIMEDOUT',
			message: `no complete answer within ${Math.round(request.timeoutMs / 1000)} s`,
			timedOutAfterMs: request.timeoutMs,
		},
	};
	const expired = new Promise<TransportOutcome>((resolve) =>
		deadline.addEventListener('abort', () => resolve(timedOut), { once: true }),
	);
	const outcome = await Promise.race([exchange, expired]);
	if (!outcome.answered && (deadline.aborted || TIMEOUT_CODES.has(outcome.failure.code)))
		return timedOut;
	return outcome;
}

/** Where a redirect pointed, resolved against the request's URL: origin and path only. */
export function redirectTarget(location: unknown, requestUrl: string): string | undefined {
	if (typeof location !== 'string' || !location) return undefined;
	try {
		const target = new URL(location, requestUrl);
		return `${target.origin}${target.pathname}`;
	} catch {
		return undefined;
	}
}

function toOutcome(
	response: { statusCode: number; headers?: Record<string, unknown>; body: unknown },
	requestUrl: string,
): TransportOutcome {
	const headers = response.headers ?? {};
	const isRedirect = response.statusCode >= 300 && response.statusCode < 400;
	return {
		answered: true,
		response: {
			statusCode: response.statusCode,
			body: typeof response.body === 'string' ? response.body : bodyToText(response.body),
			requestId: headerValue(headers, 'request-id') ?? headerValue(headers, 'x-request-id') ?? '',
			retryAfter: headerValue(headers, 'retry-after'),
			redirectTarget: isRedirect
				? redirectTarget(headerValue(headers, 'location'), requestUrl)
				: undefined,
		},
	};
}

function bodyToText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}

interface ErrorLike {
	code?: unknown;
	message?: unknown;
	messages?: unknown;
	cause?: unknown;
}

/** Error codes recognisable in transport messages, for when n8n kept only the text. */
const MESSAGE_CODES: ReadonlyArray<[RegExp, string]> = [
	[/\b(E[A-Z][A-Z_]{3,}|ERR_[A-Z_]+|[A-Z_]*CERT[A-Z_]*)\b/, '$1'],
	[/timeout of \d+ms exceeded/i, 'ETIMEDOUT'],
	[/socket hang up/i, 'ECONNRESET'],
	[/\b(aborted|canceled|cancelled)\b/i, 'ERR_CANCELED'],
];

/**
 * n8n wraps transport failures in a NodeApiError that may keep the axios error (with the
 * request config, i.e. the Authorization and x-api-key headers) or only its message texts,
 * depending on the version. Keep just an error code, one plain message and whether the upload
 * was cut while it was written, nothing else.
 */
export function describeNoAnswer(error: unknown): NoAnswer {
	let code = '';
	const texts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const candidate = current as ErrorLike;
		if (!code && typeof candidate.code === 'string') code = candidate.code;
		if (Array.isArray(candidate.messages))
			texts.push(...candidate.messages.filter((text): text is string => typeof text === 'string'));
		if (typeof candidate.message === 'string' && candidate.message) texts.push(candidate.message);
		current = candidate.cause;
	}
	for (const [pattern, replacement] of MESSAGE_CODES) {
		if (code) break;
		const text = texts.find((candidate) => pattern.test(candidate));
		if (text) code = replacement.startsWith('$') ? (pattern.exec(text)?.[1] ?? '') : replacement;
	}
	// Node names the failed system call: only a failed write means the upload did not all leave.
	const uploadCut = code === 'EPIPE' || texts.some((text) => /^write E[A-Z]+\b/.test(text));
	return {
		code: code || 'UNKNOWN',
		message: texts[0] ?? 'the request failed without an answer',
		...(uploadCut ? { uploadCut } : {}),
	};
}
