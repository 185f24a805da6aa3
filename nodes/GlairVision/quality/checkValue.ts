/** The format check of one field value, by kind: plates, VINs, NIKs, NPWPs, dates, years, … */
import type { FieldKind } from '../catalogue';
import { compactCode, isForLife, normaliseDate, normalisePlate, normaliseSex } from './normalise';

/** The check for one field value, by kind; undefined when it looks right (or is empty). */
export function checkValue(
	kind: FieldKind,
	value: string,
	currentYear: number,
	today: string = new Date().toISOString().slice(0, 10),
): string | undefined {
	// Nothing read, or a dash printed where there is nothing (a child's date of marriage).
	if (!value || /^[-–—.\s]*$/.test(value)) return undefined;
	switch (kind) {
		case 'expiry': {
			if (isForLife(value)) return undefined;
			const date = normaliseDate(value);
			if (!date) return checkValue('date', value, currentYear);
			return date < today ? `expired on ${date}` : undefined;
		}
		case 'npwp': {
			const digits = value.replace(/[\s.-]/g, '');
			if (/^\d{15}$/.test(digits) || /^\d{16}$/.test(digits)) return undefined;
			return `NPWP "${value}" is not 15 digits (or 16, the NIK-based NPWP)`;
		}
		case 'kkNumber': {
			const digits = value.replace(/\s/g, '');
			return /^\d{16}$/.test(digits) ? undefined : `family card number "${value}" is not 16 digits`;
		}
		case 'sex':
			return normaliseSex(value) ? undefined : `sex "${value}" is neither male nor female`;
		case 'plate': {
			const plate = normalisePlate(value);
			if (!plate || / 0/.test(plate)) {
				return `plate "${value}" is not 1–2 letters, 1–4 digits not starting with 0, then 0–3 letters`;
			}
			return undefined;
		}
		case 'chassis': {
			const code = compactCode(value);
			if (code.length < 15 || code.length > 19 || code !== value.toUpperCase().replace(/\s/g, ''))
				return undefined; // not VIN-like
			if (code.length !== 17)
				return `chassis number "${value}" looks like a VIN but has ${code.length} characters, not 17`;
			const forbidden = [...new Set(code.match(/[IOQ]/g) ?? [])];
			if (forbidden.length)
				return `chassis number "${value}" contains ${forbidden.join(', ')}, which a VIN never has (often a misread 1 or 0)`;
			return undefined;
		}
		case 'nik': {
			// These fields hold a person's NIK or a company's number: NPWP (printed 01.234.567.8-901.000), NIB or TDP.
			const digits = value.replace(/[\s.-]/g, '');
			if (!/^\d+$/.test(digits)) return undefined; // a TDP or another kind of number, not a NIK
			if (digits.length === 13 || digits.length === 15) return undefined; // NIB, old NPWP
			if (digits.length === 16 && digits.startsWith('0')) return undefined; // NPWP: a NIK starts with a province code, 11–94
			if (digits.length !== 16) {
				// Dots and dashes in a number no other kind matches: a TDP as printed (09.03.1.46.12345), not a misread NIK.
				if (/[.-]/.test(value)) return undefined;
				return `NIK "${value}" has ${digits.length} digits: not a NIK (16), NPWP (15 or 16) or NIB (13)`;
			}
			const day = Number(digits.slice(6, 8));
			const month = Number(digits.slice(8, 10));
			const birthDay = day > 40 ? day - 40 : day; // women's NIKs add 40 to the day; 2000 allows 29 Feb
			if (!normaliseDate(`${birthDay}-${month}-2000`)) {
				return `NIK "${value}" holds no valid birth date (digits 7–12 are ${digits.slice(6, 12)})`;
			}
			return undefined;
		}
		case 'birthDate':
		case 'date': {
			if (!/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(value))
				return `"${value}" is not a date in dd-mm-yyyy form`;
			return normaliseDate(value) ? undefined : `date "${value}" does not exist`;
		}
		case 'year': {
			const year = Number(value);
			if (!/^\d{4}$/.test(value) || year < 1900 || year > currentYear + 1) {
				return `year "${value}" is outside 1900–${currentYear + 1}`;
			}
			return undefined;
		}
		default:
			return undefined;
	}
}
