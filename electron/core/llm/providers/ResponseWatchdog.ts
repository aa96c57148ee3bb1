import { AsyncLocalStorage } from 'node:async_hooks';
import type { Settings } from '#shared/domain.ts';
import { EngineError } from '#core/errors.ts';

/** How long and how much a cloud response may take. */
export type CloudLimits = {
  /** Silence allowed before the response starts and between two of its chunks. */
  readonly idleTimeoutMs: number;
  /** The whole request, from sending to the last byte. */
  readonly totalTimeoutMs: number;
  /** Bytes of one response body. */
  readonly maxResponseBytes: number;
};

/** Defaults of {@link CloudLimits}: 30 s of silence, 3 minutes in all, 8 MiB. */
export const defaultCloudLimits: CloudLimits = {
  idleTimeoutMs: 30_000,
  totalTimeoutMs: 180_000,
  maxResponseBytes: 8 * 1024 * 1024,
};

/** The limits the person set in Settings. */
export function cloudLimitsOf(settings: Settings): CloudLimits {
  return {
    idleTimeoutMs: settings.cloudIdleTimeoutSeconds * 1000,
    totalTimeoutMs: settings.cloudTotalTimeoutSeconds * 1000,
    maxResponseBytes: settings.cloudMaxResponseMegabytes * 1024 * 1024,
  };
}

/** The timer functions a watchdog (or an approval's expiry) uses; `hostTimers` by default. */
export type Timers = {
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: never) => void;
};

export const hostTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle),
};

const current = new AsyncLocalStorage<ResponseWatchdog>();

/**
 * Watches one cloud request: aborts it when the server is silent longer than the idle timeout
 * (before the response starts or between chunks), when the whole request outlasts the total
 * timeout, or when the body grows past the size limit. The provider hands `signal` to the SDK, so
 * an expiry is an abort the SDK does not retry, and then throws `failure`, which says which limit
 * ended the request. The body is counted by {@link watchedFetch}, which finds the watchdog of the
 * request it sends through `run`.
 */
export class ResponseWatchdog {
  readonly #controller = new AbortController();
  readonly #limits: CloudLimits;
  readonly #timers: Timers;
  readonly #name: string;
  #idle: unknown;
  readonly #total: unknown;
  #bytes = 0;
  #failure: EngineError | null = null;
  readonly #onOuterAbort: () => void;
  readonly #outer: AbortSignal | undefined;

  constructor(options: { limits: CloudLimits; name: string; signal?: AbortSignal; timers?: Timers }) {
    this.#limits = options.limits;
    this.#timers = options.timers ?? hostTimers;
    this.#name = options.name;
    this.#outer = options.signal;
    this.#onOuterAbort = () => this.#controller.abort(this.#outer?.reason);
    if (this.#outer?.aborted === true) this.#controller.abort(this.#outer.reason);
    this.#outer?.addEventListener('abort', this.#onOuterAbort, { once: true });
    const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
    this.#idle = this.#timers.setTimeout(
      () => this.#fail(`sent nothing for ${seconds(this.#limits.idleTimeoutMs)}`),
      this.#limits.idleTimeoutMs,
    );
    this.#total = this.#timers.setTimeout(
      () => this.#fail(`did not finish within ${seconds(this.#limits.totalTimeoutMs)}`),
      this.#limits.totalTimeoutMs,
    );
  }

  /** Aborted by an expiry, the size limit or the caller's own signal. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Why the watchdog ended the request, or null when it did not. */
  get failure(): EngineError | null {
    return this.#failure;
  }

  /** Runs `work` as this watchdog's request: fetches made inside it are watched. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return current.run(this, work);
  }

  /** Some bytes of the response arrived. */
  received(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes > this.#limits.maxResponseBytes) {
      const megabytes = Number((this.#limits.maxResponseBytes / (1024 * 1024)).toFixed(2));
      this.#fail(`sent more than ${megabytes} MB`);
      return;
    }
    this.#timers.clearTimeout(this.#idle as never);
    this.#idle = this.#timers.setTimeout(
      () => this.#fail(`sent nothing for ${Number((this.#limits.idleTimeoutMs / 1000).toFixed(1))} s`),
      this.#limits.idleTimeoutMs,
    );
  }

  /** Stops the timers; call when the request ended either way. */
  dispose(): void {
    this.#timers.clearTimeout(this.#idle as never);
    this.#timers.clearTimeout(this.#total as never);
    this.#outer?.removeEventListener('abort', this.#onOuterAbort);
  }

  /** The watchdog of the request being sent now, if any. */
  static current(): ResponseWatchdog | undefined {
    return current.getStore();
  }

  #fail(what: string): void {
    if (this.#failure !== null || this.#controller.signal.aborted) return;
    this.#failure = new EngineError(
      'provider-unavailable',
      `${this.#name} ${what}, so the request was stopped and the task goes on locally. ` +
        'Try again later, or change the cloud limits in Settings.',
    );
    this.dispose();
    this.#controller.abort(this.#failure);
  }
}

/**
 * `fetch` with the response body counted by the current request's {@link ResponseWatchdog}: each
 * chunk resets its idle timer and adds to its size. Requests outside a watchdog pass unchanged.
 */
export function watchedFetch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const watchdog = ResponseWatchdog.current();
    const response = await fetch(input, init);
    if (watchdog === undefined || response.body === null) return response;
    watchdog.received(0);
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const chunk = await reader.read();
        if (chunk.done) {
          controller.close();
          return;
        }
        watchdog.received(chunk.value.byteLength);
        if (watchdog.failure !== null) {
          await reader.cancel(watchdog.failure).catch(() => undefined);
          controller.error(watchdog.failure);
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
