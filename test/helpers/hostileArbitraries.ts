import fc from 'fast-check';
import { expect } from 'vitest';
import type { RawFrame } from './rawHttp.ts';

/** Any string of code points 0-255, control characters included, written to the wire as latin1. */
const bytesText = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: 'binary-ascii', maxLength });

/** What a request's headers may hold: the ones servers act on, with values that confuse them. */
function headerLine(ownHost: string): fc.Arbitrary<string> {
  const name = fc.oneof(
    fc.constantFrom(
      'Host',
      'Origin',
      'Content-Type',
      'Content-Length',
      'Transfer-Encoding',
      'Upgrade',
      'Connection',
      'Sec-WebSocket-Key',
      'Sec-WebSocket-Version',
      'Sec-Fetch-Site',
      'Expect',
      'Authorization',
      'anthropic-version',
    ),
    bytesText(20),
  );
  const value = fc.oneof(
    fc.constantFrom(
      ownHost,
      'evil.example',
      'http://evil.example',
      'null',
      'websocket',
      'Upgrade',
      'keep-alive',
      'chunked',
      'chunked, gzip',
      '-1',
      '18446744073709551616',
      '100-continue',
      'application/json',
      'text/plain',
      'cross-site',
      'dGhlIHNhbXBsZSBub25jZQ==',
      '13',
    ),
    bytesText(200),
  );
  return fc.tuple(name, value).map(([key, text]) => `${key}: ${text}`);
}

/** Paths and absolute URLs made of pieces that trip parsers: dot segments, bad escapes, brackets. */
const pathLike = fc
  .tuple(
    fc.constantFrom('', 'http://', 'http://[', '//', 'ws://127.0.0.1', 'http://user:pass@'),
    fc.array(
      fc.oneof(
        fc.constantFrom(
          'ipc',
          'index.html',
          'v1',
          'models',
          'messages',
          '..',
          '%2e%2e',
          '%00',
          '%',
          '%ZZ',
          '[',
          ']',
          '',
        ),
        bytesText(8),
      ),
      { maxLength: 6 },
    ),
    fc.constantFrom('', '?token=', '?token=launch-token', '#x', '?a=%', '?&&=='),
  )
  .map(([prefix, parts, suffix]) => `${prefix}/${parts.join('/')}${suffix}`);

/**
 * Malformed and half-formed HTTP/1.1 requests: odd methods, targets that are no URL (`//[`),
 * broken versions, hostile headers (sometimes the server's own Host, so they get past the first
 * check), bodies that do or do not match their length, and raw bytes that are not HTTP at all.
 */
export function hostileHttpRequest(ownHost: string, paths: readonly string[]): fc.Arbitrary<string> {
  const method = fc.oneof(
    fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'CONNECT', 'TRACE', 'PRI', 'BREW', ''),
    bytesText(10),
  );
  const target = fc.oneof(
    fc.constantFrom(
      ...paths,
      '//[',
      'http://[',
      'http://[::1',
      '*',
      '/%',
      '/%E0%A4%A',
      '/%00',
      '/..%2f..%2fetc/passwd',
      '\\\\',
      'http://127.0.0.1:1/',
    ),
    // fc.webPath and fc.webUrl can take 10 s to draw one value for some seeds: paths are built here.
    pathLike,
    bytesText(60),
  );
  const version = fc.oneof(
    fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', '', 'HTTP/1.1 x'),
    bytesText(12),
  );
  const own = fc.constant(`Host: ${ownHost}`);
  const headers = fc.array(fc.oneof(own, headerLine(ownHost)), { maxLength: 8 });
  const body = fc.oneof(fc.constant(''), bytesText(3000));
  const request = fc
    .tuple(method, target, version, headers, fc.constantFrom('\r\n', '\n', '\r'), body)
    .map(([verb, path, http, lines, eol, content]) => [`${verb} ${path} ${http}`, ...lines, '', content].join(eol));
  return fc.oneof({ weight: 5, arbitrary: request }, { weight: 1, arbitrary: bytesText(4096) });
}

/** One WebSocket frame with any header bits: legal, reserved, unmasked, fragmented, or lying. */
export function hostileFrame(): fc.Arbitrary<RawFrame> {
  const payload = fc.oneof(
    fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
    fc.json({ maxDepth: 2 }).map((text) => Buffer.from(text)),
    fc.constant(Buffer.from('{"type":"invoke","id":1,"channel":"app:get-info","request":null}')),
  );
  return fc.record({
    fin: fc.boolean(),
    rsv: fc.integer({ min: 0, max: 7 }),
    opcode: fc.integer({ min: 0, max: 15 }),
    isMasked: fc.boolean(),
    payload,
  });
}

/**
 * Runs `property` on values of `arbitrary` for `timeLimitMs` (bounded time, not a fixed number of
 * runs), fails with fast-check's report (seed and counterexample) when one breaks it, and returns
 * how many values were tried.
 */
export async function fuzzFor<T>(
  arbitrary: fc.Arbitrary<T>,
  timeLimitMs: number,
  property: (value: T) => Promise<void>,
): Promise<number> {
  const details = await fc.check(fc.asyncProperty(arbitrary, property), {
    numRuns: 100_000,
    endOnFailure: true,
    plugins: [fc.interruptAfterTimeLimit(timeLimitMs)],
  });
  if (details.failed) {
    expect.fail(fc.defaultReportMessage(details) ?? 'a fuzz case failed');
  }
  expect(details.numRuns).toBeGreaterThan(10);
  return details.numRuns;
}
