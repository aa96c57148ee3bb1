// The local model server (`cli serve`) speaking both APIs to the official clients, used directly
// (streaming and not), and refusing malformed requests with a 400 in each API's error shape.
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';

const calc = {
  name: 'calc',
  description: 'integer arithmetic',
  parameters: { type: 'object', properties: { expr: { type: 'string' } } },
};
let provider: LocalLlamaProvider;
let server: ModelServer;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  provider = await LocalLlamaProvider.load({
    modelPath: path.join(repositoryRoot, 'models', 'fixtures', 'target.gguf'),
    cores: 2,
  });
  server = await createModelServer({
    responder: provider,
    clock: { now: () => 1_800_000_000_000 },
    defaultTemperature: 0,
  });
  openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: server.url, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
  await provider?.dispose();
});

const openAiMessages = (withResult: boolean): OpenAI.Chat.Completions.ChatCompletionMessageParam[] => [
  { role: 'system', content: worldSystemPrompt },
  { role: 'user', content: 'What is 8*70?' },
  ...(withResult
    ? [
        {
          role: 'assistant' as const,
          content: null,
          tool_calls: [
            { id: 'abc', type: 'function' as const, function: { name: 'calc', arguments: '{"expr":"8*70"}' } },
          ],
        },
        { role: 'tool' as const, tool_call_id: 'abc', content: '560' },
      ]
    : []),
];

