/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/** Microseconds to read one GLAIR answer and to shape it into each output mode (plain Node, no n8n). */
import { ENDPOINTS } from '../nodes/GlairVision/catalogue';
import { OUTPUT_MODES, shapeRead } from '../nodes/GlairVision/output';
import { NO_QUALITY } from '../nodes/GlairVision/quality/review';
import { interpretAnswer } from '../nodes/GlairVision/response';
import { SAMPLES } from '../tools/fixtures';

function microsecondsPerCall(run: () => unknown, iterations: number): number {
	for (let index = 0; index < Math.min(2_000, iterations); index++) run(); // warm up
	const started = process.hrtime.bigint();
	for (let index = 0; index < iterations; index++) run();
	return Number((Number(process.hrtime.bigint() - started) / 1000 / iterations).toFixed(1));
}

/** The largest documented answer: STNK with its tax table, confidence columns on. */
export function measureShaping(iterations = 20_000): Array<{ mode: string; microseconds: number }> {
	const body = JSON.stringify(SAMPLES.stnkWithTable);
	const answer = interpretAnswer(
		{ statusCode: 200, body, requestId: 'r' },
		ENDPOINTS.readStnkWithTable,
	);
	if (!answer.ok) throw new Error(answer.problem.message);
	const context = {
		endpoint: ENDPOINTS.readStnkWithTable,
		fileName: 'stnk.jpg',
		includeConfidence: true,
		quality: NO_QUALITY,
	};
	return [
		{
			mode: `read the answer (${(body.length / 1024).toFixed(0)} KiB JSON.parse + checks)`,
			microseconds: microsecondsPerCall(
				() =>
					interpretAnswer({ statusCode: 200, body, requestId: 'r' }, ENDPOINTS.readStnkWithTable),
				iterations,
			),
		},
		...OUTPUT_MODES.map((mode) => ({
			mode: `shape: ${mode}`,
			microseconds: microsecondsPerCall(() => shapeRead(mode, answer.read, context), iterations),
		})),
	];
}
