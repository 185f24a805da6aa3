/** Shared set-up for engine tests: one emulator per test file and a runner bound to it. */
import type { IDataObject, NodeParameterValueType } from 'n8n-workflow';

import { GlairEmulator } from '../../tools/emulator';
import {
	runGlairWorkflow,
	shutdownEngine,
	type BinaryMode,
	type InputDocument,
	type RunResult,
} from './harness';

export interface EngineTestContext {
	emulator: GlairEmulator;
	run(options: {
		parameters: Record<string, NodeParameterValueType>;
		documents: InputDocument[];
		binaryMode?: BinaryMode;
		continueOnFail?: boolean;
		onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
		credentials?: Record<string, string>;
		credentialId?: string;
		typeVersion?: number;
		toolArgs?: IDataObject;
	}): Promise<RunResult>;
}

export function useEngine(): EngineTestContext {
	const emulator = new GlairEmulator();
	beforeAll(async () => {
		await emulator.start();
	});
	afterAll(async () => {
		await emulator.stop();
		shutdownEngine();
	});
	beforeEach(() => emulator.reset());
	return {
		emulator,
		run: async ({ credentials, ...options }) =>
			await runGlairWorkflow({
				...options,
				credentials: { ...emulator.credentials, baseUrl: emulator.baseUrl, ...credentials },
			}),
	};
}

export const file = (bytes: Buffer, fileName?: string, mimeType?: string): InputDocument => ({
	files: { data: { bytes, fileName, mimeType } },
});
