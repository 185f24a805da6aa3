/**
 * Whether the node may fetch a document URL: http or https only, and (unless the user allows the
 * local network) never a loopback, private, link-local, CGNAT or otherwise non-public address, so
 * a model told by a document to fetch http://169.254.169.254/ gets a refusal. n8n Cloud's rules
 * forbid node:dns, so a name is judged as written: IP literals and local-only names are refused
 * before connecting; a public-looking name whose DNS answer is private is not caught here.
 */

/** Why a URL is not fetched; `host` is the URL's host, never its path or query. */
export type UrlRefusal =
	| { readonly kind: 'notAUrl' }
	| { readonly kind: 'scheme'; readonly scheme: string }
	| { readonly kind: 'credentials'; readonly host: string }
	| { readonly kind: 'localNetwork'; readonly host: string; readonly range: string };

export type UrlCheck =
	{ readonly ok: true; readonly url: URL } | { readonly ok: false; readonly refusal: UrlRefusal };

/** IPv4 ranges that are not the public internet (RFC 6890 and friends), with what they are. */
const IPV4_RANGES: ReadonlyArray<[string, number, string]> = [
	['0.0.0.0', 8, 'this network'],
	['10.0.0.0', 8, 'private network'],
	['100.64.0.0', 10, 'carrier-grade NAT'],
	['127.0.0.0', 8, 'loopback'],
	['169.254.0.0', 16, 'link-local (cloud metadata)'],
	['172.16.0.0', 12, 'private network'],
	['192.0.0.0', 24, 'IETF protocol assignments'],
	['192.0.2.0', 24, 'documentation'],
	['192.88.99.0', 24, '6to4 relay'],
	['192.168.0.0', 16, 'private network'],
	['198.18.0.0', 15, 'benchmarking'],
	['198.51.100.0', 24, 'documentation'],
	['203.0.113.0', 24, 'documentation'],
	['224.0.0.0', 4, 'multicast'],
	['240.0.0.0', 4, 'reserved'],
];

const ipv4Number = (text: string): number | undefined => {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) < 256))
		return undefined;
	return parts.reduce((value, part) => value * 256 + Number(part), 0);
};

function ipv4Range(address: number): string | undefined {
	for (const [base, bits, range] of IPV4_RANGES) {
		const size = 2 ** (32 - bits);
		const start = ipv4Number(base) as number;
		if (address >= start && address < start + size) return range;
	}
	return undefined;
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it (compressed, hex). */
function ipv6Groups(text: string): number[] | undefined {
	const [head, tail, extra] = text.split('::');
	if (extra !== undefined) return undefined;
	const groups = (part: string | undefined) =>
		part ? part.split(':').map((group) => parseInt(group, 16)) : [];
	const start = groups(head);
	const end = groups(tail);
	if (tail === undefined) return start.length === 8 ? start : undefined;
	const missing = 8 - start.length - end.length;
	return missing < 0 ? undefined : [...start, ...new Array<number>(missing).fill(0), ...end];
}

function ipv6Range(groups: readonly number[]): string | undefined {
	const [first] = groups;
	const zeroUpTo = (count: number) => groups.slice(0, count).every((group) => group === 0);
	const embeddedV4 = () => ipv4Range(groups[6] * 65536 + groups[7]);
	if (zeroUpTo(7) && groups[7] <= 1) return groups[7] === 1 ? 'loopback' : 'unspecified address';
	// ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) and 64:ff9b::a.b.c.d (NAT64) reach an IPv4 host.
	if (zeroUpTo(5) && (groups[5] === 0xffff || groups[5] === 0)) return embeddedV4();
	if (first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0))
		return embeddedV4();
	if ((first & 0xfe00) === 0xfc00) return 'unique local address';
	if ((first & 0xffc0) === 0xfe80) return 'link-local';
	if ((first & 0xffc0) === 0xfec0) return 'site-local';
	if ((first & 0xff00) === 0xff00) return 'multicast';
	if (first === 0x2001 && groups[1] === 0x0db8) return 'documentation';
	return undefined;
}

/** Names that only ever mean this machine or the local network. */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'lan', 'home.arpa', 'localdomain'];

/** What kind of non-public host this is, or undefined for a public one (as far as can be told). */
export function localNetworkRange(hostname: string): string | undefined {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host.startsWith('[')) {
		const groups = ipv6Groups(host.slice(1, -1));
		return groups ? ipv6Range(groups) : 'unparsable IPv6 address';
	}
	const v4 = ipv4Number(host);
	if (v4 !== undefined) return ipv4Range(v4);
	if (!host.includes('.')) return host === 'localhost' ? 'loopback' : 'local name';
	const suffix = LOCAL_SUFFIXES.find((name) => host === name || host.endsWith(`.${name}`));
	return suffix ? `local name (.${suffix})` : undefined;
}

/**
 * Checks one URL (the one given, or a redirect's target) before anything connects to it. The URL
 * parser has already turned 0x7f.1, 2130706433 and the like into 127.0.0.1.
 */
export function checkDocumentUrl(target: string | URL, allowLocalNetwork: boolean): UrlCheck {
	let url: URL;
	try {
		url = typeof target === 'string' ? new URL(target.trim()) : target;
	} catch {
		return { ok: false, refusal: { kind: 'notAUrl' } };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { ok: false, refusal: { kind: 'scheme', scheme: url.protocol.replace(/:$/, '') } };
	}
	// A user:password in the URL would be sent as Basic auth to whatever host it names.
	if (url.username || url.password) {
		return { ok: false, refusal: { kind: 'credentials', host: url.host } };
	}
	const range = allowLocalNetwork ? undefined : localNetworkRange(url.hostname);
	if (range) return { ok: false, refusal: { kind: 'localNetwork', host: url.host, range } };
	return { ok: true, url };
}
