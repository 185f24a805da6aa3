import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { outputsOffered, type BpkbPage, type EndpointSpec } from '../catalogue';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_FILE_SIZE_MB,
	DEFAULT_MEMORY_BUDGET_MB,
	DEFAULT_MAX_RETRIES,
	DEFAULT_RESEND_MAYBE_READ,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_CONCURRENCY,
	MAX_RETRIES,
	MAX_TIMEOUT_SECONDS,
} from '../defaults';
import {
	binaryFieldEmpty,
	noBinaryField,
	tooManyPages,
	maxRetriesOutOfRange,
	minConfidenceOutOfRange,
	notPositive,
	outputNotOffered,
	pageOutOfRange,
	sourceProblems,
	timeoutOutOfRange,
	type Wording,
} from '../messages';
import { OUTPUT_MODES, type OutputMode } from '../output';
import type { QualityOptions } from '../quality/review';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../transport';
import { itemError } from './itemError';

/** Where documents come from (node version 2 on; version 1 reads binary fields only). */
export type DocumentSource = 'binaryField' | 'url' | 'binaryObject';

/** An item's document by its source: its binary fields are in `binaryFields`. */
export type ItemSource =
	| { readonly kind: 'binaryField' }
	| { readonly kind: 'url'; readonly url: string; readonly allowLocalNetwork: boolean }
	| { readonly kind: 'binaryObject'; readonly value: unknown };

/**
 * n8n runs a node as an AI agent's tool under its type name with "Tool" appended
 * (`glairVisionTool`), on 1.x and 2.x alike.
 */
export const runsAsTool = (context: IExecuteFunctions): boolean =>
	context.getNode().type.endsWith('Tool');

/** Settings that hold for the whole run (they cannot come from an item's data). */
export interface RunSettings {
	readonly documentSource: DocumentSource;
	/** Run as an AI agent's tool: compact records, and errors told to the model, not thrown. */
	readonly asTool: boolean;
	/** The GLAIR endpoint the operation reads documents with. */
	readonly endpoint: EndpointSpec;
	/** The endpoint's path, or its image-quality variant (Read KTP with Check Image Quality). */
	readonly path: string;
	/** Documents in flight at most, or 'auto': as many as the key's Concurrency Auto lets in. */
	readonly concurrency: number | 'auto';
	/** With Concurrency Auto, upload bytes this run keeps in flight at most. */
	readonly memoryBudgetBytes: number;
	/** Normalise, validate, and (with a minimum confidence) route items to "Needs Review". */
	readonly quality: QualityOptions;
	/** Pass the input document's binary on to record and raw items. */
	readonly keepSourceDocument: boolean;
	/** Images GLAIR cuts out become binary fields (they never stay in the JSON). */
	readonly includeImages: boolean;
	/** Read BPKB: an item's files are pages 1–4 of one BPKB. */
	readonly pagePerFile: boolean;
}

/** Settings read per item, since expressions may make them differ between documents. */
export interface ItemSettings {
	readonly source: ItemSource;
	/** The binary fields that hold this item's documents, in order (none for the other sources). */
	readonly binaryFields: readonly string[];
	/** Whether Input Binary Field names several fields (or *): then items say which one they read. */
	readonly severalFields: boolean;
	readonly page: 'all' | BpkbPage;
	readonly output: OutputMode;
	readonly includeConfidence: boolean;
	readonly timeoutMs: number;
	readonly maxFileBytes: number;
	readonly retryPolicy: RetryPolicy;
}

interface Options {
	concurrency?: number;
	concurrencyMode?: 'auto' | 'fixed';
	memoryBudgetMb?: number;
	minConfidence?: number;
	normalise?: boolean;
	validate?: boolean;
	keepSourceDocument?: boolean;
	includeConfidence?: boolean;
	checkImageQuality?: boolean;
	includeImages?: boolean;
	pagePerFile?: boolean;
	timeout?: number;
	maxRetries?: number;
	resendMaybeRead?: boolean;
	maxFileSizeMb?: number;
	allowLocalNetworkUrls?: boolean;
}

const SOURCES: readonly DocumentSource[] = ['binaryField', 'url', 'binaryObject'];

const options = (context: IExecuteFunctions, itemIndex: number): Options =>
	context.getNodeParameter('options', itemIndex, {}) as Options;

