/**
 * The GLAIR Vision field catalogue: every endpoint, section and field GLAIR documents. This is the
 * only place that knows them; every output mode, the node's UI, the README tables and the emulator
 * tests read it from here.
 */
import { IDENTITY_ENDPOINTS } from './identity';
import type { EndpointSpec, Operation } from './types';
import { VEHICLE_ENDPOINTS } from './vehicle';

export * from './types';
export { spellingsOf } from './field';
export { OTHER_DOCUMENTS } from './other';
export { BPKB_SECTIONS, STNK_CERTIFICATE_PAGE, STNK_TAX_PAGE, STNK_TAX_TABLE } from './vehicle';

/** Every operation with a catalogue of its own, by operation. */
export const ENDPOINTS: Readonly<Record<Operation, EndpointSpec>> = {
	...VEHICLE_ENDPOINTS,
	...IDENTITY_ENDPOINTS,
};

/** How the node's UI groups the operations (its Resource parameter), vehicle documents first. */
export const RESOURCES = {
	vehicleDocument: Object.values(VEHICLE_ENDPOINTS),
	identityDocument: Object.values(IDENTITY_ENDPOINTS),
} as const;

/** The operations of node version 1, which had no resources. */
export const VERSION_1_OPERATIONS = ['readStnk', 'readStnkWithTable', 'readBpkb'] as const;

export const isOperation = (value: unknown): value is Operation =>
	typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENDPOINTS, value);

/** GLAIR answers 200 SUCCESS with this reason when the image is not the document asked for. */
export const SOME_FIELDS_INVALID_PATTERN = /some fields are invalid/i;
