import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { decodePath } from './httpGuards.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Serves files under `root` for GET/HEAD, refusing anything that resolves outside it. Unknown
 * paths get 404; the SPA uses hash routes, so no fallback to index.html is needed.
 */
export async function serveStatic(
  root: string,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', ...headers }).end();
    return;
  }
  const pathname = decodePath(url);
  if (pathname === null || pathname.includes('\0')) {
    response.writeHead(400, headers).end('Bad request path');
    return;
  }
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) {
    response.writeHead(403, headers).end('Forbidden');
    return;
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      throw new Error('not a file');
    }
    size = info.size;
  } catch {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'content-length': String(size),
    'cache-control': relative === 'index.html' ? 'no-store' : 'max-age=3600',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // A read error or a client that leaves mid-file ends this response only (pipeline destroys both).
  await pipeline(createReadStream(file), response).catch(() => undefined);
}
