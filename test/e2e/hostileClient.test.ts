// A hostile client against `npm run start:web` exactly as a person starts it: bad URLs before the
// token, the six WebSocket protocol violations and a 1.2 MB frame after it, and a custom pattern
// with catastrophic backtracking in a redaction preview. After each, the host must serve its page
// again within 5 s, and the process must still be running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answers,
  closeCodeOf,
  collect,
  encodeFrame,
  openRawWebSocket,
  sendRaw,
  statusOf,
  type RawFrame,
} from '../helpers/rawHttp.ts';
import { startWebHost, type StartedWebHost } from '../helpers/startWebHost.ts';

let host: StartedWebHost;
let port: number;
let token: string;

beforeAll(async () => {
  host = await startWebHost();
  const url = new URL(host.url);
  port = Number(url.port);
  token = url.searchParams.get('token') ?? '';
});

afterAll(async () => {
  await host?.stop();
});

/** Serves the page within 5 s, and says how long it took. */
async function answersWithin5s(): Promise<number> {
  const startedAt = performance.now();
  expect(await answers(port, '/', {}, 5_000)).toBe(200);
  return performance.now() - startedAt;
}

const upgrade = (target: string): string =>
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

describe('npm run start:web against a hostile client', () => {
  it('answers bad URLs before the token with 400, as upgrade targets and as GETs', async () => {
    for (const target of ['//[', 'http://[']) {
      expect(statusOf((await sendRaw(port, upgrade(target))).text)).toBe(400);
      await answersWithin5s();
      const get = `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;
      expect(statusOf((await sendRaw(port, get)).text)).toBe(400);
      await answersWithin5s();
    }
  });

  const violations: readonly [string, RawFrame, number][] = [
    ['a frame over 1 MiB', { opcode: 0x1, payload: Buffer.alloc(1024 * 1024 + 1, 0x61) }, 1009],
    ['a 1.2 MB frame', { opcode: 0x1, payload: Buffer.alloc(1_200_000, 0x20) }, 1009],
    ['invalid UTF-8', { opcode: 0x1, payload: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) }, 1007],
    ['an unmasked frame', { opcode: 0x1, isMasked: false, payload: Buffer.from('{}') }, 1002],
    ['a reserved opcode', { opcode: 0x3, payload: Buffer.from('x') }, 1002],
    ['RSV1 set', { opcode: 0x1, rsv: 4, payload: Buffer.from('{}') }, 1002],
    ['close code 999', { opcode: 0x8, payload: Buffer.from([0x03, 0xe7]) }, 1002],
  ];

  it.each(violations)('closes an authenticated socket on %s and keeps answering', async (_name, frame, code) => {
    const socket = await openRawWebSocket(port, `/ipc?token=${token}`);
    const reply = collect(socket, 5_000, (bytes) => closeCodeOf(bytes) !== null);
    socket.write(encodeFrame(frame));
    expect(closeCodeOf((await reply).bytes)).toBe(code);
    await answersWithin5s();
  });

  it('previews the pattern (a+)+$ on a 20 000-character sample without stalling the host', async () => {
    const socket = await openRawWebSocket(port, `/ipc?token=${token}`);
    const reply = collect(socket, 5_000, (bytes) => bytes.includes('"problems"'));
    const invoke = {
      type: 'invoke',
      id: 1,
      channel: 'privacy:preview-redaction',
      request: {
        text: `${'a'.repeat(19_990)}!`,
        settings: { types: {}, customPatterns: [{ pattern: '(a+)+$', label: 'NESTED' }], allowList: [] },
      },
    };
    socket.write(encodeFrame({ opcode: 0x1, payload: Buffer.from(JSON.stringify(invoke)) }));
    const elapsed = await answersWithin5s();
    console.log(`start:web answered ${elapsed.toFixed(0)} ms after the (a+)+$ preview was sent`);
    // The answer itself is a normal preview: RE2 finds no match before the "!", no problem to report.
    const { bytes } = await reply;
    const text = bytes.toString('utf8');
    expect(text).toContain('"id":1');
    expect(text).toContain('"ok":true');
    expect(text).toContain('"problems":[]');
  });
});
