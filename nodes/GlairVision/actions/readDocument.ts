import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
} from 'n8n-workflow';

import type { CredentialCheck } from '../credential/fields';
import { prepareUpload } from '../input/document';
import type { UploadBuffers } from '../input/uploadBuffers';
import { credentialUnusable, nothingToOutput } from '../messages';
import { shapeRead, type OutputMode, type ShapedItem } from '../output';
import { interpretAnswer, someFieldsInvalid } from '../response';
import { sendDocument, type FlowControl } from '../transport';
import { glairApiError, glairNetworkError } from './failures';
import type { ItemSettings, RunSettings } from './settings';

/** What the documents of one run share: the checked credential, the key's pace, upload memory. */
export interface RunResources {
	readonly credential: CredentialCheck;
	/** Decrypted once per run, with the secrets as checked (trimmed). */
	readonly credentials: ICredentialsDecrypted;
	readonly flow: FlowControl;
	readonly buffers: UploadBuffers;
	/** Aborted when the run stops after another document failed: a document still waiting is not sent. */
	readonly stopped: AbortSignal;
}

export interface DocumentResult {
	readonly items: ShapedItem[];
	readonly someFieldsInvalid: boolean;
	/** The input binary field that held the document, for "Keep Source Document". */
	readonly binaryPropertyName: string;
	readonly output: OutputMode;
}

/** One input item through the whole pipeline: binary → checks → GLAIR → shaped items. */
export async function readDocument(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunSettings,
	settings: ItemSettings,
	resources: RunResources,
): Promise<DocumentResult> {
	const { credential, credentials, flow, buffers, stopped } = resources;
	const node = context.getNode();
	if (!credential.ok) {
		const { message, description } = credentialUnusable(
			credential.field,
			credential.problem,
			itemIndex,
		);
		throw new NodeOperationError(node, message, { itemIndex, description });
	}
	const { fileName, multipart, release, keepBodyUntil } = await prepareUpload(
		context,
		itemIndex,
		settings,
		run.endpoint,
		settings.page === 'all' ? {} : { page: String(settings.page) },
		buffers,
	);

	const { outcome, attempts } = await sendDocument
		.call(
			context,
			{
				credentials,
				baseUrl: credential.baseUrl,
				path: run.endpoint.path,
				multipart,
				timeoutMs: settings.timeoutMs,
				keepBodyUntil,
			},
			settings.retryPolicy,
			flow,
			stopped,
		)
		.finally(release);
	const failedDocument = { itemIndex, fileName, attempts };
	if (!outcome.answered) throw glairNetworkError(node, outcome.failure, failedDocument);
	const answer = interpretAnswer(outcome.response);
	if (!answer.ok) throw glairApiError(node, answer.problem, failedDocument);

	const items = shapeRead(settings.output, answer.read, {
		endpoint: run.endpoint,
		fileName,
		bpkbPage: run.endpoint.document === 'bpkb' ? settings.page : undefined,
		includeConfidence: settings.includeConfidence,
		quality: run.quality,
	});
	if (items.length === 0) {
		const { message, description } = nothingToOutput(settings.output, itemIndex, fileName);
		throw new NodeOperationError(node, message, { itemIndex, description });
	}
	return {
		items,
		someFieldsInvalid: someFieldsInvalid(answer.read),
		binaryPropertyName: settings.binaryPropertyName,
		output: settings.output,
	};
}
