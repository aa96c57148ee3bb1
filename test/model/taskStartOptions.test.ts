// The window's task:start carries the CLI run's --model and --max-tokens to the engine as the CLI
// does (TaskRequest.localModel, .maxTokens): through the real IPC router, on the real llama.cpp with
// the fixture models. The local source stays the default source fixture, so a task that runs on the
// target fixture ran on the model the request named; a path of a task limited to 8 tokens writes no
// more than that, where the same task on the same model without the limit writes more.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter } from '#core/ipcRouter.ts';
import { createMemoryLogger } from '../helpers/createTestEngine.ts';
import { createModelEngine, modelsDir } from './modelEngine.ts';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

/** Starts a task over IPC and waits for its end; the task's recorded detail. */
async function runOverIpc(current: Engine, request: Record<string, unknown>) {
  const router = createIpcRouter(createIpcHandlers(current), createMemoryLogger());
  const ended = new Set<string>();
  const unsubscribe = current.onEvent((event) => {
    if (event.channel !== 'task:event') return;
    const { type, taskId } = event.payload as { type: string; taskId: string };
    if (['task-finished', 'task-failed', 'task-cancelled'].includes(type)) ended.add(taskId);
  });
  const started = await router.handle('task:start', request);
  expect(started).toMatchObject({ ok: true });
  const taskId = started.ok ? (started.value as { taskId: string }).taskId : '';
  await expect.poll(() => ended.has(taskId), { timeout: 150_000, interval: 100 }).toBe(true);
  unsubscribe();
  return current.getTask(taskId);
}

describe("task:start's local model and longest answer", () => {
  it('runs on the listed model the request names, each path writing at most maxTokens', async () => {
    engine = createModelEngine();
    const target = path.join(modelsDir, 'fixtures', 'target.gguf');
    const listed = await engine.listModels();
    expect(listed.map((model) => model.path)).toContain(target);
    const base = { worldTask: 3, paths: 2, escalation: 'never', seed: 5 };

    const limited = await runOverIpc(engine, { ...base, maxTokens: 8, localModel: target });
    expect(engine.getWarmModel().modelPath).toBe(target);
    expect(limited.paths.length).toBe(2);
    const limitedOut = limited.paths.map((entry) => entry.tokensOut);
    for (const tokens of limitedOut) expect(tokens).toBeLessThanOrEqual(8);

    // The same task on the same model without the limit (256 tokens a path) writes more.
    const unlimited = await runOverIpc(engine, { ...base, localModel: target });
    const unlimitedOut = unlimited.paths.map((entry) => entry.tokensOut);
    expect(Math.max(...unlimitedOut)).toBeGreaterThan(8);
    // Naming no model: the source fixture, Models' default.
    await runOverIpc(engine, base);
    expect(engine.getWarmModel().modelPath).toBe(path.join(modelsDir, 'fixtures', 'source.gguf'));
    console.log(
      `tokens out per path on target: maxTokens 8 ${limitedOut.join(', ')}; default ${unlimitedOut.join(', ')}`,
    );
  }, 320_000);
});
