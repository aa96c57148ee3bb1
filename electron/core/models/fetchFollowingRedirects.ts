import type { EgressGate, EgressPermit } from '#core/egress/EgressGate.ts';
import { EngineError } from '#core/errors.ts';
import { isAcceptableHop } from './downloadTarget.ts';

/** What a download request found out on its way to the file. */
export type FollowedResponse = {
  readonly response: Response;
  /** The address that finally answered. */
  readonly url: string;
  /**
   * The file's sha256 when a server on the way published it: Hugging Face's `X-Linked-Etag` on its
   * redirect (the LFS object id), or a final `ETag` that is a bare 64-hex digest.
   */
  readonly serverSha256: string | null;
};

/** Options of {@link fetchFollowingRedirects}. */
export type FollowOptions = {
  readonly gate: EgressGate;
  /** The permit for one hop; each origin gets its own, so each hop is checked and audited. */
  readonly permitFor: (origin: string) => EgressPermit;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  /** Defaults to 8. */
  readonly maxRedirects?: number;
};

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

function sha256Of(tag: string | null): string | null {
  const bare = tag
    ?.replace(/^W\//, '')
    .replace(/^"|"$/g, '')
    .toLowerCase();
  return bare !== undefined && /^[0-9a-f]{64}$/.test(bare) ? bare : null;
}

/**
 * GETs `url` through the egress gate, following redirects one hop at a time instead of letting
 * fetch follow them: a download link usually redirects to a CDN on another origin, and each hop
 * must pass the gate (and be written to the audit log) under a permit for its own origin. It also
 * lets us read the redirect's `X-Linked-Etag`, which is where Hugging Face publishes the sha256.
 */
export async function fetchFollowingRedirects(url: string, options: FollowOptions): Promise<FollowedResponse> {
  let current = new URL(url);
  let serverSha256: string | null = null;
  const maxRedirects = options.maxRedirects ?? 8;
  for (let hop = 0; hop <= maxRedirects; hop += 1) {
    const target = current;
    let response: Response;
    try {
      ({ value: response } = await options.gate.run(options.permitFor(target.origin), () =>
        options.gate.fetch(target.href, { headers: { ...options.headers }, redirect: 'manual', signal: options.signal }),
      ));
    } catch (error) {
      if (error instanceof EngineError || options.signal.aborted) throw error;
      const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : '';
      throw new EngineError(
        'provider-unavailable',
        `Could not reach ${target.host} (${reason}). Check the network connection, then Resume.`,
        { cause: error },
      );
    }
    serverSha256 = sha256Of(response.headers.get('x-linked-etag')) ?? serverSha256;
    const location = response.headers.get('location');
    if (!redirectStatuses.has(response.status) || location === null) {
      return { response, url: current.href, serverSha256: serverSha256 ?? sha256Of(response.headers.get('etag')) };
    }
    await response.body?.cancel();
    const next = new URL(location, current);
    if (!isAcceptableHop(next))
      throw new EngineError(
        'policy-denied',
        `The download redirected to ${next.origin}, which is not https; it was not followed. Use another link.`,
      );
    current = next;
  }
  throw new EngineError('provider-unavailable', `The download link redirected more than ${maxRedirects} times.`);
}
