import { assert } from '#core/errors.ts';

/**
 * What the escalation threshold is compared with:
 * - 'failure': P(source fails), the paper's policy;
 * - 'rescue': P(source fails) x P(target succeeds | source fails), the chance that escalating
 *   turns a failure into a success;
 * - 'gain': P(rescue) - P(source succeeds) x P(target fails | source succeeds), the expected change
 *   in solved tasks, which also counts the successes an escalation would throw away;
 * - 'gain-per-cost': 'gain' per USD of extra spending (escalation cost minus the cost of
 *   continuing locally, floored at a cent so free escalations do not divide by zero).
 */
export type ScoreKind = 'failure' | 'rescue' | 'gain' | 'gain-per-cost';

/** Every ScoreKind. */
export const scoreKinds: readonly ScoreKind[] = ['failure', 'rescue', 'gain', 'gain-per-cost'];

/** What a score is computed from. */
export type ScoreInput = {
  readonly failureProbability: number;
  /**
   * P(the target succeeds | the source would fail): the second output of the predictor, trained on
   * the target's recorded outcomes of tasks the source failed. Needed by every kind but 'failure'.
   */
  readonly targetSuccessProbability?: number | null;
  /** P(the target fails | the source succeeds), a rate from training data. Defaults to 0. */
  readonly targetLossRate?: number;
  /** Expected USD of escalating, needed by 'gain-per-cost'. */
  readonly escalationCost?: number;
  /** Expected USD of continuing without escalating. Defaults to 0 (a local model). */
  readonly continueCost?: number;
};

/** Higher means "escalate sooner"; thresholds are calibrated on the same kind of score. */
export function escalationScore(kind: ScoreKind, input: ScoreInput): number {
  const failure = input.failureProbability;
  if (kind === 'failure') return failure;
  const target = input.targetSuccessProbability;
  assert(target !== undefined && target !== null, `the "${kind}" score needs the target's success probability`);
  if (kind === 'rescue') return failure * target;
  const gain = failure * target - (1 - failure) * (input.targetLossRate ?? 0);
  if (kind === 'gain') return gain;
  assert(input.escalationCost !== undefined, 'the "gain-per-cost" score needs the escalation cost');
  return gain / Math.max(0.01, input.escalationCost - (input.continueCost ?? 0));
}
