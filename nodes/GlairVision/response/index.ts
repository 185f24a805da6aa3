/** GLAIR's answer: whether it is a read (`interpretAnswer`), and how to take a read apart. */
export { interpretAnswer, type GlairAnswer, type GlairProblem } from './answer';
export { classifyBody, classifyProbe } from './problem';
export { IMAGE_FIELD_KEYS } from './images';
export {
	cellOf,
	fieldIn,
	hasField,
	rowsOf,
	spellings,
	costTypeOf,
	isFieldValue,
	isObject,
	mergePages,
	presentSections,
	someFieldsInvalid,
	taxTableRows,
	type FieldCell,
	type GlairImage,
	type GlairRead,
} from './read';
export { inCatalogueSpelling, unknownAnswerKeys } from './spelling';
export {
	genericParts,
	qualityColumn,
	type GenericField,
	type GenericSection,
	type GenericTable,
} from './generic';
