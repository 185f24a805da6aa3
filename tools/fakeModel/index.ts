/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- dev code: runs in Node, never inside n8n (see docs/development.md) */
/**
 * An OpenAI-compatible fake chat model: a plain HTTP server on 127.0.0.1 for the e2e tests and the
 * sandbox, so an AI Agent runs without an OpenAI account. It plays one scripted turn: asked with
 * tools and no tool result yet, it calls a tool (arguments filled from the tool's JSON schema); once
 * the conversation holds a tool's result, it answers in text that quotes that result. It records
 * every request.
 *
 * n8n's OpenAI Chat Model node (n8n 1.123 and 2.40, node versions 1–1.2) calls Chat Completions
 * (`POST {credential url}/chat/completions`, streaming when the agent streams); version 1.3 calls the
 * Responses API (`POST {url}/responses`) unless "Use Responses API" is turned off. Both are answered,
 * each non-streaming and streaming as the request's `stream` asks. `GET {url}/models` fills the
 * node's model list.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FAKE_MODEL_ID = 'glair-fake-model';

export interface RecordedModelRequest {
	method: string;
	path: string;
	/** The parsed JSON body (undefined for a GET or a body that is not JSON). */
	body: Record<string, unknown> | undefined;
	/** The raw body, for assertions on what reached the model (e.g. a record's values). */
	text: string;
	/** What the fake answered with. */
	answer: 'toolCall' | 'text' | 'models' | 'notFound';
	stream: boolean;
}

/** A tool as either API offers it: a name and the JSON schema of its arguments. */
interface OfferedTool {
	name: string;
	parameters: JsonSchema;
}

interface JsonSchema {
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	enum?: unknown[];
	[key: string]: unknown;
}

/** What the model is to do this turn. */
type Turn =
	| { kind: 'toolCall'; tool: string; callId: string; arguments: string }
	| { kind: 'text'; text: string };

const URL_PATTERN = /https?:\/\/[^\s"'<>)\]]+/;

/** A value of the schema's type; a property named like a URL gets the URL from the user's message. */
export function argumentsFor(schema: JsonSchema, userText: string): Record<string, unknown> {
	// Punctuation after a URL ends the sentence, not the URL.
	const url = URL_PATTERN.exec(userText)?.[0].replace(/[.,;:!?]+$/, '');
	const value = (name: string, property: JsonSchema): unknown => {
		if (property.enum && property.enum.length > 0) return property.enum[0];
		const type = Array.isArray(property.type) ? property.type[0] : property.type;
		if (/url/i.test(name) && url) return url;
		if (type === 'number' || type === 'integer') return 1;
		if (type === 'boolean') return true;
		if (type === 'array') return [];
		if (type === 'object') return argumentsFor(property, userText);
		return 'the document';
	};
	return Object.fromEntries(
		Object.entries(schema.properties ?? {}).map(([name, property]) => [
			name,
			value(name, property),
		]),
	);
}

/** The first tool, or when the user's message holds a URL the first tool that asks for one. */
export function pickTool(tools: OfferedTool[], userText: string): OfferedTool | undefined {
	const wantsUrl = (tool: OfferedTool) =>
		Object.keys(tool.parameters.properties ?? {}).some((name) => /url/i.test(name));
	if (URL_PATTERN.test(userText)) return tools.find(wantsUrl) ?? tools[0];
	return tools.find((tool) => !wantsUrl(tool)) ?? tools[0];
}

/** The text of a message's content, whether a string or a list of parts (text, images…). */
function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	return content
		.map((part: unknown) => {
			if (typeof part === 'string') return part;
			const { text } = (part ?? {}) as { text?: unknown };
			return typeof text === 'string' ? text : '';
		})
		.join(' ');
}

interface Conversation {
	tools: OfferedTool[];
	userText: string;
	/** Results of the tools called so far, in order. */
	toolResults: string[];
}

/** Chat Completions: `messages` with `role: 'tool'` results, `tools[].function`. */
function chatConversation(body: Record<string, unknown>): Conversation {
	const messages = Array.isArray(body.messages)
		? (body.messages as Array<Record<string, unknown>>)
		: [];
	const users = messages.filter((message) => message.role === 'user');
	const tools = (Array.isArray(body.tools) ? (body.tools as Array<Record<string, unknown>>) : [])
		.map((tool) => tool.function as { name?: unknown; parameters?: JsonSchema } | undefined)
		.filter(
			(tool): tool is { name: string; parameters?: JsonSchema } => typeof tool?.name === 'string',
		)
		.map((tool) => ({ name: tool.name, parameters: tool.parameters ?? {} }));
	return {
		tools,
		userText: textOf(users[users.length - 1]?.content),
		toolResults: messages
			.filter((message) => message.role === 'tool')
			.map((message) => textOf(message.content)),
	};
}

