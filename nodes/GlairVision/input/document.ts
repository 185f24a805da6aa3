import { NodeOperationError, type IBinaryData, type IExecuteFunctions } from 'n8n-workflow';

import type { AcceptedFileKind, EndpointSpec } from '../catalogue';
import { documentProblems, type Wording } from '../messages';
import {
	ACCEPTED_FORMATS,
	detectFileType,
	judgeFile,
	sampleFile,
	signatureKind,
	type DetectedFile,
} from './fileType';
import { multipartFrame, type MultipartBody } from './multipart';
import { storedBody } from './storedUpload';
import type { UploadBuffers } from './uploadBuffers';

/** A document from any source (binary field, binary object, URL), not read yet. */
export interface SourceDocument {
	/** The user's file name: kept when its extension fits the content. */
	readonly fileName?: string;
	/** How messages name it: `"scan.jpg"`, `the file in "data"`, `the document from example.com`. */
	readonly shownName: string;
	/** Where n8n stores it (filesystem and database mode): streamed to GLAIR, never loaded whole. */
	readonly storedId?: string;
	/** Its size, when known without reading it. */
	readonly knownSize?: number;
	/** Its bytes, for a document n8n keeps in memory or one just downloaded. */
	readonly bytes: () => Promise<Buffer>;
	/** Added to the "what to do" when the file is of a kind GLAIR does not read. */
	readonly wrongKindHint?: string;
}

/** A document that passed every check, encoded for upload. */
export interface DocumentUpload {
	/** File name sent to GLAIR: the user's name, with the extension that matches the bytes. */
	readonly fileName: string;
	readonly multipart: MultipartBody;
	/** Gives the body's memory back for the next document; call once GLAIR has answered. */
	readonly release: () => void;
	/** Keeps the body unchanged until an exchange that reads it has settled. */
	readonly keepBodyUntil: (settled: Promise<unknown>) => void;
	/** Throws the document's error if its file changed while it was streamed to GLAIR. */
	readonly assertUnchanged: () => void;
}

const EXTENSION_ALIASES: Readonly<Record<string, readonly string[]>> = {
	png: ['png'],
	jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
	tiff: ['tif', 'tiff'],
	pdf: ['pdf'],
};

/** Keeps the user's file name when its extension fits the content; otherwise fixes it. */
export function uploadFileName(
	originalName: string | undefined,
	extension: string,
	fallbackBase: string,
): string {
	const baseName = (originalName ?? '').split(/[\\/]/).pop()?.trim() ?? '';
	const dot = baseName.lastIndexOf('.');
	const stem = dot > 0 ? baseName.slice(0, dot) : baseName;
	const currentExtension = dot > 0 ? baseName.slice(dot + 1).toLowerCase() : '';
	if (stem && EXTENSION_ALIASES[extension]?.includes(currentExtension)) return baseName;
	return `${stem || fallbackBase}.${extension}`;
}

/** "PNG", "JPEG", …: the kinds an endpoint accepts, for messages. */
export const acceptedNames = (endpoint: EndpointSpec): string[] =>
	endpoint.acceptedFileKinds.map((kind) => ACCEPTED_FORMATS[kind].label.split(' ')[0]);

/** The file's size without loading it, when n8n knows it: filesystem mode keeps it on disk. */
async function storedSize(
	context: IExecuteFunctions,
	binary: IBinaryData,
): Promise<number | undefined> {
	const recorded = (binary as IBinaryData & { bytes?: unknown }).bytes;
	if (typeof recorded === 'number') return recorded;
	if (binary.id) return (await context.helpers.getBinaryMetadata(binary.id)).fileSize;
	if (binary.data) {
		const padding = binary.data.endsWith('==') ? 2 : binary.data.endsWith('=') ? 1 : 0;
		return Math.floor((binary.data.length * 3) / 4) - padding;
	}
	return undefined;
}

/**
 * An n8n binary as a document: one with an `id` (filesystem, database mode) is streamed from n8n's
 * store by that id; one held in memory is read with `bytes`.
 */
