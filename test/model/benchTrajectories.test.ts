// bench trajectories on the real source fixture: world tasks' paths cut at the live checkpoint,
// labelled by the local vote, in the format predictor eval reads.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { readTrajectoriesJsonl } from '#lab/predictor/readTrajectories.ts';
import { benchCommand } from '../../electron/cli/benchCommand.ts';

describe('bench trajectories', () => {
  it('writes one labelled trajectory a task, each path seen only up to half its step budget', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-trajectories-')), 'world.jsonl');
    const lines: string[] = [];
    await benchCommand.run({
      args: ['trajectories', '--tasks', '4', '--seed', '4000001', '--out', out],
      print: (line) => lines.push(line),
      openEngine: () => {
        throw new Error('bench trajectories needs no engine');
      },
    });
    const trajectories = await readTrajectoriesJsonl(out);
    const tasks = generateWorldTasks({ seed: 4000001, count: 4 });
    expect(trajectories.map((trajectory) => trajectory.task)).toEqual(tasks.map((task) => task.id));
    const failed = trajectories.filter((trajectory) => trajectory.success === false).length;
    expect(lines).toEqual([`4 world tasks written to ${out}, ${failed} of them failed by the local vote`]);
    for (const [index, trajectory] of trajectories.entries()) {
      const checkpoint = Math.max(1, Math.floor((tasks[index]?.stepBudget ?? 0) / 2));
      expect(typeof trajectory.success).toBe('boolean');
      expect(trajectory.runs).toHaveLength(5);
      for (const run of trajectory.runs) {
        expect(run.steps.length).toBeLessThanOrEqual(checkpoint);
        // Every step is a real calculator call with the engine's result.
        for (const step of run.steps) {
          expect(step.tool).toBe('calc');
          expect(typeof step.args['expr']).toBe('string');
        }
        // An answer shows only if the path gave it by the checkpoint; nothing after it leaks.
        expect(run.success).toBeNull();
      }
    }
  }, 120_000);
});