/** Responses API: `input` items (messages, `function_call_output`), flat `tools`. */
function responsesConversation(body: Record<string, unknown>): Conversation {
	const input =
		typeof body.input === 'string'
			? [{ role: 'user', content: body.input }]
			: Array.isArray(body.input)
				? (body.input as Array<Record<string, unknown>>)
				: [];
	const users = input.filter((item) => item.role === 'user');
	const tools = (Array.isArray(body.tools) ? (body.tools as Array<Record<string, unknown>>) : [])
		.filter((tool) => tool.type === 'function' && typeof tool.name === 'string')
		.map((tool) => ({
			name: tool.name as string,
			parameters: (tool.parameters ?? {}) as JsonSchema,
		}));
	return {
		tools,
		userText: textOf(users[users.length - 1]?.content),
		toolResults: input
			.filter((item) => item.type === 'function_call_output')
			.map((item) => (typeof item.output === 'string' ? item.output : JSON.stringify(item.output))),
	};
}

export interface FakeModelOptions {
	port?: number;
	/** Called with one line per request. */
	log?: (line: string) => void;
}

export class FakeModel {
	readonly requests: RecordedModelRequest[] = [];
	private server: Server | undefined;
	private readonly sockets = new Set<Socket>();
	private url = '';
	private calls = 0;

	constructor(private readonly options: FakeModelOptions = {}) {}

	/** What an openAiApi credential's `url` is set to: `http://127.0.0.1:PORT/v1`. */
	get baseUrl(): string {
		return this.url;
	}

	async start(): Promise<string> {
		const server = createServer((request, response) => void this.handle(request, response));
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
		});
		this.server = server;
		this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
		return this.url;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		const server = this.server;
		this.server = undefined;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	reset(): void {
		this.requests.length = 0;
	}

	/** The requests that asked for a completion (chat or responses), in order. */
	get completions(): RecordedModelRequest[] {
		return this.requests.filter(
			(request) => request.answer === 'toolCall' || request.answer === 'text',
		);
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		let body: Record<string, unknown> | undefined;
		try {
			body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
		} catch {
			body = undefined;
		}
		// With or without the `/v1` prefix: a credential URL may leave it out.
		const path = (request.url ?? '/').split('?')[0].replace(/^\/v1(?=\/)/, '');
		const record: RecordedModelRequest = {
			method: request.method ?? '',
			path: request.url ?? '',
			body,
			text,
			answer: 'notFound',
			stream: body?.stream === true,
		};
		this.requests.push(record);
		const done = () => this.options.log?.(`${record.method} ${record.path} -> ${record.answer}`);

		if (request.method === 'GET' && path === '/models') {
			record.answer = 'models';
			done();
			return json(response, 200, {
				object: 'list',
				data: [{ id: FAKE_MODEL_ID, object: 'model', created: 0, owned_by: 'glair-e2e' }],
			});
		}
		const api =
			request.method === 'POST' && path === '/chat/completions'
				? 'chat'
				: request.method === 'POST' && path === '/responses'
					? 'responses'
					: undefined;
		if (!api || !body) {
			done();
			return json(response, 404, {
				error: { message: `no route ${request.method} ${request.url}` },
			});
		}
		const conversation = api === 'chat' ? chatConversation(body) : responsesConversation(body);
		const turn = this.nextTurn(conversation);
		record.answer = turn.kind;
		done();
		const model = typeof body.model === 'string' ? body.model : FAKE_MODEL_ID;
		if (api === 'chat') return answerChat(response, turn, model, record.stream);
		return answerResponses(response, turn, model, record.stream);
	}

	private nextTurn(conversation: Conversation): Turn {
		const tool = pickTool(conversation.tools, conversation.userText);
		if (conversation.toolResults.length === 0 && tool) {
			return {
				kind: 'toolCall',
				tool: tool.name,
				callId: `call_fake_${++this.calls}`,
				arguments: JSON.stringify(argumentsFor(tool.parameters, conversation.userText)),
			};
		}
		const result = conversation.toolResults[conversation.toolResults.length - 1];
		return {
			kind: 'text',
			text:
				result === undefined
					? `You said: ${conversation.userText}`
					: `The tool returned: ${result}`,
		};
	}
}

