/**
 * Every error, hint and credential-Test message the node shows, worded in one place. Each says
 * what went wrong, on which item, and what to do; none ever repeats a secret. (The names of file
 * kinds and what is wrong with a file come from input/fileType.ts; validation warnings and review
 * reasons from quality/, which words GLAIR's image check with imageCheckProblems, as errors do.)
 * Which problem GLAIR's answer is, is decided in response/problem.ts; here each kind is worded.
 * Longer than ~250 lines on purpose: every text in one file is the house rule, read as a whole.
 */

/** An error's headline and its "what to do". */
export interface Wording {
	readonly message: string;
	readonly description: string;
}

const itemLabel = (itemIndex: number): string => `item ${itemIndex}`;

/** Where something failed: the item, and the document's file and requests when known. */
export interface ItemPlace {
	readonly itemIndex: number;
	readonly fileName?: string;
	/** Requests made for the document, retries included. */
	readonly attempts?: number;
}

/** "item 4 (stnk-0142.jpg) after 4 attempts". */
function placeLabel(place: ItemPlace): string {
	const file = place.fileName ? ` (${place.fileName})` : '';
	const attempts = place.attempts && place.attempts > 1 ? ` after ${place.attempts} attempts` : '';
	return `${itemLabel(place.itemIndex)}${file}${attempts}`;
}

/** The end onItem gives a headline, for the model of a tool: it reads one document, not items. */
const PLACE_SUFFIX = / on item \d+( \([^)]*\))?( after \d+ attempts)?$/;

/** An error's headline that says where: "… on item 4 (stnk-0142.jpg) after 4 attempts". */
export const onItem = (message: string, place: ItemPlace): string =>
	`${message} on ${placeLabel(place)}`;

const CREDENTIAL = '"GLAIR Vision API"';
const GLAIR_URL = 'https://api.vision.glair.ai';
const REPORT = 'If it keeps happening, send the Request-Id to GLAIR support.';

// ── Operation and options ────────────────────────────────────────────────────────────────────

export const customApiCall: Wording = {
	message: 'Custom API Call is done with an HTTP Request node, not with this node',
	description: `Add an HTTP Request node, set Authentication to "Predefined Credential Type" and pick ${CREDENTIAL}: it signs any GLAIR request with your credential.`,
};

export const unknownOperation = (operation: string, labels: readonly string[]): Wording => ({
	message: `Unknown operation "${operation}"`,
	description: `Choose ${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}.`,
});

export const unknownDocumentType = (documentType: string): Wording => ({
	message: `Unknown document type "${documentType}"`,
	description: 'Pick a document type from the list.',
});

export const minConfidenceOutOfRange = (value: string): Wording => ({
	message: `"Minimum Confidence" must be from 0 to 100, not "${value}"`,
	description: 'GLAIR gives confidence in percent. Remove the option to turn review routing off.',
});

export const binaryFieldEmpty: Wording = {
	message: '"Input Binary Field" is empty',
	description: 'Enter the name of the binary field that holds the document, e.g. "data".',
};

export const tooManyPages = (fields: readonly string[]): Wording => ({
	message: `"One BPKB, a Page per File" takes at most 4 files, not ${fields.length}`,
	description: `A BPKB has 4 pages; this item's files are ${fields.map((name) => `"${name}"`).join(', ')}. Set "Input Binary Field" to the 4 pages, in order.`,
});

export const pageOutOfRange = (value: string): Wording => ({
	message: `"Page" must be All Pages, 1, 2, 3 or 4, not "${value}"`,
	description: 'Pick a page from the list, or make the expression give 1, 2, 3, 4 or "all".',
});

export const outputNotOffered = (
	output: string,
	operationLabel: string,
	offered: readonly string[],
): Wording => ({
	message: `"Output" "${output}" is not available for ${operationLabel}`,
	description: `Choose one of: ${offered.join(', ')}.${output === 'tableRows' ? ' Tax table rows need the Read STNK With Table operation.' : ''}`,
});

export const notPositive = (
	name: string,
	value: string,
	unit: string,
	byDefault: number,
): Wording => ({
	message: `"${name}" must be a positive number of ${unit}, not "${value}"`,
	description: `The default is ${byDefault} ${unit}.`,
});

export const timeoutOutOfRange = (value: string, max: number, byDefault: number): Wording => ({
	message: `"Timeout" must be from 1 to ${max} seconds, not "${value}"`,
	description: `The default is ${byDefault} seconds.`,
});

