/** The parameters that say which file to read: Input Binary Field, and Page for a paged document. */
import type { INodeProperties } from 'n8n-workflow';

import { OPERATIONS, operationsWhere } from '../catalogue';

/** The operations whose file may hold one page of the document (Read BPKB). */
export const BPKB_OPERATIONS = operationsWhere(
	OPERATIONS,
	(endpoint) => endpoint.bpkbPages === true,
);

export const inputProperties: INodeProperties[] = [
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
