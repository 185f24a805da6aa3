import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { EndpointSpec } from '../catalogue';
import { checkCredentialFields } from '../credential/fields';
import { uploadMemory } from '../input/storedUpload';
import { UploadBuffers } from '../input/uploadBuffers';
import { someFieldsInvalidHint, toolFailure, unknownAnswerHint } from '../messages';
import { MAX_AUTO_CONCURRENCY } from '../defaults';
import { toolRecord } from '../output/tool';
import { CREDENTIAL_TYPE, FlowControl, KeyPace, sharedAuto, sharedPace } from '../transport';
import { withFiles } from './itemFiles';
import { asNodeError, errorItemJson, errorOutputJson } from './failures';
import { runPool } from './pool';
import { readDocument, type DocumentFiles, type DocumentResult } from './readDocument';
import { getItemSettings, getRunSettings, runsAsTool, type ItemSettings } from './settings';

/** Documents read and checked ahead of a free place at GLAIR. */
const PREPARED_AHEAD = 1;

/**
 * Reads every input item's document with one GLAIR endpoint; output follows input order, each
 * item paired to its input. With a minimum confidence set, items a person should check go to the
 * second output; failed documents go where the node's On Error setting says.
 */
export async function readDocuments(
	this: IExecuteFunctions,
	endpoint: EndpointSpec,
): Promise<INodeExecutionData[][]> {
	if (!runsAsTool(this)) return await readAll.call(this, endpoint);
	// n8n's Tools Agent turns a thrown error into an empty answer: the model is told in words instead.
	try {
		return await readAll.call(this, endpoint);
	} catch (error) {
		const { message, description } = asNodeError(this.getNode(), error, 0);
		return [[{ json: { error: toolFailure(message, description ?? undefined) } }]];
	}
}

