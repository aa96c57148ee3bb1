import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What a fault server does wrong: `cut` closes the connection mid-body, `stall` stops sending
 * mid-body until `cutStalled()`, `ignore-range` answers every request with the whole file (200),
 * `wrong-bytes` serves a file whose last byte differs (its ETag still names the right sha256).
 */
export type GgufServerFault = 'none' | 'cut' | 'stall' | 'ignore-range' | 'wrong-bytes';

/** Options of {@link startGgufServer}. */
export type GgufServerOptions = {
  readonly bytes: Buffer;
  /** The fault of each file request in turn; requests beyond the list are served correctly. */
  readonly faults?: readonly GgufServerFault[];
  /** The file offset where `cut` and `stall` stop. Defaults to half the file. */
  readonly faultAt?: number;
  /** Send the file's sha256 as its ETag. Defaults to false. */
  readonly hasShaEtag?: boolean;
  /** Sends the body in chunks of this many bytes, `chunkDelayMs` apart (visible progress). */
  readonly chunkBytes?: number;
  /** Defaults to 0. */
  readonly chunkDelayMs?: number;
};

/** A request the server saw. */
export type SeenRequest = { readonly path: string; readonly range: string | null; readonly status: number };

/** A real HTTP server on 127.0.0.1 serving one GGUF at `/files/NAME` (and `/redirect/NAME` to it). */
export type GgufServer = {
  readonly origin: string;
  readonly sha256: string;
  /** The direct link; `viaRedirect` goes through a 302 carrying `X-Linked-Etag` like Hugging Face. */
  url(name?: string, options?: { viaRedirect?: boolean }): string;
  readonly requests: SeenRequest[];
  /** Closes the connections a `stall` fault holds open (the client sees the body cut off). */
  cutStalled(): void;
  /** Resolves once a stalled response is waiting. */
  whenStalled(): Promise<void>;
  close(): Promise<void>;
};

/** Starts a GGUF server (a fault server when `fault` is set) on 127.0.0.1, port 0. */
export async function startGgufServer(options: GgufServerOptions): Promise<GgufServer> {
  const { bytes } = options;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const wrong = Buffer.from(bytes);
  wrong[wrong.length - 1] = (wrong[wrong.length - 1] ?? 0) ^ 0xff;
  const faults = [...(options.faults ?? [])];
  const faultAt = options.faultAt ?? Math.floor(bytes.length / 2);
  const requests: SeenRequest[] = [];
  const stalled: http.ServerResponse[] = [];
  const stallWaiters: (() => void)[] = [];
  const sockets = new Set<Socket>();

  async function send(response: http.ServerResponse, body: Buffer, stopAt: number | null): Promise<void> {
    const chunk = options.chunkBytes ?? body.length;
    const end = stopAt ?? body.length;
    for (let at = 0; at < end; at += chunk) {
      if (response.destroyed) return;
      // Wait until each chunk is handed to the socket, so a cut after it loses none of it.
      await new Promise((resolve) => response.write(body.subarray(at, Math.min(end, at + chunk)), resolve));
      if ((options.chunkDelayMs ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
    }
    if (stopAt === null) response.end();
  }

  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    const range = request.headers.range ?? null;
    const record = (status: number) => requests.push({ path, range, status });
    if (path.startsWith('/redirect/')) {
      record(302);
      response.writeHead(302, {
        location: `/files/${path.slice('/redirect/'.length)}`,
        'x-linked-etag': `"${sha256}"`,
      });
      response.end();
      return;
    }
    if (!path.startsWith('/files/') || !path.endsWith('.gguf')) {
      record(404);
      response.writeHead(404).end('not found');
      return;
    }
    const fault = faults.shift() ?? 'none';
    const file = fault === 'wrong-bytes' ? wrong : bytes;
    const match = /^bytes=(\d+)-$/.exec(range ?? '');
    const start = match !== null && fault !== 'ignore-range' ? Number(match[1]) : null;
    const headers: http.OutgoingHttpHeaders = { 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' };
    if (options.hasShaEtag === true) headers['etag'] = `"${sha256}"`;
    if (start !== null && start >= file.length) {
      record(416);
      response.writeHead(416, { ...headers, 'content-range': `bytes */${file.length}` }).end();
      return;
    }
    const from = start ?? 0;
    const body = file.subarray(from);
    const status = start === null ? 200 : 206;
    record(status);
    response.writeHead(status, {
      ...headers,
      'content-length': body.length,
      ...(start === null ? {} : { 'content-range': `bytes ${from}-${file.length - 1}/${file.length}` }),
    });
    const stopAt = (fault === 'cut' || fault === 'stall') && faultAt > from ? faultAt - from : null;
    void send(response, body, stopAt).then(() => {
      if (stopAt === null) return;
      if (fault === 'cut') {
        // Close after what was written has reached the client (end, not destroy, which could drop
        // bytes still in the socket's buffers): the body ends short of its content-length.
        response.socket?.end();
      } else {
        stalled.push(response);
        for (const waiter of stallWaiters.splice(0)) waiter();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    sha256,
    url: (name = 'model.gguf', urlOptions = {}) =>
      `${origin}/${urlOptions.viaRedirect === true ? 'redirect' : 'files'}/${name}`,
    requests,
    cutStalled() {
      for (const response of stalled.splice(0)) response.socket?.destroy();
    },
    whenStalled: () =>
      stalled.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => stallWaiters.push(resolve)),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
