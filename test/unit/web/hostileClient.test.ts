// Hostile clients against the real web host (createWebHost on 127.0.0.1 with a real engine): raw
// bytes on real sockets, before and after the token. After each, the host must still answer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { createWebHost, type WebHost } from '../../../electron/web/createWebHost.ts';
import { createMemoryLogger, createTestEngine } from '../../helpers/createTestEngine.ts';
import {
  answers,
  closeCodeOf,
  collect,
  encodeFrame,
  openRawWebSocket,
  sendRaw,
  statusOf,
  type RawFrame,
} from '../../helpers/rawHttp.ts';

let host: WebHost;
let engine: Engine;
const logger = createMemoryLogger();

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Atropos Desktop</title>');
  ({ engine } = createTestEngine());
  host = await createWebHost({ engine, logger, rendererDir, token: 'launch-token' });
});

afterAll(async () => {
  await host.close();
  await engine.dispose();
});

const upgrade = (target: string, port: number): string =>
  [
    `GET ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Origin: http://127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');

describe('the web host before authentication', () => {
  it.each(['//[', 'http://[', '//[/ipc?token=launch-token', 'http://[::1/ipc'])(
    'answers 400 to an upgrade whose target is %s, and keeps answering',
    async (target) => {
      const reply = await sendRaw(host.port, upgrade(target, host.port));
      expect(statusOf(reply.text)).toBe(400);
      expect(reply.isClosed).toBe(true);
      expect(await answers(host.port)).toBe(200);
    },
  );

  it.each(['//[', 'http://[', '/%E0%A4%A', '/index.html%00'])('answers 400 to GET %s', async (target) => {
    const request = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`;
    const reply = await sendRaw(host.port, request);
    expect(statusOf(reply.text)).toBe(400);
    expect(await answers(host.port)).toBe(200);
  });

  it('answers an error status to a bad request line, an oversized header and a bad chunk', async () => {
    const port = host.port;
    expect(statusOf((await sendRaw(port, 'NOT A REQUEST\r\n\r\n')).text)).toBe(400);
    expect(statusOf((await sendRaw(port, '\x00\xff\x16\x03\x01 binary\r\n\r\n')).text)).toBe(400);
    const bigHeader = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`;
    expect(statusOf((await sendRaw(port, bigHeader)).text)).toBe(431);
    const badChunk = `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`;
    // The host refuses the POST (405) before it reads the body; the bad chunk then closes the socket.
    const chunked = await sendRaw(port, badChunk);
    expect(statusOf(chunked.text)).toBe(405);
    expect(chunked.isClosed).toBe(true);
    expect(await answers(port)).toBe(200);
  });

  it('survives a client that resets in the middle of an upgrade', async () => {
    const { connect } = await import('node:net');
    for (let round = 0; round < 20; round++) {
      const socket = connect({ host: '127.0.0.1', port: host.port });
      socket.on('error', () => undefined);
      socket.write(upgrade('/ipc', host.port).slice(0, 60 + round));
      socket.resetAndDestroy();
    }
    expect(await answers(host.port)).toBe(200);
  });
});

/** The six protocol violations of the issue, each with the close code RFC 6455 gives it. */
const violations: readonly { name: string; frame: RawFrame; code: number }[] = [
  {
    name: 'a frame over 1 MiB',
    frame: { opcode: 0x1, payload: Buffer.alloc(1024 * 1024 + 1, 0x61) },
    code: 1009,
  },
  {
    name: 'invalid UTF-8 in a text frame',
    frame: { opcode: 0x1, payload: Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]) },
    code: 1007,
  },
  { name: 'an unmasked frame', frame: { opcode: 0x1, isMasked: false, payload: Buffer.from('{}') }, code: 1002 },
  { name: 'a reserved opcode', frame: { opcode: 0x3, payload: Buffer.from('x') }, code: 1002 },
  { name: 'RSV1 without an extension', frame: { opcode: 0x1, rsv: 4, payload: Buffer.from('{}') }, code: 1002 },
  {
    name: 'close code 999',
    frame: { opcode: 0x8, payload: Buffer.from([0x03, 0xe7]) },
    code: 1002,
  },
];

describe('the web host after authentication', () => {
  it.each(violations)('closes the socket on $name (code $code) and keeps answering', async ({ frame, code }) => {
    const socket = await openRawWebSocket(host.port, '/ipc?token=launch-token');
    const reply = collect(socket, 5_000, (bytes) => closeCodeOf(bytes) !== null);
    socket.write(encodeFrame(frame));
    const { bytes } = await reply;
    expect(closeCodeOf(bytes)).toBe(code);
    expect(await answers(host.port)).toBe(200);
  });

  it('closes on a 1.2 MB frame (1009), a frame claiming 2^63 bytes (1009) and a malformed envelope (1008)', async () => {
    const cases: readonly [Buffer, number][] = [
      [encodeFrame({ opcode: 0x1, payload: Buffer.alloc(1_200_000, 0x20) }), 1009],
      [Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]), 1009],
      [encodeFrame({ opcode: 0x1, payload: Buffer.from('{"type":"invoke","id":-1}') }), 1008],
    ];
    for (const [bytes, code] of cases) {
      const socket = await openRawWebSocket(host.port, '/ipc?token=launch-token');
      const reply = collect(socket, 5_000, (received) => closeCodeOf(received) !== null);
      socket.write(bytes);
      expect(closeCodeOf((await reply).bytes)).toBe(code);
      expect(await answers(host.port)).toBe(200);
    }
    expect(JSON.stringify(logger.records)).toContain('protocol error');
  });

  it('answers a custom pattern with catastrophic backtracking in a preview at once, and keeps answering', async () => {
    const socket = await openRawWebSocket(host.port, '/ipc?token=launch-token');
    const reply = collect(socket, 5_000);
    const invoke = {
      type: 'invoke',
      id: 1,
      channel: 'privacy:preview-redaction',
      request: {
        text: `${'a'.repeat(19_000)}!`,
        settings: { types: {}, customPatterns: [{ pattern: '(a+)+$', label: 'NESTED' }], allowList: [] },
      },
    };
    const startedAt = performance.now();
    socket.write(encodeFrame({ opcode: 0x1, payload: Buffer.from(JSON.stringify(invoke)) }));
    const answered = await Promise.race([answers(host.port).then(() => performance.now() - startedAt), reply]);
    expect(typeof answered).toBe('number');
    expect(answered).toBeLessThan(5_000);
    socket.destroy();
  });
});
