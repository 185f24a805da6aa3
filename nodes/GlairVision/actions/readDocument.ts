import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
} from 'n8n-workflow';

import type { CredentialCheck } from '../credentialFields';
import { glairApiError, glairNetworkError, itemLabel } from '../errors';
import { prepareUpload } from '../input/document';
import type { UploadBuffers } from '../input/uploadBuffers';
import { shapeRead, type OutputMode, type ShapedItem } from '../output';
import { someFieldsInvalid } from '../output/cells';
import { interpretAnswer } from '../response';
import type { FlowControl } from '../transport/flowControl';
import { sendDocument } from '../transport/send';
import type { ItemSettings, RunSettings } from './parameters';

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
	connection: {
		credential: CredentialCheck;
		credentials: ICredentialsDecrypted;
		flow: FlowControl;
		buffers: UploadBuffers;
	},
): Promise<DocumentResult> {
	const { credential, credentials, flow, buffers } = connection;
	const node = context.getNode();
	if (!credential.ok) {
		throw new NodeOperationError(
			node,
			`The credential's ${credential.field} cannot be used (${itemLabel(itemIndex)})`,
			{
				itemIndex,
				description: `${credential.problem} Open the "GLAIR Vision API" credential to fix it. Nothing was sent.`,
			},
		);
	}
	const { fileName, multipart, release, keepBodyUntil } = await prepareUpload(
		context,
		itemIndex,
		settings,
		run.endpoint,
		run.operationLabel,
		settings.page === 'all' ? {} : { page: String(settings.page) },
		buffers,
	);
	const document = { itemIndex, fileName };

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
		)
		.finally(release);
	const failedDocument = { ...document, attempts };
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
		throw new NodeOperationError(
			node,
			`GLAIR read nothing to output as ${settings.output} on ${itemLabel(itemIndex)} (${fileName})`,
			{
				itemIndex,
				description:
					settings.output === 'tableRows'
						? 'GLAIR sent no tax table for this document. Check that the photo shows the whole annual tax page, or use the "record" output.'
						: 'GLAIR sent no fields for this document. Check that the file shows the document, or use the "raw" output to see the answer.',
			},
		);
	}
	return {
		items,
		someFieldsInvalid: someFieldsInvalid(answer.read),
		binaryPropertyName: settings.binaryPropertyName,
		output: settings.output,
	};
}
