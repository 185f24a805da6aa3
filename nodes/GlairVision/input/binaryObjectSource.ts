import { NodeOperationError, type IBinaryData, type IExecuteFunctions } from 'n8n-workflow';

import { onItem, sourceProblems } from '../messages';
import { storedDocument, type SourceDocument } from './document';

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** What an expression gave instead of a binary object, for the message. */
function described(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string')
		return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (Array.isArray(value)) return `a list of ${value.length}`;
	if (isObject(value)) {
		const keys = Object.keys(value).slice(0, 6);
		return keys.length
			? `an object with ${keys.map((key) => `"${key}"`).join(', ')}`
			: 'an empty object';
	}
	return `the ${typeof value} ${String(value)}`;
}

/**
 * An n8n binary object, as an expression reaches it (`$('When chat message received').item.binary.data0`):
 * in memory with its base64 `data`, or by the `id` under which n8n stores it (filesystem-v2:…,
 * database:…), read through n8n's binary helpers. This is how a tool reads the chat's upload: n8n
 * gives a tool only the model's arguments as input, but resolves its expressions against the
 * agent's item. Text holding such an object as JSON is accepted as well.
 */
export async function binaryObjectDocument(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): Promise<SourceDocument> {
	let candidate = value;
	if (typeof value === 'string' && value.trim().startsWith('{')) {
		try {
			candidate = JSON.parse(value) as unknown;
		} catch {
			// not JSON: worded below as the text it is
		}
	}
	const id = isObject(candidate) && typeof candidate.id === 'string' ? candidate.id : undefined;
	const data =
		isObject(candidate) && typeof candidate.data === 'string' ? candidate.data : undefined;
	if (!isObject(candidate) || (!id && !data)) {
		const { message, description } = sourceProblems.notABinaryObject(described(value));
		throw new NodeOperationError(context.getNode(), onItem(message, { itemIndex }), {
			itemIndex,
			description,
		});
	}
	const binary = candidate as unknown as IBinaryData;
	const shownName = binary.fileName ? `"${binary.fileName}"` : 'the file in "Document Binary"';
	// With an id (filesystem, database mode), the `data` beside it is only the mode's name.
	return await storedDocument(context, binary, shownName, async () =>
		id
			? await context.helpers.binaryToBuffer(await context.helpers.getBinaryStream(id))
			: Buffer.from(data as string, 'base64'),
	);
}
