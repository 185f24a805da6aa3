import type { IDataObject } from 'n8n-workflow';

import type { GlairHttpResponse } from './transport';

/** A successful GLAIR read: the body exactly as sent, with its parts checked. */
export interface GlairRead {
	readonly body: IDataObject;
	readonly status: string;
	readonly reason: string;
	readonly read: IDataObject;
	readonly requestId: string;
}

/** Why GLAIR's answer is not a usable read, in words for the person who runs the workflow. */
export interface GlairProblem {
	readonly httpCode: number;
	readonly glairStatus?: string;
	readonly reason?: string;
	readonly requestId: string;
	readonly retryAfter?: string;
	readonly message: string;
	readonly whatToDo: string;
}

export type GlairAnswer =
	| { readonly ok: true; readonly read: GlairRead }
	| { readonly ok: false; readonly problem: GlairProblem };

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const textOf = (value: unknown): string | undefined =>
	typeof value === 'string' && value ? value : undefined;

function parseJsonObject(text: string): IDataObject | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		return isObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

const REPORT = 'If it keeps happening, send the Request-Id to GLAIR support.';

const BASE_URL_HINT =
	'Check the Base URL in the "GLAIR Vision API" credential (normally https://api.vision.glair.ai).';

/** Why an answer that is not a read failed, by GLAIR's status when it sent one, else by HTTP code. */
function describeFailure(
	httpCode: number,
	glairStatus: string | undefined,
	detail: string | undefined,
	redirectTarget: string | undefined,
) {
	const said = detail ? ` GLAIR said: "${detail}".` : '';
	const status = glairStatus?.toUpperCase();
	if (httpCode >= 300 && httpCode < 400) {
		return {
			message: redirectTarget
				? `GLAIR's address redirected the request to ${redirectTarget} (HTTP ${httpCode})`
				: `GLAIR's address answered with a redirect (HTTP ${httpCode}) that says nowhere`,
			whatToDo: `The Base URL in the "GLAIR Vision API" credential is probably wrong: GLAIR answers at https://api.vision.glair.ai itself. The redirect was not followed, so your API key was not sent there.`,
		};
	}
	if (httpCode === 401) {
		return {
			message: 'Wrong username, password or API key: GLAIR refused the credentials (HTTP 401)',
			whatToDo: `Open the "GLAIR Vision API" credential and check the username, password and API key GLAIR gave you; its Test button checks them.${said}`,
		};
	}
	if (httpCode === 403) {
		return {
			message: 'Wrong username, password or API key: GLAIR refused access (HTTP 403)',
			whatToDo: `Check the API key in the "GLAIR Vision API" credential and that your GLAIR plan includes this document type.${said}`,
		};
	}
	if (status === 'NO_FILE') {
		return {
			message: `GLAIR received no file (HTTP ${httpCode}, NO_FILE)`,
			whatToDo: `Check that "Input Binary Field" names the field that holds the document. ${REPORT}`,
		};
	}
	if (httpCode === 415 || status === 'FILE_INVALID_FORMAT') {
		return {
			message: `GLAIR could not process the file format (HTTP ${httpCode}, FILE_INVALID_FORMAT)`,
			whatToDo:
				'Send a PNG or JPEG photo or scan (Read BPKB also takes TIFF and PDF). The file may be damaged: open it on your computer and save it again.',
		};
	}
	if (httpCode === 404) {
		return { message: 'GLAIR does not know this address (HTTP 404)', whatToDo: BASE_URL_HINT };
	}
	if (httpCode === 413) {
		return {
			message: 'The file is too large for GLAIR (HTTP 413)',
			whatToDo: 'Send a smaller scan: lower the resolution or compress the image.',
		};
	}
	if (httpCode === 429) {
		return {
			message: 'GLAIR is receiving too many requests (HTTP 429, rate limit)',
			whatToDo: `Wait a moment and run again, or lower "Concurrency" in the node's options.${said}`,
		};
	}
	if (httpCode >= 500) {
		return {
			message: `GLAIR had a server problem (HTTP ${httpCode})`,
			whatToDo: `This is usually temporary: run the workflow again in a few minutes. ${REPORT}`,
		};
	}
	if (httpCode >= 200 && httpCode < 300) {
		return {
			message: glairStatus
				? `GLAIR answered with status ${glairStatus} instead of a read (HTTP ${httpCode})`
				: `GLAIR answered without a read status (HTTP ${httpCode})`,
			whatToDo: `${said.trim() || 'GLAIR gave no reason.'} Run the workflow again in a minute. ${REPORT}`,
		};
	}
	return {
		message: `GLAIR rejected the request (HTTP ${httpCode}${glairStatus ? `, ${glairStatus}` : ''})`,
		whatToDo: `${said.trim() || 'GLAIR gave no reason.'} ${REPORT}`,
	};
}

/** Turns GLAIR's HTTP answer into a read or a problem; never throws. */
export function interpretAnswer(response: GlairHttpResponse): GlairAnswer {
	const { statusCode: httpCode, requestId, retryAfter } = response;
	const body = parseJsonObject(response.body);
	const glairStatus = textOf(body?.status);
	const reason = textOf(body?.reason) ?? textOf(body?.message);

	if (httpCode < 200 || httpCode >= 300) {
		const { message, whatToDo } = describeFailure(
			httpCode,
			glairStatus,
			reason,
			response.redirectTarget,
		);
		return {
			ok: false,
			problem: { httpCode, glairStatus, reason, requestId, retryAfter, message, whatToDo },
		};
	}
	const problem = (message: string, whatToDo: string): GlairAnswer => ({
		ok: false,
		problem: { httpCode, glairStatus, reason, requestId, message, whatToDo },
	});
	if (response.body.trim() === '') {
		return problem(
			`GLAIR sent an empty answer (HTTP ${httpCode} with no body)`,
			`Run the workflow again. ${REPORT}`,
		);
	}
	if (!body) {
		return problem(
			`GLAIR sent an answer that is not valid JSON (HTTP ${httpCode})`,
			`Run the workflow again. ${REPORT}`,
		);
	}
	// GLAIR documents its statuses in capitals; any spelling of SUCCESS is a read.
	const status = glairStatus?.toUpperCase();
	if (status === 'FAILED') {
		return problem(
			`GLAIR could not read the document (status ${glairStatus})`,
			`Send a sharp, well-lit photo or scan of the whole document, not cropped or rotated.${reason ? ` GLAIR said: "${reason}".` : ''}`,
		);
	}
	if (status !== 'SUCCESS') {
		const { message, whatToDo } = describeFailure(httpCode, glairStatus, reason, undefined);
		return problem(message, whatToDo);
	}
	if (!isObject(body.read)) {
		return problem(
			'GLAIR answered SUCCESS but sent no read fields',
			`Run the workflow again. ${REPORT}`,
		);
	}
	if (Object.keys(body.read).length === 0) {
		return problem(
			'GLAIR read nothing from this document (SUCCESS with no sections)',
			`Check that the file shows the whole document, sharp and well lit. ${REPORT}`,
		);
	}
	return {
		ok: true,
		read: { body, status: glairStatus ?? '', reason: reason ?? '', read: body.read, requestId },
	};
}
