// A hostile page's task:start and thread:send through the real IPC router and engine (SQLite,
// the models folder on disk): values structured clone can carry but JSON cannot (NaN, Infinity,
// -0), objects where numbers belong, and local model paths that reach outside what model:list
// lists (relative, traversal, a symlink in the models folder, a listed name spelled another way).
// Each is refused with a sentence before anything runs, and the engine goes on working.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine, EngineEvent } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter } from '#core/ipcRouter.ts';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';
import { createMemoryLogger, createTestEngine } from '../../helpers/createTestEngine.ts';

let engine: Engine | undefined;
afterEach(() => engine?.dispose());

function setup() {
  const created = createTestEngine();
  engine = created.engine;
  const events: EngineEvent[] = [];
  engine.onEvent((event) => events.push(event));
  const router = createIpcRouter(createIpcHandlers(engine), createMemoryLogger());
  return { router, events, dataDir: created.ports.paths.dataDir };
}

describe('task:start from a hostile page', () => {
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a negative number', -5],
    ['a huge number', 1e308],
    ['an object', { valueOf: 5 }],
    ['an array', [256]],
    ['a bigint-like text', '9007199254740993'],
  ])('refuses maxTokens as %s with a sentence', async (_name, maxTokens) => {
    const { router, events } = setup();
    for (const channel of ['task:start', 'thread:send'] as const) {
      const task = { prompt: 'hi', maxTokens };
      const result = await router.handle(channel, channel === 'task:start' ? task : { task });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(result.ok ? '' : result.error.message).toMatch(
        /Longest answer \(maxTokens\) is a whole number of tokens from 1 to 131072/,
      );
    }
    expect(events).toEqual([]);
  });

  it('refuses a local model outside what model:list lists, however it is spelled, and runs nothing', async () => {
    const { router, events, dataDir } = setup();
    const modelsDir = path.join(dataDir, 'models');
    mkdirSync(modelsDir, { recursive: true });
    const listedFile = path.join(modelsDir, 'broken.gguf');
    writeFileSync(listedFile, 'not a model');
    // A link in the models folder to a file outside it: model:list does not list it.
    const outside = path.join(dataDir, 'outside.gguf');
    writeFileSync(outside, 'outside');
    symlinkSync(outside, path.join(modelsDir, 'link.gguf'));
    const listed = await router.handle('model:list', {});
    expect(listed.ok && (listed.value as { path: string }[]).map((model) => model.path)).toEqual([listedFile]);
    for (const localModel of [
      path.join(modelsDir, 'link.gguf'),
      `${modelsDir}/../models/broken.gguf`,
      `${modelsDir}//broken.gguf`,
      'broken.gguf',
      '../../../../etc/passwd',
      `${listedFile}\u0000.txt`,
      { path: listedFile },
    ]) {
      const result = await router.handle('task:start', { prompt: 'hi', localModel });
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.error.message).toMatch(
        /not among the models Atropos can see|Local model \(localModel\) is a model file/,
      );
    }
    expect(events).toEqual([]);
    // The engine still answers.
    expect(await router.handle('task:list', {})).toMatchObject({ ok: true });
  });

  it('lists a model cut off inside its last tensor with its problem, and task:start refuses it before anything runs', async () => {
    const { router, events, dataDir } = setup();
    const whole = readFileSync(path.join(repositoryRoot, 'models', 'fixtures', 'target.gguf'));
    const cut = path.join(dataDir, 'models', 'cut.gguf');
    mkdirSync(path.dirname(cut), { recursive: true });
    // Every tensor still starts inside the file; the last one ends past it (a download cut near its end).
    writeFileSync(cut, whole.subarray(0, whole.length - 4096));
    const listed = await router.handle('model:list', {});
    const entry = listed.ok ? (listed.value as { path: string; problem: string | null }[])[0] : undefined;
    expect(entry?.path).toBe(cut);
    expect(entry?.problem).toMatch(/shorter than its header says/);
    const started = await router.handle('task:start', { worldTask: 1, localModel: cut });
    expect(started).toMatchObject({ ok: false, error: { code: 'model-missing' } });
    expect(started.ok ? '' : started.error.message).toMatch(/^cut\.gguf cannot run tasks: The file is shorter/);
    expect(events).toEqual([]);
  });
});
