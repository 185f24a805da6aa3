export type BaseUrlCheck = { readonly ok: true; readonly baseUrl: string } | { readonly ok: false; readonly problem: string };

const isLoopback = (hostname: string): boolean =>
	hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * The credential's Base URL, checked so an API key never travels unencrypted by accident:
 * absolute http(s), plain http only to this machine, no user info, query or fragment.
 */
export function checkBaseUrl(raw: unknown): BaseUrlCheck {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!text) return { ok: false, problem: 'The Base URL is empty. Use https://api.vision.glair.ai.' };
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, problem: `The Base URL "${text}" is not a web address. Use https://api.vision.glair.ai.` };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, problem: `The Base URL must start with https:// (found "${url.protocol}").` };
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		return {
			ok: false,
			problem: `The Base URL uses plain http to ${url.hostname}, which would send your password and API key unencrypted. Use https:// (plain http is allowed only to this machine).`,
		};
	}
	if (url.username || url.password) {
		return { ok: false, problem: 'The Base URL must not contain a username or password: put them in the credential fields.' };
	}
	if (url.search || url.hash) {
		return { ok: false, problem: 'The Base URL must not contain "?" or "#" parts.' };
	}
	return { ok: true, baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
