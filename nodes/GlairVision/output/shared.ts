import type { IDataObject } from 'n8n-workflow';

import type { EndpointSpec } from '../catalogue';
import type { QualityOptions } from '../quality/review';
import type { Warning } from '../quality/validate';
import { someFieldsInvalid, type GlairRead } from '../response';

/** What every output mode knows about the document it shapes. */
export interface ShapeContext {
	readonly endpoint: EndpointSpec;
	readonly fileName: string;
	/** Read BPKB only: the page asked for. */
	readonly bpkbPage?: 'all' | number;
	readonly includeConfidence: boolean;
	readonly quality: QualityOptions;
	/**
	 * The document's warnings: its validation warnings (when validation or review routing is on),
	 * and always a warning about an answer with no field the catalogue knows.
	 */
	readonly warnings: readonly Warning[];
	/** Whether items show a `warnings` column: validation is on, or the answer was not understood. */
	readonly showWarnings: boolean;
}

/** One output item and, when review routing is on, why a person should look at it. */
export interface ShapedItem {
	readonly json: IDataObject;
	readonly reviewReasons: string[];
}

/** A value a spreadsheet cell can hold: text and numbers stay, nothing read becomes ''. */
export function flatValue(value: unknown): string | number | boolean {
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : '';
	if (value === null || value === undefined) return '';
	return JSON.stringify(value);
}

/** Per-document columns shared by the record, fields and tableRows outputs. */
export function provenance(read: GlairRead, context: Pick<ShapeContext, 'fileName'>): IDataObject {
	return {
		file_name: context.fileName,
		request_id: read.requestId,
		some_fields_invalid: someFieldsInvalid(read),
	};
}
