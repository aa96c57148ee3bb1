// Property-based fuzzing of the real web host (createWebHost with a real engine on 127.0.0.1):
// malformed HTTP requests, raw WebSocket frames and IPC envelopes, each for a bounded time. After
// every case the host must still serve its page within 5 s.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { invokeChannels } from '#shared/ipc/channels.ts';
import type { Engine } from '#core/engine.ts';
import { createWebHost, type WebHost } from '../../../electron/web/createWebHost.ts';
import { createMemoryLogger, createTestEngine } from '../../helpers/createTestEngine.ts';
import { fuzzFor, hostileFrame, hostileHttpRequest } from '../../helpers/hostileArbitraries.ts';
import { answers, collect, encodeFrame, openRawWebSocket, sendRaw } from '../../helpers/rawHttp.ts';

let host: WebHost;
let engine: Engine;

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Atropos Desktop</title>');
  ({ engine } = createTestEngine());
  host = await createWebHost({ engine, logger: createMemoryLogger(), rendererDir, token: 'launch-token' });
});

afterAll(async () => {
  await host.close();
  await engine.dispose();
});

/** Channels that would start work beyond the request (downloads, tasks, training) are left out. */
const quickChannels = invokeChannels.filter(
  (channel) =>
    !['task:start', 'model:download', 'model:import', 'model:set-source', 'predictor:retrain', 'cloud:test'].includes(
      channel,
    ),
);

/** An envelope as the host's schema wants it (any request), or anything else a client could send. */
const envelope = fc.oneof(
  fc
    .record({
      type: fc.constant('invoke'),
      id: fc.nat(),
      channel: fc.oneof(fc.constantFrom(...quickChannels), fc.string({ maxLength: 100 })),
      // The renderer always sends a request ({} for none); JSON has no undefined.
      request: fc.jsonValue(),
    })
    .map((value) => ({ isWellFormed: true, id: value.id, text: JSON.stringify(value) })),
  fc
    .record({
      type: fc.oneof(fc.constant('invoke'), fc.string()),
      id: fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true }), fc.string(), fc.constant(null)),
      channel: fc.oneof(fc.constantFrom(...quickChannels), fc.string({ minLength: 101, maxLength: 300 })),
      request: fc.anything(),
    })
    .map((value) => ({ isWellFormed: false, id: -1, text: JSON.stringify(value) })),
  fc.oneof(fc.json(), fc.string()).map((text) => ({ isWellFormed: false, id: -1, text })),
);

/** What the host did with one text frame: the result for `id`, or the close code. */
function exchange(port: number, text: string, id: number): Promise<{ result: unknown } | { closed: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ipc?token=launch-token`, {
      origin: `http://127.0.0.1:${port}`,
    });
    const timer = setTimeout(() => reject(new Error(`no answer to ${text.slice(0, 200)}`)), 5_000);
    socket.on('error', () => undefined);
    socket.once('open', () => socket.send(text));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { type: string; id?: number; result?: unknown };
      if (message.type !== 'result' || message.id !== id) return;
      clearTimeout(timer);
      socket.terminate();
      resolve({ result: message.result });
    });
    socket.once('close', (code) => {
      clearTimeout(timer);
      resolve({ closed: code });
    });
  });
}

describe('the web host under fuzzing', () => {
  it('keeps answering after malformed HTTP requests of every shape', async () => {
    const runs = await fuzzFor(
      hostileHttpRequest(`127.0.0.1:${host.port}`, ['/', '/ipc', '/index.html']),
      4_000,
      async (text) => {
        await sendRaw(host.port, Buffer.from(text, 'latin1'), 40);
        expect(await answers(host.port)).toBe(200);
      },
    );
    console.log(`web host: ${runs} malformed HTTP requests`);
  });

  it('keeps answering after raw frames with any header bits on an authenticated socket', async () => {
    const frames = fc.array(hostileFrame(), { minLength: 1, maxLength: 3 });
    const runs = await fuzzFor(frames, 4_000, async (list) => {
      const socket = await openRawWebSocket(host.port, '/ipc?token=launch-token');
      socket.write(Buffer.concat(list.map(encodeFrame)));
      await collect(socket, 40);
      expect(await answers(host.port)).toBe(200);
    });
    console.log(`web host: ${runs} sequences of raw frames`);
  });

  it('answers every well-formed IPC envelope with its result and closes on anything else (1008)', async () => {
    const runs = await fuzzFor(envelope, 4_000, async ({ isWellFormed, id, text }) => {
      const outcome = await exchange(host.port, text, id);
      if (isWellFormed) expect(outcome).toHaveProperty('result.ok');
      else expect(outcome).toEqual({ closed: 1008 });
      expect(await answers(host.port)).toBe(200);
    });
    console.log(`web host: ${runs} IPC envelopes`);
  });
});
