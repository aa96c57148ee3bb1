import { describe, expect, it } from 'vitest';
import { operatingPointNames, type OperatingPointName } from '#core/policy/operatingPoints.ts';
import type { BranchName, BranchOutcome, PathEnd, PolicyBenchTask } from '#lab/world/runPolicyBranches.ts';
import { summarizePolicyBench } from '#lab/world/summarizePolicyBench.ts';

const outcome = (isCorrect: boolean, costUsd = 0, localTokens = 0, milliseconds = 100): BranchOutcome => ({
  isCorrect,
  answer: null,
  costUsd,
  localTokens,
  milliseconds,
  cloudPaths: costUsd > 0 ? 1 : 0,
  fallbacks: 0,
});

/** The target's vote over four $2 paths, of which `right` ended right. */
const target = (isCorrect: boolean, right: number): BranchOutcome => ({
  ...outcome(isCorrect, 8),
  paths: Array.from({ length: 4 }, (_, index): PathEnd => ({
    status: 'answered',
    answer: null,
    isCorrect: index < right,
    isCloud: true,
    costUsd: 2,
    localTokens: 0,
    steps: 2,
  })),
});

const decideAll = (branch: BranchName, overrides: Partial<Record<OperatingPointName, BranchName>> = {}) => ({
  ...(Object.fromEntries(operatingPointNames.map((point) => [point, branch])) as Record<
    OperatingPointName,
    BranchName
  >),
  ...overrides,
});

const reachedAt = { isReached: true, costUsd: 0, milliseconds: 50, localTokens: 100 };

/**
 * Five tasks. The source's vote solves t0 and t1. t2 is rescued by the selective hotswap with the
 * transcript but not by a restart; t3 reaches no checkpoint; no hotswap fixes t4. Selective hotswaps
 * cost $1 (restart $0.5), parallel ones $4; the target's vote $8 (four $2 paths).
 */
const tasks: PolicyBenchTask[] = [
  {
    taskId: 't0',
    checkpoint: reachedAt,
    branches: {
      continue: outcome(true, 0, 50),
      stop: outcome(false),
      parallel: outcome(true, 4),
      selective: outcome(false, 1),
    },
    handovers: { transcript: outcome(false, 1), restart: outcome(true, 0.5) },
    localVariants: { esc: outcome(true, 0, 30, 10) },
    target: target(true, 3),
    decisions: decideAll('continue', { 'best-answers': 'parallel' }),
  },
  {
    taskId: 't1',
    checkpoint: reachedAt,
    branches: {
      continue: outcome(true),
      stop: outcome(true),
      parallel: outcome(true, 4),
      selective: outcome(true, 1),
    },
    handovers: { transcript: outcome(true, 1), restart: outcome(true, 0.5) },
    target: target(true, 4),
    decisions: decideAll('continue'),
  },
  {
    taskId: 't2',
    checkpoint: reachedAt,
    branches: {
      continue: outcome(false),
      stop: outcome(false),
      parallel: outcome(true, 4),
      selective: outcome(true, 1),
    },
    handovers: { transcript: outcome(true, 1), restart: outcome(false, 0.5) },
    target: target(true, 2),
    decisions: decideAll('selective', { 'save-most': 'continue' }),
  },
  {
    taskId: 't3',
    checkpoint: { ...reachedAt, isReached: false },
    branches: { continue: outcome(false) },
    target: target(false, 0),
    decisions: decideAll('continue'),
  },
  {
    taskId: 't4',
    checkpoint: reachedAt,
    branches: {
      continue: outcome(false, 0, 20),
      stop: outcome(false),
      parallel: outcome(false, 4),
      selective: outcome(false, 1),
    },
    handovers: { transcript: outcome(false, 1), restart: outcome(false, 0.5) },
    target: target(false, 0),
    decisions: decideAll('continue', { 'best-answers': 'selective' }),
  },
];

// A local token at a cent, so the local columns are easy to follow.
const summary = summarizePolicyBench(tasks, { localUsdPerMillion: 10_000 });
const row = (name: string) => {
  const found = summary.rows.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
};

