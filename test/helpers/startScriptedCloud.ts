import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the scripted cloud received. */
export type ScriptedRequest = {
  readonly bodyBytes: number;
  /** The credential the request carried: its `authorization` or `x-api-key` header, or null. */
  readonly credential: string | null;
  readonly body: {
    readonly model?: string;
    readonly max_tokens?: number;
    readonly messages?: readonly { role: string; content?: unknown }[];
  };
};

/** What the scripted cloud answers one request with. */
export type ScriptedTurn =
  | { readonly kind: 'tool'; readonly name: string; readonly arguments: Record<string, unknown> }
  | { readonly kind: 'answer'; readonly text: string };

/** Options of {@link startScriptedCloud}. */
export type ScriptedCloudOptions = {
  /** Decides each turn from the request (e.g. from how many tool results it carries). */
  readonly turn: (request: ScriptedRequest, index: number) => ScriptedTurn;
  /** The model the stream names. Defaults to the one requested. */
  readonly billedModel?: string;
  /** Tokens the server reports writing per turn. Defaults to 20. */
  readonly completionTokens?: number;
};

/** A running scripted cloud. */
export type ScriptedCloud = {
  /** The API root, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly baseUrl: string;
  readonly origin: string;
  readonly requests: ScriptedRequest[];
  close(): Promise<void>;
};

/**
 * A small OpenAI chat-completions server on 127.0.0.1 whose turns a test scripts: it streams a
 * tool call or an answer as SSE, names the model the test says billed it, and reports usage as a
 * real tokenizer would (4 bytes of the request per prompt token). For clouds that misbehave in
 * ways the project's own model server cannot (a router switching to a dearer model, tool loops of a
 * set length).
 */
export async function startScriptedCloud(options: ScriptedCloudOptions): Promise<ScriptedCloud> {
  const requests: ScriptedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = request.headers.authorization ?? request.headers['x-api-key'] ?? null;
      const seen: ScriptedRequest = {
        bodyBytes: raw.length,
        credential: Array.isArray(header) ? header.join(', ') : header,
        body: JSON.parse(raw.toString('utf8')) as ScriptedRequest['body'],
      };
      requests.push(seen);
      const turn = options.turn(seen, requests.length - 1);
      stream(response, turn, options.billedModel ?? seen.body.model ?? 'unknown', {
        prompt_tokens: Math.ceil(raw.length / 4),
        completion_tokens: options.completionTokens ?? 20,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function stream(
  response: ServerResponse,
  turn: ScriptedTurn,
  model: string,
  usage: { prompt_tokens: number; completion_tokens: number },
): void {
  const chunk = (choices: unknown[], extra: object = {}): string =>
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model, choices, ...extra })}\n\n`;
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  if (turn.kind === 'tool') {
    const call = { index: 0, id: `call-${Math.random().toString(36).slice(2)}`, type: 'function' };
    const fn = { name: turn.name, arguments: JSON.stringify(turn.arguments) };
    response.write(chunk([{ index: 0, delta: { role: 'assistant', tool_calls: [{ ...call, function: fn }] } }]));
    response.write(chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]));
  } else {
    response.write(chunk([{ index: 0, delta: { role: 'assistant', content: turn.text } }]));
    response.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
  }
  response.write(chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }));
  response.end('data: [DONE]\n\n');
}
