import {
	describeNoAnswer,
	type TransportOutcome,
} from '../../nodes/GlairVision/transport/postDocument';
import {
	DEFAULT_RETRY_POLICY,
	isRetryable,
	resendKind,
	retryDelayMs,
	type RetryPolicy,
} from '../../nodes/GlairVision/transport/retry';
import { parseRetryAfter } from '../../nodes/GlairVision/transport/retryAfter';

// RFC 9110's example date, 06 Nov 1994 08:49:37 GMT, is 30 s after this `now`.
const NOW = Date.UTC(1994, 10, 6, 8, 49, 7);
const CAP = 60_000;

describe('parseRetryAfter', () => {
	it.each([
		['0', 0],
		['1', 1_000],
		['30', 30_000],
		['  7  ', 7_000],
		['2.5', 2_500],
		['0.25', 250],
	])('reads delay-seconds %p as %p ms', (value, ms) => {
		expect(parseRetryAfter(value, NOW, CAP)).toBe(ms);
	});

	it.each([
		['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT'],
		['obsolete RFC 850 date', 'Sunday, 06-Nov-94 08:49:37 GMT'],
		['asctime date (no zone, so GMT)', 'Sun Nov  6 08:49:37 1994'],
	])('reads an %s relative to now', (_form, value) => {
		expect(parseRetryAfter(value, NOW, CAP)).toBe(30_000);
	});

	it('reads an asctime date with a two-digit day', () => {
		expect(
			parseRetryAfter('Wed Nov 16 08:49:37 1994', Date.UTC(1994, 10, 16, 8, 49, 27), CAP),
		).toBe(10_000);
	});

	it('puts an RFC 850 two-digit year in the century closest to now, never more than 50 years ahead', () => {
		const now2026 = Date.UTC(2026, 10, 23, 10, 0, 0);
		expect(parseRetryAfter('Monday, 23-Nov-26 10:00:20 GMT', now2026, CAP)).toBe(20_000);
		// 2094 would be 68 years ahead: it means 1994, in the past
		expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now2026, CAP)).toBe(0);
	});

	it('waits 0 for a date in the past', () => {
		expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:00 GMT', NOW, CAP)).toBe(0);
	});

	it.each([
		['seconds', '3600'],
		['a date', 'Sun, 06 Nov 1994 10:00:00 GMT'],
	])('caps %s beyond the cap', (_what, value) => {
		expect(parseRetryAfter(value, NOW, CAP)).toBe(CAP);
		expect(parseRetryAfter(value, NOW, 5_000)).toBe(5_000);
	});

	it.each([
		['absent', undefined],
		['empty', ''],
		['blank', '   '],
		['negative', '-1'],
		['a decimal comma', '1,5'],
		['text before a number', 'abc 5'],
		['text after a number', '5 abc'],
		['a word', 'tomorrow'],
		['an ISO 8601 date', '2026-11-23T10:00:00Z'],
		['an ISO 8601 day', '1994-11-06'],
		['a bare decimal point', '5.'],
		['an IMF-fixdate without GMT', 'Sun, 06 Nov 1994 08:49:37'],
		['an IMF-fixdate in another zone', 'Sun, 06 Nov 1994 08:49:37 +0700'],
		['an IMF-fixdate with a one-digit day', 'Sun, 6 Nov 1994 08:49:37 GMT'],
		['a lower-case month', 'Sun, 06 nov 1994 08:49:37 GMT'],
		['an unknown day name', 'Sunday, 06 Nov 1994 08:49:37 GMT'],
		['an RFC 850 date with a four-digit year', 'Sunday, 06-Nov-1994 08:49:37 GMT'],
		['an asctime date with a zone', 'Sun Nov  6 08:49:37 1994 GMT'],
		['a day that does not exist', 'Sat, 31 Feb 2026 08:49:37 GMT'],
		['an hour that does not exist', 'Sun, 06 Nov 1994 24:00:00 GMT'],
	])('returns undefined for %s (%p)', (_what, value) => {
		expect(parseRetryAfter(value, NOW, CAP)).toBeUndefined();
	});
});

