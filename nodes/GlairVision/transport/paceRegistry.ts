import { createHash } from 'crypto';

import { AutoConcurrency } from './autoConcurrency';
import { KeyPace } from './keyPace';

/** Forget a key's pace after this long unused. */
const IDLE_MS = 5 * 60_000;
/** Keys remembered at most (an n8n process rarely uses more than a few GLAIR keys). */
const MAX_KEYS = 64;

const paces = new Map<string, KeyPace>();
/** Concurrency Auto of each pace's key: forgotten with the pace. */
const autos = new WeakMap<KeyPace, AutoConcurrency>();

/**
 * The pace of one GLAIR key in this n8n process: executions that use the same credential, Base URL
 * and key share it. Keyed by a hash, so no secret is kept as a map key.
 */
export function sharedPace(key: {
	credentialId: string;
	baseUrl: string;
	username: string;
	apiKey: string;
}): KeyPace {
	const now = Date.now();
	for (const [name, pace] of paces) if (now - pace.lastUsed > IDLE_MS) paces.delete(name);
	const name = createHash('sha256')
		.update(JSON.stringify([key.credentialId, key.baseUrl, key.username, key.apiKey]))
		.digest('hex');
	let pace = paces.get(name);
	if (!pace) {
		if (paces.size >= MAX_KEYS) {
			const [leastRecent] = [...paces.entries()].sort(([, a], [, b]) => a.lastUsed - b.lastUsed)[0];
			paces.delete(leastRecent);
		}
		pace = new KeyPace();
		paces.set(name, pace);
	}
	return pace;
}

/** Concurrency Auto of the key whose pace this is: one per key in this process, like the pace. */
export function sharedAuto(pace: KeyPace): AutoConcurrency {
	let auto = autos.get(pace);
	if (!auto) {
		auto = new AutoConcurrency(pace);
		autos.set(pace, auto);
	}
	return auto;
}
