import { describe, expect, it } from 'vitest';
import { limitConcurrency } from '#lab/llm/server/limitConcurrency.ts';
import { CancelledError } from '#core/errors.ts';

/** A promise and its resolver. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('limitConcurrency', () => {
  it('runs one at a time in arrival order', async () => {
    const limit = limitConcurrency(1);
    const order: string[] = [];
    const first = gate();
    const a = limit(async () => {
      order.push('a start');
      await first.promise;
      order.push('a end');
    });
    const b = limit(() => Promise.resolve(order.push('b')));
    const c = limit(() => Promise.resolve(order.push('c')));
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    first.open();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a start', 'a end', 'b', 'c']);
  });

  it('lets a waiting request leave the queue when its signal aborts, and keeps the slot count right', async () => {
    const limit = limitConcurrency(1);
    const first = gate();
    const a = limit(() => first.promise);
    const controller = new AbortController();
    let ran = false;
    const b = limit(() => Promise.resolve((ran = true)), controller.signal);
    controller.abort();
    await expect(b).rejects.toBeInstanceOf(CancelledError);
    first.open();
    await a;
    expect(ran).toBe(false);
    // The slot is free again: two more run, one after the other.
    await expect(Promise.all([limit(() => Promise.resolve(1)), limit(() => Promise.resolve(2))])).resolves.toEqual([
      1, 2,
    ]);
  });
});