export function getRunSettings(context: IExecuteFunctions, endpoint: EndpointSpec): RunSettings {
	const runOptions = options(context, 0);
	const concurrency = Math.trunc(Number(runOptions.concurrency ?? DEFAULT_CONCURRENCY));
	// Version 3 sends with Auto unless Concurrency Mode says Fixed (or only a Concurrency is set);
	// versions 1 and 2 always send a fixed number, 5 unless set.
	const auto =
		context.getNode().typeVersion >= 3 &&
		(runOptions.concurrencyMode ?? (runOptions.concurrency === undefined ? 'auto' : 'fixed')) ===
			'auto';
	const budgetMb = Number(runOptions.memoryBudgetMb ?? DEFAULT_MEMORY_BUDGET_MB);
	const minConfidence =
		runOptions.minConfidence === undefined ? undefined : Number(runOptions.minConfidence);
	if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 100)) {
		const { message, description } = minConfidenceOutOfRange(String(runOptions.minConfidence));
		throw new NodeOperationError(context.getNode(), message, { description });
	}
	const source = context.getNodeParameter('documentSource', 0, 'binaryField') as DocumentSource;
	const documentSource = SOURCES.includes(source) ? source : 'binaryField';
	return {
		documentSource,
		asTool: runsAsTool(context),
		endpoint,
		path:
			endpoint.qualityPath && runOptions.checkImageQuality === true
				? endpoint.qualityPath
				: endpoint.path,
		includeImages: runOptions.includeImages !== false,
		pagePerFile:
			endpoint.bpkbPages === true &&
			runOptions.pagePerFile === true &&
			documentSource === 'binaryField',
		concurrency: auto
			? 'auto'
			: Number.isFinite(concurrency)
				? Math.min(Math.max(concurrency, 1), MAX_CONCURRENCY)
				: DEFAULT_CONCURRENCY,
		memoryBudgetBytes:
			Math.max(1, Number.isFinite(budgetMb) ? budgetMb : DEFAULT_MEMORY_BUDGET_MB) * 1024 * 1024,
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
	const fail = (wording: Wording) => itemError(context.getNode(), wording, { itemIndex });

	let source: ItemSource = { kind: 'binaryField' };
	let binarySpec = '';
	let binaryFields: string[] = [];
	if (run.documentSource === 'url') {
		const url = String(context.getNodeParameter('documentUrl', itemIndex, '') ?? '').trim();
		if (!url) throw fail(sourceProblems.urlEmpty);
		const allowLocalNetwork = options(context, itemIndex).allowLocalNetworkUrls === true;
		source = { kind: 'url', url, allowLocalNetwork };
	} else if (run.documentSource === 'binaryObject') {
		source = { kind: 'binaryObject', value: context.getNodeParameter('documentBinary', itemIndex) };
	} else {
		binarySpec = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		const named =
			binarySpec === '*'
				? Object.keys(context.getInputData()[itemIndex]?.binary ?? {})
				: binarySpec.split(',');
		binaryFields = [...new Set(named.map((name) => name.trim()).filter(Boolean))];
		if (binarySpec === '*' && binaryFields.length === 0) throw fail(noBinaryField('*', []));
		if (binaryFields.length === 0) throw fail(binaryFieldEmpty);
		if (run.pagePerFile && binaryFields.length > 4) throw fail(tooManyPages(binaryFields));
	}

	let page: 'all' | BpkbPage = 'all';
	if (run.endpoint.bpkbPages) {
		const raw = context.getNodeParameter('page', itemIndex, 'all');
		const parsed = parsePage(raw);
		if (!parsed) {
			throw fail(pageOutOfRange(String(raw)));
		}
		page = parsed;
	}

	const output = context.getNodeParameter('output', itemIndex, 'record') as OutputMode;
	const offered = OUTPUT_MODES.filter((mode) => outputsOffered(run.endpoint)[mode]);
	if (!offered.includes(output)) {
		throw fail(outputNotOffered(String(output), run.endpoint.label, offered));
	}

	const {
		includeConfidence = false,
		timeout = DEFAULT_TIMEOUT_SECONDS,
		maxRetries = DEFAULT_MAX_RETRIES,
		resendMaybeRead = DEFAULT_RESEND_MAYBE_READ,
		maxFileSizeMb = DEFAULT_MAX_FILE_SIZE_MB,
	} = options(context, itemIndex);
	const positive = (value: unknown, name: string, unit: string, byDefault: number): number => {
		const number = Number(value);
		if (!Number.isFinite(number) || number <= 0) {
			throw fail(notPositive(name, String(value), unit, byDefault));
		}
		return number;
	};
	const timeoutSeconds = Number(timeout);
	if (!(timeoutSeconds >= 1 && timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
		throw fail(timeoutOutOfRange(String(timeout), MAX_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS));
	}
	const retries = Number(maxRetries);
	if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
		throw fail(maxRetriesOutOfRange(String(maxRetries), MAX_RETRIES, DEFAULT_MAX_RETRIES));
	}
	return {
		source,
		binaryFields,
		severalFields: binarySpec === '*' || binaryFields.length > 1,
		page,
		// A model gets the record: one flat object per document, whatever Output says.
		output: run.asTool ? 'record' : output,
		includeConfidence: includeConfidence === true,
		timeoutMs: Math.round(timeoutSeconds * 1000),
		maxFileBytes: Math.round(
			positive(maxFileSizeMb, 'Max File Size', 'MB', DEFAULT_MAX_FILE_SIZE_MB) * 1024 * 1024,
		),
		retryPolicy: {
			...DEFAULT_RETRY_POLICY,
			maxRetries: retries,
			resendMaybeRead: resendMaybeRead !== false,
		},
	};
}
