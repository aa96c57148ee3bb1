import { open, truncate } from 'node:fs/promises';
import { EngineError } from '#core/errors.ts';
import type { FollowedResponse } from './fetchFollowingRedirects.ts';

/** Options of {@link transferToPart}. */
export type TransferOptions = {
  readonly url: string;
  readonly partFile: string;
  /** Bytes already in the `.part` file. */
  readonly offset: number;
  /** What the server said on an earlier attempt; a resumed transfer must agree. */
  readonly known: { readonly totalBytes: number | null; readonly serverSha256: string | null };
  /** GETs through the egress gate with these headers. */
  readonly fetch: (url: string, headers: Record<string, string>) => Promise<FollowedResponse>;
  readonly signal: AbortSignal;
  /** Called once the server answered, before any byte is written. */
  readonly onStart: (facts: { totalBytes: number | null; serverSha256: string | null; offset: number }) => Promise<void>;
  /** Called with the bytes in the `.part` file as they arrive. */
  readonly onBytes: (receivedBytes: number) => void;
};

function statusError(status: number, url: string): EngineError {
  const host = new URL(url).host;
  if (status === 404 || status === 410)
    return new EngineError('not-found', `${host} has no file at this link (HTTP ${status}). Check the link.`);
  if (status === 401 || status === 403)
    return new EngineError(
      'provider-rejected',
      `${host} refused the download (HTTP ${status}). The model may require you to accept its licence on its web page or to sign in; download it in a browser and import the file.`,
    );
  if (status === 429)
    return new EngineError('provider-rate-limited', `${host} is limiting downloads (HTTP 429). Wait a while, then Resume.`);
  return new EngineError('provider-unavailable', `${host} answered HTTP ${status}. Try Resume later.`);
}

/** `bytes START-END/TOTAL` of a 206 answer. */
function parseContentRange(header: string | null): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (match === null) return null;
  return { start: Number(match[1]), total: match[3] === '*' ? null : Number(match[3]) };
}

function lengthOf(response: Response): number | null {
  const header = response.headers.get('content-length');
  return header !== null && /^\d+$/.test(header) ? Number(header) : null;
}

/**
 * One HTTP transfer into the `.part` file. With bytes already there it asks for the rest
 * (`Range: bytes=N-`) and appends only when the server honours exactly that range (206 starting at
 * N, for the same file: same size and published sha256); a server that ignores the range (200),
 * answers a different range, or now serves a different file restarts the download from zero.
 * Returns when the server's bytes are all written; throws `provider-unavailable` when the
 * connection is cut, and the AbortError of `signal` when cancelled. The `.part` keeps every byte
 * written either way.
 */
export async function transferToPart(options: TransferOptions): Promise<{ restarted: boolean }> {
  let offset = options.offset;
  let restarted = false;
  if (offset > 0 && options.known.totalBytes !== null && offset >= options.known.totalBytes) {
    if (offset === options.known.totalBytes) return { restarted };
    // More bytes than the file has: the part is not this file. Start over.
    await truncate(options.partFile, 0);
    offset = 0;
    restarted = true;
  }
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) headers['range'] = `bytes=${offset}-`;
  const { response, url, serverSha256 } = await options.fetch(options.url, headers);
  let totalBytes: number | null;
  if (offset > 0 && response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    const isSameFile =
      (options.known.totalBytes === null || range?.total === options.known.totalBytes) &&
      (options.known.serverSha256 === null || serverSha256 === null || serverSha256 === options.known.serverSha256);
    if (range === null || range.start !== offset || !isSameFile) {
      await response.body?.cancel();
      await truncate(options.partFile, 0);
      const again = await transferToPart({ ...options, offset: 0, known: { totalBytes: null, serverSha256: null } });
    return { ...again, restarted: true };
    }
    totalBytes = range.total;
  } else if (response.status === 200) {
    if (offset > 0) {
      // The server ignored the range and sends the whole file: keep nothing of the old part.
      offset = 0;
      restarted = true;
    }
    totalBytes = lengthOf(response);
  } else if (response.status === 416 && offset > 0) {
    // Nothing left to send from there: the part is longer than the file. Start over.
    await response.body?.cancel();
    await truncate(options.partFile, 0);
    const again = await transferToPart({ ...options, offset: 0, known: { totalBytes: null, serverSha256: null } });
    return { ...again, restarted: true };
  } else {
    await response.body?.cancel();
    throw statusError(response.status, url);
  }
  await options.onStart({ totalBytes, serverSha256, offset });
  if (response.body === null) throw new EngineError('provider-unavailable', 'The server sent no file. Try Resume later.');
  // Each chunk is on disk before the next is read, so a cut connection keeps every byte received.
  let received = offset;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const file = await open(options.partFile, offset > 0 ? 'a' : 'w');
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (options.signal.aborted) throw error;
        throw interrupted(received, totalBytes, error);
      }
      if (chunk.done) break;
      const bytes = chunk.value;
      try {
        await file.write(bytes);
      } catch (error) {
        throw interrupted(received, totalBytes, error);
      }
      received += bytes.length;
      options.onBytes(received);
    }
  } finally {
    await file.close();
    if (options.signal.aborted) await reader.cancel().catch(() => undefined);
  }
  if (totalBytes !== null && received < totalBytes) throw interrupted(received, totalBytes, null);
  return { restarted };
}

function interrupted(received: number, total: number | null, cause: unknown): EngineError {
  const code = (cause as { code?: unknown } | null)?.code;
  if (cause instanceof Error && 'syscall' in cause && typeof code === 'string')
    return new EngineError(
      'storage-failed',
      `Could not write the download to disk (${code}: ${cause.message}). Free some space or check the models folder's permissions, then Resume.`,
      { cause },
    );
  const reason = cause instanceof Error ? ` (${cause.message})` : '';
  return new EngineError(
    'provider-unavailable',
    `The download was cut off after ${received}${total === null ? '' : ` of ${total}`} bytes${reason}. Press Resume to continue from there.`,
    { cause },
  );
}
