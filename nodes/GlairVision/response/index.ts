/** GLAIR's answer: whether it is a read (`interpretAnswer`), and how to take a read apart. */
export { interpretAnswer, type GlairAnswer, type GlairProblem } from './answer';
export {
	cellOf,
	costTypeOf,
	isObject,
	presentSections,
	someFieldsInvalid,
	taxTableRows,
	type FieldCell,
	type GlairRead,
} from './read';
