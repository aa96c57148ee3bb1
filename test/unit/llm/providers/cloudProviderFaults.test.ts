// The cloud providers against faults the real model server (`cli serve`) cannot produce: tiny
// node:http "fault servers" on 127.0.0.1 answer 429, 500, 403, malformed or cut streams, or nothing.
// The happy paths, 401 and aborts against the real server are in test/model/cloudProviders.test.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { AnthropicProvider } from '#core/llm/providers/AnthropicProvider.ts';
import type { ChatProvider, ContinueTranscriptOptions } from '#core/llm/providers/ChatProvider.ts';
import { OpenAiCompatibleProvider } from '#core/llm/providers/OpenAiCompatibleProvider.ts';
import type { CloudLimits } from '#core/llm/providers/ResponseWatchdog.ts';
import { CancelledError, EngineError } from '#core/errors.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';

type FaultServer = { url: string; requests: () => number; close: () => Promise<void> };
type Handler = (request: IncomingMessage, response: ServerResponse, attempt: number) => void;

const servers: FaultServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startFaultServer(handler: Handler): Promise<FaultServer> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    // Drain the body first so the client's write completes.
    request.resume();
    request.on('end', () => handler(request, response, requests));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fault = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(fault);
  return fault;
}

type Api = {
  name: string;
  create: (
    url: string,
    options?: { fetch?: typeof fetch; maxRetries?: number; limits?: Partial<CloudLimits> },
  ) => ChatProvider;
  /** A well-formed streamed answer "42", as SSE lines, and the index after which a stream may be cut. */
  events: string[];
};

const openAiChunk = (choices: unknown[], extra: object = {}): string =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices, ...extra })}\n\n`;
const anthropicEvent = (data: { type: string } & Record<string, unknown>): string =>
  `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;

const apis: Api[] = [
  {
    name: 'OpenAiCompatibleProvider',
    create: (url, options = {}) =>
      new OpenAiCompatibleProvider({
        baseUrl: `${url}/v1`,
        apiKey: 'test-key',
        model: 'm',
        fetch: options.fetch ?? globalThis.fetch,
        maxRetries: options.maxRetries,
        limits: options.limits,
      }),
    events: [
      openAiChunk([{ index: 0, delta: { role: 'assistant', content: '4' }, finish_reason: null }]),
      openAiChunk([{ index: 0, delta: { content: '2' }, finish_reason: null }]),
      openAiChunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
      openAiChunk([], { usage: { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 } }),
      'data: [DONE]\n\n',
    ],
  },
  {
    name: 'AnthropicProvider',
    create: (url, options = {}) =>
      new AnthropicProvider({
        baseUrl: url,
        apiKey: 'test-key',
        model: 'm',
        fetch: options.fetch ?? globalThis.fetch,
        maxRetries: options.maxRetries,
        limits: options.limits,
      }),
    events: [
      anthropicEvent({
        type: 'message_start',
        message: {
          id: 'msg',
          type: 'message',
          role: 'assistant',
          model: 'm',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 11, output_tokens: 1 },
        },
      }),
      anthropicEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      anthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '4' } }),
      anthropicEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '2' } }),
      anthropicEvent({ type: 'content_block_stop', index: 0 }),
      anthropicEvent({
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 2 },
      }),
      anthropicEvent({ type: 'message_stop' }),
    ],
  },
];

const transcript: Transcript = { tools: [], messages: [{ role: 'user', text: 'What is 6*7?' }] };
const options = (extra: Partial<ContinueTranscriptOptions> = {}): ContinueTranscriptOptions => ({
  tools: createWorldTools(),
  stepBudget: 3,
  seed: 1,
  ...extra,
});

