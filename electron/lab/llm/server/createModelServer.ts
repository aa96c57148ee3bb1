import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnResponder } from '#core/llm/providers/AssistantTurn.ts';
import { CancelledError } from '#core/errors.ts';
import type { Clock, Logger } from '#core/ports.ts';
import { anthropicError, anthropicMessagesRoute } from './anthropicMessagesRoute.ts';
import { limitConcurrency } from './limitConcurrency.ts';
import { openAiChatRoute, openAiError } from './openAiChatRoute.ts';
import { checkRequestSource, hardenServer, requestPath } from './requestGuards.ts';
import type { RouteContext } from './RouteContext.ts';
import { HttpError, readJsonBody, sendJson } from './serverHttp.ts';

/** Options of {@link createModelServer}. */
export type ModelServerOptions = {
  /** The model that answers (a LocalLlamaProvider). The server does not dispose it. */
  readonly responder: TurnResponder;
  readonly clock: Clock;
  /** On 127.0.0.1 only. Defaults to 0: a free port. */
  readonly port?: number;
  /**
   * When set, requests must carry it as `Authorization: Bearer KEY` or `x-api-key: KEY`, else they
   * get a 401. Defaults to none (every local client may use the server).
   */
  readonly apiKey?: string;
  /** Generations run at once; further requests wait in order. Defaults to 1. */
  readonly concurrency?: number;
  /** For requests that name none (the Anthropic API has no seed). Defaults to 0.7. */
  readonly defaultTemperature?: number;
  /** The first seed given to a request without one; each such request gets the next. Defaults to 1. */
  readonly firstSeed?: number;
  /** Tokens per turn for requests without a limit. Defaults to 256. */
  readonly defaultMaxTokens?: number;
  /** The most tokens a request may ask for. Defaults to 4096. */
  readonly maxTokensLimit?: number;
  /** Defaults to 4 MiB. */
  readonly maxBodyBytes?: number;
  /** Where failures of the model are reported. Defaults to nowhere. */
  readonly logger?: Logger;
};

/** A running local model server. */
export type ModelServer = {
  /** e.g. `http://127.0.0.1:41234`: OpenAI clients use `${url}/v1` as base URL, Anthropic clients `url`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests, cuts open connections and resolves once the server is closed. */
  close(): Promise<void>;
};

/**
 * Serves one model over HTTP on 127.0.0.1 in the OpenAI chat-completions (`POST
 * /v1/chat/completions`) and Anthropic messages (`POST /v1/messages`) APIs, streaming or not, plus
 * `GET /v1/models`. Each request is one assistant turn; the client executes the tool calls it gets
 * back and sends their results in the next request. Bodies are checked with zod (400 in the API's
 * own error shape), unknown routes are 404. Generations run one at a time by default
 * (`concurrency`); a client that disconnects cancels its generation, queued or running.
 */
export async function createModelServer(options: ModelServerOptions): Promise<ModelServer> {
  const limit = limitConcurrency(options.concurrency ?? 1);
  let number = 0;
  let seed = options.firstSeed ?? 1;
  const shared = {
    responder: options.responder,
    limit,
    clock: options.clock,
    logger: options.logger,
    nextNumber: () => (number += 1),
    nextSeed: () => seed++ >>> 0,
    defaultTemperature: options.defaultTemperature ?? 0.7,
    maxTokens: { default: options.defaultMaxTokens ?? 256, limit: options.maxTokensLimit ?? 4096 },
  };
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;

  let port = 0;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let isAnthropic = request.headers['anthropic-version'] !== undefined;
    const fail = (status: number, message: string): void => {
      if (response.headersSent) {
        response.end();
        return;
      }
      sendJson(response, status, isAnthropic ? anthropicError(status, message) : openAiError(status, message));
    };
    const abort = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) abort.abort();
    });
    try {
      const path = requestPath(request);
      isAnthropic ||= path.startsWith('/v1/messages');
      checkRequestSource(request, port);
      if (options.apiKey !== undefined && !isAuthorized(request, options.apiKey))
        throw new HttpError(401, 'Invalid API key: pass the key the server was started with (--api-key).');
      const route =
        path === '/v1/chat/completions' ? openAiChatRoute : path === '/v1/messages' ? anthropicMessagesRoute : null;
      if (path === '/v1/models') {
        if (request.method !== 'GET') throw new HttpError(405, 'Use GET for /v1/models.');
        sendJson(response, 200, modelList(options.responder.modelName, isAnthropic, options.clock));
        return;
      }
      if (route === null) throw new HttpError(404, `No route ${request.method ?? ''} ${path}.`);
      if (request.method !== 'POST') throw new HttpError(405, `Use POST for ${path}.`);
      const body = await readJsonBody(request, maxBodyBytes);
      const context: RouteContext = { ...shared, signal: abort.signal, response };
      await route(body, context);
    } catch (error) {
      if (error instanceof HttpError) fail(error.status, error.message);
      else if (error instanceof CancelledError) response.end();
      else {
        const message = error instanceof Error ? error.message : String(error);
        options.logger?.error('local server: request failed', { message });
        fail(500, `The server failed: ${message}`);
      }
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger?.error('local server: answering failed', { error: String(error) });
      response.destroy();
    });
  });
  hardenServer(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, a server error (e.g. no file descriptors left to accept with) is logged, not fatal.
  server.on('error', (error) => options.logger?.error('local server: server error', { error: String(error) }));
  ({ port } = server.address() as AddressInfo);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function isAuthorized(request: IncomingMessage, apiKey: string): boolean {
  const bearer = request.headers.authorization;
  return bearer === `Bearer ${apiKey}` || request.headers['x-api-key'] === apiKey;
}

function modelList(modelName: string, isAnthropic: boolean, clock: Clock): unknown {
  if (isAnthropic) {
    const model = {
      type: 'model',
      id: modelName,
      display_name: modelName,
      created_at: new Date(clock.now()).toISOString(),
    };
    return { data: [model], has_more: false, first_id: modelName, last_id: modelName };
  }
  return {
    object: 'list',
    data: [{ id: modelName, object: 'model', created: Math.floor(clock.now() / 1000), owned_by: 'atropos-local' }],
  };
}
