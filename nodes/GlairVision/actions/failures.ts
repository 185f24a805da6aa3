import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import {
	answerDetails,
	maybeReadNotResent,
	noAnswer,
	sourceProblems,
	timedOut,
	type ItemPlace,
	type Wording,
} from '../messages';
import type { GlairProblem } from '../response';
import type { DownloadProblem, NoAnswer } from '../transport';
import { itemError } from './itemError';

/** A document that failed, and how hard the node tried. */
export interface FailedDocument extends ItemPlace {
	/** GLAIR may have read it, and it was not sent again (Resend If GLAIR May Have Read It off). */
	readonly notResent?: boolean;
}

/** A "what to do" that first says why the document was not sent again, when that is why. */
const withWhyNotResent = (description: string, document: FailedDocument): string =>
	document.notResent ? `${maybeReadNotResent} ${description}` : description;

/** GLAIR answered, but not with a usable read. Only GLAIR's own words travel, never the request. */
export function glairApiError(
	node: INode,
	problem: GlairProblem,
	document: FailedDocument,
): NodeApiError {
	const response: JsonObject = {
		httpCode: problem.httpCode,
		status: problem.glairStatus ?? null,
		reason: problem.reason ?? null,
		requestId: problem.requestId || null,
	};
	const description = `${problem.whatToDo} (${answerDetails(problem)})`;
	return itemError(
		node,
		{ message: problem.message, description: withWhyNotResent(description, document) },
		document,
		{ response, httpCode: String(problem.httpCode) },
	);
}

/** No HTTP answer at all (refused, reset, timed out). */
export function glairNetworkError(
	node: INode,
	failure: NoAnswer,
	document: FailedDocument,
): NodeApiError {
	const { message, description } =
		failure.timedOutAfterMs !== undefined
			? timedOut(failure.timedOutAfterMs)
			: noAnswer(failure.code, failure.message);
	return itemError(
		node,
		{ message, description: withWhyNotResent(description, document) },
		document,
		{ response: { networkError: failure.code, detail: failure.message } },
	);
}

/** The words for a document URL that gave no document. */
function downloadWording(problem: DownloadProblem, maxBytes: number): Wording {
	switch (problem.kind) {
		case 'notAUrl':
			return sourceProblems.notAUrl;
		case 'scheme':
			return sourceProblems.scheme(problem.scheme);
		case 'credentials':
			return sourceProblems.credentials(problem.host);
		case 'localNetwork':
			return sourceProblems.localNetwork(problem.host, problem.range);
		case 'status':
			return sourceProblems.status(problem.host, problem.statusCode);
		case 'tooManyRedirects':
			return sourceProblems.tooManyRedirects(problem.host, problem.hops);
		case 'tooLarge':
			return sourceProblems.tooLarge(problem.host, problem.size, maxBytes);
		case 'timedOut':
			return sourceProblems.timedOut(problem.host, problem.timeoutMs);
		case 'network':
			return sourceProblems.network(problem.host, problem.code);
	}
}

/** A document URL that gave no document (refused, failed, too large, too slow). Nothing went to GLAIR. */
export function downloadError(
	node: INode,
	problem: DownloadProblem,
	maxBytes: number,
	place: ItemPlace,
): NodeOperationError {
	return itemError(node, downloadWording(problem, maxBytes), place);
}

/** A node error we raise ourselves; anything else is wrapped so the user sees the item. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return itemError(node, { message }, { itemIndex });
}

/** What is known about a failed document, for the items that stand for it. */
function errorDetails(error: NodeApiError | NodeOperationError, fileName: string | undefined) {
	const response = (
		error instanceof NodeApiError ? (error.errorResponse ?? {}) : {}
	) as IDataObject;
	return {
		description: error.description ?? null,
		http_code: error instanceof NodeApiError ? (error.httpCode ?? null) : null,
		glair_status: response.status ?? null,
		glair_reason: response.reason ?? null,
		request_id: response.requestId ?? null,
		file_name: fileName ?? null,
	};
}

/** The `json` of the item that stands for a failed document with On Error "Continue" (regular output). */
export function errorItemJson(
	error: NodeApiError | NodeOperationError,
	fileName: string | undefined,
): IDataObject {
	return { error: error.message, ...errorDetails(error, fileName) };
}

/**
 * The `json` for n8n's error output ("Continue (using error output)"). n8n moves an item there when
 * its json holds nothing but `error`, and then adds the input item's fields; an item with `error`
 * set instead would lose these details (n8n replaces its json with the bare message).
 */
export function errorOutputJson(
	error: NodeApiError | NodeOperationError,
	fileName: string | undefined,
	extra: IDataObject = {},
): IDataObject {
	return { error: { message: error.message, ...errorDetails(error, fileName), ...extra } };
}
