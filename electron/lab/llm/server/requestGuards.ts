import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpError } from './serverHttp.ts';

/**
 * The request's path, or an HttpError 400 when its target is not a URL at all (`//[` or
 * `http://[` throw in `new URL`, which must not escape a request handler).
 */
export function requestPath(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
  } catch {
    throw new HttpError(400, 'The request target is not a valid URL.');
  }
}

/**
 * Refuses what a web page could send to a server on 127.0.0.1: another Host (DNS rebinding), a
 * foreign Origin or a cross-site fetch (403), and a POST without a JSON content type (415), the
 * only kind a page can send cross-origin without a CORS preflight, which this server never grants.
 * API clients (the official SDKs, curl with `-H 'content-type: application/json'`) pass.
 */
export function checkRequestSource(request: IncomingMessage, port: number): void {
  const ownHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!ownHosts.includes(request.headers.host ?? ''))
    throw new HttpError(403, `Forbidden host: this server answers only as 127.0.0.1:${port} or localhost:${port}.`);
  const origin = request.headers.origin;
  if (origin !== undefined && !ownHosts.some((host) => origin === `http://${host}`))
    throw new HttpError(403, 'Forbidden origin: web pages on other sites may not use this server.');
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new HttpError(403, 'Forbidden: cross-site requests may not use this server.');
  if (request.method === 'POST') {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      throw new HttpError(415, 'Send the body as JSON with the header content-type: application/json.');
  }
}

/**
 * A malformed request line, header or chunk gets an error status and a closed socket; a client
 * that resets is dropped quietly; headers must arrive within 10 s and a whole request within 60 s.
 */
export function hardenServer(server: Server): void {
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
}
