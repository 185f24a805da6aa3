/**
 * The parameters that say which file to read: its source (version 2 on), Input Binary Field, a
 * URL or a binary object, and Page for a paged document.
 */
import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS, operationsWhere } from '../catalogue';

/** The operations whose file may hold one page of the document (Read BPKB). */
export const BPKB_OPERATIONS = operationsWhere(
	OPERATIONS,
	(endpoint) => endpoint.bpkbPages === true,
);

export const inputProperties: INodeProperties[] = [
	{
		displayName: 'Document Source',
		name: 'documentSource',
		type: 'options',
		noDataExpression: true,
		// Version 1 reads binary fields only, as workflows saved with it always did.
		displayOptions: { show: { '@version': [2, 3] } },
		options: [
			{
				name: 'Binary Field',
				value: 'binaryField',
				description:
					"A file in the input item's binary data (Read/Write Files from Disk, email, form)",
			},
			{
				name: 'URL',
				value: 'url',
				description:
					'Download the document from an http(s) address; addresses on the local network are refused unless allowed',
			},
			{
				name: 'Binary Object (Expression)',
				value: 'binaryObject',
				description:
					"An n8n binary object an expression points at, e.g. a chat upload read by GLAIR Vision as an AI agent's tool",
			},
		],
		default: 'binaryField',
	},
	{
		displayName: 'Document URL',
		name: 'documentUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { '@version': [2, 3], documentSource: ['url'] } },
		placeholder: 'https://…',
		hint: "As an AI agent's tool: {{ $fromAI('documentUrl', 'The http(s) URL of the document to read', 'string') }}",
		description:
			'The http(s) address of the document (an image or a PDF file). Redirects are followed (up to 5); errors name the host, never the query (pre-signed links carry tokens). The GLAIR credential is never sent there.',
	},
	{
		displayName: 'Document Binary',
		name: 'documentBinary',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { '@version': [2, 3], documentSource: ['binaryObject'] } },
		placeholder: "e.g. {{ $('When chat message received').item.binary.data0 }}",
		hint: 'An expression that gives an n8n binary object (a binary field itself, not its file name)',
		description:
			"Reaches a file of another node's item. An AI agent's tool gets no binary input, so this is how it reads the chat's upload.",
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { hide: { documentSource: ['url', 'binaryObject'] } },
		placeholder: 'e.g. data, or attachment_0, attachment_1, or *',
		hint: "The binary field that holds the document; several, separated by commas, or * for all of the item's files",
		description:
			'Read/Write Files from Disk and most triggers put the file in "data"; email triggers use "attachment_0", "attachment_1", …. Each field is read as one document (with several, items carry a binary_field column).',
	},
	{
		displayName: 'Page',
		name: 'page',
		type: 'options',
		displayOptions: { show: { operation: BPKB_OPERATIONS } },
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
];
