// The warm local model with the project's fixture GGUFs on the real node-llama-cpp: a second turn
// starts on the loaded model (no second load, an earlier first token), a switch loads the other
// model explicitly, an idle model is unloaded, one over the memory limit is not kept, and a chat
// follow-up's recorded prompt carries the first turn.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { LlamaBackendHolder } from '#core/llm/providers/LlamaBackendHolder.ts';
import { WarmModels, type WarmModelTimers } from '#core/llm/providers/WarmModels.ts';
import { createModelEngine, modelsDir } from './modelEngine.ts';

const sourceModel = path.join(modelsDir, 'fixtures', 'source.gguf');
const targetModel = path.join(modelsDir, 'fixtures', 'target.gguf');

let engine: Engine | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function openEngine(): Engine {
  engine = createModelEngine();
  return engine;
}

/** Milliseconds from the call to the first token any path streams. */
async function timeToFirstToken(opened: Engine, prompt: string): Promise<number> {
  const started = performance.now();
  let first: number | null = null;
  await opened.runTask(
    { prompt, paths: 1, escalation: 'never', seed: 3 },
    {
      onEvent: (event) => {
        if (event.type === 'token' && first === null) first = performance.now();
      },
    },
  );
  expect(first).not.toBeNull();
  return (first ?? 0) - started;
}

/** Timers a test fires by hand (a fake, named as such: ten idle minutes cannot pass in a test). */
function createManualTimers(): WarmModelTimers & { fire(): void; pending: number } {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (callback) => {
      callbacks.set(next, callback);
      return next++;
    },
    clearTimeout: (handle) => callbacks.delete(handle as number),
    fire: () => {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const callback of due) callback();
    },
    get pending() {
      return callbacks.size;
    },
  };
}

function openWarmModels(options: { memoryLimitMegabytes?: number; timers?: WarmModelTimers } = {}): WarmModels {
  const backend = new LlamaBackendHolder(() => ({ gpu: 'cpu', cores: 2 }));
  const models = new WarmModels({
    backend,
    cores: 2,
    idleMinutes: () => 10,
    memoryLimitMegabytes: () => options.memoryLimitMegabytes ?? 8192,
    ...(options.timers === undefined ? {} : { timers: options.timers }),
  });
  cleanups.push(async () => {
    await models.dispose();
    await backend.dispose();
  });
  return models;
}

describe('the warm model', () => {
  it('answers the second turn on the model the first one loaded, with an earlier first token', async () => {
    const opened = openEngine();
    const first = await timeToFirstToken(opened, 'What is 12+30?');
    expect(opened.getWarmModel()).toMatchObject({ modelPath: sourceModel, state: 'ready', loadCount: 1, inUse: 0 });
    const second = await timeToFirstToken(opened, 'What is 7*6?');
    const status = opened.getWarmModel();
    console.log(
      `time to first token: first turn ${first.toFixed(0)} ms (loads the model), second turn ${second.toFixed(0)} ms; loads: ${status.loadCount}`,
    );
    expect(status.loadCount).toBe(1);
    expect(second).toBeLessThan(first);
  });

  it('loads another model only when asked for it, and unloads on request', async () => {
    const models = openWarmModels();
    const lease = await models.acquire(sourceModel);
    await lease.release();
    const again = await models.acquire(sourceModel);
    expect(again.wasWarm).toBe(true);
    await again.release();
    const other = await models.acquire(targetModel);
    expect(other.wasWarm).toBe(false);
    expect(lease.provider.isDisposed).toBe(true);
    await other.release();
    expect(models.status).toMatchObject({ modelPath: targetModel, state: 'ready', loadCount: 2 });
    await models.unload();
    expect(models.status).toMatchObject({ modelPath: null, state: 'none' });
    expect(other.provider.isDisposed).toBe(true);
  });

  it('keeps a running task on its model while another model serves a second task', async () => {
    const models = openWarmModels();
    const running = await models.acquire(sourceModel);
    const other = await models.acquire(targetModel);
    expect(models.status).toMatchObject({ modelPath: sourceModel, inUse: 1 });
    await other.release();
    expect(other.provider.isDisposed).toBe(true);
    expect(running.provider.isDisposed).toBe(false);
    await running.release();
  });

  it('unloads a model left idle, and never keeps one over the memory limit', async () => {
    const timers = createManualTimers();
    const models = openWarmModels({ timers });
    const lease = await models.acquire(sourceModel);
    expect(timers.pending).toBe(0);
    await lease.release();
    expect(timers.pending).toBe(1);
    timers.fire();
    await expect.poll(() => lease.provider.isDisposed).toBe(true);
    expect(models.status.state).toBe('none');

    const small = openWarmModels({ memoryLimitMegabytes: 0 });
    const once = await small.acquire(sourceModel);
    await once.release();
    expect(once.provider.isDisposed).toBe(true);
    expect(small.status.state).toBe('none');
  });
});

describe('a chat follow-up', () => {
  it('carries the first turn into the second on the same warm model', async () => {
    const opened = openEngine();
    const finished = async (threadId: string, position: number) =>
      await expect
        .poll(() => opened.getThread(threadId).turns[position]?.status ?? 'running', { timeout: 60_000 })
        .not.toBe('running');
    const first = opened.sendTurn({ task: { prompt: 'What is 12+30?', paths: 1, escalation: 'never' } });
    await finished(first.threadId, 0);
    const second = opened.sendTurn({
      threadId: first.threadId,
      task: { prompt: 'Now add 8', paths: 1, escalation: 'never' },
    });
    await finished(first.threadId, 1);
    const thread = opened.getThread(first.threadId);
    // The earlier turn went in as chat messages before the question (when it got an answer), so
    // the recorded task is the follow-up alone.
    const firstAnswer = thread.turns[0]?.answer ?? null;
    expect(thread.turns[1]?.carriedTurns).toBe(firstAnswer === null ? null : 1);
    expect(opened.getTask(second.taskId).task.prompt).toBe('Now add 8');
    expect(opened.getWarmModel().loadCount).toBe(1);
  }, 120_000);
});
