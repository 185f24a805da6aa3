import { NodeOperationError, type IBinaryData, type IExecuteFunctions } from 'n8n-workflow';

import type { EndpointSpec } from '../catalogue';
import { itemLabel } from '../errors';
import { ACCEPTED_FORMATS, detectFileType } from './fileType';

/** A document that passed every check and is ready to upload. */
export interface DocumentUpload {
	readonly bytes: Buffer;
	/** The MIME type that matches the bytes. */
	readonly mimeType: string;
	/** File name sent to GLAIR: the user's name, with the extension that matches the bytes. */
	readonly fileName: string;
}

const EXTENSION_ALIASES: Readonly<Record<string, readonly string[]>> = {
	png: ['png'],
	jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
	tiff: ['tif', 'tiff'],
	pdf: ['pdf'],
};

/** Keeps the user's file name when its extension fits the content; otherwise fixes it. */
export function uploadFileName(originalName: string | undefined, extension: string, fallbackBase: string): string {
	const baseName = (originalName ?? '').split(/[\\/]/).pop()?.trim() ?? '';
	const dot = baseName.lastIndexOf('.');
	const stem = dot > 0 ? baseName.slice(0, dot) : baseName;
	const currentExtension = dot > 0 ? baseName.slice(dot + 1).toLowerCase() : '';
	if (stem && EXTENSION_ALIASES[extension]?.includes(currentExtension)) return baseName;
	return `${stem || fallbackBase}.${extension}`;
}

const acceptedList = (endpoint: EndpointSpec): string => {
	const labels = endpoint.acceptedFileKinds.map((kind) => ACCEPTED_FORMATS[kind].label.split(' ')[0]);
	return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}` : labels[0];
};

/** The binary the user pointed at, or a clear error naming what the item does have. */
export function findBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
): IBinaryData {
	const binaries = context.getInputData()[itemIndex]?.binary ?? {};
	const binary = binaries[binaryPropertyName];
	if (binary) return binary;
	const present = Object.keys(binaries);
	throw new NodeOperationError(
		context.getNode(),
		`No binary field "${binaryPropertyName}" on ${itemLabel(itemIndex)}`,
		{
			itemIndex,
			description: present.length
				? `This item's binary fields are: ${present.map((name) => `"${name}"`).join(', ')}. Set "Input Binary Field" to the one that holds the document.`
				: 'This item has no file at all. Put a node that yields the document (Read/Write Files from Disk, an email trigger with attachments, a form upload, Google Drive "Download") before GLAIR Vision.',
		},
	);
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** "12.3 MB; the limit is 10.0 MB", in bytes when the two would read the same. */
const sizeAgainstLimit = (size: number, limit: number): string =>
	megabytes(size) === megabytes(limit)
		? `${size.toLocaleString('en-US')} bytes; the limit is ${limit.toLocaleString('en-US')} bytes`
		: `${megabytes(size)}; the limit is ${megabytes(limit)}`;

/** The file's size without loading it, when n8n knows it: filesystem mode keeps it on disk. */
async function storedSize(context: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
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
 * Reads the document's bytes, only now that it is about to be sent, and checks them against
 * what the endpoint accepts. A file over the size limit is refused before it is read at all.
 */
export async function prepareUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: { readonly binaryPropertyName: string; readonly maxFileBytes: number },
	endpoint: EndpointSpec,
	operationLabel: string,
): Promise<DocumentUpload> {
	const { binaryPropertyName, maxFileBytes } = settings;
	const binary = findBinary(context, itemIndex, binaryPropertyName);
	const shownName = binary.fileName ? `"${binary.fileName}"` : `the file in "${binaryPropertyName}"`;
	const fail = (message: string, description: string) =>
		new NodeOperationError(context.getNode(), `${message} on ${itemLabel(itemIndex)}`, { itemIndex, description });
	const tooLarge = (size: number) =>
		fail(
			`File ${shownName} is too large (${sizeAgainstLimit(size, maxFileBytes)})`,
			'Nothing was sent to GLAIR. Scan at a lower resolution or compress the image, or raise "Max File Size" in the node\'s options.',
		);

	const knownSize = await storedSize(context, binary);
	if (knownSize !== undefined && knownSize > maxFileBytes) throw tooLarge(knownSize);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	if (bytes.length > maxFileBytes) throw tooLarge(bytes.length);
	const detected = detectFileType(bytes);

	if (detected.kind === 'broken') {
		throw fail(
			`Unusable file ${shownName}`,
			`${detected.problem[0].toUpperCase()}${detected.problem.slice(1)}. Nothing was sent to GLAIR. Export or scan the document again and send the new file.`,
		);
	}
	if (detected.kind === 'other' || !endpoint.acceptedFileKinds.includes(detected.kind)) {
		throw fail(
			`${operationLabel} cannot read ${shownName}: it is a ${detected.label}`,
			`${operationLabel} accepts ${acceptedList(endpoint)} files (judged by the file's content, not its name). Nothing was sent to GLAIR. Save or scan the document in one of those formats.`,
		);
	}
	return {
		bytes,
		mimeType: detected.mimeType,
		fileName: uploadFileName(binary.fileName, detected.extension, 'document'),
	};
}
