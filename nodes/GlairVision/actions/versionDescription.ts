import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ENDPOINTS, type Operation } from '../catalogue';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_FILE_SIZE_MB,
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_CONCURRENCY,
	MAX_RETRIES,
	MAX_TIMEOUT_SECONDS,
} from '../defaults';
import type { OutputMode } from '../output';

/** The operation list's entries, named as the catalogue names them. */
const operation = (
	value: Operation,
	action: string,
	description: string,
): INodePropertyOptions => ({
	name: ENDPOINTS[value].label,
	value,
	action,
	description,
});

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
		name: 'Tax Table Rows (One Item per Row)',
		value: 'tableRows',
		description:
			'One item per row of the annual tax table: cost type, base amount, sanction and total',
	},
};

/**
 * The node's parameters, as n8n's UI shows them. (The rest of the description stays in the node
 * class, where n8n's verification lint looks for the icon and tool settings.)
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			operation(
				'readStnk',
				'Read an STNK',
				'Read a vehicle registration certificate (STNK) and its annual tax page',
			),
			operation(
				'readStnkWithTable',
				'Read an STNK with its tax table',
				'Read an STNK and also the payment table on its annual tax page (PKB, SWDKLLJ, …)',
			),
			operation(
				'readBpkb',
				'Read a BPKB',
				'Read a vehicle ownership book (BPKB): all four pages or one of them',
			),
		],
		default: 'readStnk',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field that holds the document',
		description:
			'Read/Write Files from Disk and most triggers put the file in "data"; email triggers use "attachment_0", "attachment_1", …',
	},
	{
		displayName: 'Page',
		name: 'page',
		type: 'options',
		displayOptions: { show: { operation: ['readBpkb'] } },
		options: [
			{ name: 'All Pages', value: 'all', description: 'Read every page GLAIR finds in the file' },
			{
				name: 'Page 1 – Owner Identity',
				value: '1',
				description: "Owner's name, ID (KTP/TDP) number, address, BPKB number",
			},
			{
				name: 'Page 2 – Vehicle Identity',
				value: '2',
				description: 'Plate, brand, type, year, chassis and engine numbers',
			},
			{
				name: 'Page 3 – First Registration Documents',
				value: '3',
				description: 'Dealer (APM), invoice number and date, form A/B/C number',
			},
			{
				name: 'Page 4 – Last Page',
				value: '4',
				description: 'Issuing police office and register number',
			},
		],
		default: 'all',
		description:
			'Which BPKB page the file shows. Choose a page when the file holds just that page.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		displayOptions: { show: { operation: ['readStnk', 'readBpkb'] } },
		options: [OUTPUT_OPTIONS.record, OUTPUT_OPTIONS.raw, OUTPUT_OPTIONS.fields],
		default: 'record',
		description: 'How to shape what GLAIR read',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		displayOptions: { show: { operation: ['readStnkWithTable'] } },
		options: [
			OUTPUT_OPTIONS.record,
			OUTPUT_OPTIONS.raw,
			OUTPUT_OPTIONS.fields,
			OUTPUT_OPTIONS.tableRows,
		],
		default: 'record',
		description: 'How to shape what GLAIR read',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY,
				description:
					'How many documents to send to GLAIR at the same time. Output order always follows input order.',
			},
			{
				displayName: 'Include Confidence Columns',
				name: 'includeConfidence',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/output': ['record'] } },
				description:
					'Whether to add a confidence column (0–100) named after each field plus "_confidence" beside every field of the record',
			},
			{
				displayName: 'Keep Source Document',
				name: 'keepSourceDocument',
				type: 'boolean',
				default: false,
				description:
					'Whether to pass the input document on with the Record and Raw items, so a following email node can attach the original scan',
			},
			{
				displayName: 'Max File Size (MB)',
				name: 'maxFileSizeMb',
				type: 'number',
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				default: DEFAULT_MAX_FILE_SIZE_MB,
				description:
					'Larger files are refused before upload, with the size found. Scans of a few MB are typical.',
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_RETRIES },
				default: DEFAULT_MAX_RETRIES,
				description:
					"How often to try a document again when GLAIR is rate limiting (429), briefly unavailable (502, 503, 504) or the connection drops. Waits grow each time and follow GLAIR's Retry-After.",
			},
			{
				displayName: 'Minimum Confidence',
				name: 'minConfidence',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 80,
				description:
					'Adds a second output, "Needs Review": documents (Record, Raw), fields or table rows with a read value below this confidence (0–100), a validation warning, or GLAIR\'s "Some fields are invalid" go there, with a review_reasons list',
			},
			{
				displayName: 'Normalise Values',
				name: 'normalise',
				type: 'boolean',
				default: false,
				description:
					'Whether to add normalised values beside the originals: dates as yyyy-mm-dd, cylinder capacity as a number of cc, plates as "KT 8180 YF"',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
				default: DEFAULT_TIMEOUT_SECONDS,
				description:
					"How long to wait for GLAIR's complete answer to one document (1 to 3600 seconds). A document that times out is not sent again, as GLAIR may have read (and billed) it.",
			},
			{
				displayName: 'Validate Values',
				name: 'validate',
				type: 'boolean',
				default: false,
				description:
					'Whether to add warnings: plate, VIN and NIK formats, dates that do not exist, years out of range, STNK pages that disagree, tax rows that do not add up. Warnings never block output.',
			},
		],
	},
];

const operationLabels = Object.fromEntries(
	Object.values(ENDPOINTS).map((endpoint) => [endpoint.operation, endpoint.label]),
);

/** The node's subtitle on the canvas: the chosen operation's name. */
export const subtitle = `={{ ${JSON.stringify(operationLabels)}[$parameter["operation"]] }}`;

/** A second output, "Needs Review", exists only while Minimum Confidence is set. */
export const outputs: INodeTypeDescription['outputs'] = `={{ $parameter.options?.minConfidence === undefined ? ["${NodeConnectionTypes.Main}"] : [{ type: "${NodeConnectionTypes.Main}", displayName: "Done" }, { type: "${NodeConnectionTypes.Main}", displayName: "Needs Review" }] }}`;
