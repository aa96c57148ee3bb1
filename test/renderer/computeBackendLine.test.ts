import { describe, expect, it } from 'vitest';
import { describeBackend, describePathMode } from '../../renderer/src/screens/models/ComputeBackendLine.tsx';

describe('ComputeBackendLine', () => {
  it("says how the local provider runs a task's paths, in its own words for one and more threads", () => {
    // What LocalLlamaProvider.pathMode reports is checked against its contexts in test/model/llamaBackend.test.ts.
    expect(describePathMode({ kind: 'context-per-path', threadsPerPath: 1 })).toBe(
      'Each path of a task runs in a llama context of its own on 1 thread, so paths decode side by side.',
    );
    expect(describePathMode({ kind: 'context-per-path', threadsPerPath: 2 })).toContain('on 2 threads,');
  });

  it('names the backend, its devices and the threads', () => {
    const cpu = { backend: 'cpu', devices: [], fallbackReason: null, threads: 2 } as const;
    expect(describeBackend(cpu)).toBe('Local models run on the CPU (2 CPU threads).');
    expect(describeBackend({ ...cpu, backend: 'vulkan', devices: ['Radeon 780M'], threads: 1 })).toBe(
      'Local models run on the GPU through Vulkan: Radeon 780M (and 1 CPU thread).',
    );
    expect(describeBackend(null)).toMatch(/^Local models run on a GPU where there is one, else on the CPU/);
  });
});
