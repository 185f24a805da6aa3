import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import type { BpkbPage } from '../catalogue';
import type { CredentialCheck } from '../credential/fields';
import { binaryFieldDocument } from '../input/binaryFieldSource';
import { binaryObjectDocument } from '../input/binaryObjectSource';
import { prepareUpload, type SourceDocument } from '../input/document';
import { detectFileType } from '../input/fileType';
import { downloadedDocument } from '../input/urlSource';
import type { UploadBuffers } from '../input/uploadBuffers';
import { credentialUnusable, nothingToOutput } from '../messages';
import { shapeRead, type OutputMode, type ShapedItem, type ShapeOptions } from '../output';
import { provenance } from '../output/shared';
import {
	interpretAnswer,
	mergePages,
	someFieldsInvalid,
	unknownAnswerKeys,
	type GlairRead,
} from '../response';
import { downloadDocument, sendDocument, type FlowControl } from '../transport';
import type { CutOutImage } from './itemFiles';
import { downloadError, glairApiError, glairNetworkError } from './failures';
import { itemError } from './itemError';
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

/** One document of an item: the binary field that holds it, or a BPKB's page files in order. */
export interface DocumentFiles {
	readonly itemIndex: number;
	readonly binaryFields: readonly string[];
}

export interface DocumentResult {
	readonly items: ShapedItem[];
	readonly someFieldsInvalid: boolean;
	/** GLAIR's answer held nothing the catalogue knows (its items carry a warning). */
	readonly unknownAnswer: boolean;
	readonly output: OutputMode;
	/** Images GLAIR cut out, in answer order; two pages of one BPKB may each send a `photo`. */
	readonly images: readonly CutOutImage[];
	/** Their names, also when they are not made binaries (Include Images off, or run as a tool). */
	readonly imageNames: readonly string[];
	/** The columns that say which file and request the items came from, for the images' items. */
	readonly provenance: IDataObject;
}

const IMAGE_EXTENSIONS: Readonly<Record<string, string>> = { png: 'png', jpeg: 'jpg' };

/** GLAIR's cut-out images as n8n binaries, typed by their content. */
async function imageBinaries(context: IExecuteFunctions, read: GlairRead): Promise<CutOutImage[]> {
	const images: CutOutImage[] = [];
	for (const image of read.images ?? []) {
		const bytes = Buffer.from(image.base64, 'base64');
		const detected = detectFileType(bytes);
		const kind = detected.kind === 'png' || detected.kind === 'jpeg' ? detected : undefined;
		const binary = await context.helpers.prepareBinaryData(
			bytes,
			`${image.name}.${kind ? IMAGE_EXTENSIONS[kind.kind] : 'bin'}`,
			kind?.mimeType ?? 'application/octet-stream',
		);
		images.push({ name: image.name, binary });
	}
	return images;
}

/** The document as its source gives it: a binary field, a binary object, or a URL downloaded now. */
async function loadDocument(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryField: string | undefined,
	settings: ItemSettings,
): Promise<SourceDocument> {
	const { source, maxFileBytes, timeoutMs } = settings;
	if (source.kind === 'binaryObject') {
		return await binaryObjectDocument(context, itemIndex, source.value);
	}
	if (source.kind === 'url') {
		const download = await downloadDocument.call(context, {
			url: source.url,
			allowLocalNetwork: source.allowLocalNetwork,
			maxBytes: maxFileBytes,
			timeoutMs,
		});
		if (!download.ok) {
			throw downloadError(context.getNode(), download.problem, maxFileBytes, { itemIndex });
		}
		return downloadedDocument(download.url, download.bytes);
	}
	return await binaryFieldDocument(context, itemIndex, binaryField ?? 'data');
}

/** One file to GLAIR and back: source → checks → upload → answer, or the error that says why not. */
async function readFile(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryField: string | undefined,
	page: 'all' | BpkbPage,
	run: RunSettings,
	settings: ItemSettings,
	resources: RunResources,
): Promise<{ read: GlairRead; fileName: string }> {
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
	const { fileName, multipart, release, keepBodyUntil, assertUnchanged } = await prepareUpload(
		context,
		itemIndex,
		await loadDocument(context, itemIndex, binaryField, settings),
		settings.maxFileBytes,
		run.endpoint,
		page === 'all' ? {} : { page: String(page) },
		buffers,
	);
	const { outcome, attempts, notResent } = await sendDocument
		.call(
			context,
			{
				credentials,
				baseUrl: credential.baseUrl,
				path: run.path,
				multipart,
				timeoutMs: settings.timeoutMs,
				keepBodyUntil,
			},
			settings.retryPolicy,
			flow,
			stopped,
		)
		.finally(release);
	assertUnchanged();
	const failedDocument = { itemIndex, fileName, attempts, notResent };
	if (!outcome.answered) throw glairNetworkError(node, outcome.failure, failedDocument);
	const answer = interpretAnswer(outcome.response, run.endpoint);
	if (!answer.ok) throw glairApiError(node, answer.problem, failedDocument);
	return { read: answer.read, fileName };
}

/**
 * One document through the whole pipeline: binary → checks → GLAIR → shaped items. A BPKB whose
 * pages are separate files is read page by page, each with its page number, and merged.
 */
export async function readDocument(
	context: IExecuteFunctions,
	document: DocumentFiles,
	run: RunSettings,
	settings: ItemSettings,
	resources: RunResources,
): Promise<DocumentResult> {
	const { itemIndex, binaryFields } = document;
	// One file, or a BPKB's page files, each sent with its page number.
	const files: Array<{ field: string | undefined; page: 'all' | BpkbPage }> = run.pagePerFile
		? binaryFields.map((field, index) => ({ field, page: (index + 1) as BpkbPage }))
		: [{ field: binaryFields[0], page: settings.page }];
	const pages = await Promise.all(
		files.map(async ({ field, page }) => ({
			page,
			...(await readFile(context, itemIndex, field, page, run, settings, resources)),
		})),
	);
	const read = pages.length > 1 ? mergePages(pages, run.endpoint) : pages[0].read;
	const fileName = pages.map((page) => page.fileName).join(', ');

	const options: ShapeOptions = {
		endpoint: run.endpoint,
		fileName,
		bpkbPage: run.endpoint.bpkbPages ? (run.pagePerFile ? 'all' : settings.page) : undefined,
		includeConfidence: settings.includeConfidence,
		quality: run.quality,
	};
	const items = shapeRead(settings.output, read, options);
	if (items.length === 0) {
		throw itemError(context.getNode(), nothingToOutput(settings.output), { itemIndex, fileName });
	}
	return {
		items,
		someFieldsInvalid: someFieldsInvalid(read),
		unknownAnswer: unknownAnswerKeys(read, run.endpoint) !== undefined,
		output: settings.output,
		images: run.includeImages && !run.asTool ? await imageBinaries(context, read) : [],
		imageNames: (read.images ?? []).map((image) => image.name),
		provenance: provenance(read, options),
	};
}
