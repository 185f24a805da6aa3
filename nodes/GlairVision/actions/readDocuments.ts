import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { EndpointSpec } from '../catalogue';
import { checkCredentialFields } from '../credential/fields';
import { UploadBuffers } from '../input/uploadBuffers';
import { someFieldsInvalidHint } from '../messages';
import { CREDENTIAL_TYPE, FlowControl, KeyPace, sharedPace } from '../transport';
import { asNodeError, errorItemJson, errorOutputJson } from './failures';
import { runPool } from './pool';
import { readDocument, type DocumentResult } from './readDocument';
import { getItemSettings, getRunSettings } from './settings';

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
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	// Executions that use the same GLAIR key share its pace; each keeps its own Concurrency.
	const flow = new FlowControl(
		credential.ok
			? sharedPace({
					credentialId: credentials.id,
					baseUrl: credential.baseUrl,
					...credential.secrets,
				})
			: new KeyPace(),
		run.concurrency,
	);
	// One document more than Concurrency is under way: it is read and checked while the others are
	// at GLAIR, so a place that frees up is taken at once. Requests in flight stay at Concurrency.
	const underWay = run.concurrency + PREPARED_AHEAD;
	const buffers = new UploadBuffers(underWay);

	const outcomes = await runPool<DocumentResult>(
		inputItems.length,
		underWay,
		async (itemIndex, stopped) =>
			await readDocument(this, itemIndex, run, getItemSettings(this, itemIndex, run), {
				credential,
				credentials,
				flow,
				buffers,
				stopped,
			}),
		!continueOnFail,
	);

	const routeForReview = run.quality.minConfidence !== undefined;
	const [done, needsReview]: INodeExecutionData[][] = [[], []];
	let invalidDocuments = 0;
	outcomes.forEach((outcome, itemIndex) => {
		const pairedItem = { item: itemIndex };
		if (outcome.state === 'fulfilled') {
			const { items, binaryPropertyName, output } = outcome.value;
			if (outcome.value.someFieldsInvalid) invalidDocuments++;
			const source = inputItems[itemIndex].binary?.[binaryPropertyName];
			const keepSource =
				run.keepSourceDocument && source && (output === 'record' || output === 'raw');
			for (const { json, reviewReasons } of items) {
				const item: INodeExecutionData = { json, pairedItem };
				if (keepSource) item.binary = { [binaryPropertyName]: source };
				if (routeForReview && reviewReasons.length > 0) {
					needsReview.push({ ...item, json: { ...json, review_reasons: reviewReasons } });
				} else {
					done.push(item);
				}
			}
			return;
		}
		if (outcome.state === 'skipped') return; // only after a failure that is thrown below
		const error = asNodeError(this.getNode(), outcome.reason, itemIndex);
		if (!continueOnFail) throw error;
		const binaryName = guessBinaryName(this, itemIndex);
		const source = inputItems[itemIndex].binary?.[binaryName];
		if (!toErrorOutput)
			return void done.push({ json: errorItemJson(error, source?.fileName), pairedItem });
		// In the error output the failed scan can ride along, for a person to look at.
		const item: INodeExecutionData = { json: errorOutputJson(error, source?.fileName), pairedItem };
		if (run.keepSourceDocument && source) item.binary = { [binaryName]: source };
		done.push(item);
	});

	if (invalidDocuments > 0) {
		this.addExecutionHints({
			message: someFieldsInvalidHint(
				invalidDocuments,
				inputItems.length,
				run.endpoint.document === 'bpkb' ? 'a BPKB' : 'an STNK',
			),
			location: 'outputPane',
		});
	}
	return routeForReview ? [done, needsReview] : [done];
}

function guessBinaryName(context: IExecuteFunctions, itemIndex: number): string {
	try {
		return String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	} catch {
		return 'data';
	}
}
