import type { IDataObject } from 'n8n-workflow';

import { isObject, type GlairImage } from './read';

/**
 * Where GLAIR's SDKs and docs put the images, by the binary field they become (glair-endpoints.md,
 * §6.1, §6.4, §6.9–6.11): a top-level `images` block, or image fields inside `read`.
 */
const IMAGE_PLACES: ReadonlyArray<readonly [GlairImage['name'], 'images' | 'read', string]> = [
	['photo', 'images', 'photo'],
	['photo', 'images', 'foto'],
	['photo', 'read', 'foto'],
	['photo', 'read', 'photo'],
	['signature', 'images', 'sign'],
	['signature', 'images', 'tandaTangan'],
	['signature', 'images', 'tanda_tangan'],
	['signature', 'read', 'tanda_tangan'],
	['signature', 'read', 'tandaTangan'],
	['signature', 'read', 'sign'],
];

/** Keys under `read` that hold images, not text: not fields of a record. */
export const IMAGE_FIELD_KEYS: ReadonlySet<string> = new Set(
	IMAGE_PLACES.filter(([, block]) => block === 'read').map(([, , key]) => key),
);

/** Base64 text (or a data: URL) long enough to be an image; field values are never like this. */
function imageData(value: unknown): string | undefined {
	const text = isObject(value) ? value.value : value;
	if (typeof text !== 'string') return undefined;
	const data = text.replace(/^data:image\/[a-z+.-]+;base64,/i, '').replace(/\s+/g, '');
	return data.length >= 64 && /^[A-Za-z0-9+/]+={0,2}$/.test(data) ? data : undefined;
}

export const imageMarker = (name: GlairImage['name']): string =>
	`(image in binary field "${name}")`;

/**
 * The images in GLAIR's answer, and the answer with each image's data replaced by a short note
 * saying which binary field holds it: a multi-megabyte string never reaches an item's JSON.
 */
export function takeImages(body: IDataObject): { body: IDataObject; images: GlairImage[] } {
	const images: GlairImage[] = [];
	let result = body;
	for (const [name, block, key] of IMAGE_PLACES) {
		const holder = result[block];
		if (!isObject(holder)) continue;
		const data = imageData(holder[key]);
		if (data === undefined) continue;
		if (!images.some((image) => image.name === name)) images.push({ name, base64: data });
		const marker = imageMarker(name);
		const replaced = isObject(holder[key])
			? { ...(holder[key] as IDataObject), value: marker }
			: marker;
		result = { ...result, [block]: { ...holder, [key]: replaced } };
	}
	return { body: result, images };
}
