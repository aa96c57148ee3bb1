import { describe, expect, it } from 'vitest';
import { operatingPointNames, type OperatingPointName } from '#core/policy/operatingPoints.ts';
import type { BranchName, BranchOutcome, PolicyBenchTask } from '#lab/world/runPolicyBranches.ts';
import { summarizePolicyBench } from '#lab/world/summarizePolicyBench.ts';

const outcome = (isCorrect: boolean, costUsd = 0, milliseconds = 100): BranchOutcome => ({
  isCorrect,
  answer: null,
  costUsd,
  milliseconds,
  cloudPaths: costUsd > 0 ? 1 : 0,
  fallbacks: 0,
});

const decideAll = (branch: BranchName, overrides: Partial<Record<OperatingPointName, BranchName>> = {}) => ({
  ...(Object.fromEntries(operatingPointNames.map((point) => [point, branch])) as Record<
    OperatingPointName,
    BranchName
  >),
  ...overrides,
});

/** Four tasks: the source solves 0 and 1; task 2 is rescued by the selective hotswap; task 3 reaches no checkpoint. */
const tasks: PolicyBenchTask[] = [
  {
    taskId: 't0',
    checkpoint: { isReached: true, costUsd: 0, milliseconds: 50 },
    branches: {
      continue: outcome(true),
      stop: outcome(false, 0, 0),
      parallel: outcome(true, 4),
      selective: outcome(false, 1),
    },
    target: outcome(true, 10),
    decisions: decideAll('continue', { 'best-answers': 'parallel' }),
  },
  {
    taskId: 't1',
    checkpoint: { isReached: true, costUsd: 0, milliseconds: 50 },
    branches: {
      continue: outcome(true),
      stop: outcome(true, 0, 0),
      parallel: outcome(true, 4),
      selective: outcome(true, 1),
    },
    target: outcome(true, 10),
    decisions: decideAll('continue'),
  },
  {
    taskId: 't2',
    checkpoint: { isReached: true, costUsd: 0, milliseconds: 50 },
    branches: {
      continue: outcome(false),
      stop: outcome(false, 0, 0),
      parallel: outcome(true, 4),
      selective: outcome(true, 1),
    },
    target: outcome(true, 10),
    decisions: decideAll('selective', { 'save-most': 'continue' }),
  },
  {
    taskId: 't3',
    checkpoint: { isReached: false, costUsd: 0, milliseconds: 50 },
    branches: { continue: outcome(false, 0, 0) },
    target: outcome(false, 10),
    decisions: decideAll('continue'),
  },
];

describe('summarizePolicyBench', () => {
  const summary = summarizePolicyBench(tasks);
  const row = (name: string) => summary.rows.find((item) => item.name === name);

  it('measures every row against always-target: 3 tasks solved for $40', () => {
    expect(summary.checkpoints).toBe(3);
    expect(summary.sourceFailures).toEqual({ all: 2, atCheckpoint: 1 });
    expect(row('always-target')).toMatchObject({ perfPct: 100, costPct: 100, successRate: 0.75, costUsd: 40 });
    expect(row('always-source')).toMatchObject({ costPct: 0, successRate: 0.5 });
    expect(row('always-source')?.perfPct).toBeCloseTo(200 / 3, 9);
    expect(row('always-source')?.wallSeconds).toBeCloseTo(0.5, 9);
  });

  it('takes each point decision branch and counts rescues over the source failures', () => {
    expect(row('policy@save-most')).toMatchObject({ escalatedPct: 0, rescueRate: 0, costPct: 0 });
    expect(row('policy@balanced')).toMatchObject({
      perfPct: 100,
      costPct: 2.5,
      escalatedPct: 25,
      rescueRate: 0.5,
      rescuedOfEscalated: 1,
    });
    // best-answers also hands task 0 over in parallel: no gain, $4 more.
    expect(row('policy@best-answers')).toMatchObject({
      perfPct: 100,
      costPct: 12.5,
      escalatedPct: 50,
      rescueRate: 0.5,
    });
  });

  it('gives random escalation the expected figures at the realised rate, on checkpoint tasks only', () => {
    // balanced sent 1 of 3 checkpoint tasks to the selective hotswap.
    const random = row('random@balanced');
    expect(random?.escalatedPct).toBeCloseTo(25, 9);
    expect(random?.successRate).toBeCloseTo((2 / 3 + 1 + 1 / 3 + 0) / 4, 9);
    expect(random?.costUsd).toBeCloseTo(1, 9);
    expect(random?.rescueRate).toBeCloseTo(1 / 3 / 2, 9);
  });

  it('lets the oracle escalate only where the source fails and a hotswap fixes it, by the cheapest one', () => {
    expect(row('oracle')).toMatchObject({ perfPct: 100, costPct: 2.5, escalatedPct: 25, rescueRate: 0.5 });
  });

  it('computes the frontier area over always-source and the points, and keeps one row order', () => {
    expect(summary.rows.map((item) => item.name)).toEqual([
      'always-source',
      'always-target',
      ...operatingPointNames.flatMap((point) => [`policy@${point}`, `random@${point}`]),
      'oracle',
    ]);
    // always-source (0, 2/3) until 2.5%, then 100% up to the target's cost.
    expect(summary.frontierArea).toBeCloseTo((2 / 3) * 0.025 + 1 * 0.975, 9);
    expect(summary.frontierAreas.oracle).toBeCloseTo(summary.frontierArea, 9);
  });
});
