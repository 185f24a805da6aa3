/**
 * What each operation offers, worked out once from its documents' entries: the node's parameters
 * (description/) show an output or an option where this says so, and the run (actions/) accepts
 * exactly that.
 */
import type { EndpointSpec, OperationEntry } from './types';

/**
 * The output modes a document offers: Fields needs fields, Table Rows a table; a generic document
 * offers both, since what GLAIR sends decides. One key per output mode (output/), so a new mode
 * does not type-check until it is decided here.
 */
export const outputsOffered = (endpoint: EndpointSpec) => ({
	record: true,
	raw: true,
	fields: endpoint.sections.length > 0 || endpoint.generic === true,
	tableRows: Boolean(endpoint.taxTable || endpoint.rowTable || endpoint.generic),
});

/** A generic document is shaped as it comes, its images too. */
export const offersImages = (endpoint: EndpointSpec): boolean =>
	endpoint.cutsOutImages === true || endpoint.generic === true;

/** An operation with every endpoint it may read with (Read Other: one per Document Type). */
export interface OperationSpec extends OperationEntry {
	readonly endpoints: readonly EndpointSpec[];
}

/** A group of operations in n8n's UI (a value of the Resource parameter). */
export interface ResourceSpec {
	readonly label: string;
	readonly summary: string;
	readonly operations: readonly OperationSpec[];
}

/** The operations of `operations` any of whose documents `offers` something, in their order. */
export const operationsWhere = (
	operations: readonly OperationSpec[],
	offers: (endpoint: EndpointSpec) => boolean,
): string[] =>
	operations
		.filter((operation) => operation.endpoints.some(offers))
		.map((operation) => operation.operation);
