import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The request target as a URL, or null when it is none (`//[` or `http://[` throw in `new URL`),
 * so the caller answers 400 instead of throwing inside a server callback.
 */
export function parseRequestTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://host');
  } catch {
    return null;
  }
}

/** The request path with %-escapes decoded, or null when an escape is malformed (`%E0%A4%A`). */
export function decodePath(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

/** Ends a raw socket with a bodiless HTTP status (upgrade refusals and parse errors). */
export function endWithStatus(socket: Duplex, status: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

const clientErrorStatus: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * Makes a Node HTTP server hard to knock over: a malformed request line, header or chunk gets an
 * error status and a closed socket; a client that resets mid-request is dropped quietly; slow
 * clients are cut off (headers within 10 s, whole requests within 30 s) instead of holding
 * sockets forever.
 */
export function hardenServer(server: Server): void {
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    endWithStatus(socket, clientErrorStatus[error.code ?? ''] ?? '400 Bad Request');
  });
}
