import type { IBinaryData } from 'n8n-workflow';

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