async function readAll(
	this: IExecuteFunctions,
	endpoint: EndpointSpec,
): Promise<INodeExecutionData[][]> {
	const inputItems = this.getInputData();
	const run = getRunSettings(this, endpoint);
	const data = await this.getCredentials(CREDENTIAL_TYPE);
	const { id, name } = this.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
	const credential = checkCredentialFields(data);
	// The secrets as checked (trimmed) are what the credential's `authenticate` sends.
	const credentials = {
		id: id ?? '',
		name,
		type: CREDENTIAL_TYPE,
		data: credential.ok ? { ...data, ...credential.secrets } : data,
	};
	// As a tool, every document is answered for, each in its own words.
	const continueOnFail = run.asTool || this.continueOnFail();
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	// Executions that use the same GLAIR key share its pace, and its Concurrency Auto; a fixed
	// Concurrency is each execution's own.
	const pace = credential.ok
		? sharedPace({
				credentialId: credentials.id,
				baseUrl: credential.baseUrl,
				...credential.secrets,
			})
		: new KeyPace();
	const auto = run.concurrency === 'auto' ? sharedAuto(pace) : undefined;
	const flow = new FlowControl(
		pace,
		run.concurrency === 'auto' ? Number.POSITIVE_INFINITY : run.concurrency,
		auto,
	);
	// One document more than Concurrency is under way: it is read and checked while the others are
	// at GLAIR, so a place that frees up is taken at once. Requests in flight stay at Concurrency.
	// With Auto, every document asks it before its upload is read, so as many may be under way as
	// it could ever let in; the buffers kept are those of the most it let in at once.
	const underWay =
		run.concurrency === 'auto' ? MAX_AUTO_CONCURRENCY : run.concurrency + PREPARED_AHEAD;
	const buffers = new UploadBuffers(underWay);
	const cancelled = this.getExecutionCancelSignal?.();

	// One document per binary field of each item (or one per item: a BPKB's page files); an item
	// whose settings cannot be read stands as one failed document.
	const documents = inputItems.flatMap((_, itemIndex): PlannedDocument[] => {
		let settings: ItemSettings;
		try {
			settings = getItemSettings(this, itemIndex, run);
		} catch (problem) {
			return [{ itemIndex, binaryFields: [], problem }];
		}
		const groups =
			run.pagePerFile || settings.source.kind !== 'binaryField'
				? [settings.binaryFields]
				: settings.binaryFields.map((field) => [field]);
		return groups.map((binaryFields) => ({ itemIndex, binaryFields, settings }));
	});

	const outcomes = await runPool<DocumentResult>(
		documents.length,
		underWay,
		async (index, stopped) => {
			const { settings, problem } = documents[index];
			if (!settings) throw problem;
			const admission = auto
				? await auto.start(
						await uploadBytes(this, documents[index], settings),
						run.memoryBudgetBytes,
						cancelled ? AbortSignal.any([cancelled, stopped]) : stopped,
					)
				: undefined;
			try {
				return await readDocument(this, documents[index], run, settings, {
					credential,
					credentials,
					flow,
					buffers,
					stopped,
				});
			} finally {
				if (admission) auto?.end(admission);
			}
		},
		!continueOnFail,
	);

	const routeForReview = run.quality.minConfidence !== undefined;
	const [done, needsReview]: INodeExecutionData[][] = [[], []];
	let invalidDocuments = 0;
	let unknownAnswers = 0;
	outcomes.forEach((outcome, index) => {
		const { itemIndex, binaryFields, settings } = documents[index];
		const pairedItem = { item: itemIndex };
		// With several files per item, every item says which one it read.
		const which = settings?.severalFields ? { binary_field: binaryFields.join(', ') } : {};
		const sources = Object.fromEntries(
			binaryFields.flatMap((field) => {
				const source = inputItems[itemIndex].binary?.[field];
				return source ? [[field, source]] : [];
			}),
		);
		if (outcome.state === 'fulfilled' && run.asTool) {
			for (const { json, reviewReasons } of outcome.value.items) {
				const reasons = reviewReasons.length > 0 ? { review_reasons: reviewReasons } : {};
				const record = toolRecord({ ...json, ...which, ...reasons }, outcome.value.imageNames);
				done.push({ json: record, pairedItem });
			}
			return;
		}
		if (outcome.state === 'fulfilled') {
			if (outcome.value.someFieldsInvalid) invalidDocuments++;
			if (outcome.value.unknownAnswer) unknownAnswers++;
			const kept = run.keepSourceDocument ? sources : {};
			for (const shaped of withFiles(outcome.value, kept, run.endpoint.document, routeForReview)) {
				const item: INodeExecutionData = { json: { ...shaped.json, ...which }, pairedItem };
				if (Object.keys(shaped.binary).length > 0) item.binary = shaped.binary;
				if (routeForReview && shaped.reviewReasons.length > 0) {
					needsReview.push({
						...item,
						json: { ...item.json, review_reasons: shaped.reviewReasons },
					});
				} else {
					done.push(item);
				}
			}
			return;
		}
		if (outcome.state === 'skipped') return; // only after a failure that is thrown below
		const error = asNodeError(this.getNode(), outcome.reason, itemIndex);
		if (run.asTool) {
			const sentence = toolFailure(error.message, error.description ?? undefined);
			return void done.push({ json: { error: sentence, ...which }, pairedItem });
		}
		if (!continueOnFail) throw error;
		const fileName = Object.values(sources)[0]?.fileName ?? guessFileName(this, itemIndex);
		if (!toErrorOutput) {
			return void done.push({ json: { ...errorItemJson(error, fileName), ...which }, pairedItem });
		}
		// In the error output the failed scan can ride along, for a person to look at.
		const item: INodeExecutionData = { json: errorOutputJson(error, fileName, which), pairedItem };
		if (run.keepSourceDocument && Object.keys(sources).length > 0) item.binary = sources;
		done.push(item);
	});

	if (invalidDocuments > 0) {
		this.addExecutionHints({
			message: someFieldsInvalidHint(
				invalidDocuments,
				outcomes.filter((outcome) => outcome.state === 'fulfilled').length,
				run.endpoint.documentName,
			),
			location: 'outputPane',
		});
	}
	if (unknownAnswers > 0) {
		this.addExecutionHints({
			message: unknownAnswerHint(unknownAnswers, documents.length, run.endpoint.documentName),
			location: 'outputPane',
		});
	}
	return routeForReview && !run.asTool ? [done, needsReview] : [done];
}

/** A planned document: the files it is read from, or why its item's settings could not be read. */
interface PlannedDocument extends DocumentFiles {
	readonly settings?: ItemSettings;
	readonly problem?: unknown;
}

/**
 * The bytes a document's files take in flight, known before they are read (as prepareUpload finds
 * a file's size): the size n8n recorded, its file on disk, or its base64 in the item; a file n8n
 * keeps on disk only what its stream holds (uploadMemory). A download or a binary object is counted
 * at Max File Size, the most it may take: its size is known late.
 */
async function uploadBytes(
	context: IExecuteFunctions,
	document: DocumentFiles,
	settings: ItemSettings,
): Promise<number> {
	if (settings.source.kind !== 'binaryField') return settings.maxFileBytes;
	let total = 0;
	for (const field of document.binaryFields) {
		const binary = context.getInputData()[document.itemIndex]?.binary?.[field];
		if (!binary) continue; // the read fails and says so
		const recorded = (binary as IBinaryData & { bytes?: unknown }).bytes;
		if (typeof recorded === 'number') total += uploadMemory(recorded, binary.id);
		else if (binary.id)
			total += uploadMemory(
				(await context.helpers.getBinaryMetadata(binary.id)).fileSize,
				binary.id,
			);
		else total += Math.floor((binary.data.length * 3) / 4);
	}
	return total;
}

/** The file name of an item whose settings could not be read: of its first file, if it has one. */
function guessFileName(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const binaries = context.getInputData()[itemIndex]?.binary ?? {};
	let field = 'data';
	try {
		field = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'))
			.split(',')[0]
			.trim();
	} catch {
		// the parameter itself is what failed
	}
	return binaries[field]?.fileName;
}
