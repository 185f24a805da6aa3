import { documentReviewReasons } from '../quality/review';
import type { GlairRead } from '../response';
import type { ShapeContext, ShapedItem } from './shared';

/** GLAIR's body untouched; whether a person should check it is judged on the whole document. */
export function toRawItem(read: GlairRead, context: ShapeContext): ShapedItem {
	const { endpoint, warnings, quality } = context;
	return {
		json: read.body,
		reviewReasons:
			quality.minConfidence === undefined
				? []
				: documentReviewReasons(read, endpoint, warnings, quality.minConfidence),
	};
}
