import { glairAnswerProblems, type AnswerFacts, type Wording } from '../messages';

/**
 * Which problem GLAIR's answer is, apart from how it is worded: messages.ts words each kind, for a
 * run (glairAnswerProblems) and for the credential Test (credentialTest.answer).
 */
export type AnswerProblemKind =
	| 'redirect'
	| 'unauthorised'
	| 'forbidden'
	| 'noFile'
	| 'unsupportedFormat'
	| 'notFound'
	| 'tooLarge'
	| 'rateLimited'
	| 'serverError'
	/** HTTP 2xx with a status that is not a read. */
	| 'notARead'
	| 'rejected';

/** What the HTTP code alone says. */
function classifyStatus(httpCode: number): Exclude<AnswerProblemKind, 'noFile'> {
	if (httpCode >= 300 && httpCode < 400) return 'redirect';
	if (httpCode === 401) return 'unauthorised';
	if (httpCode === 403) return 'forbidden';
	if (httpCode === 415) return 'unsupportedFormat';
	if (httpCode === 404) return 'notFound';
	if (httpCode === 413) return 'tooLarge';
	if (httpCode === 429) return 'rateLimited';
	if (httpCode >= 500) return 'serverError';
	if (httpCode >= 200 && httpCode < 300) return 'notARead';
	return 'rejected';
}

/**
 * The problem in an answer that is not a read. GLAIR's status counts once the request got past
 * redirects and the credentials: NO_FILE and FILE_INVALID_FORMAT say more than the HTTP code.
 */
export function classifyAnswer(answer: {
	readonly httpCode: number;
	readonly glairStatus?: string;
}): AnswerProblemKind {
	const byCode = classifyStatus(answer.httpCode);
	if (byCode === 'redirect' || byCode === 'unauthorised' || byCode === 'forbidden') return byCode;
	const status = answer.glairStatus?.toUpperCase();
	if (status === 'NO_FILE') return 'noFile';
	if (status === 'FILE_INVALID_FORMAT') return 'unsupportedFormat';
	return byCode;
}

/** An answer that is not a read, worded for the person who runs the workflow. */
export const wordAnswerProblem = (answer: AnswerFacts): Wording =>
	glairAnswerProblems[classifyAnswer(answer)](answer);

/** What the credential Test's answer (a POST without a file) says about the credentials. */
export type ProbeVerdict =
	| 'accepted'
	| Extract<
			AnswerProblemKind,
			'unauthorised' | 'forbidden' | 'notFound' | 'rateLimited' | 'serverError' | 'redirect'
	  >
	| 'notGlair';

/** GLAIR's `status` in a body as received (text, or already parsed). */
function glairStatusIn(body: unknown): string | undefined {
	try {
		const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
		const status = (parsed as { status?: unknown } | null)?.status;
		return typeof status === 'string' ? status : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Only GLAIR's 400 NO_FILE means the credentials passed (and nothing was read or billed): a login
 * page or another server that happens to answer is not GLAIR.
 */
export function classifyProbe(httpCode: number, body: unknown): ProbeVerdict {
	if (httpCode === 400 && glairStatusIn(body)?.toUpperCase() === 'NO_FILE') return 'accepted';
	const kind = classifyStatus(httpCode);
	switch (kind) {
		case 'unauthorised':
		case 'forbidden':
		case 'notFound':
		case 'rateLimited':
		case 'serverError':
		case 'redirect':
			return kind;
		default:
			return 'notGlair';
	}
}

/** What a body that is not GLAIR's looks like, for saying what answered instead. */
export function classifyBody(
	body: unknown,
	headers: Record<string, unknown>,
): 'empty' | 'html' | 'json' | 'other' {
	const text = typeof body === 'string' ? body.trim() : '';
	const type = String(headers['content-type'] ?? '');
	if (!text) return 'empty';
	if (type.includes('html') || /^<(!doctype|html)/i.test(text)) return 'html';
	return type.includes('json') || /^[{[]/.test(text) ? 'json' : 'other';
}
