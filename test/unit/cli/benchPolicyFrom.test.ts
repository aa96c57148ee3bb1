// `bench policy --from FILE`: an earlier run's table from its per-task file, no model loaded.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { operatingPointNames } from '#core/policy/operatingPoints.ts';
import type { BranchOutcome, PolicyBenchTask } from '#lab/world/runPolicyBranches.ts';
import { benchCommand } from '../../../electron/cli/benchCommand.ts';

const outcome = (isCorrect: boolean, costUsd: number, localTokens = 0): BranchOutcome => ({
  isCorrect,
  answer: null,
  costUsd,
  localTokens,
  milliseconds: 10,
  cloudPaths: costUsd > 0 ? 1 : 0,
  fallbacks: 0,
});

/** Two checkpoint tasks: the source solves the first; the selective hotswap ($1) solves both. */
const perTask: PolicyBenchTask[] = ['a', 'b'].map((id, index) => ({
  taskId: id,
  checkpoint: { isReached: true, costUsd: 0, milliseconds: 10, localTokens: 100 },
  branches: { continue: outcome(index === 0, 0, 50), selective: outcome(true, 1) },
  target: {
    ...outcome(true, 4),
    paths: [true, false].map((isCorrect) => ({
      status: 'answered' as const,
      answer: null,
      isCorrect,
      isCloud: true,
      costUsd: 2,
      steps: 2,
    })),
  },
  decisions: Object.fromEntries(
    operatingPointNames.map((point) => [point, index === 1 && point !== 'save-most' ? 'selective' : 'continue']),
  ) as PolicyBenchTask['decisions'],
}));

async function run(args: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  await benchCommand.run({
    args,
    print: (line) => lines.push(line),
    openEngine: () => {
      throw new Error('bench policy needs no engine');
    },
  });
  return lines;
}

