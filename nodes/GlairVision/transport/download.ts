import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { checkDocumentUrl, type UrlRefusal } from '../input/urlCheck';
import { describeNoAnswer } from './postDocument';

/** Redirects followed before a download counts as a loop. */
export const MAX_REDIRECTS = 5;

export interface DownloadRequest {
	readonly url: string;
	readonly allowLocalNetwork: boolean;
	readonly maxBytes: number;
	/** Bounds the whole download, every hop and every byte. */
	readonly timeoutMs: number;
}

/** Why a download gave no document; `host` is the host that failed, never a path or query. */
export type DownloadProblem =
	| UrlRefusal
	| { readonly kind: 'status'; readonly host: string; readonly statusCode: number }
	| { readonly kind: 'tooManyRedirects'; readonly host: string; readonly hops: number }
	| { readonly kind: 'tooLarge'; readonly host: string; readonly size: number }
	| { readonly kind: 'timedOut'; readonly host: string; readonly timeoutMs: number }
	| { readonly kind: 'network'; readonly host: string; readonly code: string };

export type DownloadOutcome =
	| {
			readonly ok: true;
			readonly bytes: Buffer;
			/** The URL that served it, after redirects. */
			readonly url: URL;
			readonly contentType?: string;
	  }
	| { readonly ok: false; readonly problem: DownloadProblem };

interface StreamResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: AsyncIterable<Buffer> & { destroy?: (error?: Error) => void };
}

const header = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
	const value = headers?.[name];
	return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined;
};

/**
 * Downloads a document for the URL source. A plain request: the GLAIR credential never goes to
 * this URL. Redirects are followed here, each target checked as the first URL was (scheme and
 * address), at most MAX_REDIRECTS. n8n's helper has no size limit of its own, so the body is
 * streamed and the download stops at Max File Size (a larger Content-Length stops it at once).
 */
export async function downloadDocument(
	this: IExecuteFunctions,
	request: DownloadRequest,
): Promise<DownloadOutcome> {
	const deadline = AbortSignal.timeout(request.timeoutMs);
	const cancelled = this.getExecutionCancelSignal?.();
	const signal = cancelled ? AbortSignal.any([cancelled, deadline]) : deadline;
	let target: string | URL = request.url;
	for (let hop = 0; ; hop++) {
		const check = checkDocumentUrl(target, request.allowLocalNetwork);
		if (!check.ok) return { ok: false, problem: check.refusal };
		const { url } = check;
		const host = url.host;
		const failed = (error: unknown): DownloadOutcome =>
			deadline.aborted
				? { ok: false, problem: { kind: 'timedOut', host, timeoutMs: request.timeoutMs } }
				: { ok: false, problem: { kind: 'network', host, code: describeNoAnswer(error).code } };
		const options: IHttpRequestOptions = {
			method: 'GET',
			url: url.href,
			headers: { Accept: 'image/png, image/jpeg, image/tiff, application/pdf, */*;q=0.1' },
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: request.timeoutMs,
			abortSignal: signal,
		};
		let response: StreamResponse;
		try {
			response = (await this.helpers.httpRequest(options)) as StreamResponse;
		} catch (error) {
			return failed(error);
		}
		const { statusCode, headers, body } = response;
		const location = header(headers, 'location');
		if (statusCode >= 300 && statusCode < 400 && location) {
			body.destroy?.();
			if (hop >= MAX_REDIRECTS)
				return { ok: false, problem: { kind: 'tooManyRedirects', host, hops: hop } };
			try {
				target = new URL(location, url);
			} catch {
				return { ok: false, problem: { kind: 'notAUrl' } };
			}
			continue;
		}
		if (statusCode < 200 || statusCode >= 300) {
			body.destroy?.();
			return { ok: false, problem: { kind: 'status', host, statusCode } };
		}
		const declared = Number(header(headers, 'content-length'));
		if (Number.isFinite(declared) && declared > request.maxBytes) {
			body.destroy?.();
			return { ok: false, problem: { kind: 'tooLarge', host, size: declared } };
		}
		const read = await readLimited(body, request.maxBytes, signal).catch(
			(error: unknown) => error as Error,
		);
		if (read instanceof Error) return failed(read);
		if ('tooLarge' in read)
			return { ok: false, problem: { kind: 'tooLarge', host, size: read.size } };
		return { ok: true, bytes: read.bytes, url, contentType: header(headers, 'content-type') };
	}
}

/** The body, or how far it got past the limit; it ends (and the stream closes) when the signal fires. */
async function readLimited(
	body: StreamResponse['body'],
	maxBytes: number,
	signal: AbortSignal,
): Promise<{ bytes: Buffer } | { tooLarge: true; size: number }> {
	const chunks: Buffer[] = [];
	let size = 0;
	const iterator = body[Symbol.asyncIterator]();
	const aborted = new Promise<never>((_, reject) => {
		const stop = () => reject(new Error('aborted'));
		if (signal.aborted) stop();
		else signal.addEventListener('abort', stop, { once: true });
	});
	aborted.catch(() => body.destroy?.());
	try {
		for (;;) {
			const next = await Promise.race([iterator.next(), aborted]);
			if (next.done) return { bytes: Buffer.concat(chunks, size) };
			size += next.value.length;
			if (size > maxBytes) return { tooLarge: true, size };
			chunks.push(next.value);
		}
	} finally {
		if (!signal.aborted) void iterator.return?.();
	}
}
