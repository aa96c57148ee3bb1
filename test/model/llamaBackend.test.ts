// The app's one llama backend: `auto` asks node-llama-cpp for the best backend the machine offers
// and says in one line why it runs on the CPU; a GPU backend that cannot load (here: CUDA, on a
// machine without it, a real NoBinaryFoundError) falls back to the CPU; `cpu` forces the CPU;
// providers share the backend they are given and report the backend and offloaded layers.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '#core/ports.ts';
import { LlamaBackend } from '#core/llm/providers/LlamaBackend.ts';
import { LlamaBackendHolder } from '#core/llm/providers/LlamaBackendHolder.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { tinyShape } from '#lab/llm/gguf/families/ModelShape.ts';
import { synthesizeModel } from '#lab/llm/gguf/families/synthesizeModel.ts';

function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const record = (message: string): void => void lines.push(message);
  return { logger: { debug: record, info: record, warn: record, error: record }, lines };
}

let folder: string;
let file: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atropos-backend-'));
  file = path.join(folder, 'qwen.gguf');
  await synthesizeModel(file, { shape: tinyShape('qwen2', 1024), quant: 'q4_0' });
}, 60_000);

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('LlamaBackend', () => {
  it('auto: runs on the CPU of a machine without a GPU and says why in one line', async () => {
    const { logger, lines } = recordingLogger();
    const backend = await LlamaBackend.open({ gpu: 'auto', cores: 2, logger });
    try {
      expect(backend.info).toMatchObject({ backend: 'cpu', requested: 'auto', devices: [], threads: 2 });
      expect(backend.info.fallbackReason).toMatch(/^node-llama-cpp found no usable GPU .*running on the CPU\.$/);
      expect(lines).toContain(backend.info.fallbackReason);
    } finally {
      await backend.dispose();
    }
  }, 60_000);

  it('a GPU backend that cannot load falls back to the CPU with its reason', async () => {
    const backend = await LlamaBackend.open({ gpu: 'cuda', cores: 2 });
    try {
      expect(backend.info.backend).toBe('cpu');
      expect(backend.info.fallbackReason).toMatch(
        /^The cuda backend could not load \(.*NoBinaryFound.*\); running on the CPU\.$/,
      );
      expect(backend.info.fallbackReason).not.toContain('\n');
    } finally {
      await backend.dispose();
    }
  }, 60_000);

  it('cpu forces the CPU without a fallback; providers share it and report backend and offloaded layers', async () => {
    const backend = await LlamaBackend.open({ gpu: 'cpu', cores: 2 });
    const first = await LocalLlamaProvider.load({ modelPath: file, backend });
    const second = await LocalLlamaProvider.load({ modelPath: file, backend });
    try {
      expect(backend.info).toMatchObject({ backend: 'cpu', requested: 'cpu', fallbackReason: null });
      expect(first.info).toMatchObject({
        backend: 'cpu',
        gpuLayers: 0,
        totalLayers: 3,
        chatWrapper: 'Qwen',
        toolCallSyntax: 'native',
        formatNote: null,
      });
      expect(second.info.backend).toBe('cpu');
      await first.dispose();
      // The backend outlives a provider that did not open it: the second still answers.
      const turn = await second.respond(
        { tools: [], messages: [{ role: 'user', text: 'hi' }] },
        { tools: [], seed: 1, maxTokens: 4 },
      );
      expect(turn.tokensIn).toBeGreaterThan(0);
      expect(backend.isDisposed).toBe(false);
    } finally {
      await first.dispose();
      await second.dispose();
      await backend.dispose();
    }
  }, 60_000);

  it('runs each path in a context of its own with the threads its path mode reports', async () => {
    const backend = await LlamaBackend.open({ gpu: 'cpu', cores: 2 });
    const seen: { context: unknown; threads: number; sequences: number }[] = [];
    const provider = await LocalLlamaProvider.load({
      modelPath: file,
      backend,
      steer: (sequence) => {
        const { context } = sequence;
        seen.push({ context, threads: context.currentThreads, sequences: context.totalSequences });
        return undefined;
      },
    });
    try {
      expect(provider.info.pathMode).toEqual(LocalLlamaProvider.pathMode);
      const turn = { tools: [], messages: [{ role: 'user' as const, text: 'hi' }] };
      await Promise.all([1, 2].map((seed) => provider.respond(turn, { tools: [], seed, maxTokens: 2 })));
      expect(seen).toHaveLength(2);
      expect(seen[0]?.context).not.toBe(seen[1]?.context);
      for (const path of seen)
        expect(path).toMatchObject({ threads: LocalLlamaProvider.pathMode.threadsPerPath, sequences: 1 });
    } finally {
      await provider.dispose();
      await backend.dispose();
    }
  }, 60_000);

  it('the holder opens one backend on first use, shares it, and disposes it once', async () => {
    let opened = 0;
    const holder = new LlamaBackendHolder(() => {
      opened += 1;
      return { gpu: 'cpu', cores: 2 };
    });
    const [first, second] = await Promise.all([holder.get(), holder.get()]);
    expect(first).toBe(second);
    expect(await holder.get()).toBe(first);
    expect(opened).toBe(1);
    await holder.dispose();
    expect(first.isDisposed).toBe(true);
  }, 60_000);
});
