import { sourceProblems } from '../messages';
import type { SourceDocument } from './document';

/** The file name a URL's path ends with ("ktp.jpg"), without its query: that may hold a token. */
export function urlFileName(url: URL): string | undefined {
	const last = url.pathname.split('/').pop() ?? '';
	try {
		return decodeURIComponent(last).trim() || undefined;
	} catch {
		return last || undefined;
	}
}

/** A document downloaded for the URL source; messages name its host, never its path or query. */
export function downloadedDocument(url: URL, bytes: Buffer): SourceDocument {
	return {
		fileName: urlFileName(url),
		shownName: `the document from ${url.host}`,
		knownSize: bytes.length,
		bytes: async () => await Promise.resolve(bytes),
		wrongKindHint: sourceProblems.linkNotFile,
	};
}
