import { CancelledError } from '#core/errors.ts';

/** Runs work with at most N at a time; the rest wait in arrival order. */
export type ConcurrencyLimit = <T>(work: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/**
 * A first-come, first-served limit: the local server runs one generation at a time by default (two
 * paths on two cores would halve each other's speed). Aborting a waiting request removes it from the
 * queue with a CancelledError.
 */
export function limitConcurrency(concurrency: number): ConcurrencyLimit {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next === undefined) active -= 1;
    else next();
  };
  return async <T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    if (signal?.aborted) throw new CancelledError();
    if (active < concurrency) active += 1;
    else {
      await new Promise<void>((resolve, reject) => {
        const start = (): void => {
          signal?.removeEventListener('abort', leave);
          resolve();
        };
        const leave = (): void => {
          waiting.splice(waiting.indexOf(start), 1);
          reject(new CancelledError());
        };
        waiting.push(start);
        signal?.addEventListener('abort', leave, { once: true });
      });
    }
    try {
      return await work();
    } finally {
      release();
    }
  };
}
