// A chat turn cancelled right after it was sent, through the whole engine on the fixture GGUF:
// with the model cold (the cancel lands while it loads) and warm (the cancel lands as the paths start),
// at 0, 20 and 50 ms. The turn must leave 'running' (its task recorded as cancelled) within seconds,
// and its session must end (cancelTask false) in the same time.
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { createModelEngine } from './modelEngine.ts';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

function openEngine(): Engine {
  engine = createModelEngine();
  return engine;
}

/** Sends a turn, cancels it after `delayMs`, and returns the milliseconds until its turn shows a final status. */
async function cancelAfter(
  opened: Engine,
  delayMs: number,
  threadId?: string,
): Promise<{ ms: number; status: string | null; threadId: string; wasRunning: boolean }> {
  const sent = opened.sendTurn({
    ...(threadId === undefined ? {} : { threadId }),
    task: { prompt: 'What is 12+30?', paths: 2, escalation: 'never', seed: 3 },
  });
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const cancelledAt = performance.now();
  // False only when the turn already ended (a warm fixture model can answer within 50 ms).
  const wasRunning = opened.cancelTask(sent.taskId);
  const position = opened.getThread(sent.threadId).turns.length - 1;
  const statusOf = () => opened.getThread(sent.threadId).turns[position]?.status ?? null;
  await expect.poll(() => ![null, 'running'].includes(statusOf()), { timeout: 60_000, interval: 20 }).toBe(true);
  const ms = performance.now() - cancelledAt;
  await expect.poll(() => opened.cancelTask(sent.taskId), { timeout: 60_000, interval: 20 }).toBe(false);
  return { ms, status: statusOf(), threadId: sent.threadId, wasRunning };
}

describe('a chat turn cancelled at once', () => {
  it.each([0, 20, 50, 200])(
    'ends cancelled within seconds while the model loads (cancel after %i ms)',
    async (delayMs) => {
      const opened = openEngine();
      const result = await cancelAfter(opened, delayMs);
      console.log(`cold, cancel after ${delayMs} ms: turn ${result.status} after ${result.ms.toFixed(0)} ms`);
      expect(result.wasRunning).toBe(true);
      expect(result.status).toBe('cancelled');
      expect(result.ms).toBeLessThan(2_000);
      // The cancelled load leaves nothing half-loaded: the next turn of the chat loads the model and answers.
      const next = opened.sendTurn({
        threadId: result.threadId,
        task: { prompt: 'What is 2+2?', paths: 1, escalation: 'never', seed: 3 },
      });
      const statusOf = () => opened.getThread(next.threadId).turns[1]?.status ?? null;
      await expect.poll(() => ![null, 'running'].includes(statusOf()), { timeout: 60_000 }).toBe(true);
      expect(statusOf()).toBe('succeeded');
    },
    120_000,
  );

  it('ends cancelled within seconds on the warm model', async () => {
    const opened = openEngine();
    await opened.runTask({ prompt: 'What is 1+1?', paths: 1, escalation: 'never', seed: 1, stepBudget: 1 });
    let threadId: string | undefined;
    let cancelled = 0;
    for (const delayMs of [0, 20, 50]) {
      const result = await cancelAfter(opened, delayMs, threadId);
      threadId = result.threadId;
      console.log(`warm, cancel after ${delayMs} ms: turn ${result.status} after ${result.ms.toFixed(0)} ms`);
      if (result.wasRunning) {
        cancelled += 1;
        expect(result.status).toBe('cancelled');
      }
      expect(result.ms).toBeLessThan(2_000);
    }
    expect(cancelled).toBeGreaterThan(0);
  }, 180_000);
});
