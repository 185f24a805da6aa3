/** GLAIR's Retry-After header, in either form HTTP allows: delay-seconds or an HTTP-date. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
const DAY_NAME = 'Mon|Tue|Wed|Thu|Fri|Sat|Sun';
const LONG_DAY_NAME = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// The three HTTP-date forms of RFC 9110 §5.6.7, case-sensitive as the grammar is. Anything
// looser (ISO 8601, "-1", "1,5") would reach Date.parse, which reads nearly anything as some date.
const IMF_FIXDATE = new RegExp(`^(?:${DAY_NAME}), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^(?:${LONG_DAY_NAME}), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^(?:${DAY_NAME}) (${MONTH}) ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/** RFC 9110: a two-digit year more than 50 years ahead means the most recent past year with those digits. */
function fullYear(twoDigits: number, now: number): number {
	const latest = new Date(now).getUTCFullYear() + 50;
	return latest - ((((latest - twoDigits) % 100) + 100) % 100);
}

/** Milliseconds since the epoch for a date in GMT, or undefined when no such moment exists (31 Feb, 25:00). */
function utcTime(
	year: number,
	month: string,
	day: string,
	hour: string,
	minute: string,
	second: string,
): number | undefined {
	const monthIndex = MONTHS.indexOf(month);
	const [d, h, m, s] = [day, hour, minute, second].map(Number);
	const daysInMonth = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
	if (d < 1 || d > daysInMonth || h > 23 || m > 59 || s > 60) return undefined; // 60: a leap second
	return Date.UTC(year, monthIndex, d, h, m, s);
}

/** An HTTP-date in any of its three forms, as epoch milliseconds; undefined for anything else. */
function parseHttpDate(text: string, now: number): number | undefined {
	let match = IMF_FIXDATE.exec(text);
	if (match) {
		const [, day, month, year, hour, minute, second] = match;
		return utcTime(Number(year), month, day, hour, minute, second);
	}
	match = RFC850_DATE.exec(text);
	if (match) {
		const [, day, month, year, hour, minute, second] = match;
		return utcTime(fullYear(Number(year), now), month, day, hour, minute, second);
	}
	match = ASCTIME_DATE.exec(text);
	if (match) {
		const [, month, day, hour, minute, second, year] = match;
		return utcTime(Number(year), month, day.trim(), hour, minute, second); // asctime has no zone: GMT
	}
	return undefined;
}

/**
 * Retry-After in milliseconds, capped and never negative: delay-seconds or an HTTP-date.
 * Undefined when absent or in any other form, so the caller falls back to backoff.
 */
export function parseRetryAfter(
	value: string | undefined,
	now: number,
	capMs: number,
): number | undefined {
	if (!value) return undefined;
	const text = value.trim();
	let ms: number;
	if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
	else {
		const date = parseHttpDate(text, now);
		if (date === undefined) return undefined;
		ms = date - now;
	}
	return Math.min(Math.max(ms, 0), capMs);
}
