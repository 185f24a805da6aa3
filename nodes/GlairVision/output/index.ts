import { validateRead } from '../quality/validate';
import type { GlairRead } from '../response';
import { toFieldItems } from './fields';
import { toRawItem } from './raw';
import { toRecord } from './record';
import type { ShapeContext, ShapedItem } from './shared';
import { toTableRowItems } from './tableRows';

export type OutputMode = 'record' | 'raw' | 'fields' | 'tableRows';

export const OUTPUT_MODES: readonly OutputMode[] = ['record', 'raw', 'fields', 'tableRows'];

export type { ShapedItem } from './shared';

/** Options for shaping one document; warnings are worked out here when they are needed. */
export type ShapeOptions = Omit<ShapeContext, 'warnings'> & { readonly currentYear?: number };

/** The output items for one document read, in the chosen mode, with reasons to review each. Pure. */
export function shapeRead(mode: OutputMode, read: GlairRead, options: ShapeOptions): ShapedItem[] {
	const { quality } = options;
	const needsWarnings = quality.validate || quality.minConfidence !== undefined;
	const warnings = needsWarnings
		? validateRead(read, options.endpoint, options.currentYear ?? new Date().getFullYear())
		: [];
	const context: ShapeContext = { ...options, warnings };
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
