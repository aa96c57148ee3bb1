// The line a task's and a chat turn's details show about where its local paths ran (issue 18.5,
// 18.6): the backend, the offloaded layers, why not a GPU, and how the paths ran, in plain words;
// nothing for a task recorded before this was kept. Rendered with React's server renderer.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TaskDetail, TaskDetailPath, TaskLocalRun } from '#shared/ipc/TaskDetail.ts';
import { describeLocalRun, LocalRunLine } from '../../renderer/src/screens/tasks/LocalRunLine.tsx';

const noGpu: TaskLocalRun = {
  backend: 'cpu',
  requested: 'auto',
  gpuLayers: 0,
  totalLayers: 3,
  fallbackReason: 'node-llama-cpp found no usable GPU (CUDA, Vulkan or Metal) on this machine; running on the CPU.',
  pathMode: { kind: 'context-per-path', threadsPerPath: 1 },
};

/** A path that started on `provider`; a cloud one ran there unless its provider ends in `:denied`. */
const path = (index: number, provider: string): TaskDetailPath => ({
  index,
  provider,
  status: 'answered',
  answer: '42',
  migratedTo: null,
  ranOnCloud: !provider.startsWith('local:') && !provider.endsWith(':denied'),
  voteGroup: null,
  answerGroup: null,
  tokensIn: 1,
  tokensOut: 1,
  steps: [],
});

function detailOf(localRun: TaskLocalRun | null, providers: readonly string[]): TaskDetail {
  return {
    task: {
      id: 't',
      profileId: 'p',
      prompt: 'What is 12+30?',
      status: 'succeeded',
      answer: '42',
      pathCount: providers.length,
      stepCount: 0,
      costUsd: 0,
      createdAt: 1,
      finishedAt: 2,
      isEscalated: false,
      strategy: 'parallel',
      isLowConfidence: false,
      localRun,
    },
    paths: providers.map((provider, index) => path(index, provider)),
    decisions: [],
    predictions: [],
    charges: [],
  };
}

const render = (detail: TaskDetail): string => renderToStaticMarkup(createElement(LocalRunLine, { detail }));

describe('LocalRunLine', () => {
  it('says a CPU run, why not a GPU, how many paths and their threads, in one plain sentence', () => {
    const five = Array.from({ length: 5 }, () => 'local:source.gguf');
    const html = render(detailOf(noGpu, five));
    expect(html).toContain(
      'Ran locally on the CPU (no GPU found), 5 paths each in a llama context of its own on 1 thread.',
    );
    expect(html).toContain('data-backend="cpu"');
    expect(html).toContain('data-gpu-layers="0"');
    // The whole reason is on hover.
    expect(html).toContain('title="node-llama-cpp found no usable GPU');
  });

  it('counts the paths that ran on the local model: started there, or meant for a cloud that got no request', () => {
    const text = describeLocalRun(noGpu, 1);
    expect(text).toBe('Ran locally on the CPU (no GPU found), 1 path in a llama context of its own on 1 thread.');
    expect(render(detailOf(noGpu, ['local:a.gguf', 'openai:gpt', 'local:a.gguf']))).toContain(', 2 paths each');
    // A sequential task's second path, planned for the cloud, stayed local (denied, nothing sent).
    expect(render(detailOf(noGpu, ['local:a.gguf', 'openai:gpt:denied']))).toContain(', 2 paths each');
  });

  it('names the GPU backend and how many layers it took; the CPU when Settings force it or a GPU failed', () => {
    const gpu = { ...noGpu, backend: 'cuda', gpuLayers: 20, totalLayers: 25, fallbackReason: null } as const;
    expect(describeLocalRun(gpu, 3)).toBe(
      'Ran locally on the GPU through CUDA, 20 of 25 layers on the GPU and the rest on the CPU, 3 paths each in a llama context of its own on 1 thread.',
    );
    expect(describeLocalRun({ ...gpu, backend: 'metal', gpuLayers: 25 }, 2)).toMatch(
      /^Ran locally on the GPU through Metal, all 25 layers on the GPU, 2 paths/,
    );
    expect(describeLocalRun({ ...noGpu, requested: 'cpu', fallbackReason: null }, 2)).toMatch(
      /^Ran locally on the CPU, as Settings ask, 2 paths/,
    );
    expect(describeLocalRun({ ...noGpu, requested: 'vulkan', fallbackReason: 'no driver' }, 2)).toMatch(
      /^Ran locally on the CPU \(the Vulkan backend could not load\), 2 paths/,
    );
    expect(describeLocalRun({ ...noGpu, pathMode: { kind: 'context-per-path', threadsPerPath: 2 } }, 2)).toMatch(
      /on 2 threads\.$/,
    );
  });

  it('shows nothing for a task recorded before this was kept, or with no local path, never "unknown"', () => {
    expect(render(detailOf(null, ['local:a.gguf']))).toBe('');
    expect(render(detailOf(noGpu, ['openai:gpt']))).toBe('');
  });

  it('prints no field name or code (the e2e layout test checks the screens against every shared name)', () => {
    const runs: TaskLocalRun[] = [
      noGpu,
      { ...noGpu, backend: 'vulkan', gpuLayers: 7, fallbackReason: null },
      { ...noGpu, requested: 'metal' },
    ];
    for (const run of runs) {
      const text = describeLocalRun(run, 5);
      expect(text).not.toMatch(/\b[a-z]{2,}[A-Z]\w*/);
      expect(text).not.toMatch(/context-per-path|cpu|vulkan|metal\b/);
    }
  });
});