describe('retryDelayMs', () => {
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1_000, maxDelayMs: 8_000 };

	it('waits what the server asked when it sent Retry-After', () => {
		expect(retryDelayMs(1, 12_345, policy, () => 0.5)).toBe(12_345);
		expect(retryDelayMs(3, 0, policy, () => 0.5)).toBe(0);
	});

	it('backs off exponentially, half fixed and half random, without Retry-After', () => {
		expect(retryDelayMs(1, undefined, policy, () => 0)).toBe(500);
		expect(retryDelayMs(1, undefined, policy, () => 1)).toBe(1_000);
		expect(retryDelayMs(2, undefined, policy, () => 0)).toBe(1_000);
		expect(retryDelayMs(3, undefined, policy, () => 0.5)).toBe(3_000);
	});

	it('never backs off beyond maxDelayMs', () => {
		expect(retryDelayMs(10, undefined, policy, () => 1)).toBe(8_000);
		expect(retryDelayMs(10, undefined, policy, () => 0)).toBe(4_000);
	});

	it('falls back to backoff when Retry-After was unreadable', () => {
		const retryAfterMs = parseRetryAfter('1,5', NOW, CAP);
		expect(retryDelayMs(2, retryAfterMs, policy, () => 0)).toBe(1_000);
	});
});

const answered = (statusCode: number): TransportOutcome => ({
	answered: true,
	response: { statusCode, body: '', requestId: '' },
});
const cut = (messages: string[]): TransportOutcome => ({
	answered: false,
	failure: describeNoAnswer({ message: 'The connection to the server was closed', messages }),
});
const timedOut: TransportOutcome = {
	answered: false,
	failure: { code: 'ETIMEDOUT', message: 'no complete answer within 1 s', timedOutAfterMs: 1_000 },
};

describe('resendKind', () => {
	it.each([
		['a 504', answered(504)],
		["the node's own timeout", timedOut],
		['a cut after the whole upload was sent (socket hang up)', cut(['socket hang up'])],
		['a reset read from the connection', cut(['read ECONNRESET'])],
	])('%s: GLAIR may have read the document', (_what, outcome) => {
		expect(resendKind(outcome)).toBe('maybeRead');
	});

	it.each([
		['a 429', answered(429)],
		['a 502', answered(502)],
		['a 503', answered(503)],
		['a cut while the upload was written (EPIPE)', cut(['write EPIPE'])],
		['a reset while the upload was written', cut(['write ECONNRESET'])],
		['a host name that could not be looked up yet', cut(['getaddrinfo EAI_AGAIN glair'])],
	])('%s: GLAIR cannot have read the document', (_what, outcome) => {
		expect(resendKind(outcome)).toBe('notRead');
	});

	it.each([
		['a 400', answered(400)],
		['a 401', answered(401)],
		['a 415', answered(415)],
		['a 500', answered(500)],
		['a 200', answered(200)],
		['a refused connection', cut(['connect ECONNREFUSED 127.0.0.1:9'])],
		['an unknown host', cut(['getaddrinfo ENOTFOUND glair'])],
	])('%s: never sent again', (_what, outcome) => {
		expect(resendKind(outcome)).toBe('never');
	});
});

describe('isRetryable', () => {
	const on = DEFAULT_RETRY_POLICY;
	const off = { ...DEFAULT_RETRY_POLICY, resendMaybeRead: false };

	it('resends what GLAIR may have read by default', () => {
		expect(on.resendMaybeRead).toBe(true);
		for (const outcome of [answered(504), timedOut, cut(['socket hang up'])])
			expect(isRetryable(outcome, on)).toBe(true);
	});

	it('with "Resend If GLAIR May Have Read It" off, resends only what GLAIR cannot have read', () => {
		for (const outcome of [answered(504), timedOut, cut(['socket hang up'])])
			expect(isRetryable(outcome, off)).toBe(false);
		for (const outcome of [answered(429), answered(503), cut(['write EPIPE'])])
			expect(isRetryable(outcome, off)).toBe(true);
	});

	it('never resends what cannot heal', () => {
		expect(isRetryable(answered(500), on)).toBe(false);
		expect(isRetryable(cut(['connect ECONNREFUSED 127.0.0.1:9']), on)).toBe(false);
	});
});