export const maxRetriesOutOfRange = (value: string, max: number, byDefault: number): Wording => ({
	message: `"Max Retries" must be a whole number from 0 to ${max}, not "${value}"`,
	description: `The default is ${byDefault}.`,
});

// ── The credential ───────────────────────────────────────────────────────────────────────────

export const credentialUnusable = (field: string, problem: string, itemIndex: number): Wording => ({
	message: `The credential's ${field} cannot be used (${itemLabel(itemIndex)})`,
	description: `${problem} Open the ${CREDENTIAL} credential to fix it. Nothing was sent.`,
});

export const baseUrlProblems = {
	empty: `The Base URL is empty. Use ${GLAIR_URL}.`,
	notAUrl: (shown: string) => `The Base URL "${shown}" is not a web address. Use ${GLAIR_URL}.`,
	notHttps: (shown: string) => `The Base URL must start with https:// (found "${shown}").`,
	plainHttp: (hostname: string) =>
		`The Base URL uses plain http to ${hostname}, which would send your password and API key unencrypted. Use https:// (plain http is allowed only to this machine).`,
	userInfo:
		'The Base URL must not contain a username or password: put them in the credential fields.',
	queryOrFragment: 'The Base URL must not contain "?" or "#" parts.',
};

const PASTED =
	'often a typographic quote or dash, or a non-breaking space, pasted from a document or chat: type it again by hand';

export const secretProblems = {
	empty: (field: string) => `The ${field} is empty: enter the one GLAIR gave you.`,
	unsendable: (field: string, why: string) => `The ${field} cannot be sent: ${why}.`,
	controlCharacter: (position: string) =>
		`${position} is a control character (a line break or tab inside it?)`,
	notAscii: (position: string) => `${position} is not plain ASCII (${PASTED})`,
	forbidden: (position: string, character: string) =>
		`${position} is "${character}", which HTTP Basic auth cannot carry in a username`,
	position: (index: number, length: number) => `character ${index + 1} of ${length}`,
};

// ── The document ─────────────────────────────────────────────────────────────────────────────

/** Said of an item: the caller adds where (`onItem`). */
export const noBinaryField = (binaryPropertyName: string, present: readonly string[]): Wording => ({
	message: `No binary field "${binaryPropertyName}"`,
	description: present.length
		? `This item's binary fields are: ${present.map((name) => `"${name}"`).join(', ')}. Set "Input Binary Field" to the one that holds the document.`
		: 'This item has no file at all. Put a node that yields the document (Read/Write Files from Disk, an email trigger with attachments, a form upload, Google Drive "Download") before GLAIR Vision.',
});

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** "12.3 MB; the limit is 10.0 MB", in bytes when the two would read the same. */
const sizeAgainstLimit = (size: number, limit: number): string =>
	megabytes(size) === megabytes(limit)
		? `${size.toLocaleString('en-US')} bytes; the limit is ${limit.toLocaleString('en-US')} bytes`
		: `${megabytes(size)}; the limit is ${megabytes(limit)}`;

const NOTHING_SENT = 'Nothing was sent to GLAIR.';

/** "PNG", "PNG or JPEG", "PNG, JPEG or PDF". */
const oneOf = (names: readonly string[]): string =>
	names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];

/** The messages about one input document; `shownName` is its file name in quotes, or where it is. */
export const documentProblems = {
	tooLarge: (shownName: string, size: number, limit: number) => ({
		message: `File ${shownName} is too large (${sizeAgainstLimit(size, limit)})`,
		description: `${NOTHING_SENT} Scan at a lower resolution or compress the image, or raise "Max File Size" in the node's options.`,
	}),
	unusable: (shownName: string, problem: string) => ({
		message: `Unusable file ${shownName}`,
		description: `${problem[0].toUpperCase()}${problem.slice(1)}. ${NOTHING_SENT} Export or scan the document again and send the new file.`,
	}),
	wrongKind: (
		operationLabel: string,
		shownName: string,
		kind: string,
		accepted: readonly string[],
		hint?: string,
	) => ({
		message: `${operationLabel} cannot read ${shownName}: it is a ${kind}`,
		description: `${hint ? `${hint} ` : ''}${operationLabel} accepts ${oneOf(accepted)} files (judged by the file's content, not its name). ${NOTHING_SENT} Save or scan the document in one of those formats.`,
	}),
	changedWhileRead: (shownName: string) => ({
		message: `File ${shownName} changed while it was read`,
		description: 'Its size on disk is not what n8n recorded. Run the workflow again.',
	}),
	/** Appended to a document problem's headline. */
	onItem: (message: string, itemIndex: number) => onItem(message, { itemIndex }),
};

