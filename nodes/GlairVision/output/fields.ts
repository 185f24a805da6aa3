import type { IDataObject } from 'n8n-workflow';

import type { EndpointSpec, FieldSpec } from '../catalogue';
import { normalisedValue } from '../quality/normalise';
import { checkFlag, reviewReasons } from '../quality/review';
import { isDocumentWarning, type Warning } from '../quality/validate';
import {
	cellOf,
	fieldIn,
	genericParts,
	hasField,
	IMAGE_FIELD_KEYS,
	isFieldValue,
	presentSections,
	someFieldsInvalid,
	spellings,
	type GlairRead,
} from '../response';
import { provenance, type ShapeContext, type ShapedItem } from './shared';

const NO_WARNINGS: readonly Warning[] = [];

/** One field to show: where it is, our name for it, its catalogue entry when it has one, its raw value. */
interface FieldToShow {
	readonly section: string;
	readonly name: string;
	readonly spec?: FieldSpec;
	readonly raw: unknown;
	/** A check on the photo, not text read: the image-quality flag it stands for, if any; no confidence is compared. */
	readonly check?: Readonly<Record<string, boolean>>;
}

/** GLAIR's image-quality flags (Read KTP's check), one item each: `qualities`, `is_copy`, true. */
const qualityFlags = (read: GlairRead): FieldToShow[] =>
	Object.entries(read.imageQuality ?? {}).map(([flag, set]) => ({
		section: 'qualities',
		name: flag,
		raw: set,
		check: { [flag]: set },
	}));

/** An answer without a catalogue: every field of every section (Image Quality Check: checks). */
const genericFields = (read: GlairRead, endpoint: EndpointSpec): FieldToShow[] =>
	genericParts(read).sections.flatMap((section) =>
		section.fields.map(({ name, raw }) => ({
			section: section.key,
			name,
			raw,
			// Every field of Image Quality Check is a check; the yes/no ones lie on `read`.
			check: endpoint.imageChecks && (section.key === 'read' ? checkFlag(endpoint, name, raw) : {}),
		})),
	);

/**
 * Every field of every section GLAIR sent: documented fields in catalogue order (under our name,
 * whatever spelling GLAIR used), then fields a newer GLAIR version adds. Tables are rows, not
 * fields; images are binaries.
 */
function catalogueFields(read: GlairRead, endpoint: EndpointSpec): FieldToShow[] {
	return presentSections(read, endpoint).flatMap((section) => {
		const documented = (section.spec?.fields ?? []).filter((field) =>
			hasField(section.content, field),
		);
		const known = spellings(section.spec?.fields ?? []);
		const extra = Object.keys(section.content).filter(
			(key) =>
				key !== 'table' &&
				!known.has(key) &&
				!IMAGE_FIELD_KEYS.has(key) &&
				isFieldValue(section.content[key]),
		);
		return [
			...documented.map((spec) => ({
				section: section.key,
				name: spec.key,
				spec,
				raw: fieldIn(section.content, spec),
			})),
			...extra.map((name) => ({ section: section.key, name, raw: section.content[name] })),
		];
	});
}

/** The fields to show, then GLAIR's image-quality flags. */
const fieldsToShow = (read: GlairRead, endpoint: EndpointSpec): FieldToShow[] => [
	...(endpoint.generic ? genericFields(read, endpoint) : catalogueFields(read, endpoint)),
	...qualityFlags(read),
];

/** One item per field GLAIR read (see fieldsToShow), with its value, confidence and position. */
export function toFieldItems(read: GlairRead, context: ShapeContext): ShapedItem[] {
	const { quality, warnings } = context;
	const shared = provenance(read, context);
	const invalid = someFieldsInvalid(read);
	return fieldsToShow(read, context.endpoint).map(({ section, name, spec, raw, check }) => {
		const cell = cellOf(raw);
		const fieldWarnings =
			warnings.length === 0
				? NO_WARNINGS
				: warnings.filter(
						(warning) =>
							isDocumentWarning(warning) ||
							(warning.section === section && warning.field === name && warning.row === undefined),
					);
		const json: IDataObject = {
			document: context.endpoint.document,
			section,
			field: name,
			value: cell.value,
			value_original: cell.value_original,
			confidence: cell.confidence,
			confidence_text: cell.confidence_text,
			page_index: cell.page_index,
			polygon: cell.polygon,
		};
		if (quality.normalise) json.value_normalised = normalisedValue(spec?.kind, cell);
		// A list: a field item has its own few warnings, for filtering in n8n (records and table
		// rows join theirs into text, as they are spreadsheet rows).
		if (context.showWarnings) json.warnings = fieldWarnings.map((warning) => warning.message);
		const reasons = reviewReasons(
			{
				cells: check ? [] : [[`${section}.${name}`, cell]],
				warnings: fieldWarnings,
				someFieldsInvalid: invalid,
				imageQuality: check,
			},
			quality.minConfidence,
		);
		// Object.assign, not a spread: this runs for every field of every document.
		return { json: Object.assign(json, shared), reviewReasons: reasons };
	});
}
