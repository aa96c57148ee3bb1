// Early termination on the real source fixture through llama.cpp: runTask with prune does exactly
// what the replay computes from the measured paths (the bench's figures rest on that), and ends
// paths (fewer tokens) without changing what the kept paths did.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '#core/engine.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { checkEarlyTermination } from '#lab/world/checkEarlyTermination.ts';
import { earlyTerminationRows } from '#lab/world/earlyTerminationRows.ts';
import { measureEarlyTermination } from '#lab/world/measureEarlyTermination.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';

const clock = { now: () => Date.now() };
let source: LocalLlamaProvider;

beforeAll(async () => {
  const modelPath = path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf');
  source = await LocalLlamaProvider.load({ modelPath, cores: 2 });
}, 60_000);

afterAll(async () => {
  await source?.dispose();
});

describe('early termination on the source fixture', () => {
  it('runTask with and without prune matches the replay of the measured paths, task by task', async () => {
    // A seed of its own, apart from the bench and tuning seeds.
    const seed = 3_100_001;
    const tasks = generateWorldTasks({ seed, count: 12 });
    const measured = await measureEarlyTermination({ source, tasks, seed, clock });
    const check = await checkEarlyTermination({
      source,
      tasks,
      measured,
      seed,
      paths: 5,
      concurrency: 2,
      settleVotes: 1,
      clock,
    });
    expect(check.allPaths.matchesReplay).toBe(12);
    expect(check.prune.matchesReplay).toBe(12);
    const [all, prune] = earlyTerminationRows(measured, { settleVotes: [1] });
    expect(all?.localTokens).toBe(check.allPaths.localTokens);
    expect(prune?.localTokens).toBe(check.prune.localTokens);
    expect(check.prune.localTokens).toBeLessThan(check.allPaths.localTokens);
    expect(prune?.pathsPerTask).toBeLessThan(5);
  }, 240_000);

  it("the engine prunes a local world task's paths as Settings say, and records them as stopped", async () => {
    const ports = createTestPorts({ clock });
    const engine = createEngine(ports, { databaseFile: path.join(ports.paths.dataDir, 'atropos.sqlite') });
    try {
      const localModel = path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf');
      const run = async () => {
        const outcomes = [];
        for (const worldTask of [0, 1, 2, 3]) outcomes.push(await engine.runTask({ worldTask, paths: 5, localModel }));
        return outcomes;
      };
      expect(engine.getSettings().endUnlikelyPathsEarly).toBe(true);
      const pruned = await run();
      engine.updateSettings({ endUnlikelyPathsEarly: false });
      const full = await run();
      const statuses = (outcomes: typeof full) =>
        outcomes.flatMap((outcome) => outcome.paths.map((item) => item.status));
      expect(statuses(full)).not.toContain('pruned');
      expect(statuses(pruned)).toContain('pruned');
      const tokens = (outcomes: typeof full) => outcomes.reduce((sum, outcome) => sum + outcome.tokens.out, 0);
      expect(tokens(pruned)).toBeLessThan(tokens(full));
      // Every path is in the record; a pruned one as stopped, not failed.
      const recorded = engine.getTask(pruned[0]?.taskId ?? '').paths;
      expect(recorded).toHaveLength(5);
      const prunedIndices = pruned[0]?.paths.filter((item) => item.status === 'pruned').map((item) => item.index) ?? [];
      for (const index of prunedIndices) expect(recorded[index]?.status).toBe('stopped');
    } finally {
      await engine.dispose();
    }
  }, 240_000);
});
