// Hostile clients against the local model server (`cli serve`) with the real target model on
// 127.0.0.1: raw bytes on real sockets, requests a web page could send, and a fuzz run. After
// each, the server must still list its model within 5 s.
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { fuzzFor, hostileHttpRequest } from '../helpers/hostileArbitraries.ts';
import { answers, sendRaw, statusOf } from '../helpers/rawHttp.ts';

let provider: LocalLlamaProvider;
let server: ModelServer;

beforeAll(async () => {
  provider = await LocalLlamaProvider.load({
    modelPath: path.join(repositoryRoot, 'models', 'fixtures', 'target.gguf'),
    cores: 2,
  });
  server = await createModelServer({ responder: provider, clock: { now: () => Date.now() } });
});

afterAll(async () => {
  await server.close();
  await provider.dispose();
});

const stillListsItsModel = async (): Promise<void> => {
  expect(await answers(server.port, '/v1/models')).toBe(200);
};

const chat = JSON.stringify({ model: 'm', max_tokens: 4, messages: [{ role: 'user', content: 'What is 1+1?' }] });

/** A raw POST /v1/chat/completions with these headers (Host is the server's own unless given). */
function post(headers: Record<string, string>, body = chat): string {
  const lines = Object.entries({ Host: `127.0.0.1:${server.port}`, ...headers }).map(
    ([key, value]) => `${key}: ${value}`,
  );
  return [
    'POST /v1/chat/completions HTTP/1.1',
    ...lines,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

describe('the model server against hostile requests', () => {
  it.each(['//[', 'http://[', 'http://[::1/v1/models'])('answers GET %s with 400 and keeps serving', async (target) => {
    const request = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`;
    const reply = await sendRaw(server.port, request);
    expect(statusOf(reply.text)).toBe(400);
    expect(reply.text).toContain('not a valid URL');
    await stillListsItsModel();
  });

  it('answers a bad request line and an oversized header with an error status and keeps serving', async () => {
    expect(statusOf((await sendRaw(server.port, 'NOT A REQUEST\r\n\r\n')).text)).toBe(400);
    const bigHeader = `GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX: ${'a'.repeat(40_000)}\r\n\r\n`;
    expect(statusOf((await sendRaw(server.port, bigHeader)).text)).toBe(431);
    await stillListsItsModel();
  });

  it('refuses a foreign Host (DNS rebinding) with 403', async () => {
    const reply = await sendRaw(server.port, post({ Host: 'evil.example', 'Content-Type': 'application/json' }));
    expect(statusOf(reply.text)).toBe(403);
    expect(reply.text).toContain('Forbidden host');
    expect(await answers(server.port, '/v1/models', { host: `evil.example:${server.port}` })).toBe(403);
  });

  it('refuses a foreign Origin and a cross-site fetch with 403, even with a JSON body', async () => {
    const cases: Record<string, string>[] = [
      { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      { Origin: 'null', 'Content-Type': 'application/json' },
      { Origin: `http://127.0.0.1:${server.port + 1}`, 'Content-Type': 'application/json' },
      { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' },
    ];
    for (const headers of cases) {
      expect(statusOf((await sendRaw(server.port, post(headers))).text)).toBe(403);
    }
    await stillListsItsModel();
  });

  it('refuses a cross-origin "simple" request (text/plain POST from a page) with 403', async () => {
    const simple = post({ Origin: 'https://evil.example', 'Content-Type': 'text/plain;charset=UTF-8' });
    const reply = await sendRaw(server.port, simple);
    expect(statusOf(reply.text)).toBe(403);
    expect(reply.text).toContain('Forbidden origin');
  });

  it('answers a POST without a JSON content type with 415, and one with it (same origin) with the answer', async () => {
    const plain = await sendRaw(server.port, post({ 'Content-Type': 'text/plain' }));
    expect(statusOf(plain.text)).toBe(415);
    expect(plain.text).toContain('content-type: application/json');
    const form = await sendRaw(server.port, post({}));
    expect(statusOf(form.text)).toBe(415);
    const own = await sendRaw(
      server.port,
      post({ Origin: `http://127.0.0.1:${server.port}`, 'Content-Type': 'application/json; charset=utf-8' }),
      30_000,
    );
    expect(statusOf(own.text)).toBe(200);
    expect(own.text).toContain('chat.completion');
  });

  it('keeps serving through a fuzz run of malformed HTTP requests (4 s)', async () => {
    const paths = ['/v1/models', '/v1/chat/completions', '/v1/messages'];
    const runs = await fuzzFor(hostileHttpRequest(`127.0.0.1:${server.port}`, paths), 4_000, async (text) => {
      await sendRaw(server.port, Buffer.from(text, 'latin1'), 40);
      await stillListsItsModel();
    });
    console.log(`model server: ${runs} malformed HTTP requests`);
  });

  it('answers API bodies of any shape with a result or a 4xx, never a 500, and keeps serving (4 s)', async () => {
    const content = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constant([{ type: 'text', text: 'hi' }]),
      fc.constant([{ type: 'tool_result', tool_use_id: 'x', content: '1' }]),
    );
    const message = fc.record(
      {
        role: fc.constantFrom('system', 'user', 'assistant', 'tool', 'developer', 'robot'),
        content,
        tool_calls: fc.jsonValue({ maxDepth: 2 }),
        tool_call_id: fc.string({ maxLength: 5 }),
      },
      { requiredKeys: ['role'] },
    );
    const body = fc.record(
      {
        model: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()),
        max_tokens: fc.oneof(fc.integer({ min: -3, max: 6 }), fc.double(), fc.string({ maxLength: 3 })),
        messages: fc.oneof(fc.array(message, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
        stream: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
        temperature: fc.oneof(fc.double(), fc.integer({ min: -1, max: 3 })),
        tools: fc.jsonValue({ maxDepth: 2 }),
        system: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })),
      },
      { requiredKeys: [] },
    );
    const request = fc.tuple(fc.constantFrom('/v1/chat/completions', '/v1/messages'), body);
    const runs = await fuzzFor(request, 4_000, async ([route, json]) => {
      const response = await fetch(`${server.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(json),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.status >= 500) throw new Error(`${response.status} for ${JSON.stringify(json)}: ${text}`);
      expect([200, 400, 404, 413]).toContain(response.status);
      await stillListsItsModel();
    });
    console.log(`model server: ${runs} API bodies`);
  });
});