// ── The document source: a URL, or a binary object an expression gives ─────────────────────────

const DIRECT_LINK = "Use the file's direct download link (a public or pre-signed link)";

/** Problems with Document URL and Document Binary. `host` is a URL's host: never its path or query. */
export const sourceProblems = {
	/** Said of an item: the caller adds where (`onItem`). */
	urlEmpty: {
		message: '"Document URL" is empty',
		description:
			"Set it to the http:// or https:// address of the document (PDF, PNG, JPEG or TIFF). When GLAIR Vision is an AI agent's tool, let the model fill it in with $fromAI.",
	},
	notAUrl: {
		message: '"Document URL" is not a web address',
		description: 'Give a full address that starts with http:// or https://. Nothing was fetched.',
	},
	scheme: (scheme: string): Wording => ({
		message: `"Document URL" uses ${scheme}:, not http or https`,
		description: 'Only http:// and https:// documents are downloaded. Nothing was fetched.',
	}),
	credentials: (host: string): Wording => ({
		message: `"Document URL" for ${host} carries a user name or password`,
		description:
			'The node does not send passwords to document links. Use a public or pre-signed link. Nothing was fetched.',
	}),
	localNetwork: (host: string, range: string): Wording => ({
		message: `"Document URL" points to ${host} (${range}), which this node does not fetch`,
		description:
			'Addresses of this machine and the local network (loopback, private, link-local, cloud metadata) are refused before connecting, so that a document or a chat cannot make n8n fetch internal pages. If the document really is on your own network, turn on "Allow Local Network URLs" in the node\'s options. Nothing was fetched.',
	}),
	status: (host: string, statusCode: number): Wording => ({
		message: `${host} answered HTTP ${statusCode} instead of the document`,
		description:
			statusCode === 404 || statusCode === 410
				? `There is no document at that address: check the link, or make a new one if it has expired. ${NOTHING_SENT}`
				: statusCode === 401 || statusCode === 403
					? `The server wants a sign-in, or the link has expired. ${DIRECT_LINK}. ${NOTHING_SENT}`
					: `Try again later, or check the link. ${NOTHING_SENT}`,
	}),
	tooManyRedirects: (host: string, hops: number): Wording => ({
		message: `The document's address redirected more than ${hops} times (last at ${host})`,
		description: `It looks like a redirect loop or a sign-in page. ${DIRECT_LINK}. ${NOTHING_SENT}`,
	}),
	tooLarge: (host: string, size: number, limit: number): Wording => ({
		message: `The document from ${host} is too large (${size > limit ? 'over' : 'at'} ${megabytes(limit)}, the limit)`,
		description: `The download stopped at "Max File Size" (the server announced or sent ${size.toLocaleString('en-US')} bytes). ${NOTHING_SENT} Raise "Max File Size" in the node's options, or use a smaller scan.`,
	}),
	timedOut: (host: string, timeoutMs: number): Wording => ({
		message: `The document from ${host} did not download within ${Math.round(timeoutMs / 1000)} s`,
		description: `The server is too slow or does not answer. Try again, or raise "Timeout" in the node's options (it bounds the download, and then GLAIR's read). ${NOTHING_SENT}`,
	}),
	network: (host: string, code: string): Wording => ({
		message: `Could not download the document from ${host}: ${NETWORK_EXPLANATIONS[code] ?? 'the connection failed'}`,
		description: `Check the link, and that n8n can reach ${host}. (${code}) ${NOTHING_SENT}`,
	}),
	/** Added when a link gave a web page or another file than a document. */
	linkNotFile:
		'The link gave a page or file rather than the document itself (a sign-in, preview or share page?).',
	/** Said of an item: the caller adds where (`onItem`). */
	notABinaryObject: (found: string | undefined): Wording => ({
		message: '"Document Binary" gave no file',
		description: `${found ? `It gave ${found}, not an n8n binary object.` : 'The expression gave nothing: the node it names may not have run yet, or its item has no binary field of that name.'} Point it at a binary field itself, e.g. {{ $('When chat message received').item.binary.data0 }}, not at its fileName or data.`,
	}),
};

const IMAGE_MEANINGS: Readonly<Record<string, string>> = {
	photo: 'face photo',
	signature: 'signature',
};

/** How a tool's record names an image GLAIR cut out, which the model does not get: "photo (face photo)". */
export const imageForModel = (name: string): string =>
	`${name} (${IMAGE_MEANINGS[name] ?? 'image'})`;

