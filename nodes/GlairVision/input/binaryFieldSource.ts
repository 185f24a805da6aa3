import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { noBinaryField, onItem } from '../messages';
import { storedDocument, type SourceDocument } from './document';

/** The document in one of the item's binary fields (Document Source "Binary Field", node version 1). */
export async function binaryFieldDocument(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
): Promise<SourceDocument> {
	const binaries = context.getInputData()[itemIndex]?.binary ?? {};
	const binary = binaries[binaryPropertyName];
	if (!binary) {
		const { message, description } = noBinaryField(binaryPropertyName, Object.keys(binaries));
		throw new NodeOperationError(context.getNode(), onItem(message, { itemIndex }), {
			itemIndex,
			description,
		});
	}
	const shownName = binary.fileName
		? `"${binary.fileName}"`
		: `the file in "${binaryPropertyName}"`;
	return await storedDocument(
		context,
		binary,
		shownName,
		async () => await context.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName),
	);
}
