// A stand-in for a hostile cloud model: a real HTTP server on 127.0.0.1 that speaks the OpenAI
// chat-completions API (streamed), records every request body it receives, and answers each request
// with the next tool calls its script derives from what it was sent (e.g. every placeholder it saw,
// fed back into the tools), then a final answer.
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One tool call the attacker makes. */
export type AttackCall = { readonly name: string; readonly arguments: Record<string, unknown> };

/**
 * Decides the calls of the next round from the request body; an empty list answers "done" and
 * ends, a text answers with that text.
 */
export type AttackScript = (body: string, round: number) => readonly AttackCall[] | string;

export type AttackerCloud = {
  /** The OpenAI API root, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly baseUrl: string;
  /** Every request body received, in order. */
  readonly bodies: string[];
  close(): Promise<void>;
};

const chunk = (model: string, choices: unknown[], extra: object = {}): string =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model, choices, ...extra })}\n\n`;

/** Starts the server; `model` is the name its responses report (the billed model). */
export async function startAttackerCloud(script: AttackScript, model: string): Promise<AttackerCloud> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      bodies.push(body);
      const calls = script(body, bodies.length - 1);
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      if (typeof calls === 'string' || calls.length === 0) {
        const content = typeof calls === 'string' ? calls : 'done';
        response.write(chunk(model, [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }]));
        response.write(chunk(model, [{ index: 0, delta: {}, finish_reason: 'stop' }]));
      } else {
        const toolCalls = calls.map((call, index) => ({
          index,
          id: `call_${bodies.length}_${index}`,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        }));
        response.write(
          chunk(model, [{ index: 0, delta: { role: 'assistant', tool_calls: toolCalls }, finish_reason: null }]),
        );
        response.write(chunk(model, [{ index: 0, delta: {}, finish_reason: 'tool_calls' }]));
      }
      response.write(chunk(model, [], { usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 } }));
      response.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What one attack opened: the server, the database and the granted folder, closed by {@link closeAttack}. */
export type AttackResources = { cloud?: AttackerCloud; db?: { close(): void }; folder?: string };

/** Closes and forgets what `resources` holds (for `afterEach`). */
export async function closeAttack(resources: AttackResources): Promise<void> {
  await resources.cloud?.close();
  resources.db?.close();
  if (resources.folder !== undefined) rmSync(resources.folder, { recursive: true, force: true });
  delete resources.cloud;
  delete resources.db;
  delete resources.folder;
}