/** What an AI agent's model is told when the tool could not read the document: one sentence to repeat. */
export const toolFailure = (headline: string, description: string | undefined): string =>
	`GLAIR Vision could not read the document: ${headline.replace(PLACE_SUFFIX, '')}.${description ? ` ${description}` : ''}`;

// ── GLAIR's answer ───────────────────────────────────────────────────────────────────────────

/** The operation an answer is to, and the formats it takes ("PNG", "JPEG", …). */
export interface AnsweredOperation {
	readonly label: string;
	readonly formats: readonly string[];
}

/** What GLAIR's answer told, for wording the problem response/problem.ts found in it. */
export interface AnswerFacts {
	readonly httpCode: number;
	readonly glairStatus?: string;
	readonly reason?: string;
	readonly redirectTarget?: string;
	readonly operation: AnsweredOperation;
}

const saidOf = (reason: string | undefined): string => (reason ? ` GLAIR said: "${reason}".` : '');

/** Each problem response/problem.ts finds in GLAIR's answer, with the HTTP code it really sent. */
export const glairAnswerProblems = {
	redirect: ({ httpCode, redirectTarget }: AnswerFacts): Wording => ({
		message: redirectTarget
			? `GLAIR's address redirected the request to ${redirectTarget} (HTTP ${httpCode})`
			: `GLAIR's address answered with a redirect (HTTP ${httpCode}) that says nowhere`,
		description: `The Base URL in the ${CREDENTIAL} credential is probably wrong: GLAIR answers at ${GLAIR_URL} itself. The redirect was not followed, so your API key was not sent there.`,
	}),
	unauthorised: ({ reason }: AnswerFacts): Wording => ({
		message: 'Wrong username, password or API key: GLAIR refused the credentials (HTTP 401)',
		description: `Open the ${CREDENTIAL} credential and check the username, password and API key GLAIR gave you; its Test button checks them.${saidOf(reason)}`,
	}),
	forbidden: ({ reason }: AnswerFacts): Wording => ({
		message: 'Wrong username, password or API key: GLAIR refused access (HTTP 403)',
		description: `Check the API key in the ${CREDENTIAL} credential and that your GLAIR plan includes this document type.${saidOf(reason)}`,
	}),
	noFile: ({ httpCode }: AnswerFacts): Wording => ({
		message: `GLAIR received no file (HTTP ${httpCode}, NO_FILE)`,
		description: `Check that "Input Binary Field" names the field that holds the document. ${REPORT}`,
	}),
	unsupportedFormat: ({ httpCode, operation }: AnswerFacts): Wording => ({
		message: `GLAIR could not process the file format (HTTP ${httpCode}, FILE_INVALID_FORMAT)`,
		description: `${operation.label} takes ${oneOf(operation.formats)} files. The file may be damaged: open it on your computer and save it again.`,
	}),
	notFound: (): Wording => ({
		message: 'GLAIR does not know this address (HTTP 404)',
		description: `Check the Base URL in the ${CREDENTIAL} credential (normally ${GLAIR_URL}).`,
	}),
	tooLarge: (): Wording => ({
		message: 'The file is too large for GLAIR (HTTP 413)',
		description: 'Send a smaller scan: lower the resolution or compress the image.',
	}),
	rateLimited: ({ reason }: AnswerFacts): Wording => ({
		message: 'GLAIR is receiving too many requests (HTTP 429, rate limit)',
		description: `Wait a moment and run again, or lower "Concurrency" in the node's options.${saidOf(reason)}`,
	}),
	serverError: ({ httpCode }: AnswerFacts): Wording => ({
		message: `GLAIR had a server problem (HTTP ${httpCode})`,
		description: `This is usually temporary: run the workflow again in a few minutes. ${REPORT}`,
	}),
	notARead: ({ httpCode, glairStatus, reason }: AnswerFacts): Wording => ({
		message: glairStatus
			? `GLAIR answered with status ${glairStatus} instead of a read (HTTP ${httpCode})`
			: `GLAIR answered without a read status (HTTP ${httpCode})`,
		description: `${saidOf(reason).trim() || 'GLAIR gave no reason.'} Run the workflow again in a minute. ${REPORT}`,
	}),
	rejected: ({ httpCode, glairStatus, reason }: AnswerFacts): Wording => ({
		message: `GLAIR rejected the request (HTTP ${httpCode}${glairStatus ? `, ${glairStatus}` : ''})`,
		description: `${saidOf(reason).trim() || 'GLAIR gave no reason.'} ${REPORT}`,
	}),
};

