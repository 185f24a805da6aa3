/**
 * The Output parameter (one per set of outputs the operations offer, as the catalogue works it out)
 * and the node's outputs: a second one, "Needs Review", while Minimum Confidence is set.
 */
import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { OPERATIONS, outputsOffered, type OperationSpec } from '../catalogue';
import { OUTPUT_MODES, type OutputMode } from '../output';

const OUTPUT_OPTIONS: Readonly<Record<OutputMode, INodePropertyOptions>> = {
	record: {
		name: 'Record (One Flat Row per Document)',
		value: 'record',
		description:
			'One item per document with every field as a column: drops straight into a Google Sheets or Excel row',
	},
	raw: {
		name: 'Raw (GLAIR Response)',
		value: 'raw',
		description:
			"One item per document holding GLAIR's answer exactly as sent: status, reason and read",
	},
	fields: {
		name: 'Fields (One Item per Field)',
		value: 'fields',
		description: 'One item per field read, with its value, original text, confidence and position',
	},
	tableRows: {
		name: 'Table Rows (One Item per Row)',
		value: 'tableRows',
		description:
			"One item per row of the document's table: the STNK's annual tax table, a KK's family members, the plates in a photo, an invoice's items, …",
	},
};

/** The output modes an operation offers: those any of its documents offers. */
const offeredBy = (operation: OperationSpec): OutputMode[] =>
	OUTPUT_MODES.filter((mode) =>
		operation.endpoints.some((endpoint) => outputsOffered(endpoint)[mode]),
	);

/** The operations by the outputs they offer, in the order the sets first appear. */
const operationsByOutputs = new Map<string, { modes: OutputMode[]; operations: string[] }>();
for (const operation of OPERATIONS) {
	const modes = offeredBy(operation);
	const group = operationsByOutputs.get(modes.join()) ?? { modes, operations: [] };
	group.operations.push(operation.operation);
	operationsByOutputs.set(modes.join(), group);
}

export const outputProperties: INodeProperties[] = [...operationsByOutputs.values()].map(
	({ modes, operations }) => ({
		displayName: 'Output',
		name: 'output',
		type: 'options',
		displayOptions: { show: { operation: operations } },
		options: modes.map((mode) => OUTPUT_OPTIONS[mode]),
		default: 'record',
		description: 'How to shape what GLAIR read',
	}),
);

/** A second output, "Needs Review", exists only while Minimum Confidence is set. */
export const outputs: INodeTypeDescription['outputs'] = `={{ $parameter.options?.minConfidence === undefined ? ["${NodeConnectionTypes.Main}"] : [{ type: "${NodeConnectionTypes.Main}", displayName: "Done" }, { type: "${NodeConnectionTypes.Main}", displayName: "Needs Review" }] }}`;
