/** The Options collection: every optional setting, alphabetical as n8n's lint asks. */
import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS, offersImages, operationsWhere } from '../catalogue';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_FILE_SIZE_MB,
	DEFAULT_MEMORY_BUDGET_MB,
	DEFAULT_MAX_RETRIES,
	DEFAULT_MIN_CONFIDENCE,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_AUTO_CONCURRENCY,
	MAX_CONCURRENCY,
	MAX_RETRIES,
	MAX_TIMEOUT_SECONDS,
} from '../defaults';
import { MAX_CONTENDED_RETRIES } from '../transport/send';
import { BPKB_OPERATIONS } from './input';

/** The operations whose document GLAIR can also check the photo of. */
const QUALITY_CHECK_OPERATIONS = operationsWhere(
	OPERATIONS,
	(endpoint) => endpoint.qualityPath !== undefined,
);
/** The operations whose documents GLAIR may cut images out of. */
const IMAGE_OPERATIONS = operationsWhere(OPERATIONS, offersImages);

/**
 * Versions 1 and 2: Concurrency is a number, 5 unless set. Version 3: Concurrency Mode, Auto unless
 * set, and a fixed Concurrency with Fixed; Memory Budget bounds Auto.
 */
const CONCURRENCY_V1: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many documents to send to GLAIR at the same time. To use your rate limit whole, about limit × read time (10 a second × 3 s reads = 30). Output order always follows input order.',
};

const CONCURRENCY_V3: INodeProperties[] = [
	{
		...CONCURRENCY_V1,
		displayOptions: { show: { concurrencyMode: ['fixed'] } },
		description:
			'How many documents to send to GLAIR at the same time, with Concurrency Mode Fixed. Output order always follows input order.',
	},
	{
		displayName: 'Concurrency Mode',
		name: 'concurrencyMode',
		type: 'options',
		options: [
			{
				name: 'Auto',
				value: 'auto',
				description: `Keep as many documents at GLAIR as your rate limit and GLAIR's read time allow, learnt as it goes (at most ${MAX_AUTO_CONCURRENCY}, within Memory Budget), shared by every execution on the credential`,
			},
			{
				name: 'Fixed',
				value: 'fixed',
				description: 'Send the number of documents set in Concurrency at the same time',
			},
		],
		default: 'auto',
		description: 'How many documents are sent to GLAIR at the same time',
	},
];

const MEMORY_BUDGET: INodeProperties = {
	displayName: 'Memory Budget (MB)',
	name: 'memoryBudgetMb',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MEMORY_BUDGET_MB,
	description:
		'With Concurrency Mode Auto: the most upload bytes this execution keeps in flight at once. 10 MB scans with 256 MB: at most 25 at a time. A document larger than this is sent alone.',
};

const optionList = (
	concurrency: INodeProperties[],
	memory: INodeProperties[],
): INodeProperties[] => [
	{
		displayName: 'Allow Local Network URLs',
		name: 'allowLocalNetworkUrls',
		type: 'boolean',
		default: false,
		displayOptions: { show: { '/documentSource': ['url'] } },
		description:
			'Whether Document URL may point to this machine or the local network (127.0.0.1, 10.x, 192.168.x, 169.254.x, …). Off, such addresses are refused before connecting, so a document or a chat cannot make n8n fetch internal pages.',
	},
	{
		displayName: 'Check Image Quality',
		name: 'checkImageQuality',
		type: 'boolean',
		default: false,
		displayOptions: { show: { '/operation': QUALITY_CHECK_OPERATIONS } },
		description:
			'Whether GLAIR also checks the photo (a copy, blurred, cropped, taken from a screen, …): the flags become quality_ columns and, with Minimum Confidence set, reasons for review',
	},
	...concurrency,
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
		displayOptions: { show: { '/operation': IMAGE_OPERATIONS } },
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
		description: `How often to try a document again when GLAIR is rate limiting (429), briefly unavailable (502, 503, 504), the connection drops or GLAIR does not answer within Timeout (see Resend If GLAIR May Have Read It). Waits grow each time and follow GLAIR's Retry-After. A 429 while GLAIR is reading other documents on the same key (its limit shared with other executions or n8n workers) does not count, up to ${MAX_CONTENDED_RETRIES} of them; 0 means never try again.`,
	},
	...memory,
	{
		displayName: 'Minimum Confidence',
		name: 'minConfidence',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: DEFAULT_MIN_CONFIDENCE,
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
		displayOptions: { show: { '/operation': BPKB_OPERATIONS } },
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
		description: `How long to wait for GLAIR's complete answer to one document (1 to ${MAX_TIMEOUT_SECONDS} seconds). A document that times out is sent again up to Max Retries, unless Resend If GLAIR May Have Read It is off.`,
	},
	{
		displayName: 'Validate Values',
		name: 'validate',
		type: 'boolean',
		default: false,
		description:
			'Whether to add warnings: plate, VIN and NIK formats, dates that do not exist, years out of range, STNK pages that disagree, tax rows that do not add up. Warnings never block output.',
	},
];

const optionsCollection = (version: number[], options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { '@version': version } },
	options,
});

export const optionsProperties: INodeProperties[] = [
	optionsCollection([1, 2], optionList([CONCURRENCY_V1], [])),
	optionsCollection([3], optionList(CONCURRENCY_V3, [MEMORY_BUDGET])),
];