/** What GLAIR's image-quality flags (Read KTP's check, Image Quality Check) mean when set. */
const IMAGE_CHECK_PROBLEMS: Readonly<Record<string, string>> = {
	is_blurred: 'the photo is blurred',
	is_bright: 'the photo is too bright',
	is_copy: 'the photo is of a copy, not the original',
	is_cropped: 'the document is cropped',
	is_dark: 'the photo is too dark',
	is_flash: 'a flash glares on the document',
	is_rotated: 'the document is rotated',
	is_taken_from_screen: 'the photo was taken from a screen',
};

/** The bad news in image-quality flags, in their order; `is_ktp` is bad news when not set. */
export const imageCheckProblems = (flags: Readonly<Record<string, boolean>>): string[] =>
	Object.entries(flags).flatMap(([flag, set]) => {
		if (flag === 'is_ktp') return set ? [] : ['the photo may not show a KTP'];
		const problem = IMAGE_CHECK_PROBLEMS[flag];
		return set && problem ? [problem] : [];
	});

/** An answer with HTTP 2xx that is not a usable read. */
export const unusableAnswer = {
	empty: (httpCode: number): Wording => ({
		message: `GLAIR sent an empty answer (HTTP ${httpCode} with no body)`,
		description: `Run the workflow again. ${REPORT}`,
	}),
	notJson: (httpCode: number): Wording => ({
		message: `GLAIR sent an answer that is not valid JSON (HTTP ${httpCode})`,
		description: `Run the workflow again. ${REPORT}`,
	}),
	/** Valid JSON, but an array, a string, a number…: no status, no read. */
	notARead: (httpCode: number): Wording => ({
		message: `GLAIR sent an answer that is not a read (HTTP ${httpCode}, JSON that is not an object)`,
		description: `Run the workflow again. ${REPORT}`,
	}),
	/** `imageCheck`: imageCheckProblems of the flags GLAIR sent with it, which may say why. */
	failedRead: (
		glairStatus: string,
		reason: string | undefined,
		imageCheck: readonly string[],
	): Wording => ({
		message: `GLAIR could not read the document (status ${glairStatus})`,
		description: `Send a sharp, well-lit photo or scan of the whole document, not cropped or rotated.${reason ? ` GLAIR said: "${reason}".` : ''}${imageCheck.length > 0 ? ` GLAIR's image check: ${imageCheck.join('; ')}.` : ''}`,
	}),
	noReadFields: {
		message: 'GLAIR answered SUCCESS but sent no read fields',
		description: `Run the workflow again. ${REPORT}`,
	},
	noSections: {
		message: 'GLAIR read nothing from this document (SUCCESS with no sections)',
		description: `Check that the file shows the whole document, sharp and well lit. ${REPORT}`,
	},
};

/** GLAIR's answer as an error's description ends: "(HTTP 200, GLAIR status FAILED, …)". */
export function answerDetails(problem: {
	readonly httpCode: number;
	readonly glairStatus?: string;
	readonly reason?: string;
	readonly requestId: string;
}): string {
	return [
		`HTTP ${problem.httpCode}`,
		problem.glairStatus && `GLAIR status ${problem.glairStatus}`,
		problem.reason && `reason "${problem.reason}"`,
		problem.requestId && `Request-Id ${problem.requestId}`,
	]
		.filter(Boolean)
		.join(', ');
}

export const nothingToOutput = (output: string): Wording => ({
	message: `GLAIR read nothing to output as ${output}`,
	description:
		output === 'tableRows'
			? 'GLAIR sent no table for this document (no tax table, family members or plates). Check that the photo shows the whole document, or use the "record" output.'
			: 'GLAIR sent no fields for this document. Check that the file shows the document, or use the "raw" output to see the answer.',
});

/** Why a Fields image item is in Needs Review: it goes where its document's fields go. */
export const imageOfDocumentUnderReview = 'the document has fields to review';

// ── No answer ────────────────────────────────────────────────────────────────────────────────

const NETWORK_EXPLANATIONS: Readonly<Record<string, string>> = {
	ECONNREFUSED: 'nothing answered at that address',
	ENOTFOUND: 'the host name in the Base URL does not exist',
	EAI_AGAIN: 'the host name in the Base URL could not be looked up',
	ECONNRESET: 'the connection was cut before GLAIR answered',
	EPIPE: 'the connection was cut while the file was being sent',
	CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
	DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
};

