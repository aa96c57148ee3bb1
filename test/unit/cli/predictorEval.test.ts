// `predictor eval` end to end on JSONL files of the hand-worked fixture (test/unit/lab/predictor/
// predictorFixture.ts): what it prints, in JSON and as a table, and what it refuses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import { predictorCommand } from '../../../electron/cli/predictorCommand.ts';
import { testTasks, trainingTasks } from '../lab/predictor/predictorFixture.ts';

const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-predictor-eval-'));
const jsonl = (name: string, trajectories: readonly Trajectory[]): string => {
  const file = path.join(folder, name);
  writeFileSync(file, trajectories.map((trajectory) => JSON.stringify(trajectory)).join('\n') + '\n');
  return file;
};
const train = jsonl('train.jsonl', trainingTasks);
const test = jsonl('test.jsonl', testTasks);

async function run(args: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  await predictorCommand.run({
    args,
    print: (line) => lines.push(line),
    openEngine: () => {
      throw new Error('predictor eval needs no engine');
    },
  });
  return lines;
}

describe('predictor eval', () => {
  it('prints one JSON line per k with the metrics worked out by hand', async () => {
    const lines = await run([
      'eval',
      '--train',
      train,
      '--test',
      test,
      '--k',
      '2',
      '--members',
      '2',
      '--seed',
      '3',
      '--json',
    ]);
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    // 10 test tasks, 4 failures; the GCN flags the 3 scattered ones and misses the failure that
    // looks like a success: accuracy 9/10, precision 1, recall 3/4, specificity 1; ROC-AUC
    // (18 + 6 / 2) / 24 = 0.875; AP 3/4 x 1 + 1/4 x 4/10 = 0.85; 95% recall flags every success.
    expect(printed).toMatchObject({
      k: 2,
      mode: 'parallel',
      tasks: 10,
      failureRate: 0.4,
      precision: 1,
      specificity: 1,
      fprAt95Tpr: 1,
    });
    expect(printed['accuracy']).toBeCloseTo(0.9, 12);
    expect(printed['recall']).toBeCloseTo(0.75, 12);
    expect(printed['auroc']).toBeCloseTo(0.875, 12);
    expect(printed['aupr']).toBeCloseTo(0.85, 12);
    // The majority of the training file (10 of 20 failed: not more than half) says success: 6 of 10.
    const baselines = printed['baselines'] as { majority: { accuracy: number }; stats: Record<string, number> };
    expect(baselines.majority.accuracy).toBe(0.6);
    expect(baselines.stats['accuracy']).toBeCloseTo(0.9, 12);
    expect(baselines.stats['auroc']).toBeCloseTo(0.875, 12);
    expect(baselines.stats['aupr']).toBeCloseTo(0.85, 12);
  }, 120_000);

  it('prints the same figures as a table without --json', async () => {
    const lines = await run(['eval', '--train', train, '--test', test, '--k', '2', '--members', '2', '--seed', '3']);
    expect(lines[0]).toMatch(
      /^k\s+tasks\s+acc\s+auroc\s+aupr\s+prec\s+recall\s+spec\s+\| majority acc \| stats acc\s+auroc/,
    );
    // k, tasks, acc, auroc, aupr, precision, recall, specificity | majority | stats acc, auroc.
    expect(lines[1]?.split(/[\s|]+/).filter((cell) => cell !== '')).toEqual([
      '2',
      '10',
      '0.900',
      '0.875',
      '0.850',
      '1.000',
      '0.750',
      '1.000',
      '0.600',
      '0.900',
      '0.875',
    ]);
  }, 120_000);

  it('refuses to run without data, and names a malformed line', async () => {
    await expect(run(['eval'])).rejects.toThrow(/predictor eval needs --data FILE/);
    const broken = path.join(folder, 'broken.jsonl');
    writeFileSync(broken, `${JSON.stringify(trainingTasks[0])}\n{"task": ""}\n`);
    await expect(run(['eval', '--data', broken])).rejects.toThrow(/broken\.jsonl:2 is not a trajectory line/);
  });
});
