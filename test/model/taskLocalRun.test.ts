// A real task and a real chat turn on the source fixture through llama.cpp record what their local
// paths ran on (issue 18.5, 18.6), as the provider reported it: this machine has no GPU, so the
// backend is the CPU with its reason, no layer is offloaded, and each path ran in a context of its
// own on the threads the local provider creates path contexts with.
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelEngine } from './modelEngine.ts';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

describe("a task's local run on the real llama.cpp", () => {
  it('is recorded from the provider: the CPU (no GPU found), 0 layers offloaded, a context per path', async () => {
    engine = createModelEngine();
    const result = await engine.runTask({ prompt: 'What is 12+30?', paths: 2, escalation: 'never', seed: 3 });
    const run = engine.getTask(result.taskId).task.localRun;
    // The Models screen's report of the same backend: what the task recorded is what the engine opened.
    const warm = engine.getWarmModel();
    expect(warm.backend?.backend).toBe('cpu');
    expect(run).toEqual({
      backend: 'cpu',
      requested: 'auto',
      gpuLayers: 0,
      totalLayers: expect.any(Number) as number,
      fallbackReason: warm.backend?.fallbackReason,
      pathMode: LocalLlamaProvider.pathMode,
    });
    expect(run?.fallbackReason).toMatch(/no usable GPU/);
    expect(run?.totalLayers).toBeGreaterThan(1);
    expect(run?.pathMode).toEqual({ kind: 'context-per-path', threadsPerPath: 1 });
  }, 180_000);

  it("is recorded for a chat turn too, which the turn's details read through task:get", async () => {
    engine = createModelEngine();
    const sent = engine.sendTurn({ task: { prompt: 'What is 2+2?', paths: 1, escalation: 'never', seed: 3 } });
    const turn = () => engine?.getThread(sent.threadId).turns[0];
    await expect.poll(() => ![null, 'running'].includes(turn()?.status ?? null), { timeout: 120_000 }).toBe(true);
    const taskId = turn()?.taskId;
    expect(taskId).toBeTruthy();
    const run = engine.getTask(taskId ?? '').task.localRun;
    expect(run?.backend).toBe('cpu');
    expect(run?.gpuLayers).toBe(0);
    expect(run?.pathMode.threadsPerPath).toBe(LocalLlamaProvider.pathMode.threadsPerPath);
  }, 180_000);
});
