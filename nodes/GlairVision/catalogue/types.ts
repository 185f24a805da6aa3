/** The shapes of the field catalogue: what GLAIR sends for each document, as typed data. */

/** The documents the node reads; Read Other GLAIR Document names its own (`invoice`, …). */
export type DocumentType = string;

/** Read Other GLAIR Document: the endpoint is chosen by the Document Type parameter. */
export const READ_OTHER = 'readOther';

/** File formats GLAIR accepts, judged by the file's content. */
export type AcceptedFileKind = 'png' | 'jpeg' | 'tiff' | 'pdf';

/** What a field holds, for the normalisers and validators. */
export type FieldKind =
	| 'text'
	| 'date'
	/** A date of birth: also held in the owner's NIK, which must agree with it. */
	| 'birthDate'
	/** A date a document is valid until, or "SEUMUR HIDUP" (for life). */
	| 'expiry'
	| 'plate'
	| 'chassis'
	| 'engine'
	| 'nik'
	| 'npwp'
	/** The 16-digit family card number. */
	| 'kkNumber'
	| 'sex'
	| 'year'
	| 'cylinder';

export interface FieldSpec {
	/** Our name for the field (snake_case), and GLAIR's in its documentation. */
	readonly key: string;
	readonly description: string;
	readonly kind: FieldKind;
	/**
	 * Legacy spellings GLAIR's older SDKs and docs show for it (`isi_sillinder`), read as this field
	 * beside its key and the key's camelCase form (`spellingsOf`).
	 */
	readonly aliases?: readonly string[];
}

/** Where fields lie directly under `read`, not in a section of their own. */
export const ROOT = '';

export interface SectionSpec {
	/** The section's key under `read`, or ROOT when the fields lie directly under `read`. */
	readonly key: string;
	/** Legacy spellings of the section's key (NSDK's `halamanRegistrasiPertama`), beside its camelCase form. */
	readonly aliases?: readonly string[];
	readonly title: string;
	/** Prefix of this section's columns in the flat record; keeps STNK's two pages apart. */
	readonly recordPrefix: string;
	/** The BPKB page that holds this section (the API's `page` parameter). */
	readonly bpkbPage?: BpkbPage;
	readonly fields: readonly FieldSpec[];
}

export type BpkbPage = 1 | 2 | 3 | 4;

export interface TaxTableSpec {
	/** Section whose `table` array holds the annual tax payment rows. */
	readonly sectionKey: string;
	readonly costTypeColumn: 'jenis_biaya';
	readonly amountColumns: readonly TaxAmountColumn[];
	/** Cost types printed on the STNK tax page, in the order they appear. */
	readonly costTypes: readonly CostTypeSpec[];
}

export type TaxAmountColumn = 'pokok' | 'sanksi_administratif' | 'jumlah';

export interface CostTypeSpec {
	/** `jenis_biaya` as GLAIR reads it, upper case. */
	readonly label: string;
	/** Used in record column names: `pajak_<key>_<amount column>`. */
	readonly key: string;
}

/** An array of rows under `read` (KK's family members, the plates in a photo). */
export interface RowTableSpec {
	readonly key: string;
	readonly title: string;
	/** The rows' columns, documented order. */
	readonly columns: readonly FieldSpec[];
	/** What the flat record shows of the rows. */
	readonly record: {
		/** Column with the number of rows. */
		readonly count: string;
		/** The one row shown in full (KK: the head of family): the row whose `column` reads `value` (any case), else the first. */
		readonly row?: { readonly prefix: string; readonly column: string; readonly value: string };
		/** Column with every row's first cell, joined by ", " (the plates in a photo). */
		readonly joined?: string;
	};
	/** GLAIR sends these cells without a confidence: none is expected, so none is asked for in review. */
	readonly noConfidence?: true;
}

/** An operation as n8n's UI lists it (the Operation parameter's entry). */
export interface OperationEntry {
	/** The Operation parameter's value (saved in workflows): the key of ENDPOINTS, or READ_OTHER. */
	readonly operation: string;
	/** The operation's name in n8n's UI and in messages. */
	readonly label: string;
	/** n8n's action name: what the node does, as the nodes panel and AI agents show it. */
	readonly action: string;
	/** The entry's description under its name. */
	readonly summary: string;
}

export interface EndpointSpec {
	/** The operation that reads with this endpoint (READ_OTHER for the Document Type ones). */
	readonly operation: string;
	/** The operation's name in n8n's UI and in messages (Read Other: the Document Type's name). */
	readonly label: string;
	readonly path: string;
	/** What the record's `document` column says: `stnk`, `ktp`, `invoice`, … */
	readonly document: DocumentType;
	/** "a KTP", "an STNK": for messages that say what the file may not be. */
	readonly documentName: string;
	readonly sections: readonly SectionSpec[];
	readonly acceptedFileKinds: readonly AcceptedFileKind[];
	readonly taxTable?: TaxTableSpec;
	/**
	 * An older layout of the answer put this section's fields straight under `read` (the legacy
	 * flat STNK): such an answer is read as this section.
	 */
	readonly flatLayoutSection?: string;
	readonly rowTable?: RowTableSpec;
	/** GLAIR's image-quality check (KTP): the path that adds it; offers Check Image Quality. */
	readonly qualityPath?: string;
	/**
	 * The file may hold one page of the document, which the API's `page` parameter names (BPKB): the
	 * Page parameter, One BPKB a Page per File, and the record's `page` column.
	 */
	readonly bpkbPages?: true;
	/** GLAIR cuts the face photo and signature out of the document: the Include Images option. */
	readonly cutsOutImages?: true;
	/** Validate Values checks that the STNK's two pages agree on plate, chassis and engine number. */
	readonly pagesMustAgree?: true;
	/**
	 * The answer is a set of checks on the photo (Image Quality Check), not text read from it: each
	 * `read.<check>` is `{value, confidence}` with a 0–1 confidence in the check, so Minimum
	 * Confidence (0–100, for read text) never applies. Each yes/no check, by the image-quality flag
	 * it means (`blur` → `is_blurred`): when its value is true it is a reason to review.
	 */
	readonly imageChecks?: Readonly<Record<string, string>>;
	/**
	 * No field catalogue: GLAIR documents the fields only partly, or they change with the document
	 * (Read Other GLAIR Document). Whatever GLAIR sends is shaped as it comes.
	 */
	readonly generic?: true;
}

/** A catalogued operation: its endpoint and its entry in n8n's UI. */
export type CataloguedEndpoint = EndpointSpec & OperationEntry;
