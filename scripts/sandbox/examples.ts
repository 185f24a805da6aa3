/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/** The example workflows, imported once per credential, and the sample documents they read. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { jpegBytes, pdfBytes, pngBytes } from '../../tools/fixtures/documents';
import type { CredentialJson, LocalN8n, RunningN8n, WorkflowJson } from '../../tools/n8n';
import { isSheetsAppend } from '../../tools/n8n/dataTables';
import { chatWebhookPath, exampleFiles, prepareExample } from '../../tools/n8n/examples';
import { exampleDataTables } from './dataTables';
import { checkStop } from './lifecycle';
import { step } from './log';
import { PORT, SANDBOX_DIR } from './settings';

/** Synthetic sample documents (never a real person's) where the examples look for files. */
export function writeSampleDocuments(dataFolder: string): void {
	const samples: Record<string, Record<string, Buffer>> = {
		stnk: { 'stnk-sample-1.jpg': jpegBytes(), 'stnk-sample-2.png': pngBytes() },
		bpkb: { 'bpkb-sample.pdf': pdfBytes() },
		// Example 5 reads them in this order as the email's attachments 0, 1 and 2.
		application: { '1-ktp.png': pngBytes(), '2-stnk.jpg': jpegBytes(), '3-bpkb.pdf': pdfBytes() },
	};
	for (const [folder, files] of Object.entries(samples)) {
		mkdirSync(join(dataFolder, folder), { recursive: true });
		for (const [name, bytes] of Object.entries(files))
			writeFileSync(join(dataFolder, folder, name), bytes);
	}
}

/**
 * The sample scans that stand in for the email of the examples an email starts (a Manual Trigger
 * reads them, one item with the files as attachments), so they run with "Execute workflow".
 */
export const EMAIL_SAMPLES: Readonly<Record<string, string>> = {
	'2-bpkb-email-review.json': 'bpkb/*.pdf',
	'5-financing-application.json': 'application/*.{png,jpg,pdf}',
};

/** Steps that need an account the sandbox has not: sending email becomes a No Operation node. */
const SANDBOX_REPLACES = ['n8n-nodes-base.emailSend'];

/** "1, 2, 3 and 5" for examples/1-….json, examples/2-….json, … */
function exampleNumbers(files: string[]): string {
	const numbers = files.map((file) => /^(\d+)-/.exec(file)?.[1] ?? file);
	return numbers.length < 2
		? numbers.join('')
		: `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** What the examples-imported marker records: the data tables the examples were pointed at. */
interface ExamplesMarker {
	dataTables: string[];
}

function readExamplesMarker(file: string): ExamplesMarker | undefined {
	if (!existsSync(file)) return undefined;
	try {
		const marker = JSON.parse(readFileSync(file, 'utf8')) as Partial<ExamplesMarker>;
		return { dataTables: Array.isArray(marker.dataTables) ? marker.dataTables : [] };
	} catch {
		// Empty: written by a sandbox from before data tables, whose examples append to Google Sheets.
		return { dataTables: [] };
	}
}

/**
 * Imports the example workflows once per credential, so a second `npm run dev` keeps what the user
 * changed in them, with their Google Sheets steps inserting the same rows into data tables instead
 * (exampleDataTables). n8n is running: the tables are made through its REST API first, because the
 * Data Table nodes name them by id. Returns the printout's lines on where the rows go.
 */
export async function setUpExamples(
	n8n: LocalN8n,
	running: RunningN8n,
	credential: CredentialJson,
	chatModel: CredentialJson,
	dataFolder: string,
): Promise<string[]> {
	const markerFile = join(SANDBOX_DIR, `.examples-for-${credential.id}`);
	const imported = readExamplesMarker(markerFile);
	const ref = { id: credential.id, name: credential.name };
	const options = (index: number) => {
		const file = exampleFiles()[index];
		return {
			id: `glairExample000${index + 1}`,
			credential: ref,
			openAiCredential: { id: chatModel.id, name: chatModel.name },
			dataFolder,
			replaceTypes: SANDBOX_REPLACES,
			filesInsteadOfEmail: EMAIL_SAMPLES[file] && join(dataFolder, EMAIL_SAMPLES[file]),
			// A link the user pastes in example 4's chat may well be on this machine.
			allowLocalNetworkUrls: true,
		};
	};
	const examples = exampleFiles().map((file, index) => ({
		file,
		workflow: prepareExample(file, options(index)).workflow,
	}));
	const appending = examples
		.filter(({ workflow }) => workflow.nodes.some(isSheetsAppend))
		.map(({ file }) => file);
	const tables = await exampleDataTables(running, examples, !imported);
	checkStop();

	let inTables = imported?.dataTables ?? [];
	if (!imported) {
		step('importing the example workflows');
		await n8n.importWorkflow(
			examples.map(({ file }, index) => {
				const table = tables?.get(file);
				return prepareExample(file, {
					...options(index),
					replaceSheetsWithDataTable: table && { table: table.table, columns: table.spec.columns },
				}).workflow;
			}),
		);
		inTables = [...(tables?.values() ?? [])].map(({ table }) => table.name);
		const marker: ExamplesMarker = { dataTables: inTables };
		writeFileSync(markerFile, `${JSON.stringify(marker)}\n`);
	}
	const lines = await startChats(running, examples, !imported);
	if (appending.length === 0) return lines;
	const numbers = exampleNumbers(appending);
	if (inTables.length > 0) {
		return [
			...lines,
			`  rows:        examples ${numbers} add their rows to n8n data tables instead of Google Sheets;`,
			`               see them under Overview → Data tables (http://localhost:${PORT}/home/datatables), e.g. "${inTables[0]}"`,
		];
	}
	return [
		...lines,
		imported
			? `  rows:        examples ${numbers} append to Google Sheets, as an earlier sandbox imported them: connect your Google account, or delete ${SANDBOX_DIR} to have them fill n8n data tables`
			: `  rows:        examples ${numbers} append to Google Sheets (the sandbox could not make data tables for them): connect your Google account`,
	];
}

/**
 * Makes the chats of the examples that have one (example 4) live, as their Active/Publish toggle
 * does, on the first start (n8n keeps them active after). Returns the printout's lines.
 */
async function startChats(
	running: RunningN8n,
	examples: Array<{ file: string; workflow: WorkflowJson }>,
	activate: boolean,
): Promise<string[]> {
	const lines: string[] = [];
	for (const { workflow } of examples) {
		const path = chatWebhookPath(workflow);
		if (!path) continue;
		if (activate && running.authCookie) {
			try {
				await running.activateWorkflow(workflow.id);
			} catch (error) {
				step(
					`could not activate the chat of "${workflow.name}" (${error instanceof Error ? error.message : String(error)}); open it and use "Open chat" instead`,
				);
				continue;
			}
		}
		lines.push(
			`  chat:        http://localhost:${PORT}/webhook/${path} (example 4; upload an STNK, or paste a link to one; a fake chat model stands in for OpenAI: it calls a GLAIR Vision tool and repeats what it returned)`,
		);
	}
	return lines;
}
