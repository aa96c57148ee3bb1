import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the capture server received, as it arrived. */
export type CapturedRequest = {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
};

/** A running capture server. */
export type CaptureServer = {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every request so far, in order of arrival. */
  readonly requests: readonly CapturedRequest[];
  close(): Promise<void>;
};

/**
 * A real HTTP server on 127.0.0.1 that records every request (headers and body, as the client sent
 * them) and passes it on to `upstream` (a model server), streaming the answer back: what a "cloud"
 * received can then be checked byte for byte.
 */
export async function startCaptureServer(upstream: string): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const target = new URL(upstream);
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: body.toString('utf8'),
      });
      const forwarded = httpRequest(
        `${target.origin}${incoming.url ?? '/'}`,
        { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => outgoing.destroy());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
