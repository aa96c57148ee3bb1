import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { EgressAuditStore } from '#core/db/EgressAuditStore.ts';
import { EngineError } from '#core/errors.ts';
import type { Clock } from '#core/ports.ts';

/** The network function of the host (globalThis.fetch in Node). */
export type Fetch = typeof globalThis.fetch;

/** What allows requests to leave while a cloud call runs. */
export type EgressPermit = {
  readonly profileId: string;
  readonly taskId: string | null;
  /** The task's path the requests continue, recorded on their audit rows. Defaults to none. */
  readonly pathIndex?: number;
  /** The provider id, e.g. `openai:gpt-4o`. */
  readonly provider: string;
  readonly model: string;
  /** The only origin requests may go to, e.g. `https://api.openai.com`. */
  readonly origin: string;
  readonly allowedBy: 'policy' | 'user';
  /** Redactions in what is being sent, by type (counts only), when `prepareBody` does not count them. */
  readonly redactions: Readonly<Record<string, number>>;
  /**
   * The last step before a request body leaves: the task's redaction replaces every original its
   * vault holds (in any trivial variant) by its placeholder and counts the placeholders the body
   * carries by type, which the audit log records for this request. Defaults to sending as is.
   */
  readonly prepareBody?: (body: string) => { body: string; redactions: Readonly<Record<string, number>> };
  /**
   * The budget meter of a billed model call. With it, every request must carry a JSON body with a
   * positive `max_tokens` and be sent while the meter holds its worst case against the caps.
   */
  readonly meter?: { isHolding(): boolean };
};

type OpenPermit = EgressPermit & { lastAuditId: number | null; requests: number };

/**
 * The one way out of the machine. Cloud providers are built with `gate.fetch` and no other network
 * access; `gate.fetch` sends only inside `gate.run(permit, ...)`, which the escalation opens after
 * the profile's policy allowed the call, the request was redacted and the budget reserved. Each
 * request is checked against the permit's origin, must carry a text body (what was redacted), and
 * is written to the egress audit log before it is sent. Anything else is refused with
 * `policy-denied` and nothing leaves.
 */
export class EgressGate {
  readonly #fetch: Fetch;
  readonly #audit: EgressAuditStore;
  readonly #clock: Clock;
  readonly #permits = new AsyncLocalStorage<OpenPermit>();
  #requestsSent = 0;

  constructor(options: { fetch: Fetch; audit: EgressAuditStore; clock: Clock }) {
    this.#fetch = options.fetch;
    this.#audit = options.audit;
    this.#clock = options.clock;
  }

  /** Requests that left through the gate since it was made. */
  get requestsSent(): number {
    return this.#requestsSent;
  }

  /** Runs `work` with `permit` open; requests made by `work` (and only those) may leave. */
  async run<T>(
    permit: EgressPermit,
    work: () => Promise<T>,
  ): Promise<{ value: T; lastAuditId: number | null; requests: number }> {
    const open: OpenPermit = { ...permit, lastAuditId: null, requests: 0 };
    const value = await this.#permits.run(open, work);
    return { value, lastAuditId: open.lastAuditId, requests: open.requests };
  }

  /**
   * Adds a finished request's usage and charge to its audit row: the last request sent under the
   * permit open here (a continuation sends one request at a time). Nothing outside a permit.
   */
  recordLastRequestUsage(usage: { tokensIn: number; tokensOut: number; costUsd: number }): void {
    const auditId = this.#permits.getStore()?.lastAuditId ?? null;
    if (auditId !== null) this.#audit.setUsage(auditId, usage);
  }

  /** The fetch to hand to a cloud SDK client. */
  readonly fetch: Fetch = async (input, init) => {
    const permit = this.#permits.getStore();
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (permit === undefined)
      throw new EngineError(
        'policy-denied',
        `A request to ${url.origin} was attempted outside the egress gate and was not sent. This is a bug; please report it.`,
      );
    if (url.origin !== permit.origin)
      throw new EngineError(
        'policy-denied',
        `A request to ${url.origin} was refused: this call may only reach ${permit.origin}. Nothing was sent.`,
      );
    const body = init?.body ?? null;
    if (body !== null && typeof body !== 'string')
      throw new EngineError('policy-denied', 'Only text request bodies may leave the machine; nothing was sent.');
    const prepared = permit.prepareBody?.(body ?? '');
    const text = prepared?.body ?? body ?? '';
    const redactions = prepared?.redactions ?? permit.redactions;
    if (permit.meter !== undefined) checkMetered(text, permit.meter, url.origin);
    permit.lastAuditId = this.#audit.append({
      at: this.#clock.now(),
      profileId: permit.profileId,
      taskId: permit.taskId,
      provider: permit.provider,
      endpoint: `${url.origin}${url.pathname}`,
      bytesSent: Buffer.byteLength(text),
      redactionCount: Object.values(redactions).reduce((sum, count) => sum + count, 0),
      redactions,
      allowedBy: permit.allowedBy,
      model: permit.model,
      requestSha256: createHash('sha256').update(text).digest('hex'),
      pathIndex: permit.pathIndex ?? null,
    });
    permit.requests += 1;
    this.#requestsSent += 1;
    const auditId = permit.lastAuditId;
    try {
      if (prepared === undefined || prepared.body === body) return await this.#fetch(input, init);
      // The body changed length: a length header set for the old one would be wrong.
      const headers = new Headers(init?.headers);
      headers.delete('content-length');
      return await this.#fetch(input, { ...init, headers, body: prepared.body });
    } catch (error) {
      // No connection was made, so nothing left: the row stays (it was written first) but says so.
      if (isNoConnection(error)) this.#audit.markUnsent(auditId);
      throw error;
    }
  };
}

const noConnectionCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Whether a fetch failed before any connection was made (Node's fetch puts the socket error in `cause`). */
function isNoConnection(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && noConnectionCodes.has(code)) return true;
    current = current.cause;
  }
  return false;
}

/** A billed request leaves only with a max_tokens and a budget hold: caps cannot be passed around the meter. */
function checkMetered(body: string, meter: { isHolding(): boolean }, origin: string): void {
  let maxTokens: unknown;
  try {
    maxTokens = (JSON.parse(body) as { max_tokens?: unknown }).max_tokens;
  } catch {
    maxTokens = undefined;
  }
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)
    throw new EngineError(
      'policy-denied',
      `A request to ${origin} without a max_tokens limit was refused, so its cost could not be capped. Nothing was sent.`,
    );
  if (!meter.isHolding())
    throw new EngineError(
      'policy-denied',
      `A request to ${origin} was refused: its cost was not held against the budget first. This is a bug; please report it.`,
    );
}
