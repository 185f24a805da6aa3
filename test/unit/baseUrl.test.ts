import { checkBaseUrl, shownBaseUrl } from '../../nodes/GlairVision/credential/baseUrl';

describe('checkBaseUrl', () => {
	it.each([
		['https://api.vision.glair.ai', 'https://api.vision.glair.ai'],
		['https://api.vision.glair.ai/', 'https://api.vision.glair.ai'],
		['  https://api.vision.glair.ai//  ', 'https://api.vision.glair.ai'],
		['https://gateway.example.co.id/glair/', 'https://gateway.example.co.id/glair'],
		['http://127.0.0.1:8089', 'http://127.0.0.1:8089'],
		['http://localhost:8089/', 'http://localhost:8089'],
		['http://[::1]:8089', 'http://[::1]:8089'],
	])('accepts %p as %p', (raw, expected) => {
		expect(checkBaseUrl(raw)).toEqual({ ok: true, baseUrl: expected });
	});

	it.each([
		['', /empty/],
		[undefined, /empty/],
		['api.vision.glair.ai', /not a web address/],
		['ftp://api.vision.glair.ai', /must start with https/],
		['http://api.vision.glair.ai', /unencrypted/],
		['http://10.0.0.5:8080', /unencrypted/],
		['https://user:secret@api.vision.glair.ai', /must not contain a username or password/],
		['https://api.vision.glair.ai/?key=1', /"\?" or "#"/],
	])('refuses %p', (raw, problem) => {
		const result = checkBaseUrl(raw);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toMatch(problem);
	});

	it('never repeats a password embedded in the URL', () => {
		const result = checkBaseUrl('https://user:hunter2@api.vision.glair.ai');
		expect(JSON.stringify(result)).not.toContain('hunter2');
	});

	it.each([
		['https://ani:hunter2 secret@api.vision glair.ai', 'https://…@api.vision glair.ai'],
		['https//ani:hunter2@api.vision.glair.ai', 'https/…'],
	])('quotes a Base URL that does not parse without its user info: %p', (raw, shown) => {
		const result = checkBaseUrl(raw);
		expect(!result.ok && result.problem).toBe(
			`The Base URL "${shown}" is not a web address. Use https://api.vision.glair.ai.`,
		);
	});

	it('a scheme that is really a username is not echoed either', () => {
		const result = checkBaseUrl('ani:hunter2@api.vision.glair.ai');
		expect(!result.ok && result.problem).toBe(
			'The Base URL must start with https:// (found "…@api.vision.glair.ai").',
		);
	});

	it.each([
		['api.vision.glair.ai/ocr/T0KEN-123?key=T0KEN-456', /"api\.vision\.glair\.ai\/…"/],
		['https://api.vision glair.ai/T0KEN-123', /"https:\/\/api\.vision glair\.ai\/…"/],
		['ftp://api.vision.glair.ai/T0KEN-123', /"ftp:\/\/api\.vision\.glair\.ai\/…"/],
		['ftp://api.vision.glair.ai?key=T0KEN-456', /"ftp:\/\/api\.vision\.glair\.ai\/…"/],
		['https://api.vision glair.ai#T0KEN-456', /"https:\/\/api\.vision glair\.ai\/…"/],
	])('quotes %p only as scheme://host[:port]', (raw, shown) => {
		const result = checkBaseUrl(raw);
		expect(!result.ok && result.problem).toMatch(shown);
		expect(JSON.stringify(result)).not.toContain('T0KEN');
	});
});

describe('shownBaseUrl', () => {
	it.each([
		['https://gateway.example.co.id/T0KEN-123', 'https://gateway.example.co.id'],
		['http://127.0.0.1:8089/T0KEN-123/glair', 'http://127.0.0.1:8089'],
		['https://api.vision.glair.ai', 'https://api.vision.glair.ai'],
	])('shows %p as %p', (baseUrl, shown) => {
		expect(shownBaseUrl(baseUrl)).toBe(shown);
	});
});
