/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * The error table (docs/errors.md) is what users look messages up in: every message it lists must be one
 * that nodes/GlairVision/messages.ts really words, so a reader goes from either to the other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as messages from '../../nodes/GlairVision/messages';
import { wordAnswerProblem } from '../../nodes/GlairVision/response/problem';

const readme = readFileSync(join(__dirname, '../../docs/errors.md'), 'utf8');

/** The messages of the table's first column ("Message starts with"), as written there. */
function listedMessages(): string[] {
	const section = readme.slice(readme.indexOf('# Errors and what to do'));
	const rows = section
		.slice(0, section.indexOf('\n\n', section.indexOf('| Message starts with')))
		.split('\n');
	return rows
		.filter((row) => row.startsWith('| `'))
		.flatMap((row) => [...row.split('|')[1].matchAll(/`([^`]+)`/g)].map((match) => match[1]));
}

/** `N` is a number, `x` or `"x"` a name, `…` anything, `5xx` any 5xx code; the rest is literal. */
function asPattern(listed: string): RegExp {
	const source = listed
		.split(/(…|\bN\b|"x"|\b5xx\b)/)
		.map((part) => {
			if (part === '…') return '.*';
			if (part === 'N') return '\\d+';
			if (part === '"x"') return '"[^"]+"';
			if (part === '5xx') return '5\\d\\d';
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('');
	return new RegExp(listed.startsWith('…') ? source : `^${source}`);
}

/** One of each message messages.ts words, with sample values. */
const worded: string[] = [
	messages.onItem(messages.noBinaryField('data', []).message, { itemIndex: 3 }),
	messages.documentProblems.onItem(
		messages.documentProblems.unusable('"cut.jpg"', 'the file looks cut off').message,
		0,
	),
	messages.documentProblems.tooLarge('"scan.jpg"', 13_002_342, 10 * 1024 * 1024).message,
	messages.documentProblems.wrongKind('Read STNK', '"stnk.gif"', 'GIF image', ['PNG', 'JPEG'])
		.message,
	messages.pageOutOfRange('5').message,
	messages.timeoutOutOfRange('0', 3600, 120).message,
	messages.unknownDocumentType('cv').message,
	messages.tooManyPages(['a', 'b', 'c', 'd', 'e']).message,
	messages.customApiCall.message,
	messages.credentialUnusable('Base URL', 'The Base URL is empty.', 0).message,
	messages.credentialUnusable('API Key', 'The API Key cannot be sent.', 0).message,
	...[
		{ httpCode: 307, redirectTarget: 'https://elsewhere.example.com/ocr' },
		{ httpCode: 401 },
		{ httpCode: 403 },
		{ httpCode: 400, glairStatus: 'NO_FILE' },
		{ httpCode: 415 },
		{ httpCode: 429 },
		{ httpCode: 503 },
		{ httpCode: 200, glairStatus: 'PROCESSING' },
	].map(
		(answer) =>
			wordAnswerProblem({
				...answer,
				operation: { label: 'Read STNK', formats: ['PNG', 'JPEG'] },
			}).message,
	),
	messages.unusableAnswer.noSections.message,
	messages.unusableAnswer.failedRead('FAILED', undefined, []).message,
	messages.unusableAnswer.empty(200).message,
	messages.unusableAnswer.notJson(200).message,
	messages.unusableAnswer.notARead(200).message,
	messages.onItem(messages.timedOut(120_000).message, { itemIndex: 0, fileName: 'a.jpg' }),
	messages.onItem(messages.noAnswer('ECONNREFUSED', 'connect ECONNREFUSED').message, {
		itemIndex: 0,
		fileName: 'a.jpg',
	}),
	...[
		messages.sourceProblems.localNetwork('127.0.0.1:8080', 'loopback'),
		messages.sourceProblems.scheme('ftp'),
		messages.sourceProblems.notAUrl,
		messages.sourceProblems.urlEmpty,
		messages.sourceProblems.status('files.example.com', 404),
		messages.sourceProblems.tooManyRedirects('files.example.com', 5),
		messages.sourceProblems.tooLarge('files.example.com', 3_000_000, 1024 * 1024),
		messages.sourceProblems.timedOut('files.example.com', 2000),
		messages.sourceProblems.network('files.example.com', 'ECONNREFUSED'),
		messages.documentProblems.wrongKind(
			'Read STNK',
			'the document from files.example.com',
			'web page (HTML)',
			['PNG', 'JPEG'],
		),
		messages.sourceProblems.notABinaryObject(undefined),
	].map(({ message }) => messages.onItem(message, { itemIndex: 0 })),
];

it('lists only messages that messages.ts words', () => {
	const listed = listedMessages();
	expect(listed.length).toBeGreaterThanOrEqual(20);
	const unknown = listed.filter((message) => !worded.some((text) => asPattern(message).test(text)));
	expect(unknown).toEqual([]);
});

it('lists every message worded here', () => {
	const patterns = listedMessages().map(asPattern);
	const unlisted = worded.filter((text) => !patterns.some((pattern) => pattern.test(text)));
	expect(unlisted).toEqual([]);
});
