import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { secretProblems } from '../messages';
import { checkBaseUrl } from './baseUrl';

export interface GlairSecrets {
	readonly username: string;
	readonly password: string;
	readonly apiKey: string;
}

/** The credential's fields as they will be sent, or which one cannot be sent and why. */
export type CredentialCheck =
	| { readonly ok: true; readonly baseUrl: string; readonly secrets: GlairSecrets }
	| {
			readonly ok: false;
			readonly field: 'Username' | 'Password' | 'API Key' | 'Base URL';
			readonly problem: string;
	  };

/** The first character that cannot be sent, described without repeating the secret. */
function firstUnsendable(
	value: string,
	options: { asciiOnly: boolean; forbidden?: string },
): string | undefined {
	const characters = Array.from(value);
	for (const [index, character] of characters.entries()) {
		const code = character.codePointAt(0) ?? 0;
		const position = secretProblems.position(index, characters.length);
		if (code < 0x20 || code === 0x7f) return secretProblems.controlCharacter(position);
		if (options.asciiOnly && code > 0x7e) return secretProblems.notAscii(position);
		if (options.forbidden?.includes(character))
			return secretProblems.forbidden(position, character);
	}
	return undefined;
}

/**
 * Surrounding whitespace is trimmed (a pasted key often ends in a line break); anything else that
 * cannot travel is named by field. The API key goes in a header (ASCII only); username and
 * password travel base64-encoded in Basic auth, where a colon ends the username.
 */
export function checkCredentialFields(data: ICredentialDataDecryptedObject): CredentialCheck {
	const baseUrl = checkBaseUrl(data.baseUrl);
	if (!baseUrl.ok) return { ok: false, field: 'Base URL', problem: baseUrl.problem };
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	const secrets: GlairSecrets = {
		username: text(data.username),
		password: text(data.password),
		apiKey: text(data.apiKey),
	};
	const checks = [
		['Username', secrets.username, { asciiOnly: false, forbidden: ':' }],
		['Password', secrets.password, { asciiOnly: false }],
		['API Key', secrets.apiKey, { asciiOnly: true }],
	] as const;
	for (const [field, value, rules] of checks) {
		if (!value) return { ok: false, field, problem: secretProblems.empty(field) };
		const problem = firstUnsendable(value, rules);
		if (problem) return { ok: false, field, problem: secretProblems.unsendable(field, problem) };
	}
	return { ok: true, baseUrl: baseUrl.baseUrl, secrets };
}
