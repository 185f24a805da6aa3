import { unknownAnswerWarning } from '../messages';
import { validateRead, type Warning } from '../quality/validate';
import { unknownAnswerKeys, type GlairRead } from '../response';
import { toFieldItems } from './fields';
import { toRawItem } from './raw';
import { toRecord } from './record';
import type { ShapeContext, ShapedItem } from './shared';
import { toTableRowItems } from './tableRows';

export type OutputMode = 'record' | 'raw' | 'fields' | 'tableRows';

export const OUTPUT_MODES: readonly OutputMode[] = ['record', 'raw', 'fields', 'tableRows'];

export type { ShapedItem } from './shared';

/** Options for shaping one document; warnings are worked out here when they are needed. */
export type ShapeOptions = Omit<ShapeContext, 'warnings' | 'showWarnings'> & {
	readonly currentYear?: number;
};

/** The output items for one document read, in the chosen mode, with reasons to review each. Pure. */
export function shapeRead(mode: OutputMode, read: GlairRead, options: ShapeOptions): ShapedItem[] {
	const { quality } = options;
	const needsWarnings = quality.validate || quality.minConfidence !== undefined;
	const unknownKeys = unknownAnswerKeys(read, options.endpoint);
	const answerWarnings: Warning[] = unknownKeys
		? [{ section: '', message: unknownAnswerWarning(options.endpoint.documentName, unknownKeys) }]
		: [];
	const warnings = needsWarnings
		? [
				...answerWarnings,
				...validateRead(read, options.endpoint, options.currentYear ?? new Date().getFullYear()),
			]
		: answerWarnings;
	const context: ShapeContext = {
		...options,
		warnings,
		showWarnings: quality.validate || answerWarnings.length > 0,
	};
	switch (mode) {
		case 'raw':
			return [toRawItem(read, context)];
		case 'fields':
			return toFieldItems(read, context);
		case 'tableRows':
			return toTableRowItems(read, context);
		case 'record':
			return [toRecord(read, context)];
	}
}
