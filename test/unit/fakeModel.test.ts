/**
 * The OpenAI-compatible fake model the agent e2e and the sandbox use: a tool call first, then text
 * that quotes the tool's result, in both APIs n8n's OpenAI Chat Model calls, streamed or not.
 */
import { argumentsFor, FakeModel, pickTool } from '../../tools/fakeModel';

const STNK_TOOL = {
	type: 'function',
	function: {
		name: 'Read_STNK_upload',
		description: 'Reads the STNK the user uploaded',
		parameters: { type: 'object', properties: {}, required: [] },
	},
};
const URL_TOOL = {
	type: 'function',
	function: {
		name: 'Read_document_URL',
		description: 'Reads a document by URL',
		parameters: {
			type: 'object',
			properties: { documentUrl: { type: 'string', description: 'The http(s) URL' } },
			required: ['documentUrl'],
		},
	},
};
const RECORD = '{"stnk_nomor_registrasi":"KT 8180 YF"}';

/** Server-sent events as `data:` payloads (and their `event:` names, when given). */
async function events(response: Response): Promise<Array<{ event?: string; data: string }>> {
	const text = await response.text();
	return text
		.split('\n\n')
		.filter((block) => block.trim() !== '')
		.map((block) => {
			const lines = block.split('\n');
			const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
			const data = lines.find((line) => line.startsWith('data: '))?.slice(6) ?? '';
			return { event, data };
		});
}

