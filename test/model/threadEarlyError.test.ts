// A chat turn whose request fails before its model loads (here: a granted folder that does not exist),
// through the whole engine on the fixture GGUF. The turn must never stay 'running': either thread:send
// refuses it with the sentence (and no chat or turn is created), or the turn ends 'failed' within 2 s.
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { createModelEngine } from './modelEngine.ts';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

const missingFolder = '/nonexistent/atropos-granted-folder';

/** Sends the turn; returns the thrown message, or the turn's status once final (null if still running after 2 s). */
async function sendAndSettle(
  opened: Engine,
  threadId?: string,
): Promise<{ refused: string } | { status: string | null }> {
  let sent: { threadId: string; taskId: string };
  try {
    sent = opened.sendTurn({
      ...(threadId === undefined ? {} : { threadId }),
      task: { prompt: 'List the files.', paths: 1, escalation: 'never', grantedFolders: [missingFolder] },
    });
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) };
  }
  const statusOf = () => opened.getThread(sent.threadId).turns.at(-1)?.status ?? null;
  const until = performance.now() + 2_000;
  while ([null, 'running'].includes(statusOf()) && performance.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return { status: statusOf() };
}

describe('a chat turn with a granted folder that does not exist', () => {
  it('is refused with the sentence (or ends failed) in a new chat, leaving no chat behind', async () => {
    engine = createModelEngine();
    const result = await sendAndSettle(engine);
    if ('refused' in result) {
      expect(result.refused).toBe(`${missingFolder} is not a folder on this computer; check the path you granted.`);
      expect(engine.listThreads({})).toEqual([]);
    } else expect(result.status).toBe('failed');
  }, 60_000);

  it('is refused in a chat that has turns, which keeps only its earlier turn', async () => {
    engine = createModelEngine();
    const first = engine.sendTurn({ task: { prompt: 'What is 2+2?', paths: 1, escalation: 'never', seed: 3 } });
    const firstStatus = () => engine?.getThread(first.threadId).turns[0]?.status ?? null;
    await expect.poll(() => ![null, 'running'].includes(firstStatus()), { timeout: 60_000 }).toBe(true);
    const result = await sendAndSettle(engine, first.threadId);
    if ('refused' in result) {
      expect(result.refused).toMatch(/is not a folder on this computer/);
      expect(engine.getThread(first.threadId).turns).toHaveLength(1);
    } else expect(result.status).toBe('failed');
  }, 120_000);
});