function json(response: ServerResponse, status: number, body: unknown): void {
	const payload = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(payload),
	});
	response.end(payload);
}

function startEvents(response: ServerResponse): (data: unknown, event?: string) => void {
	response.writeHead(200, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
	});
	return (data, event) =>
		response.write(
			`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
		);
}

const USAGE = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };

/** Splits text into a few pieces, as a model streams it. */
const pieces = (text: string, size = 40): string[] =>
	text.length === 0 ? [''] : (text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? []);

function answerChat(response: ServerResponse, turn: Turn, model: string, stream: boolean): void {
	const id = `chatcmpl-fake-${Date.now()}`;
	const created = Math.floor(Date.now() / 1000);
	const toolCall =
		turn.kind === 'toolCall'
			? {
					id: turn.callId,
					type: 'function',
					function: { name: turn.tool, arguments: turn.arguments },
				}
			: undefined;
	const finishReason = turn.kind === 'toolCall' ? 'tool_calls' : 'stop';
	if (!stream) {
		return json(response, 200, {
			id,
			object: 'chat.completion',
			created,
			model,
			choices: [
				{
					index: 0,
					message: {
						role: 'assistant',
						content: turn.kind === 'text' ? turn.text : null,
						...(toolCall ? { tool_calls: [toolCall] } : {}),
					},
					finish_reason: finishReason,
				},
			],
			usage: USAGE,
		});
	}
	const send = startEvents(response);
	const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
		send({
			id,
			object: 'chat.completion.chunk',
			created,
			model,
			choices: [{ index: 0, delta, finish_reason: finish }],
		});
	if (toolCall) {
		chunk({
			role: 'assistant',
			content: null,
			tool_calls: [
				{
					index: 0,
					...toolCall,
					function: { name: turn.kind === 'toolCall' ? turn.tool : '', arguments: '' },
				},
			],
		});
		for (const part of pieces(toolCall.function.arguments))
			chunk({ tool_calls: [{ index: 0, function: { arguments: part } }] });
	} else if (turn.kind === 'text') {
		chunk({ role: 'assistant', content: '' });
		for (const part of pieces(turn.text)) chunk({ content: part });
	}
	chunk({}, finishReason);
	send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: USAGE });
	send('[DONE]');
	response.end();
}

function answerResponses(
	response: ServerResponse,
	turn: Turn,
	model: string,
	stream: boolean,
): void {
	const id = `resp_fake_${Date.now()}`;
	const item =
		turn.kind === 'toolCall'
			? {
					type: 'function_call',
					id: `fc_${turn.callId}`,
					call_id: turn.callId,
					name: turn.tool,
					arguments: turn.arguments,
					status: 'completed',
				}
			: {
					type: 'message',
					id: `msg_${id}`,
					role: 'assistant',
					status: 'completed',
					content: [{ type: 'output_text', text: turn.text, annotations: [] }],
				};
	const whole = (status: string, output: unknown[]) => ({
		id,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		model,
		status,
		output,
		usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 },
	});
	if (!stream) return json(response, 200, whole('completed', [item]));
	const send = startEvents(response);
	let sequence = 0;
	const event = (type: string, data: Record<string, unknown>) =>
		send({ type, sequence_number: sequence++, ...data }, type);
	event('response.created', { response: whole('in_progress', []) });
	if (item.type === 'function_call') {
		event('response.output_item.added', {
			output_index: 0,
			item: { ...item, arguments: '', status: 'in_progress' },
		});
		for (const part of pieces(turn.kind === 'toolCall' ? turn.arguments : ''))
			event('response.function_call_arguments.delta', {
				output_index: 0,
				item_id: item.id,
				delta: part,
			});
		event('response.function_call_arguments.done', {
			output_index: 0,
			item_id: item.id,
			arguments: turn.kind === 'toolCall' ? turn.arguments : '',
		});
	} else {
		event('response.output_item.added', {
			output_index: 0,
			item: { ...item, content: [], status: 'in_progress' },
		});
		for (const part of pieces(turn.kind === 'text' ? turn.text : ''))
			event('response.output_text.delta', {
				output_index: 0,
				content_index: 0,
				item_id: item.id,
				delta: part,
			});
	}
	event('response.output_item.done', { output_index: 0, item });
	event('response.completed', { response: whole('completed', [item]) });
	response.end();
}