describe('fake model', () => {
	const model = new FakeModel();
	let baseUrl = '';
	const post = (path: string, body: unknown) =>
		fetch(`${baseUrl}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: 'Bearer sk-fake' },
			body: JSON.stringify(body),
		});

	beforeAll(async () => {
		baseUrl = await model.start();
	});
	afterAll(async () => await model.stop());
	beforeEach(() => model.reset());

	it('listens on 127.0.0.1 with the /v1 prefix and lists a model', async () => {
		expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		const response = await fetch(`${baseUrl}/models`);
		expect(response.status).toBe(200);
		expect(((await response.json()) as { data: Array<{ id: string }> }).data[0].id).toBe(
			'glair-fake-model',
		);
	});

	it('chat completions: calls the first tool, then answers with what the tool returned', async () => {
		const user = { role: 'user', content: 'Read my STNK please' };
		const first = await post('/chat/completions', {
			model: 'gpt-4o-mini',
			messages: [user],
			tools: [STNK_TOOL, URL_TOOL],
		});
		expect(first.status).toBe(200);
		const call = (await first.json()) as {
			choices: Array<{
				message: {
					tool_calls: Array<{ id: string; function: { name: string; arguments: string } }>;
				};
				finish_reason: string;
			}>;
		};
		expect(call.choices[0].finish_reason).toBe('tool_calls');
		const [toolCall] = call.choices[0].message.tool_calls;
		expect(toolCall.function).toEqual({ name: 'Read_STNK_upload', arguments: '{}' });

		const second = await post('/chat/completions', {
			model: 'gpt-4o-mini',
			messages: [
				user,
				{ role: 'assistant', content: null, tool_calls: [toolCall] },
				{ role: 'tool', tool_call_id: toolCall.id, content: RECORD },
			],
			tools: [STNK_TOOL, URL_TOOL],
		});
		const answer = (await second.json()) as {
			choices: Array<{ message: { content: string }; finish_reason: string }>;
		};
		expect(answer.choices[0].finish_reason).toBe('stop');
		expect(answer.choices[0].message.content).toContain('KT 8180 YF');
		expect(model.requests.map((request) => request.answer)).toEqual(['toolCall', 'text']);
		expect(model.completions[1].text).toContain('stnk_nomor_registrasi');
	});

	it('a URL in the user message goes to the tool that asks for a URL (parts content, as with an image)', async () => {
		const response = await post('/chat/completions', {
			messages: [
				{ role: 'system', content: 'You read documents.' },
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'Read https://docs.example.com/stnk.jpg?sig=abc, thanks' },
						{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAAA' } },
					],
				},
			],
			tools: [STNK_TOOL, URL_TOOL],
		});
		const call = (await response.json()) as {
			choices: Array<{
				message: { tool_calls: Array<{ function: { name: string; arguments: string } }> };
			}>;
		};
		expect(call.choices[0].message.tool_calls[0].function).toEqual({
			name: 'Read_document_URL',
			arguments: JSON.stringify({ documentUrl: 'https://docs.example.com/stnk.jpg?sig=abc' }),
		});
	});

	it('chat completions streamed: tool call chunks, finish, usage and [DONE]', async () => {
		const response = await post('/chat/completions', {
			stream: true,
			stream_options: { include_usage: true },
			messages: [{ role: 'user', content: 'Read https://x.test/a.pdf' }],
			tools: [URL_TOOL],
		});
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		const chunks = await events(response);
		expect(chunks[chunks.length - 1].data).toBe('[DONE]');
		const parsed = chunks.slice(0, -1).map(
			(chunk) =>
				JSON.parse(chunk.data) as {
					choices: Array<{
						delta: { tool_calls?: Array<{ function: { name?: string; arguments?: string } }> };
						finish_reason: string | null;
					}>;
					usage?: unknown;
				},
		);
		const calls = parsed.flatMap((chunk) =>
			chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
		);
		expect(calls[0].function.name).toBe('Read_document_URL');
		expect(calls.map((call) => call.function.arguments ?? '').join('')).toBe(
			JSON.stringify({ documentUrl: 'https://x.test/a.pdf' }),
		);
		expect(
			parsed.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)),
		).toContain('tool_calls');
		expect(parsed[parsed.length - 1].usage).toBeDefined();
		expect(model.requests[0].stream).toBe(true);
	});

	it('chat completions streamed: the text answer arrives in pieces that join to the whole', async () => {
		const response = await post('/chat/completions', {
			stream: true,
			messages: [
				{ role: 'user', content: 'Read it' },
				{ role: 'tool', tool_call_id: 'call_1', content: RECORD },
			],
			tools: [STNK_TOOL],
		});
		const chunks = (await events(response))
			.slice(0, -1)
			.map(
				(chunk) => JSON.parse(chunk.data) as { choices: Array<{ delta: { content?: string } }> },
			);
		const text = chunks
			.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? ''))
			.join('');
		expect(text).toBe(`The tool returned: ${RECORD}`);
	});

	it('Responses API: a function call, then text from the function_call_output; streamed with named events', async () => {
		const tools = [
			{ type: 'function', name: 'Read_document_URL', parameters: URL_TOOL.function.parameters },
		];
		const first = (await (
			await post('/responses', {
				model: 'gpt-4.1-mini',
				input: [
					{ role: 'user', content: [{ type: 'input_text', text: 'See http://127.0.0.1:9/s.png' }] },
				],
				tools,
			})
		).json()) as {
			output: Array<{ type: string; name: string; call_id: string; arguments: string }>;
		};
		expect(first.output[0]).toMatchObject({
			type: 'function_call',
			name: 'Read_document_URL',
			arguments: JSON.stringify({ documentUrl: 'http://127.0.0.1:9/s.png' }),
		});

		const streamed = await events(
			await post('/responses', {
				stream: true,
				input: [
					{ role: 'user', content: 'See http://127.0.0.1:9/s.png' },
					{
						type: 'function_call',
						call_id: first.output[0].call_id,
						name: 'Read_document_URL',
						arguments: '{}',
					},
					{ type: 'function_call_output', call_id: first.output[0].call_id, output: RECORD },
				],
				tools,
			}),
		);
		expect(streamed.map((chunk) => chunk.event)).toEqual([
			'response.created',
			'response.output_item.added',
			...streamed
				.filter((chunk) => chunk.event === 'response.output_text.delta')
				.map(() => 'response.output_text.delta'),
			'response.output_item.done',
			'response.completed',
		]);
		const completed = JSON.parse(streamed[streamed.length - 1].data) as {
			response: { output: Array<{ content: Array<{ text: string }> }> };
		};
		expect(completed.response.output[0].content[0].text).toContain('KT 8180 YF');
	});

	it('no tools offered: answers in text; an unknown path is a 404', async () => {
		const answer = (await (
			await post('/chat/completions', { messages: [{ role: 'user', content: 'hello' }] })
		).json()) as { choices: Array<{ message: { content: string } }> };
		expect(answer.choices[0].message.content).toBe('You said: hello');
		expect((await post('/embeddings', { input: 'x' })).status).toBe(404);
	});

	it('fills schema arguments by type; without a URL in the message a URL tool gets a short string', () => {
		const schema = {
			type: 'object',
			properties: {
				documentUrl: { type: 'string' },
				pages: { type: 'integer' },
				kind: { type: 'string', enum: ['stnk', 'bpkb'] },
				strict: { type: 'boolean' },
			},
		};
		expect(argumentsFor(schema, 'no link here')).toEqual({
			documentUrl: 'the document',
			pages: 1,
			kind: 'stnk',
			strict: true,
		});
		const tools = [
			{ name: 'url', parameters: URL_TOOL.function.parameters },
			{ name: 'upload', parameters: {} },
		];
		expect(pickTool(tools, 'my upload')?.name).toBe('upload');
		expect(pickTool(tools, 'https://a.test/x')?.name).toBe('url');
		expect(pickTool([], 'x')).toBeUndefined();
	});
});