export const noAnswer = (code: string, detail: string): Wording => ({
	message: `Could not reach GLAIR: ${NETWORK_EXPLANATIONS[code] ?? 'the connection failed'}`,
	description: `Check the Base URL in the ${CREDENTIAL} credential and this machine's internet connection, then run again. (${code}: ${detail})`,
});

export const timedOut = (timeoutMs: number): Wording => ({
	message: `GLAIR did not answer within ${Math.round(timeoutMs / 1000)} s`,
	description: `If GLAIR is often this slow, raise "Timeout" in the node's options. If nothing ever answers, check the Base URL in the ${CREDENTIAL} credential.`,
});

/** Begins the "what to do" of a document GLAIR may have read that was not sent again. */
export const maybeReadNotResent =
	'GLAIR may have read it (and billed it) all the same, so it was not sent again, to avoid a second charge ("Resend If GLAIR May Have Read It" is off). Run the workflow again for this document if you need the read.';

export const executionCancelled = 'The execution was cancelled';

// ── The run ──────────────────────────────────────────────────────────────────────────────────

export const someFieldsInvalidHint = (invalid: number, total: number, documentName: string) =>
	`GLAIR said "Some fields are invalid" for ${invalid} of ${total} document(s): the file may not be ${documentName}. See the "some_fields_invalid" column.`;

/** A document GLAIR read as SUCCESS whose `read` holds nothing the catalogue knows: not a blank record. */
export const unknownAnswerWarning = (documentName: string, keys: readonly string[]) =>
	`GLAIR sent none of the fields this node knows for ${documentName}; it sent: ${keys.join(', ')}. The columns are empty: use the Raw output to see GLAIR's answer, and report it to the node's maintainers.`;

export const unknownAnswerHint = (unknown: number, total: number, documentName: string) =>
	`GLAIR's answer for ${unknown} of ${total} document(s) had none of the fields this node knows for ${documentName}, so their columns are empty. See the "warnings" column, or the Raw output.`;

// ── The credential's Test button ─────────────────────────────────────────────────────────────

const NOT_GLAIR = `it does not look like the GLAIR Vision API. Check the Base URL (normally ${GLAIR_URL}).`;

/** What the credential Test's answer told, for wording the verdict response/problem.ts gave it. */
export interface ProbeFacts {
	/** The Base URL as it may be shown (scheme, host and port). */
	readonly baseUrl: string;
	readonly httpCode: number;
	readonly redirectTarget?: string;
	/** What kind of body it was, worded (credentialTest.bodies). */
	readonly body: string;
}

const busy = ({ httpCode }: ProbeFacts) =>
	`GLAIR could not check the credentials right now (HTTP ${httpCode}). Try again in a minute.`;

export const credentialTest = {
	ok: 'Connection successful: GLAIR accepted the username, password and API key',
	unusable: (field: string, problem: string) => `${field}: ${problem}`,
	unreachable: (baseUrl: string, code: string | undefined) =>
		`Could not reach ${baseUrl}${code ? ` (${code})` : ''}. Check the Base URL and this machine's internet connection.`,
	/** Each verdict on an answer that is not GLAIR's NO_FILE (the Test's success). */
	answer: {
		unauthorised: ({ httpCode }: ProbeFacts) =>
			`Wrong username, password or API key (GLAIR answered HTTP ${httpCode})`,
		/** The Test reads with Read STNK: a 403 may be a plan without it. */
		forbidden: () =>
			'Wrong API key, or a GLAIR plan without Read STNK, which the Test reads with (GLAIR answered HTTP 403)',
		notFound: ({ baseUrl }: ProbeFacts) =>
			`${baseUrl} is not a GLAIR Vision API address (HTTP 404). Check the Base URL.`,
		rateLimited: busy,
		serverError: busy,
		redirect: ({ baseUrl, redirectTarget, httpCode }: ProbeFacts) =>
			`${baseUrl} redirected${redirectTarget ? ` to ${redirectTarget}` : ''} (HTTP ${httpCode}): ${NOT_GLAIR}`,
		notGlair: ({ baseUrl, httpCode, body }: ProbeFacts) =>
			`${baseUrl} answered HTTP ${httpCode} with ${body}: ${NOT_GLAIR}`,
	},
	/** A body that is not GLAIR's, by the kind response/problem.ts finds it is. */
	bodies: {
		empty: 'an empty body',
		html: 'an HTML page',
		json: "JSON that is not GLAIR's",
		other: "a body that is not GLAIR's",
	},
};
