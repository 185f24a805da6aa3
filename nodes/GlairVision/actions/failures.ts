import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

import type { GlairProblem } from './response';
import type { NoAnswer } from './transport';

export const itemLabel = (itemIndex: number): string => `item ${itemIndex}`;

export interface FailedDocument {
	readonly itemIndex: number;
	readonly fileName?: string;
	/** Requests made for this document, retries included. */
	readonly attempts?: number;
}

const where = (document: FailedDocument): string =>
	`${itemLabel(document.itemIndex)}${document.fileName ? ` (${document.fileName})` : ''}${
		document.attempts && document.attempts > 1 ? ` after ${document.attempts} attempts` : ''
	}`;

/** GLAIR answered, but not with a usable read. Only GLAIR's own words travel, never the request. */
export function glairApiError(
	node: INode,
	problem: GlairProblem,
	document: FailedDocument,
): NodeApiError {
	const details = [
		`HTTP ${problem.httpCode}`,
		problem.glairStatus && `GLAIR status ${problem.glairStatus}`,
		problem.reason && `reason "${problem.reason}"`,
		problem.requestId && `Request-Id ${problem.requestId}`,
	].filter(Boolean);
	const response: JsonObject = {
		httpCode: problem.httpCode,
		status: problem.glairStatus ?? null,
		reason: problem.reason ?? null,
		requestId: problem.requestId || null,
	};
	return new NodeApiError(node, response, {
		message: `${problem.message} on ${where(document)}`,
		description: `${problem.whatToDo} (${details.join(', ')})`,
		httpCode: String(problem.httpCode),
		itemIndex: document.itemIndex,
	});
}

const NETWORK_EXPLANATIONS: Readonly<Record<string, string>> = {
	ECONNREFUSED: 'nothing answered at that address',
	ENOTFOUND: 'the host name in the Base URL does not exist',
	EAI_AGAIN: 'the host name in the Base URL could not be looked up',
	ECONNRESET: 'the connection was cut before GLAIR answered',
	EPIPE: 'the connection was cut while the file was being sent',
	CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
	DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
};

/** No HTTP answer at all (refused, reset, timed out). */
export function glairNetworkError(
	node: INode,
	error: NoAnswer,
	document: FailedDocument,
): NodeApiError {
	if (error.timedOutAfterMs !== undefined) {
		return new NodeApiError(
			node,
			{ networkError: error.code, detail: error.message },
			{
				message: `GLAIR did not answer within ${Math.round(error.timedOutAfterMs / 1000)} s on ${where(document)}`,
				description:
					'The document was not sent again: GLAIR may have read it (and billed it) after all. Run the workflow again for this document; if GLAIR is often this slow, raise "Timeout" in the node\'s options. If nothing ever answers, check the Base URL in the "GLAIR Vision API" credential.',
				itemIndex: document.itemIndex,
			},
		);
	}
	const explanation = NETWORK_EXPLANATIONS[error.code] ?? 'the connection failed';
	return new NodeApiError(
		node,
		{ networkError: error.code, detail: error.message },
		{
			message: `Could not reach GLAIR: ${explanation} on ${where(document)}`,
			description: `Check the Base URL in the "GLAIR Vision API" credential and this machine's internet connection, then run again. (${error.code}: ${error.message})`,
			itemIndex: document.itemIndex,
		},
	);
}

/** A node error we raise ourselves; anything else is wrapped so the user sees the item. */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, `${message} on ${itemLabel(itemIndex)}`, { itemIndex });
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
): IDataObject {
	return { error: { message: error.message, ...errorDetails(error, fileName) } };
}
