import type { IDataObject } from 'n8n-workflow';

import { imageForModel } from '../messages';

/**
 * A record as an AI agent's model gets it: the Record shape with the columns GLAIR left empty
 * dropped (an STNK record holds every tax column, mostly ''), and the images GLAIR cut out named,
 * never embedded: a model cannot use them and a base64 photo would fill its context.
 */
export function toolRecord(record: IDataObject, imageNames: readonly string[]): IDataObject {
	const compact = Object.fromEntries(
		Object.entries(record).filter(([, value]) => value !== '' && value !== null),
	);
	return imageNames.length > 0 ? { ...compact, images: imageNames.map(imageForModel) } : compact;
}
