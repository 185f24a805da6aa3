import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import {
	ENDPOINTS,
	isOperation,
	type BpkbPage,
	type EndpointSpec,
	type Operation,
} from '../catalogue';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_FILE_SIZE_MB,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_CONCURRENCY,
	MAX_RETRIES,
	MAX_TIMEOUT_SECONDS,
	OPERATION_LABELS,
} from '../description';
import { itemLabel } from '../errors';
import { OUTPUT_MODES, type OutputMode } from '../output';
import type { QualityOptions } from '../quality/review';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../transport/retry';

/** Settings that hold for the whole run (they cannot come from an item's data). */
export interface RunSettings {
	readonly operation: Operation;
	readonly endpoint: EndpointSpec;
	readonly operationLabel: string;
	readonly concurrency: number;
	/** Normalise, validate, and (with a minimum confidence) route items to "Needs Review". */
	readonly quality: QualityOptions;
	/** Pass the input document's binary on to record and raw items. */
	readonly keepSourceDocument: boolean;
}

/** Settings read per item, since expressions may make them differ between documents. */
export interface ItemSettings {
	readonly binaryPropertyName: string;
	readonly page: 'all' | BpkbPage;
	readonly output: OutputMode;
	readonly includeConfidence: boolean;
	readonly timeoutMs: number;
	readonly maxFileBytes: number;
	readonly retryPolicy: RetryPolicy;
}

interface Options {
	concurrency?: number;
	minConfidence?: number;
	normalise?: boolean;
	validate?: boolean;
	keepSourceDocument?: boolean;
	includeConfidence?: boolean;
	timeout?: number;
	maxRetries?: number;
	maxFileSizeMb?: number;
}

/** The operation value n8n gives its "Custom API Call" entry. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

const options = (context: IExecuteFunctions, itemIndex: number): Options =>
	context.getNodeParameter('options', itemIndex, {}) as Options;

export function getRunSettings(context: IExecuteFunctions): RunSettings {
	const operation = context.getNodeParameter('operation', 0);
	// n8n adds "Custom API Call" to the operations of nodes whose credential can sign any request.
	if (operation === CUSTOM_API_CALL) {
		throw new NodeOperationError(
			context.getNode(),
			'Custom API Call is done with an HTTP Request node, not with this node',
			{
				description:
					'Add an HTTP Request node, set Authentication to "Predefined Credential Type" and pick "GLAIR Vision API": it signs any GLAIR request with your credential.',
			},
		);
	}
	if (!isOperation(operation)) {
		throw new NodeOperationError(context.getNode(), `Unknown operation "${String(operation)}"`, {
			description: 'Choose Read STNK, Read STNK With Table or Read BPKB.',
		});
	}
	const runOptions = options(context, 0);
	const concurrency = Math.trunc(Number(runOptions.concurrency ?? DEFAULT_CONCURRENCY));
	const minConfidence =
		runOptions.minConfidence === undefined ? undefined : Number(runOptions.minConfidence);
	if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 100)) {
		throw new NodeOperationError(
			context.getNode(),
			`"Minimum Confidence" must be from 0 to 100, not "${String(runOptions.minConfidence)}"`,
			{
				description:
					'GLAIR gives confidence in percent. Remove the option to turn review routing off.',
			},
		);
	}
	return {
		operation,
		endpoint: ENDPOINTS[operation],
		operationLabel: OPERATION_LABELS[operation],
		concurrency: Number.isFinite(concurrency)
			? Math.min(Math.max(concurrency, 1), MAX_CONCURRENCY)
			: DEFAULT_CONCURRENCY,
		quality: {
			normalise: runOptions.normalise === true,
			validate: runOptions.validate === true,
			minConfidence,
		},
		keepSourceDocument: runOptions.keepSourceDocument === true,
	};
}

function parsePage(value: unknown): 'all' | BpkbPage | undefined {
	if (value === 'all') return 'all';
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^[1-4]$/.test(text) ? (Number(text) as BpkbPage) : undefined;
}

export function getItemSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunSettings,
): ItemSettings {
	const fail = (message: string, description: string) =>
		new NodeOperationError(context.getNode(), `${message} on ${itemLabel(itemIndex)}`, {
			itemIndex,
			description,
		});

	const binaryPropertyName = String(
		context.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
	).trim();
	if (!binaryPropertyName) {
		throw fail(
			'"Input Binary Field" is empty',
			'Enter the name of the binary field that holds the document, e.g. "data".',
		);
	}

	let page: 'all' | BpkbPage = 'all';
	if (run.operation === 'readBpkb') {
		const raw = context.getNodeParameter('page', itemIndex, 'all');
		const parsed = parsePage(raw);
		if (!parsed) {
			throw fail(
				`"Page" must be All Pages, 1, 2, 3 or 4, not "${String(raw)}"`,
				'Pick a page from the list, or make the expression give 1, 2, 3, 4 or "all".',
			);
		}
		page = parsed;
	}

	const output = context.getNodeParameter('output', itemIndex, 'record') as OutputMode;
	const offered = run.endpoint.taxTable
		? OUTPUT_MODES
		: OUTPUT_MODES.filter((mode) => mode !== 'tableRows');
	if (!offered.includes(output)) {
		throw fail(
			`"Output" "${String(output)}" is not available for ${run.operationLabel}`,
			`Choose one of: ${offered.join(', ')}.${output === 'tableRows' ? ' Tax table rows need the Read STNK With Table operation.' : ''}`,
		);
	}

	const {
		includeConfidence = false,
		timeout = DEFAULT_TIMEOUT_SECONDS,
		maxRetries = DEFAULT_RETRY_POLICY.maxRetries,
		maxFileSizeMb = DEFAULT_MAX_FILE_SIZE_MB,
	} = options(context, itemIndex);
	const positive = (value: unknown, name: string, unit: string, byDefault: number): number => {
		const number = Number(value);
		if (!Number.isFinite(number) || number <= 0) {
			throw fail(
				`"${name}" must be a positive number of ${unit}, not "${String(value)}"`,
				`The default is ${byDefault} ${unit}.`,
			);
		}
		return number;
	};
	const timeoutSeconds = Number(timeout);
	if (!(timeoutSeconds >= 1 && timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
		throw fail(
			`"Timeout" must be from 1 to ${MAX_TIMEOUT_SECONDS} seconds, not "${String(timeout)}"`,
			`The default is ${DEFAULT_TIMEOUT_SECONDS} seconds.`,
		);
	}
	const retries = Number(maxRetries);
	if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
		throw fail(
			`"Max Retries" must be a whole number from 0 to ${MAX_RETRIES}, not "${String(maxRetries)}"`,
			'The default is 3.',
		);
	}
	return {
		binaryPropertyName,
		page,
		output,
		includeConfidence: includeConfidence === true,
		timeoutMs: Math.round(timeoutSeconds * 1000),
		maxFileBytes: Math.round(
			positive(maxFileSizeMb, 'Max File Size', 'MB', DEFAULT_MAX_FILE_SIZE_MB) * 1024 * 1024,
		),
		retryPolicy: { ...DEFAULT_RETRY_POLICY, maxRetries: retries },
	};
}
