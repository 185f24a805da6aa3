import type { IDataObject } from 'n8n-workflow';

import type { EndpointSpec } from '../catalogue';
import { acceptedNames } from '../input/document';
import { imageCheckProblems, unusableAnswer, type Wording } from '../messages';
import type { GlairHttpResponse } from '../transport';
import { takeImages } from './images';
import { wordAnswerProblem } from './problem';
import { imageQualityOf, isObject, type GlairRead } from './read';
import { inCatalogueSpelling } from './spelling';

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

const textOf = (value: unknown): string | undefined =>
	typeof value === 'string' && value ? value : undefined;

/** The body as a JSON object; `notJson` when it does not parse, `notObject` for `[]`, `"x"`, `3`… */
function parseJsonObject(text: string): IDataObject | 'notJson' | 'notObject' {
	try {
		const parsed: unknown = JSON.parse(text);
		return isObject(parsed) ? parsed : 'notObject';
	} catch {
		return 'notJson';
	}
}

/** Turns GLAIR's HTTP answer to a request for `endpoint` into a read or a problem; never throws. */
export function interpretAnswer(response: GlairHttpResponse, endpoint: EndpointSpec): GlairAnswer {
	const { statusCode: httpCode, requestId, retryAfter } = response;
	const parsed = parseJsonObject(response.body);
	const body = typeof parsed === 'string' ? undefined : parsed;
	const operation = { label: endpoint.label, formats: acceptedNames(endpoint) };
	const glairStatus = textOf(body?.status);
	const reason = textOf(body?.reason) ?? textOf(body?.message);
	const problem = (
		{ message, description }: Wording,
		extra: { retryAfter?: string } = {},
	): GlairAnswer => ({
		ok: false,
		problem: { httpCode, glairStatus, reason, requestId, ...extra, message, whatToDo: description },
	});

	if (httpCode < 200 || httpCode >= 300) {
		return problem(
			wordAnswerProblem({
				httpCode,
				glairStatus,
				reason,
				redirectTarget: response.redirectTarget,
				operation,
			}),
			{
				retryAfter,
			},
		);
	}
	if (response.body.trim() === '') return problem(unusableAnswer.empty(httpCode));
	if (parsed === 'notJson') return problem(unusableAnswer.notJson(httpCode));
	if (!body) return problem(unusableAnswer.notARead(httpCode));
	// GLAIR documents its statuses in capitals; any spelling of SUCCESS is a read.
	const status = glairStatus?.toUpperCase();
	// GLAIR's image check (Read KTP's quality path) matters most when the read failed: it says why.
	if (glairStatus && status === 'FAILED')
		return problem(
			unusableAnswer.failedRead(glairStatus, reason, imageCheckProblems(imageQualityOf(body))),
		);
	if (!glairStatus || status !== 'SUCCESS')
		return problem(wordAnswerProblem({ httpCode, glairStatus, reason, operation }));
	if (!isObject(body.read)) return problem(unusableAnswer.noReadFields);
	if (Object.keys(body.read).length === 0) return problem(unusableAnswer.noSections);
	const { body: withoutImages, images } = takeImages(body);
	return {
		ok: true,
		// Every output mode reads one spelling: the catalogue's (Raw keeps GLAIR's body as sent).
		read: inCatalogueSpelling(
			{
				body: withoutImages,
				status: glairStatus,
				reason: reason ?? '',
				sections: withoutImages.read as IDataObject,
				requestId,
				images,
				imageQuality: imageQualityOf(body),
			},
			endpoint,
		),
	};
}
