/** The Resource, Operation and Document Type parameters, and the canvas subtitle they make. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	OPERATIONS,
	OTHER_DOCUMENTS,
	READ_OTHER,
	RESOURCES,
	VERSION_1_OPERATIONS,
	type OperationSpec,
} from '../catalogue';

/** An operation's entry, in the catalogue's words. */
const operationOption = (operation: OperationSpec): INodePropertyOptions => ({
	name: operation.label,
	value: operation.operation,
	action: operation.action,
	description: operation.summary,
});

/** One Operation parameter; it starts at the first of its operations. */
const operationParameter = (
	show: NonNullable<INodeProperties['displayOptions']>['show'],
	operations: readonly OperationSpec[],
): INodeProperties => {
	const first = operations[0].operation;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: operations.map(operationOption),
		default: first,
	};
};

export const operationProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [2, 3] } },
		options: Object.entries(RESOURCES).map(([value, resource]) => ({
			name: resource.label,
			value,
			description: resource.summary,
		})),
		default: 'vehicleDocument',
	},
	// Version 1 had no resources; workflows saved with it keep this list.
	operationParameter({ '@version': [1] }, VERSION_1_OPERATIONS),
	...Object.entries(RESOURCES).map(([value, resource]) =>
		operationParameter({ '@version': [2, 3], resource: [value] }, resource.operations),
	),
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		displayOptions: { show: { operation: [READ_OTHER] } },
		options: Object.entries(OTHER_DOCUMENTS)
			.map(([value, endpoint]) => ({
				name: endpoint.label,
				value,
				description: `GLAIR's ${endpoint.path}`,
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'invoice',
		description:
			'Which GLAIR document to read. Its fields are shaped as GLAIR sends them: every field a column in Record, every list of rows in Table Rows.',
	},
];

const byValue = (entries: ReadonlyArray<readonly [string, string]>) =>
	JSON.stringify(Object.fromEntries(entries));
const operationLabels = byValue(OPERATIONS.map(({ operation, label }) => [operation, label]));
const documentLabels = byValue(
	Object.entries(OTHER_DOCUMENTS).map(([value, endpoint]) => [value, endpoint.label]),
);

/**
 * The node's subtitle on the canvas: the chosen operation's name; for Read Other GLAIR Document,
 * the document type's too ("Read Other: Invoice").
 */
export const subtitle = `={{ $parameter["operation"] === "${READ_OTHER}" ? "Read Other: " + ${documentLabels}[$parameter["documentType"]] : ${operationLabels}[$parameter["operation"]] }}`;
