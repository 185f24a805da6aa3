import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

import {
	ENDPOINTS,
	OTHER_DOCUMENTS,
	READ_OTHER,
	RESOURCES,
	VERSION_1_OPERATIONS,
	type Operation,
} from '../catalogue';
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

/** What each operation's entry says, beside the name the catalogue gives it. */
const OPERATION_TEXTS: Readonly<Record<Operation, { action: string; description: string }>> = {
	readStnk: {
		action: 'Read an STNK',
		description: 'Read a vehicle registration certificate (STNK) and its annual tax page',
	},
	readStnkWithTable: {
		action: 'Read an STNK with its tax table',
		description: 'Read an STNK and also the payment table on its annual tax page (PKB, SWDKLLJ, …)',
	},
	readBpkb: {
		action: 'Read a BPKB',
		description: 'Read a vehicle ownership book (BPKB): all four pages or one of them',
	},
	readLicensePlate: {
		action: 'Read license plates',
		description: 'Read the plates in a photo of vehicles: one row each',
	},
	readKtp: {
		action: 'Read a KTP',
		description:
			'Read an identity card (KTP), with its photo and signature, and optionally check the image',
	},
	readNpwp: { action: 'Read an NPWP', description: 'Read a taxpayer number card (NPWP)' },
	readKk: {
		action: 'Read a KK',
		description:
			'Read a family card (KK): the head of family in the record, every member in Table Rows',
	},
	readSim: {
		action: 'Read a SIM',
		description: 'Read a driving licence (SIM), with its photo and signature',
	},
	readPassport: {
		action: 'Read a passport',
		description: "Read a passport's machine-readable zone",
	},
};

/** An operation's entry, named as the catalogue names it. */
const operationOption = (value: Operation): INodePropertyOptions => ({
	name: ENDPOINTS[value].label,
	value,
	...OPERATION_TEXTS[value],
});

/** The operations by the outputs their documents offer: Table Rows needs a table, Fields fields. */
const endpoints = Object.values(ENDPOINTS);
const hasTable = (endpoint: (typeof endpoints)[number]) =>
	Boolean(endpoint.taxTable || endpoint.rowTable);
const hasFields = (endpoint: (typeof endpoints)[number]) => endpoint.sections.length > 0;
const WITH_TABLE = [
	...endpoints
		.filter((endpoint) => hasTable(endpoint) && hasFields(endpoint))
		.map((endpoint) => endpoint.operation),
	READ_OTHER,
];
const WITHOUT_TABLE = endpoints
	.filter((endpoint) => !hasTable(endpoint))
	.map((endpoint) => endpoint.operation);
/** License plates: rows only, no fields. */
const ONLY_TABLE = endpoints
	.filter((endpoint) => hasTable(endpoint) && !hasFields(endpoint))
	.map((endpoint) => endpoint.operation);

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

