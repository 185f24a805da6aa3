import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { imageOfDocumentUnderReview } from '../messages';
import type { OutputMode, ShapedItem } from '../output';

/** An image GLAIR cut out, under the name GLAIR's answer gives it (`photo`, `signature`). */
export interface CutOutImage {
	readonly name: string;
	readonly binary: IBinaryData;
}

/**
 * One output item's binaries: the input's files under their own names, then GLAIR's images, each
 * under its name or, when that is taken, the first free `<name>_1`, `<name>_2`, …: a form upload
 * named `photo`, or a second page's photo, is never overwritten.
 */
export function itemBinaries(
	sources: Readonly<Record<string, IBinaryData>>,
	images: readonly CutOutImage[],
): Record<string, IBinaryData> {
	const binaries: Record<string, IBinaryData> = { ...sources };
	const taken = new Set(Object.keys(binaries));
	for (const { name, binary } of images) {
		let free = name;
		for (let suffix = 1; taken.has(free); suffix++) free = `${name}_${suffix}`;
		taken.add(free);
		binaries[free] = binary;
	}
	return binaries;
}

/** What a document read gave that its items' files depend on (readDocument's result). */
interface ReadDocument {
	readonly items: readonly ShapedItem[];
	readonly output: OutputMode;
	readonly images: readonly CutOutImage[];
	readonly provenance: IDataObject;
}

/** An output item as shaped, with the binaries it carries. */
interface ItemWithFiles extends ShapedItem {
	readonly binary: Record<string, IBinaryData>;
}

/**
 * A document's items with its files (the kept source and GLAIR's images, see itemBinaries): on
 * the one item of Record and Raw, on the first row of Table Rows; in Fields each image is an item
 * of its own, from the same file and request as the field items, and under review with them.
 */
export function withFiles(
	result: ReadDocument,
	kept: Readonly<Record<string, IBinaryData>>,
	document: string,
	routeForReview: boolean,
): ItemWithFiles[] {
	const { items, images } = result;
	if (result.output !== 'fields') {
		const binary = itemBinaries(kept, images);
		return items.map((item, index) => ({ ...item, binary: index === 0 ? binary : {} }));
	}
	const underReview = routeForReview && items.some((item) => item.reviewReasons.length > 0);
	const imageItems = Object.entries(itemBinaries({}, images)).map(([name, image]) => ({
		json: { document, section: 'images', field: name, ...result.provenance },
		reviewReasons: underReview ? [imageOfDocumentUnderReview] : [],
		binary: { [name]: image },
	}));
	return [...items.map((item) => ({ ...item, binary: {} })), ...imageItems];
}
