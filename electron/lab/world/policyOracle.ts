import type { BranchOutcome, PolicyBenchTask } from './runPolicyBranches.ts';

/**
 * The two oracles of `bench policy`. Each returns the hotswap it escalates a task by, or null where
 * it goes on locally (the source's vote is right, or the task reached no checkpoint).
 *
 * `oracle` is issue 19's: a perfect failure predictor with the cheapest handover. It escalates
 * exactly the checkpoint tasks whose source vote failed, each by one fixed hotswap, the selective
 * one with the policy's handover (the task given here is the task as the policy rows see it), and
 * takes that hotswap's measured ending whatever it is. A policy that predicted failures perfectly
 * would score it, so it is what `againstOracle` judges the policy points against.
 *
 * `oracle-best-of` is an upper bound no predictor reaches: it also chooses among the measured
 * hotswaps (selective and parallel, every handover kind) after seeing their endings, taking the
 * cheapest that fixed the task, else the cheapest.
 */
export function oracleHotswap(task: PolicyBenchTask): BranchOutcome | null {
  if (task.branches.continue.isCorrect || !task.checkpoint.isReached) return null;
  return task.branches.selective ?? null;
}

/** The best-of oracle's hotswap for a task (see oracleHotswap); null where it goes on locally. */
export function bestOfOracleHotswap(task: PolicyBenchTask): BranchOutcome | null {
  if (task.branches.continue.isCorrect || !task.checkpoint.isReached) return null;
  const hotswaps = [task.branches.selective, task.branches.parallel, ...Object.values(task.handovers ?? {})].filter(
    (outcome): outcome is BranchOutcome => outcome !== undefined,
  );
  const byCost = (a: BranchOutcome, b: BranchOutcome) => a.costUsd - b.costUsd;
  return hotswaps.filter((outcome) => outcome.isCorrect).sort(byCost)[0] ?? [...hotswaps].sort(byCost)[0] ?? null;
}