export async function storedDocument(
	context: IExecuteFunctions,
	binary: IBinaryData,
	shownName: string,
	bytes: () => Promise<Buffer>,
): Promise<SourceDocument> {
	return {
		fileName: binary.fileName,
		shownName,
		storedId: binary.id,
		knownSize: await storedSize(context, binary),
		bytes,
	};
}

const HEAD_BYTES = 64 * 1024;

/**
 * Reads the document, only now that it is about to be sent, checks it against what the endpoint
 * accepts, and encodes the request body. A file over the size limit is refused before it is read.
 * A file in n8n's store (filesystem, database mode) is checked as it streams past, never held
 * whole, and its body is streamed again from the store by each attempt; a file of the wrong kind
 * is refused after its first 64 KiB. Any other body is memory reused from an earlier document.
 */
export async function prepareUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	document: SourceDocument,
	maxFileBytes: number,
	endpoint: EndpointSpec,
	fields: Readonly<Record<string, string>>,
	buffers: UploadBuffers,
): Promise<DocumentUpload> {
	const { shownName, storedId, knownSize } = document;
	const fail = ({ message, description }: Wording) =>
		new NodeOperationError(context.getNode(), documentProblems.onItem(message, itemIndex), {
			itemIndex,
			description,
		});
	const tooLarge = (size: number) => fail(documentProblems.tooLarge(shownName, size, maxFileBytes));
	const refuse = (detected: DetectedFile) =>
		fail(
			detected.kind === 'broken'
				? documentProblems.unusable(shownName, detected.problem)
				: documentProblems.wrongKind(
						endpoint.label,
						shownName,
						detected.label,
						acceptedNames(endpoint),
						document.wrongKindHint,
					),
		);
	const check = (detected: DetectedFile) => {
		if (
			detected.kind === 'broken' ||
			detected.kind === 'other' ||
			!endpoint.acceptedFileKinds.includes(detected.kind)
		) {
			throw refuse(detected);
		}
		return detected;
	};
	const frameFor = (kind: AcceptedFileKind) => {
		const { extension, mimeType } = ACCEPTED_FORMATS[kind];
		const fileName = uploadFileName(document.fileName, extension, 'document');
		return { fileName, frame: multipartFrame('image', { fileName, mimeType }, fields) };
	};

	if (knownSize !== undefined && knownSize > maxFileBytes) throw tooLarge(knownSize);

	if (storedId && knownSize !== undefined && knownSize > 0) {
		const accepts = (head: Uint8Array) => {
			const kind = signatureKind(head);
			return kind !== undefined && endpoint.acceptedFileKinds.includes(kind);
		};
		const sample = await sampleFile(
			await context.helpers.getBinaryStream(storedId),
			HEAD_BYTES,
			accepts,
		);
		if (!sample.whole) throw refuse(detectFileType(sample.head));
		if (sample.length !== knownSize) throw fail(documentProblems.changedWhileRead(shownName));
		const { fileName, frame } = frameFor(check(judgeFile(sample)).kind);
		let changed = false;
		return {
			fileName,
			multipart: {
				body: storedBody(context, storedId, frame, knownSize, () => (changed = true)),
				length: frame.head.length + knownSize + frame.tail.length,
				contentType: frame.contentType,
			},
			release: () => {},
			keepBodyUntil: () => {},
			assertUnchanged: () => {
				if (changed) throw fail(documentProblems.changedWhileRead(shownName));
			},
		};
	}

	const bytes = await document.bytes();
	if (bytes.length > maxFileBytes) throw tooLarge(bytes.length);
	const detected = check(detectFileType(bytes));
	const { fileName, frame } = frameFor(detected.kind);
	const { body, release, keepUntil } = buffers.lease(
		frame.head.length + bytes.length + frame.tail.length,
	);
	frame.tail.copy(body, frame.head.length + bytes.copy(body, frame.head.copy(body, 0)));
	return {
		fileName,
		multipart: { body, length: body.length, contentType: frame.contentType },
		release,
		keepBodyUntil: keepUntil,
		assertUnchanged: () => {},
	};
}
