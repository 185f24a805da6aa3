import { baseUrlProblems } from '../messages';

export type BaseUrlCheck =
	| { readonly ok: true; readonly baseUrl: string }
	| { readonly ok: false; readonly problem: string };

const isLoopback = (hostname: string): boolean =>
	hostname === 'localhost' ||
	hostname === '[::1]' ||
	hostname === '::1' ||
	/^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * The text as typed, for quoting in a message: only its scheme and host (a token may have been
 * pasted into the path or query), any `user:password@` blanked out, kept short.
 */
function quotable(text: string): string {
	const schemeEnd = text.indexOf('://');
	const start = schemeEnd >= 0 ? schemeEnd + 3 : 0;
	const end = text.slice(start).search(/[/?#]/);
	const authority = end >= 0 ? text.slice(start, start + end) : text.slice(start);
	const at = authority.lastIndexOf('@');
	const host = at >= 0 ? `…${authority.slice(at)}` : authority;
	const shown = `${text.slice(0, start)}${host}${end >= 0 ? '/…' : ''}`;
	return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
}

/** A checked Base URL as messages quote it: scheme://host[:port], never its path. */
export const shownBaseUrl = (baseUrl: string): string => new URL(baseUrl).origin;

/**
 * The credential's Base URL, checked so an API key never travels unencrypted by accident:
 * absolute http(s), plain http only to this machine, no user info, query or fragment.
 */
export function checkBaseUrl(raw: unknown): BaseUrlCheck {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!text) return { ok: false, problem: baseUrlProblems.empty };
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, problem: baseUrlProblems.notAUrl(quotable(text)) };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, problem: baseUrlProblems.notHttps(quotable(text)) };
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		return { ok: false, problem: baseUrlProblems.plainHttp(url.hostname) };
	}
	if (url.username || url.password) return { ok: false, problem: baseUrlProblems.userInfo };
	if (url.search || url.hash) return { ok: false, problem: baseUrlProblems.queryOrFragment };
	return { ok: true, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