function sendEvents(response: ServerResponse, events: readonly string[]): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of events) response.write(event);
  response.end();
}

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe.each(apis)('$name', (api) => {
  it('answers from a well-formed stream of a fault server, through the fetch it was given', async () => {
    const server = await startFaultServer((_request, response) => sendEvents(response, api.events));
    let fetches = 0;
    const counting: typeof fetch = (input, init) => {
      fetches += 1;
      return globalThis.fetch(input, init);
    };
    const tokens: string[] = [];
    const result = await api
      .create(server.url, { fetch: counting })
      .continueTranscript(transcript, options({ onToken: (text) => tokens.push(text) }));
    expect(result).toMatchObject({ answer: '42', status: 'answered', steps: 0, tokensIn: 11, tokensOut: 2 });
    expect(tokens).toEqual(['4', '2']);
    expect(fetches).toBe(1);
  });

  it('waits as a fault server says with retry-after after a 429, then succeeds', async () => {
    const server = await startFaultServer((_request, response, attempt) => {
      if (attempt === 1) {
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        response.end(JSON.stringify({ error: { message: 'slow down' } }));
      } else sendEvents(response, api.events);
    });
    const started = performance.now();
    const result = await api.create(server.url).continueTranscript(transcript, options());
    const elapsed = performance.now() - started;
    expect(result.answer).toBe('42');
    expect(server.requests()).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });

  it('reports provider-rate-limited with the retry time when a fault server always answers 429', async () => {
    const server = await startFaultServer((_request, response) => {
      // retry-after-ms keeps the SDK's own retries quick; retry-after is what the person is told.
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7', 'retry-after-ms': '10' });
      response.end(JSON.stringify({ error: { message: 'slow down' } }));
    });
    const error = await failure(api.create(server.url, { maxRetries: 2 }).continueTranscript(transcript, options()));
    expect(error.code).toBe('provider-rate-limited');
    expect(error.message).toMatch(/HTTP 429, still after 2 retries\). Try again in 7 s\./);
    expect(server.requests()).toBe(3);
  });

  it('reports provider-unavailable for a 500 from a fault server, after retrying it', async () => {
    const server = await startFaultServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json', 'retry-after-ms': '10' });
      response.end(JSON.stringify({ error: { message: 'boom' } }));
    });
    const error = await failure(api.create(server.url, { maxRetries: 1 }).continueTranscript(transcript, options()));
    expect(error.code).toBe('provider-unavailable');
    expect(error.message).toMatch(/server error \(HTTP 500: boom\)/);
    expect(server.requests()).toBe(2);
  });

  it('reports provider-rejected for a 403 from a fault server without retrying', async () => {
    const server = await startFaultServer((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'not allowed' } }));
    });
    const error = await failure(api.create(server.url).continueTranscript(transcript, options()));
    expect(error.code).toBe('provider-rejected');
    expect(error.message).toMatch(/HTTP 403: not allowed.*Models > Cloud providers/);
    expect(server.requests()).toBe(1);
  });

  it('reports malformed JSON in a fault server stream as provider-unavailable', async () => {
    const server = await startFaultServer((_request, response) =>
      sendEvents(response, [api.events[0]!, 'event: message_delta\ndata: {"type": "message_delta", "delta": \n\n']),
    );
    const error = await failure(api.create(server.url).continueTranscript(transcript, options()));
    expect(error.code).toBe('provider-unavailable');
    expect(error.message).toMatch(/malformed or incomplete response/);
  });

  it('reports a malformed JSON body from a fault server as provider-unavailable', async () => {
    const server = await startFaultServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"choices": [');
    });
    const error = await failure(api.create(server.url).continueTranscript(transcript, options()));
    expect(error.code).toBe('provider-unavailable');
    expect(error.message).toMatch(/malformed or incomplete response/);
  });

  it('reports a stream a fault server cuts mid-way as provider-unavailable', async () => {
    const server = await startFaultServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(api.events[0]!);
      response.write(api.events[1]!, () => response.socket?.destroy());
    });
    const error = await failure(api.create(server.url).continueTranscript(transcript, options()));
    expect(error.code).toBe('provider-unavailable');
  });

  it('falls back within the idle timeout, without retrying, on a fault server that never answers', async () => {
    const server = await startFaultServer(() => {});
    const started = performance.now();
    const error = await failure(
      api.create(server.url, { limits: { idleTimeoutMs: 300 } }).continueTranscript(transcript, options()),
    );
    expect(error.code).toBe('provider-unavailable');
    expect(error.message).toMatch(/sent nothing for 0.3 s.*goes on locally/);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(server.requests()).toBe(1);
  });

  it('stops a fault server that drips one byte every 500 ms at the total timeout', async () => {
    const timers: NodeJS.Timeout[] = [];
    const server = await startFaultServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const text = api.events.join('');
      let index = 0;
      const drip = (): void => {
        if (response.destroyed || index >= text.length) return;
        response.write(text[index++]!);
        timers.push(setTimeout(drip, 500));
      };
      drip();
    });
    const started = performance.now();
    const error = await failure(
      api
        .create(server.url, { limits: { idleTimeoutMs: 800, totalTimeoutMs: 2000 } })
        .continueTranscript(transcript, options()),
    );
    timers.forEach(clearTimeout);
    expect(error.code).toBe('provider-unavailable');
    expect(error.message).toMatch(/did not finish within 2 s/);
    expect(performance.now() - started).toBeLessThan(3500);
  });

  it('stops a fault server that drips one byte every 500 ms at the idle timeout when that is shorter', async () => {
    const timers: NodeJS.Timeout[] = [];
    const server = await startFaultServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const drip = (): void => {
        if (response.destroyed) return;
        response.write(':');
        timers.push(setTimeout(drip, 500));
      };
      drip();
    });
    const error = await failure(
      api.create(server.url, { limits: { idleTimeoutMs: 300 } }).continueTranscript(transcript, options()),
    );
    timers.forEach(clearTimeout);
    expect(error.message).toMatch(/sent nothing for 0.3 s/);
  });

  it('stops a fault server that ignores max_tokens and streams forever at the size limit', async () => {
    let written = 0;
    const server = await startFaultServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = api.events[1]!.repeat(200);
      const pump = (): void => {
        while (!response.destroyed && written < 200 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
      };
      response.on('close', () => response.removeAllListeners('drain'));
      pump();
    });
    const error = await failure(
      api.create(server.url, { limits: { maxResponseBytes: 1024 * 1024 } }).continueTranscript(transcript, options()),
    );
    expect(error.code).toBe('provider-unavailable');
    expect(error.message).toMatch(/sent more than 1 MB/);
    // The stream was cut near the limit, not buffered to the end (the server would write 200 MB).
    expect(written).toBeLessThan(20 * 1024 * 1024);
  });

  it('reports a refused connection (a closed port) as provider-unavailable', async () => {
    const server = await startFaultServer(() => {});
    await server.close();
    const error = await failure(api.create(server.url, { maxRetries: 0 }).continueTranscript(transcript, options()));
    expect(error.code).toBe('provider-unavailable');
    expect(error.message).toMatch(/Could not connect to .*connection refused/);
  });

  it('cancels mid-stream through its AbortSignal (a fault server that stalls after one chunk)', async () => {
    const server = await startFaultServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(api.events.slice(0, api.events.length - 3).join(''));
    });
    const controller = new AbortController();
    const run = api
      .create(server.url)
      .continueTranscript(transcript, options({ signal: controller.signal, onToken: () => controller.abort() }));
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});
