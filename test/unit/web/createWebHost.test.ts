import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Engine } from '#core/engine.ts';
import type { WireMessage } from '#shared/ipc/contract.ts';
import { createWebHost, type WebHost } from '../../../electron/web/createWebHost.ts';
import { createMemoryLogger, createTestEngine } from '../../helpers/createTestEngine.ts';

let host: WebHost | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  await host?.close();
  await engine?.dispose();
});

async function start(): Promise<WebHost> {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Atropos Desktop</title>');
  ({ engine } = createTestEngine());
  host = await createWebHost({ engine, logger: createMemoryLogger(), rendererDir, token: 'launch-token' });
  return host;
}

/** Opens a socket and resolves with 'open' or the HTTP status of the refusal. */
function connect(
  url: string,
  origin: string | undefined,
): Promise<{ outcome: 'open'; socket: WebSocket } | { outcome: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    socket.once('open', () => resolve({ outcome: 'open', socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ outcome: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<WireMessage> {
  return new Promise((resolve) =>
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as WireMessage)),
  );
}

function get(
  port: number,
  pathName: string,
  hostHeader: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathName, headers: { host: hostHeader } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('createWebHost', () => {
  it('listens on loopback only and serves the renderer with a strict CSP', async () => {
    const { port, url } = await start();
    expect(url).toBe(`http://127.0.0.1:${port}/?token=launch-token`);
    const page = await get(port, '/', `127.0.0.1:${port}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Atropos Desktop');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a foreign Host header (DNS rebinding) and paths outside the renderer', async () => {
    const { port } = await start();
    expect((await get(port, '/', `evil.example:${port}`)).status).toBe(403);
    expect((await get(port, '/../../package.json', `127.0.0.1:${port}`)).status).not.toBe(200);
    expect((await get(port, '/%2e%2e/%2e%2e/package.json', `127.0.0.1:${port}`)).status).toBe(404);
    expect((await get(port, '/..%2f..%2fpackage.json', `127.0.0.1:${port}`)).status).toBe(403);
    expect((await get(port, '/missing.js', `127.0.0.1:${port}`)).status).toBe(404);
  });

  it('refuses sockets without the token, with a wrong token, or from another origin', async () => {
    const { port } = await start();
    const self = `http://127.0.0.1:${port}`;
    expect(await connect(`ws://127.0.0.1:${port}/ipc`, self)).toEqual({ outcome: 401 });
    expect(await connect(`ws://127.0.0.1:${port}/ipc?token=guess`, self)).toEqual({ outcome: 401 });
    expect(await connect(`ws://127.0.0.1:${port}/ipc?token=launch-token`, 'https://evil.example')).toEqual({
      outcome: 403,
    });
    expect(await connect(`ws://127.0.0.1:${port}/ipc?token=launch-token`, undefined)).toEqual({ outcome: 403 });
    expect(await connect(`ws://127.0.0.1:${port}/other?token=launch-token`, self)).toEqual({ outcome: 404 });
  });

  it('answers invokes over the socket and pushes engine events', async () => {
    const { port } = await start();
    const connection = await connect(`ws://127.0.0.1:${port}/ipc?token=launch-token`, `http://127.0.0.1:${port}`);
    if (connection.outcome !== 'open') throw new Error(`refused with ${connection.outcome}`);
    const { socket } = connection;

    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'profile:create', request: { name: 'Lab' } }));
    const created = await nextMessage(socket);
    expect(created).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { name: 'Lab' } } });

    socket.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'settings:update', request: { stepBudget: 'many' } }));
    expect(await nextMessage(socket)).toMatchObject({
      type: 'result',
      id: 2,
      result: { ok: false, error: { code: 'invalid-request' } },
    });

    const event = nextMessage(socket);
    socket.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'settings:update', request: { stepBudget: 12 } }));
    expect(await event).toMatchObject({ type: 'event', channel: 'settings:changed', payload: { stepBudget: 12 } });
    socket.close();
  });

  it('closes a socket that sends a malformed frame', async () => {
    const { port } = await start();
    const connection = await connect(`ws://127.0.0.1:${port}/ipc?token=launch-token`, `http://127.0.0.1:${port}`);
    if (connection.outcome !== 'open') throw new Error(`refused with ${connection.outcome}`);
    const closed = new Promise<number>((resolve) => connection.socket.once('close', (code) => resolve(code)));
    connection.socket.send('{"type":"invoke","id":"not a number"}');
    expect(await closed).toBe(1008);
  });
});
