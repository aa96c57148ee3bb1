import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '#core/errors.ts';
import { operatingPointNames, type OperatingPointName } from '#core/policy/operatingPoints.ts';
import { handoverRescues, ownHandover, withHandover } from '#lab/world/benchPolicyHandover.ts';
import type { BranchName, BranchOutcome, PolicyBenchTask } from '#lab/world/runPolicyBranches.ts';
import { summarizePolicyBench } from '#lab/world/summarizePolicyBench.ts';

const outcome = (isCorrect: boolean, costUsd = 0, tokens?: { in: number; out: number }): BranchOutcome => ({
  isCorrect,
  answer: null,
  costUsd,
  localTokens: 0,
  milliseconds: 100,
  cloudPaths: costUsd > 0 ? 1 : 0,
  fallbacks: 0,
  ...(tokens === undefined ? {} : { cloudTokens: tokens }),
});

const decide = (overrides: Partial<Record<OperatingPointName, BranchName>>) => ({
  ...(Object.fromEntries(operatingPointNames.map((point) => [point, 'continue'])) as Record<
    OperatingPointName,
    BranchName
  >),
  ...overrides,
});

const reachedAt = { isReached: true, costUsd: 0, milliseconds: 50, localTokens: 0 };

/** A run with the transcript handover: its selective branch is its transcript outcome, as runPolicyBranches stores it. */
function task(
  id: string,
  sourceIsRight: boolean,
  transcript: BranchOutcome,
  restart: BranchOutcome,
  parallel: BranchOutcome,
  decisions: Partial<Record<OperatingPointName, BranchName>>,
): PolicyBenchTask {
  return {
    taskId: id,
    checkpoint: reachedAt,
    branches: { continue: outcome(sourceIsRight), stop: outcome(false), parallel, selective: transcript },
    handovers: { transcript, restart },
    target: outcome(true, 5),
    decisions: decide(decisions),
  };
}

/**
 * The source solves a only. The transcript handover solves a and c ($2, $2, $3; 320, 340, 560
 * target tokens); the restart solves all three ($1 each; 120, 140, 150 tokens). The parallel
 * hotswap (transcript) fails b. best-answers hands a and c over selectively and b in parallel.
 */
const tasks: PolicyBenchTask[] = [
  task('a', true, outcome(true, 2, { in: 300, out: 20 }), outcome(true, 1, { in: 100, out: 20 }), outcome(true, 4), {
    'best-answers': 'selective',
  }),
  task('b', false, outcome(false, 2, { in: 300, out: 40 }), outcome(true, 1, { in: 100, out: 40 }), outcome(false, 4), {
    'best-answers': 'parallel',
  }),
  task('c', false, outcome(true, 3, { in: 500, out: 60 }), outcome(true, 1, { in: 120, out: 30 }), outcome(true, 4), {
    'best-answers': 'selective',
    'better-answers': 'selective',
  }),
];

describe('handover rows per rescued task', () => {
  it('counts rescues (source vote failed, handover right), their USD and target tokens', () => {
    expect(handoverRescues(tasks)).toEqual([
      {
        kind: 'transcript',
        success: 2 / 3,
        escalated: 3,
        rescued: 1,
        cloudUsd: 7,
        usdPerRescue: 7,
        targetTokens: 1220,
        targetTokensPerRescue: 1220,
        targetTokensOnRescued: 560,
      },
      {
        kind: 'restart',
        success: 1,
        escalated: 3,
        rescued: 2,
        cloudUsd: 3,
        usdPerRescue: 1.5,
        targetTokens: 410,
        targetTokensPerRescue: 205,
        targetTokensOnRescued: 145,
      },
    ]);
  });

  it('leaves the tokens out when the run did not record them', () => {
    const older = tasks.map((item) => ({
      ...item,
      handovers: { restart: { ...outcome(true, 1) } },
    }));
    expect(handoverRescues(older)[0]).toMatchObject({ kind: 'restart', rescued: 2, targetTokens: null });
    expect(handoverRescues(older)[0]?.targetTokensPerRescue).toBeNull();
  });
});

describe('policy rows with another handover', () => {
  it("tells the run's own handover from the outcome equal to its selective branch", () => {
    expect(ownHandover(tasks)).toBe('transcript');
    expect(ownHandover(tasks.map((item) => ({ ...item, handovers: undefined })))).toBeNull();
  });

  it('takes the restart outcomes for selective and the target paths for parallel', () => {
    const rebased = withHandover(tasks, 'restart');
    if (!('tasks' in rebased)) throw new Error(rebased.refusal);
    expect(rebased.tasks.map((item) => item.branches.selective?.costUsd)).toEqual([1, 1, 1]);
    expect(rebased.tasks.map((item) => item.branches.parallel)).toEqual(tasks.map((item) => item.target));
    expect(withHandover(tasks, 'transcript')).toEqual({ tasks });
  });

  it('recomputes policy@, random@ and oracle rows and leaves the handover and best-of oracle rows as measured', () => {
    const own = summarizePolicyBench(tasks);
    const restart = summarizePolicyBench(tasks, { policyHandover: 'restart' });
    const row = (summary: typeof own, name: string) => summary.rows.find((item) => item.name === name);
    expect(own.policyHandover).toBe('transcript');
    expect(restart.policyHandover).toBe('restart');
    // Transcript: a right ($2), b's parallel wrong ($4), c right ($3). Restart: a $1, b the target's vote $5, c $1.
    expect(row(own, 'policy@best-answers')).toMatchObject({ success: 2 / 3, costUsd: 9 });
    expect(row(restart, 'policy@best-answers')).toMatchObject({ success: 1, costUsd: 7 });
    expect(row(restart, 'policy@better-answers')).toMatchObject({ success: 2 / 3, costUsd: 1 });
    for (const name of ['oracle-best-of', 'handover:transcript', 'handover:restart', 'always-local'])
      expect(row(restart, name)).toEqual(row(own, name));
    // The oracle hands b and c over with the policy's handover, whatever the ending: the transcript
    // fails b ($2 + $3, a and c right); the restart fixes both ($1 + $1). The best-of oracle takes the
    // $1 restart on both, whichever handover the policy uses.
    expect(row(own, 'oracle')).toMatchObject({ success: 2 / 3, costUsd: 5, rescueRate: 0.5 });
    expect(row(restart, 'oracle')).toMatchObject({ success: 1, costUsd: 2, rescueRate: 1 });
    expect(row(own, 'oracle-best-of')).toMatchObject({ success: 1, costUsd: 2, rescueRate: 1 });
    expect(row(restart, 'random@best-answers')).not.toEqual(row(own, 'random@best-answers'));
  });

  it('refuses, with what to run instead, when the tasks cannot tell', () => {
    expect(withHandover(tasks, 'digest')).toEqual({
      refusal:
        'The per-task file has no digest handover for a, so its policy rows cannot be recomputed with it; run bench policy live with --handover digest.',
    });
    const withFull = tasks.map((item) => ({
      ...item,
      handovers: { ...item.handovers, 'transcript-full': outcome(true, 2) },
    }));
    expect(withHandover(withFull, 'transcript-full')).toEqual({
      refusal:
        'The per-task file measured the parallel hotswap with the transcript handover only, and a decision takes it on b; run bench policy live with --handover transcript-full.',
    });
    expect(() => summarizePolicyBench(tasks, { policyHandover: 'digest' })).toThrow(InvalidRequestError);
  });
});
