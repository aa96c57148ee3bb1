import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** What a raw exchange got back: the bytes the server sent and whether it closed the socket. */
export type RawReply = { readonly text: string; readonly bytes: Buffer; readonly isClosed: boolean };

function connected(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Collects what `socket` receives until it closes, `isEnough` says so or `waitMs` passes, then
 * destroys it.
 */
export function collect(socket: Socket, waitMs: number, isEnough?: (bytes: Buffer) => boolean): Promise<RawReply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const finish = (isClosed: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      resolve({ text: bytes.toString('latin1'), bytes, isClosed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isEnough?.(Buffer.concat(chunks)) === true) finish(true);
    });
    socket.on('error', () => undefined);
    socket.once('close', () => finish(true));
  });
}

/** Writes `bytes` on a fresh connection exactly as given and returns what came back. */
export async function sendRaw(port: number, bytes: Buffer | string, waitMs = 2_000): Promise<RawReply> {
  const socket = await connected(port);
  socket.on('error', () => undefined);
  socket.write(bytes);
  return collect(socket, waitMs);
}

/** The status code of the first response line in `text`, or null when there is none. */
export function statusOf(text: string): number | null {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * Resolves with the status of `GET path` (a fresh connection, no keep-alive), or rejects after
 * `timeoutMs`: the check that a server still answers.
 */
export function answers(port: number, path = '/', headers: Record<string, string> = {}, timeoutMs = 5_000) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent: false, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** The bits of one WebSocket frame as a client could send them, legal or not. */
export type RawFrame = {
  /** Defaults to true. */
  readonly fin?: boolean;
  /** RSV1-3 as a 3-bit number. Defaults to 0. */
  readonly rsv?: number;
  readonly opcode: number;
  /** Clients must mask; false sends the payload unmasked. Defaults to true. */
  readonly isMasked?: boolean;
  readonly payload: Buffer;
};

/** Encodes a frame byte for byte (RFC 6455 section 5.2), without checking that it is legal. */
export function encodeFrame(frame: RawFrame): Buffer {
  const { payload } = frame;
  const isMasked = frame.isMasked ?? true;
  const first = ((frame.fin ?? true) ? 0x80 : 0) | (((frame.rsv ?? 0) & 7) << 4) | (frame.opcode & 0x0f);
  let header: Buffer;
  if (payload.length < 126) {
    header = Buffer.from([first, payload.length]);
  } else if (payload.length < 65_536) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(payload.length, 2);
    header[1] = 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(BigInt(payload.length), 2);
    header[1] = 127;
  }
  header[0] = first;
  if (!isMasked) return Buffer.concat([header, payload]);
  header[1] = (header[1] ?? 0) | 0x80;
  const mask = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let index = 0; index < masked.length; index++) masked[index] = (masked[index] ?? 0) ^ (mask[index % 4] ?? 0);
  return Buffer.concat([header, mask, masked]);
}

/** A close frame's status code from the bytes a server sent after the handshake, or null. */
export function closeCodeOf(bytes: Buffer): number | null {
  for (let at = 0; at + 4 <= bytes.length;) {
    const opcode = (bytes[at] ?? 0) & 0x0f;
    const length = (bytes[at + 1] ?? 0) & 0x7f;
    // Servers send only short frames here (results and close frames); a longer one ends the search.
    if (length > 125) return null;
    if (opcode === 0x8) return length >= 2 ? bytes.readUInt16BE(at + 2) : null;
    at += 2 + length;
  }
  return null;
}

/**
 * Opens a WebSocket by hand (the raw handshake), so the test can then write any bytes at all on
 * it. Resolves once the server answered 101, with the socket and the bytes after the handshake.
 */
export async function openRawWebSocket(
  port: number,
  target: string,
  origin = `http://127.0.0.1:${port}`,
): Promise<Socket> {
  const socket = await connected(port);
  socket.on('error', () => undefined);
  socket.write(
    [
      `GET ${target} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Origin: ${origin}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      if (!head.startsWith('HTTP/1.1 101')) reject(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
      else resolve();
      const rest = Buffer.from(head.slice(end + 4), 'latin1');
      if (rest.length > 0) socket.unshift(rest);
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed during the handshake')));
  });
  return socket;
}