describe('bench policy --from', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-bench-policy-'));
  const file = path.join(folder, 'per-task.json');
  writeFileSync(file, JSON.stringify(perTask));

  it('prints the rows of the per-task file against one target path, local tokens at the price asked', async () => {
    const lines = await run(['policy', '--from', file, '--json', '--local-usd-per-million', '1000']);
    const printed = JSON.parse(lines[0] ?? '') as {
      rows: { name: string; success: number; costUsd: number; costRelative: number; localTokens: number }[];
      onePathUsd: number;
    };
    const row = (name: string) => printed.rows.find((item) => item.name === name);
    // One target path: half the paths right, $2 a task.
    expect(printed.onePathUsd).toBe(4);
    expect(row('target-one-path')).toMatchObject({ success: 0.5, costUsd: 4, costRelative: 1 });
    // The source: task a right; 2 x 100 checkpoint tokens + 2 x 50 after it, at $1000 a million: $0.30.
    expect(row('always-local')).toMatchObject({ success: 0.5, costUsd: 0, localTokens: 300, costWithLocalUsd: 0.3 });
    // balanced hands b over ($1): both right, a quarter of one target path's bill.
    expect(row('policy@balanced')).toMatchObject({ success: 1, costUsd: 1, costRelative: 0.25, rescueRate: 1 });
    expect(row('oracle')).toMatchObject({ success: 1, costUsd: 1 });
    expect(row('oracle-best-of')).toMatchObject({ success: 1, costUsd: 1 });
    // balanced: the oracle's success for its bill, the goal met against both oracles.
    const versus = JSON.parse(lines[0] ?? '') as Record<'againstOracle' | 'againstOracleBestOf', { name: string }[]>;
    for (const key of ['againstOracle', 'againstOracleBestOf'] as const)
      expect(versus[key].find((entry) => entry.name === 'policy@balanced')).toEqual({
        name: 'policy@balanced',
        successShare: 1,
        costRatio: 1,
        meetsGoal: true,
      });
  });

  it('prints a table that says where it came from, and refuses a file that is not one', async () => {
    const lines = await run(['policy', '--from', file]);
    expect(lines[0]).toContain(`summarized from ${file}`);
    expect(lines.some((line) => line.startsWith('egress requests'))).toBe(false);
    expect(lines.find((line) => line.startsWith('policy against the oracle'))).toContain(
      'balanced 100.0% at 1.000x (goal met)',
    );
    expect(lines.find((line) => line.startsWith('policy against oracle-best-of'))).toContain(
      'balanced 100.0% at 1.000x;',
    );
    const other = path.join(folder, 'other.json');
    writeFileSync(other, JSON.stringify({ rows: [] }));
    await expect(run(['policy', '--from', other])).rejects.toThrow(/not a per-task file of bench policy/);
  });

  it('recomputes the policy rows with the handover asked for, or says why it cannot', async () => {
    await expect(run(['policy', '--from', file, '--handover', 'restart'])).rejects.toThrow(
      'The per-task file has no restart handover for a, so its policy rows cannot be recomputed with it; run bench policy live with --handover restart.',
    );
    // The transcript ($1) is the run's own selective branch; a restart costs $0.5 and solves b too.
    const handed = path.join(folder, 'handed.json');
    const restart = { ...outcome(true, 0.5), cloudTokens: { in: 40, out: 10 } };
    writeFileSync(
      handed,
      JSON.stringify(perTask.map((task) => ({ ...task, handovers: { transcript: task.branches.selective, restart } }))),
    );
    const own = await run(['policy', '--from', handed]);
    expect(own[0]).toContain('policy rows with the transcript handover');
    const lines = await run(['policy', '--from', handed, '--handover', 'restart']);
    expect(lines[0]).toContain('policy rows with the restart handover');
    expect(lines.find((line) => line.startsWith('policy@balanced'))).toMatch(
      /^policy@balanced\s+100\.0\s+0\.50000\s+0\.125/,
    );
    // One rescue (b) for $1 and 100 target tokens over both tasks; 50 on b itself.
    expect(lines.find((line) => line.startsWith('restart '))?.split(/\s+/)).toEqual([
      'restart',
      '100.0',
      '2',
      '1',
      '1.000000',
      '100',
      '50',
      '4.000',
    ]);
  });

  it('prints the mean and spread of each row over several runs, and each run where the goals are judged', async () => {
    // A second run where the selective hotswap fails b: balanced then solves a only, for the same $1.
    const failing = path.join(folder, 'failing.json');
    writeFileSync(
      failing,
      JSON.stringify(
        perTask.map((task, index) => ({
          ...task,
          branches: { ...task.branches, selective: outcome(index === 0, 1) },
        })),
      ),
    );
    const lines = await run(['policy', '--from', file, '--from', failing, '--json']);
    const printed = JSON.parse(lines[0] ?? '') as {
      files: string[];
      runs: number;
      rows: { name: string; success: { mean: number; spread: number; values: number[] } }[];
      againstOracle: { name: string; successShare: { mean: number }; runsMeetingGoal: number }[];
      policyOverRandom: { point: string; points: { values: number[] } | null }[];
    };
    expect(printed.files).toEqual([file, failing]);
    expect(printed.runs).toBe(2);
    // 1 and 0.5: mean 0.75, population spread 0.25.
    expect(printed.rows.find((row) => row.name === 'policy@balanced')?.success).toEqual({
      mean: 0.75,
      spread: 0.25,
      values: [1, 0.5],
    });
    // The oracle hands b over by the same failing hotswap in the second run: balanced is the oracle there.
    expect(printed.againstOracle.find((entry) => entry.name === 'policy@balanced')).toMatchObject({
      successShare: { mean: 1 },
      runsMeetingGoal: 2,
    });
    expect(printed.policyOverRandom.find((entry) => entry.point === 'balanced')?.points?.values).toHaveLength(2);
    const table = await run(['policy', '--from', file, '--from', failing]);
    expect(table[0]).toBe(
      `2 runs summarized from ${file}, ${failing}: mean ± spread (population standard deviation over the runs)`,
    );
    expect(table.find((line) => line.startsWith('policy@balanced '))).toMatch(/^policy@balanced\s+75\.0 ± 25\.0\s/);
    expect(table.find((line) => line.startsWith('policy@balanced:'))).toContain(
      'oracle 100.0 ± 0.0 (100.0 / 100.0)% at 1.000 ± 0.000 (1.000 / 1.000)x, goal met on 2 of 2',
    );
  });

  it('draws the chart of one run from its per-task file, and refuses to draw several', async () => {
    const chart = path.join(folder, 'chart.svg');
    await run(['policy', '--from', file, '--chart', chart]);
    const svg = readFileSync(chart, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('oracle best-of (bound)');
    await expect(run(['policy', '--from', file, '--from', file, '--chart', chart])).rejects.toThrow(
      '--chart draws one run: give one --from file with it.',
    );
  });
});
