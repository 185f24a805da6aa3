/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * The credentials n8n gets: the user's real GLAIR account from the environment, or the sandbox's;
 * and an OpenAI credential pointing at the fake chat model, for example 4's AI agent.
 */
import { GlairEmulator } from '../../tools/emulator';
import { FakeModel } from '../../tools/fakeModel';
import type { CredentialJson } from '../../tools/n8n';
import { started } from './lifecycle';
import { step } from './log';
import { LATENCY_MS } from './settings';

export type RealGlair = { username: string; password: string; apiKey: string; baseUrl: string };

export function realGlair(): RealGlair | undefined {
	const { GLAIR_USERNAME: username, GLAIR_PASSWORD: password, GLAIR_API_KEY: apiKey } = process.env;
	if (!username && !password && !apiKey) return undefined;
	if (!username || !password || !apiKey) {
		throw new Error(
			'Set all three of GLAIR_USERNAME, GLAIR_PASSWORD and GLAIR_API_KEY for a real credential (or none for the sandbox).',
		);
	}
	return {
		username,
		password,
		apiKey,
		baseUrl: process.env.GLAIR_BASE_URL || 'https://api.vision.glair.ai',
	};
}

/** The real GLAIR credential from the environment, or the GLAIR sandbox (started here) and its own. */
export async function sandboxCredential(real: RealGlair | undefined): Promise<CredentialJson> {
	if (real) {
		return { id: 'glairRealCred001', name: 'GLAIR Vision API', type: 'glairVisionApi', data: real };
	}
	started.emulator = new GlairEmulator({
		latencyMs: LATENCY_MS,
		// Each sample scan reads with its own plate and owner, as real documents do.
		varyByDocument: true,
		log: (line) => {
			if (started.ready) step(`GLAIR sandbox: ${line}`);
		},
	});
	const baseUrl = await started.emulator.start();
	return {
		id: 'glairSandboxCred',
		name: 'GLAIR sandbox',
		type: 'glairVisionApi',
		data: { ...started.emulator.credentials, baseUrl },
	};
}

/**
 * The fake chat model (tools/fakeModel, started here) as an openAiApi credential: example 4's agent
 * calls a GLAIR Vision tool and answers with what it returned, no OpenAI account needed.
 */
export async function fakeModelCredential(): Promise<CredentialJson> {
	started.fakeModel = new FakeModel({
		log: (line) => {
			if (started.ready) step(`fake chat model: ${line}`);
		},
	});
	const url = await started.fakeModel.start();
	return {
		id: 'glairSandboxLlm1',
		name: 'Sandbox chat model (fake OpenAI)',
		type: 'openAiApi',
		data: { apiKey: 'sk-sandbox-fake-model', url },
	};
}
