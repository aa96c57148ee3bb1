import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter } from '#core/ipcRouter.ts';
import type { Logger } from '#core/ports.ts';
import type { WireMessage } from '#shared/ipc/contract.ts';
import { endWithStatus, hardenServer, parseRequestTarget } from './httpGuards.ts';
import { serveStatic } from './serveStatic.ts';

/** How the web host is set up. */
export type WebHostOptions = {
  readonly engine: Engine;
  readonly logger: Logger;
  /** The built renderer (vite's output folder). */
  readonly rendererDir: string;
  /** 0 picks a free port. Defaults to 0. */
  readonly port?: number;
  /** The per-launch secret; defaults to 32 random bytes. Tests pass their own. */
  readonly token?: string;
};

/** A running web host. */
export type WebHost = {
  /** The page to open, with the token in its query string. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
};

const wireRequest = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  request: z.unknown(),
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The largest frame a client may send; ws closes the socket with 1009 beyond it. */
const maxFrameBytes = 1024 * 1024;
/** Invokes one socket may have unanswered at once; more closes it (a client flooding the engine). */
const maxInFlight = 64;
/** Bytes queued for a socket that does not read; more cuts it (a client that never reads its answers). */
const maxBufferedBytes = 16 * 1024 * 1024;

/**
 * Serves the renderer and the IPC contract over a WebSocket on 127.0.0.1 only. The page and its
 * socket must come from this host's own origin and carry the per-launch token; anything else is
 * refused before it reaches the engine. Requests go through the same router as Electron's ipcMain.
 */
export async function createWebHost(options: WebHostOptions): Promise<WebHost> {
  const { engine, logger } = options;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const router = createIpcRouter(createIpcHandlers(engine), logger);
  const sockets = new Set<WebSocket>();
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  const server = createServer((request, response) => {
    const headers = securityHeaders(port);
    // A page on another site could resolve its own name to 127.0.0.1 (DNS rebinding); the Host
    // header gives it away.
    if (!allowedHosts().includes(request.headers.host ?? '')) {
      response.writeHead(403, headers).end('Forbidden host');
      return;
    }
    const url = parseRequestTarget(request.url);
    if (url === null) {
      response.writeHead(400, headers).end('Bad request target');
      return;
    }
    serveStatic(options.rendererDir, url, request, response, headers).catch((error: unknown) => {
      logger.error('static file failed', { error: String(error) });
      response.destroy();
    });
  });
  hardenServer(server);

  const sockServer = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removes its own error listener from an upgraded socket: without ours, a client that
    // resets the connection would crash the host.
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(request, allowedHosts(), token, logger);
    if (refusal !== null) {
      endWithStatus(socket, refusal);
      return;
    }
    sockServer.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      serveSocket(ws, router, logger);
    });
  });

  const unsubscribe = engine.onEvent((event) => {
    for (const ws of sockets) {
      send(ws, { type: 'event', channel: event.channel, payload: event.payload }, logger);
    }
  });

  await listen(server, options.port ?? 0);
  // After listening, a server error (e.g. no file descriptors left to accept with) is logged, not fatal.
  server.on('error', (error) => logger.error('web host server error', { error: String(error) }));
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) {
        ws.terminate();
      }
      sockServer.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The headers of every page and file: this host's own origin and its socket only. */
function securityHeaders(port: number): Record<string, string> {
  const contentSecurityPolicy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** The HTTP status a WebSocket upgrade is refused with, or null when it may open. */
function upgradeRefusal(
  request: IncomingMessage,
  allowedHosts: readonly string[],
  token: string,
  logger: Logger,
): string | null {
  const url = parseRequestTarget(request.url);
  const origin = request.headers.origin ?? '';
  if (url === null) return '400 Bad Request';
  if (url.pathname !== '/ipc') return '404 Not Found';
  if (!allowedHosts.includes(request.headers.host ?? '') || !allowedHosts.some((host) => origin === `http://${host}`)) {
    logger.warn('refused a WebSocket from another origin', { origin, host: request.headers.host });
    return '403 Forbidden';
  }
  if (!sameSecret(url.searchParams.get('token') ?? '', token)) {
    logger.warn('refused a WebSocket without the launch token', { origin });
    return '401 Unauthorized';
  }
  return null;
}

function send(ws: WebSocket, message: WireMessage, logger: Logger): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > maxBufferedBytes) {
    logger.warn('cut a WebSocket that does not read its messages', { buffered: ws.bufferedAmount });
    ws.terminate();
    return;
  }
  ws.send(JSON.stringify(message));
}

/** Answers an accepted socket's invokes through the router; a malformed or flooding client is closed. */
function serveSocket(ws: WebSocket, router: ReturnType<typeof createIpcRouter>, logger: Logger): void {
  let inFlight = 0;
  // Protocol violations (a frame over maxFrameBytes, invalid UTF-8, an unmasked frame, a reserved
  // opcode, RSV1 without an extension, a close code such as 999) arrive here; ws has already
  // started closing the socket with the matching code. Without a listener they would crash the host.
  ws.on('error', (error) => {
    logger.warn('closed a WebSocket after a protocol error', { message: error.message });
  });
  ws.on('message', (data, isBinary) => {
    let message: z.infer<typeof wireRequest>;
    try {
      // The socket's binaryType is 'nodebuffer', so text frames arrive as one Buffer.
      if (isBinary || !Buffer.isBuffer(data)) {
        throw new Error('binary frame');
      }
      message = wireRequest.parse(JSON.parse(data.toString('utf8')));
    } catch {
      logger.warn('closed a WebSocket that sent a malformed frame');
      ws.close(1008, 'malformed message');
      return;
    }
    if (inFlight >= maxInFlight) {
      logger.warn('closed a WebSocket with too many unanswered requests', { inFlight });
      ws.close(1008, 'too many requests at once');
      return;
    }
    inFlight += 1;
    router
      .handle(message.channel, message.request)
      .then((result) => send(ws, { type: 'result', id: message.id, result }, logger))
      .catch((error: unknown) => logger.error('IPC dispatch failed', { error: String(error) }))
      .finally(() => {
        inFlight -= 1;
      });
  });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
