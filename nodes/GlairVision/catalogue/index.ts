/**
 * The GLAIR Vision field catalogue: every endpoint, section and field GLAIR documents, and every
 * operation's name and texts. This is the only place that knows them; every output mode, the
 * node's UI, the column tables of docs/columns.md and the emulator tests read it from here.
 */
import { IDENTITY_ENDPOINTS } from './identity';
import type { OperationSpec, ResourceSpec } from './operations';
import { OTHER_DOCUMENTS, READ_OTHER_OPERATION } from './other';
import type { CataloguedEndpoint } from './types';
import { VEHICLE_ENDPOINTS } from './vehicle';

export * from './types';
export { spellingsOf } from './field';
export {
	offersImages,
	operationsWhere,
	outputsOffered,
	type OperationSpec,
	type ResourceSpec,
} from './operations';
export { OTHER_DOCUMENTS, READ_OTHER_OPERATION } from './other';
export { BPKB_SECTIONS, STNK_CERTIFICATE_PAGE, STNK_TAX_PAGE, STNK_TAX_TABLE } from './vehicle';

/** The operations with a field catalogue of their own: the keys of the endpoint records. */
export type Operation = keyof typeof VEHICLE_ENDPOINTS | keyof typeof IDENTITY_ENDPOINTS;

/** Every operation with a catalogue of its own, by operation. */
export const ENDPOINTS: Readonly<Record<Operation, CataloguedEndpoint>> = {
	...VEHICLE_ENDPOINTS,
	...IDENTITY_ENDPOINTS,
};

const catalogued = (endpoints: Readonly<Record<string, CataloguedEndpoint>>): OperationSpec[] =>
	Object.values(endpoints).map((endpoint) => {
		const { operation, label, action, summary } = endpoint;
		return { operation, label, action, summary, endpoints: [endpoint] };
	});

const READ_OTHER_SPEC: OperationSpec = {
	...READ_OTHER_OPERATION,
	endpoints: Object.values(OTHER_DOCUMENTS),
};

/**
 * How the node's UI groups the operations (its Resource parameter, by value), vehicle documents
 * first; `summary` names the documents each holds.
 */
export const RESOURCES: Readonly<Record<string, ResourceSpec>> = {
	vehicleDocument: {
		label: 'Vehicle Document',
		summary: 'STNK (with its tax table), BPKB, license plates',
		operations: catalogued(VEHICLE_ENDPOINTS),
	},
	identityDocument: {
		label: 'Identity Document',
		summary: 'KTP, NPWP, KK (family card), SIM (driving licence), passport',
		operations: catalogued(IDENTITY_ENDPOINTS),
	},
	otherDocument: {
		label: 'Other GLAIR Document',
		summary: "Invoice, receipt, bank statement and the rest of GLAIR's OCR catalogue",
		operations: [READ_OTHER_SPEC],
	},
};

/** Every operation of node version 2, in the order of its resources. */
export const OPERATIONS: readonly OperationSpec[] = Object.values(RESOURCES).flatMap(
	(resource) => resource.operations,
);

/** The operations of node version 1, which had no resources. */
export const VERSION_1_OPERATIONS: readonly OperationSpec[] = catalogued({
	readStnk: ENDPOINTS.readStnk,
	readStnkWithTable: ENDPOINTS.readStnkWithTable,
	readBpkb: ENDPOINTS.readBpkb,
});

export const isOperation = (value: unknown): value is Operation =>
	typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENDPOINTS, value);

/** GLAIR answers 200 SUCCESS with this reason when the image is not the document asked for. */
export const SOME_FIELDS_INVALID_PATTERN = /some fields are invalid/i;
