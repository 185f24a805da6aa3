import type { IDataObject } from 'n8n-workflow';

import type { GlairRead } from '../response';
import type { ShapeContext } from './cells';
import { toFieldItems } from './fields';
import { toRecord } from './record';
import { toTableRowItems } from './tableRows';

export type OutputMode = 'record' | 'raw' | 'fields' | 'tableRows';

export const OUTPUT_MODES: readonly OutputMode[] = ['record', 'raw', 'fields', 'tableRows'];

export type { ShapeContext } from './cells';

/** The output items (their `json`) for one document read, in the chosen mode. Pure. */
export function shapeRead(mode: OutputMode, read: GlairRead, context: ShapeContext): IDataObject[] {
	switch (mode) {
		case 'raw':
			return [read.body];
		case 'fields':
			return toFieldItems(read, context);
		case 'tableRows':
			return toTableRowItems(read, context);
		case 'record':
			return [toRecord(read, context)];
	}
}