describe('POST /v1/chat/completions with the openai client', () => {
  it('returns a tool call (not executed) with finish_reason tool_calls and usage', async () => {
    const completion = await openai.chat.completions.create({
      model: 'any',
      messages: openAiMessages(false),
      tools: [{ type: 'function', function: calc }],
      temperature: 0,
      seed: 1,
    });
    expect(completion.model).toBe(provider.modelName);
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.tool_calls).toEqual([
      { id: 'call-1', type: 'function', function: { name: 'calc', arguments: '{"expr":"8*70"}' } },
    ]);
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('streams the answer after a tool result, then finish_reason stop and a usage chunk', async () => {
    const stream = await openai.chat.completions.create({
      model: 'any',
      messages: openAiMessages(true),
      tools: [{ type: 'function', function: calc }],
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let contentChunks = 0;
    const finishReasons: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) {
        text += choice.delta.content;
        contentChunks += 1;
      }
      if (choice?.finish_reason) finishReasons.push(choice.finish_reason);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('560');
    expect(contentChunks).toBeGreaterThanOrEqual(1);
    expect(finishReasons).toEqual(['stop']);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it('streams a tool call in the OpenAI delta shape', async () => {
    const stream = await openai.chat.completions.create({
      model: 'any',
      messages: openAiMessages(false),
      tools: [{ type: 'function', function: calc }],
      temperature: 0,
      stream: true,
    });
    const calls: unknown[] = [];
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      calls.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    expect(calls).toEqual([
      { index: 0, id: 'call-1', type: 'function', function: { name: 'calc', arguments: '{"expr":"8*70"}' } },
    ]);
    expect(finishReason).toBe('tool_calls');
  });

  it('stops at max_tokens with finish_reason length', async () => {
    const completion = await openai.chat.completions.create({
      model: 'any',
      messages: openAiMessages(false),
      max_tokens: 2,
    });
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBeLessThanOrEqual(2 + 1);
  });

  it('lists the model', async () => {
    const models = await openai.models.list();
    expect(models.data.map((model) => model.id)).toEqual([provider.modelName]);
  });
});

describe('POST /v1/messages with the @anthropic-ai/sdk client', () => {
  const tools: Anthropic.Tool[] = [
    {
      name: 'calc',
      description: calc.description,
      input_schema: { type: 'object', properties: { expr: { type: 'string' } } },
    },
  ];

  it('returns a tool_use block (not executed) with stop_reason tool_use and usage', async () => {
    const message = await anthropic.messages.create({
      model: 'any',
      max_tokens: 64,
      system: worldSystemPrompt,
      messages: [{ role: 'user', content: 'What is 8*70?' }],
      tools,
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([{ type: 'tool_use', id: 'call-1', name: 'calc', input: { expr: '8*70' } }]);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams the answer after a tool_result through the SDK message stream', async () => {
    const stream = anthropic.messages.stream({
      model: 'any',
      max_tokens: 64,
      system: worldSystemPrompt,
      messages: [
        { role: 'user', content: 'What is 8*70?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'calc', input: { expr: '8*70' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '560' }] },
      ],
      tools,
    });
    const deltas: string[] = [];
    const events: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    stream.on('streamEvent', (event) => events.push(event.type));
    const message = await stream.finalMessage();
    expect(deltas.join('')).toBe('560');
    expect(message.content).toEqual([{ type: 'text', text: '560' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(events[0]).toBe('message_start');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(events).toContain('content_block_delta');
  });

  it('stops at max_tokens with stop_reason max_tokens', async () => {
    const message = await anthropic.messages.create({
      model: 'any',
      max_tokens: 2,
      messages: [{ role: 'user', content: 'What is 8*70?' }],
    });
    expect(message.stop_reason).toBe('max_tokens');
  });
});

describe('malformed requests', () => {
  const post = async (route: string, body: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${server.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, body: await response.json() };
  };

  it.each([
    ['invalid JSON', '{"model": '],
    ['no messages', JSON.stringify({ model: 'm' })],
    ['an unknown role', JSON.stringify({ model: 'm', messages: [{ role: 'robot', content: 'hi' }] })],
    [
      'a tool result for no call',
      JSON.stringify({ model: 'm', messages: [{ role: 'tool', tool_call_id: 'x', content: '1' }] }),
    ],
    [
      'tool arguments that are not JSON',
      JSON.stringify({
        model: 'm',
        messages: [
          { role: 'user', content: 'q' },
          {
            role: 'assistant',
            tool_calls: [{ id: 'a', type: 'function', function: { name: 'calc', arguments: '{' } }],
          },
        ],
      }),
    ],
    [
      'a transcript that ends with an answer',
      JSON.stringify({
        model: 'm',
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: '1' },
        ],
      }),
    ],
  ])('answers %s on /v1/chat/completions with 400 in the OpenAI error shape', async (_name, body) => {
    const response = await post('/v1/chat/completions', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.any(String) as string },
    });
  });

  it.each([
    ['invalid JSON', '[1,'],
    ['no max_tokens', JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'q' }] })],
    [
      'an image block',
      JSON.stringify({
        model: 'm',
        max_tokens: 5,
        messages: [{ role: 'user', content: [{ type: 'image', source: {} }] }],
      }),
    ],
    [
      'a tool_result for no tool_use',
      JSON.stringify({
        model: 'm',
        max_tokens: 5,
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x' }] }],
      }),
    ],
  ])('answers %s on /v1/messages with 400 in the Anthropic error shape', async (_name, body) => {
    const response = await post('/v1/messages', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.any(String) as string },
    });
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    expect((await post('/v1/completions', '{}')).status).toBe(404);
    const get = await fetch(`${server.url}/v1/chat/completions`);
    expect(get.status).toBe(405);
    await get.body?.cancel();
  });

  it('refuses requests without the key when started with one (401 in each shape)', async () => {
    const guarded = await createModelServer({ responder: provider, clock: { now: () => 0 }, apiKey: 'secret' });
    try {
      const client = new OpenAI({ baseURL: `${guarded.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
      await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
      const anthropicClient = new Anthropic({ baseURL: guarded.url, apiKey: 'wrong', maxRetries: 0 });
      await expect(
        anthropicClient.messages.create({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'q' }] }),
      ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
      const allowed = new OpenAI({ baseURL: `${guarded.url}/v1`, apiKey: 'secret', maxRetries: 0 });
      expect((await allowed.models.list()).data).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });
});
