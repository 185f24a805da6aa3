/**
 * GLAIR's other OCR endpoints, for Read Other GLAIR Document. Their fields are documented only in
 * part, or change with the document (a financial statement's columns), so they have no field
 * catalogue: what GLAIR sends is shaped as it comes (GLAIR's API reference, glair-endpoints.md §4
 * and §6.9–6.26, kept outside this repository).
 */
import { READ_OTHER, type AcceptedFileKind, type EndpointSpec, type OperationEntry } from './types';

/** The one operation for all of them: its Document Type parameter picks the endpoint. */
export const READ_OTHER_OPERATION: OperationEntry = {
	operation: READ_OTHER,
	label: 'Read Other GLAIR Document',
	action: 'Read another GLAIR document',
	summary: 'Read any other document GLAIR offers: choose it in Document Type',
};

const IMAGES: readonly AcceptedFileKind[] = ['png', 'jpeg'];
const IMAGES_AND_PDF: readonly AcceptedFileKind[] = ['png', 'jpeg', 'pdf'];
const ALL: readonly AcceptedFileKind[] = ['png', 'jpeg', 'tiff', 'pdf'];

const other = (
	name: string,
	label: string,
	documentName: string,
	acceptedFileKinds: readonly AcceptedFileKind[],
): EndpointSpec => ({
	operation: READ_OTHER,
	label,
	path: `/ocr/v1/${name}`,
	document: name.replace(/-/g, '_'),
	documentName,
	sections: [],
	acceptedFileKinds,
	generic: true,
});

/** By the value of the node's Document Type parameter. */
export const OTHER_DOCUMENTS: Readonly<Record<string, EndpointSpec>> = {
	bankStatement: other('bank-statement', 'Bank Statement', 'a bank statement', IMAGES_AND_PDF),
	bstk: other('bstk', 'BSTK (Vehicle Handover)', 'a BSTK', IMAGES_AND_PDF),
	diploma: other('diploma', 'Diploma (Ijazah)', 'a diploma', IMAGES_AND_PDF),
	financialStatement: other(
		'financial-statement',
		'Financial Statement',
		'a financial statement',
		ALL,
	),
	generalDocument: other('general-document', 'General Document (All Text)', 'a document', ALL),
	invoice: other('invoice', 'Invoice', 'an invoice', IMAGES_AND_PDF),
	kitasKitap: other('kitas-kitap', 'KITAS / KITAP', 'a KITAS or KITAP', IMAGES),
	phonePackaging: other('phone-packaging', 'Phone Packaging', 'a phone box', IMAGES_AND_PDF),
	qualities: {
		...other('qualities', 'Image Quality Check', 'a document photo', IMAGES_AND_PDF),
		// glair-endpoints.md §6.26; `document` and `rotate` hold text, not yes or no.
		imageChecks: {
			blur: 'is_blurred',
			bright: 'is_bright',
			crop: 'is_cropped',
			dark: 'is_dark',
			flash: 'is_flash',
			photocopy: 'is_copy',
			screen: 'is_taken_from_screen',
		},
	},
	receipt: other('receipt', 'Receipt', 'a receipt', IMAGES_AND_PDF),
	singaporeFamilyPass: other(
		'singapore-family-pass',
		'Singapore Family Pass',
		'a Singapore Family Pass',
		IMAGES,
	),
	singaporeNric: other('singapore-nric', 'Singapore NRIC', 'a Singapore NRIC', IMAGES),
	singaporeWorkPermit: other(
		'singapore-work-permit',
		'Singapore Work Permit',
		'a Singapore Work Permit',
		IMAGES,
	),
	skpr: other('skpr', 'SKPR', 'an SKPR', IMAGES_AND_PDF),
	spk: other('spk', 'SPK (Vehicle Order)', 'an SPK', IMAGES_AND_PDF),
	taxInvoice: other('tax-invoice', 'Tax Invoice (Faktur Pajak)', 'a tax invoice', IMAGES_AND_PDF),
	transcript: other('transcript', 'Academic Transcript', 'a transcript', IMAGES_AND_PDF),
};