/**
 * The node's parameters, as n8n's UI shows them. (The rest of the description stays in the node
 * class, where n8n's verification lint looks for the icon and tool settings.)
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [2] } },
		options: [
			{
				name: 'Vehicle Document',
				value: 'vehicleDocument',
				description: 'STNK (with its tax table), BPKB, license plates',
			},
			{
				name: 'Identity Document',
				value: 'identityDocument',
				description: 'KTP, NPWP, KK (family card), SIM (driving licence), passport',
			},
			{
				name: 'Other GLAIR Document',
				value: 'otherDocument',
				description: "Invoice, receipt, bank statement and the rest of GLAIR's OCR catalogue",
			},
		],
		default: 'vehicleDocument',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [1] } },
		options: VERSION_1_OPERATIONS.map(operationOption),
		default: 'readStnk',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [2], resource: ['vehicleDocument'] } },
		options: RESOURCES.vehicleDocument.map((endpoint) =>
			operationOption(endpoint.operation as Operation),
		),
		default: 'readStnk',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [2], resource: ['identityDocument'] } },
		options: RESOURCES.identityDocument.map((endpoint) =>
			operationOption(endpoint.operation as Operation),
		),
		default: 'readKtp',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [2], resource: ['otherDocument'] } },
		options: [
			{
				name: 'Read Other GLAIR Document',
				value: READ_OTHER,
				action: 'Read another GLAIR document',
				description: 'Read any other document GLAIR offers: choose it in Document Type',
			},
		],
		default: READ_OTHER,
	},
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
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, or attachment_0, attachment_1, or *',
		hint: "The binary field that holds the document; several, separated by commas, or * for all of the item's files",
		description:
			'Read/Write Files from Disk and most triggers put the file in "data"; email triggers use "attachment_0", "attachment_1", …. Each field is read as one document (with several, items carry a binary_field column).',
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
		displayOptions: { show: { operation: WITHOUT_TABLE } },
		options: [OUTPUT_OPTIONS.record, OUTPUT_OPTIONS.raw, OUTPUT_OPTIONS.fields],
		default: 'record',
		description: 'How to shape what GLAIR read',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		displayOptions: { show: { operation: WITH_TABLE } },
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
		displayName: 'Output',
		name: 'output',
		type: 'options',
		displayOptions: { show: { operation: ONLY_TABLE } },
		options: [OUTPUT_OPTIONS.record, OUTPUT_OPTIONS.raw, OUTPUT_OPTIONS.tableRows],
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
				displayName: 'Check Image Quality',
				name: 'checkImageQuality',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/operation': ['readKtp'] } },
				description:
					'Whether GLAIR also checks the photo (a copy, blurred, cropped, taken from a screen, …): the flags become quality_ columns and, with Minimum Confidence set, reasons for review',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY,
				description:
					'How many documents to send to GLAIR at the same time. To use your rate limit whole, about limit × read time (10 a second × 3 s reads = 30). Output order always follows input order.',
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
				displayName: 'Include Images',
				name: 'includeImages',
				type: 'boolean',
				default: true,
				displayOptions: { show: { '/operation': ['readKtp', 'readSim', READ_OTHER] } },
				description:
					'Whether the face photo and signature GLAIR cuts out become binary fields "photo" and "signature" on the output items (they never stay in the JSON)',
			},
			{
				displayName: 'Keep Source Document',
				name: 'keepSourceDocument',
				type: 'boolean',
				default: false,
				description:
					'Whether to pass the input document on with the Record and Raw items (and the first Table Rows item), so a following email node can attach the original scan',
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
					"How often to try a document again when GLAIR is rate limiting (429), briefly unavailable (502, 503, 504), the connection drops or GLAIR does not answer within Timeout (see Resend If GLAIR May Have Read It). Waits grow each time and follow GLAIR's Retry-After. A 429 while GLAIR is reading other documents on the same key (its limit shared with other executions or n8n workers) does not count, up to 30 of them; 0 means never try again.",
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
				displayName: 'One BPKB, a Page per File',
				name: 'pagePerFile',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/operation': ['readBpkb'] } },
				description:
					"Whether the item's files (Input Binary Field, in order) are pages 1, 2, 3 and 4 of one BPKB: each is read as its page, and the pages make one record",
			},
			{
				displayName: 'Resend If GLAIR May Have Read It',
				name: 'resendMaybeRead',
				type: 'boolean',
				// DEFAULT_RESEND_MAYBE_READ: n8n's lint wants the literal here.
				default: true,
				description:
					'Whether a document GLAIR may have read (and billed) without its answer arriving is sent again, up to Max Retries: after a timeout, a 504, or a connection cut after the upload may have been sent whole. Off, such a document fails and is not sent again, to avoid a second charge. What GLAIR cannot have read is always sent again.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
				default: DEFAULT_TIMEOUT_SECONDS,
				description:
					"How long to wait for GLAIR's complete answer to one document (1 to 3600 seconds). A document that times out is sent again up to Max Retries, unless Resend If GLAIR May Have Read It is off.",
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