describe('summarizePolicyBench', () => {
  it('keeps one row order: local rows, the target, the handovers, policy and random per point, the oracle', () => {
    expect(summary.rows.map((item) => item.name)).toEqual([
      'always-local',
      'esc',
      'target-one-path',
      'target-vote',
      'handover:transcript',
      'handover:restart',
      ...operatingPointNames.flatMap((point) => [`policy@${point}`, `random@${point}`]),
      'oracle',
      'oracle-best-of',
    ]);
    expect(summary.checkpoints).toBe(4);
    expect(summary.sourceFailures).toEqual({ all: 3, atCheckpoint: 2 });
  });

  it('measures every cost against one target path per task: 2.25 of 5 expected right for $10', () => {
    // (3/4 + 4/4 + 2/4 + 0 + 0) / 5 tasks; 5 tasks x $2.
    expect(row('target-one-path')).toMatchObject({ success: 0.45, costUsd: 10, costRelative: 1, localTokens: 0 });
    expect(summary.onePathUsd).toBe(10);
    expect(row('target-vote')).toMatchObject({ success: 0.6, costUsd: 40, costRelative: 4 });
  });

  it('counts local tokens, and prices them only in the with-local columns', () => {
    // 5 checkpoints x 100 tokens, then t0 writes 50 more and t4 20 more.
    expect(row('always-local')).toMatchObject({ success: 0.4, costUsd: 0, costRelative: 0, localTokens: 570 });
    expect(row('always-local').costWithLocalUsd).toBeCloseTo(5.7, 12);
    expect(row('always-local').costRelativeWithLocal).toBeCloseTo(0.57, 12);
    expect(summary.localUsdPerMillion).toBe(10_000);
  });

  it('adds a row per local variant, a whole run with no checkpoint leg; a task without it counts as always-local', () => {
    // t0: 30 tokens; t1-t3: their checkpoints (100 each); t4: 100 + 20.
    expect(row('esc')).toMatchObject({ success: 0.4, costUsd: 0, localTokens: 450 });
    expect(row('esc')).not.toHaveProperty('escalatedPct');
  });

  it('hands every checkpoint task over with each kind, counting rescues of all failures and of escalated tasks', () => {
    // transcript: t1 and t2 right, $1 x 4 tasks; t3 goes on locally (no checkpoint).
    expect(row('handover:transcript')).toMatchObject({
      success: 0.4,
      costUsd: 4,
      costRelative: 0.4,
      escalatedPct: 80,
      localTokens: 500,
    });
    expect(row('handover:transcript').rescueRate).toBeCloseTo(1 / 3, 12);
    expect(row('handover:transcript').rescuedOfEscalated).toBeCloseTo(1 / 4, 12);
    expect(row('handover:restart')).toMatchObject({
      success: 0.4,
      costUsd: 2,
      costRelative: 0.2,
      rescueRate: 0,
      rescuedOfEscalated: 0,
    });
  });

  it("takes each point's decided branch", () => {
    expect(row('policy@save-most')).toMatchObject({ success: 0.4, costUsd: 0, escalatedPct: 0, rescueRate: 0 });
    expect(row('policy@save-most').rescuedOfEscalated).toBeNull();
    expect(row('policy@balanced')).toMatchObject({ success: 0.6, costUsd: 1, costRelative: 0.1, escalatedPct: 20 });
    expect(row('policy@balanced').rescueRate).toBeCloseTo(1 / 3, 12);
    expect(row('policy@balanced').rescuedOfEscalated).toBe(1);
    // best-answers also hands t0 over in parallel ($4, no gain) and t4 selectively ($1, no fix).
    expect(row('policy@best-answers')).toMatchObject({ success: 0.6, costUsd: 6, escalatedPct: 60 });
    expect(row('policy@best-answers').rescuedOfEscalated).toBeCloseTo(1 / 3, 12);
  });

  it('lets the oracle escalate exactly the failures at a checkpoint, each by the policy handover whatever its ending', () => {
    // The policy's handover is the run's own (transcript): t2 by its $1 selective hotswap (fixed),
    // t4 by its $1 selective hotswap (not fixed); t3 reached no checkpoint.
    expect(summary.policyHandover).toBe('transcript');
    expect(row('oracle')).toMatchObject({ success: 0.6, costUsd: 2, costRelative: 0.2, escalatedPct: 40 });
    expect(row('oracle').rescueRate).toBeCloseTo(1 / 3, 12);
    expect(row('oracle').rescuedOfEscalated).toBeCloseTo(1 / 2, 12);
    // With restart as the policy's handover both are handed over by restart ($0.5), which fixes
    // neither: no predictor, however perfect, rescues anything with it. Picking the hotswap that
    // worked after the fact (t2's transcript) is the best-of row's, not the oracle's.
    const restart = summarizePolicyBench(tasks, { policyHandover: 'restart' }).rows;
    expect(restart.find((item) => item.name === 'oracle')).toMatchObject({
      success: 0.4,
      costUsd: 1,
      escalatedPct: 40,
      rescueRate: 0,
      rescuedOfEscalated: 0,
    });
  });

  it('keeps the best-of oracle as an upper bound: the cheapest measured hotswap that fixed it, else the cheapest', () => {
    // t2 by the $1 selective hotswap (the $0.5 restart failed there); t4 by the $0.5 restart, in vain.
    const bestOf = row('oracle-best-of');
    expect(bestOf).toMatchObject({ success: 0.6, costUsd: 1.5, costRelative: 0.15, escalatedPct: 40 });
    expect(bestOf.rescueRate).toBeCloseTo(1 / 3, 12);
    const restart = summarizePolicyBench(tasks, { localUsdPerMillion: 10_000, policyHandover: 'restart' }).rows;
    expect(restart.find((item) => item.name === 'oracle-best-of')).toEqual(bestOf);
  });

  it("escalates random checkpoint tasks by the point's own modes until it has spent what the point spent", () => {
    // balanced spent $1 on one selective hotswap, and every selective hotswap costs $1: one task a draw.
    const random = row('random@balanced');
    expect(random.escalatedPct).toBeCloseTo(20, 9);
    expect(random.costUsd).toBeCloseTo(1, 9);
    // Expected: t0 and t1 stay right unless t0 is picked (-1), t2 is fixed when picked (+1): 2 of 5.
    const many = summarizePolicyBench(tasks, { randomDraws: 4000 }).rows.find(
      (item) => item.name === 'random@balanced',
    );
    expect(many?.success).toBeCloseTo(0.4, 1);
    expect(summary.randomDraws).toBe(20);
    // A fixed seed: the same rows again; another seed, other draws.
    expect(summarizePolicyBench(tasks, { localUsdPerMillion: 10_000 }).rows).toEqual(summary.rows);
    const reseeded = [1, 2, 3, 4, 5].map(
      (seed) =>
        summarizePolicyBench(tasks, { randomSeed: seed }).rows.find((item) => item.name === 'random@balanced')?.success,
    );
    expect(new Set(reseeded).size).toBeGreaterThan(1);
    // best-answers spent $6 (a $4 parallel and two $1 selective hotswaps): a draw escalates by those
    // modes until it has spent $6, going past it by less than one more hotswap ($4).
    for (const seed of [1, 2, 3, 4, 5]) {
      const drawn = summarizePolicyBench(tasks, { randomSeed: seed, randomDraws: 1 }).rows.find(
        (item) => item.name === 'random@best-answers',
      );
      expect(drawn?.costUsd).toBeGreaterThanOrEqual(6);
      expect(drawn?.costUsd).toBeLessThan(10);
    }
  });

  it('computes the frontier areas over success and cost relative to one target path', () => {
    // always-local (0, 0.4) until the balanced point (0.1, 0.6), which holds to 1.
    expect(summary.frontierArea).toBeCloseTo(0.4 * 0.1 + 0.6 * 0.9, 12);
    // The oracle: 0.4 until 0.2, then 0.6.
    expect(summary.frontierAreas.oracle).toBeCloseTo(0.4 * 0.2 + 0.6 * 0.8, 12);
  });
});
