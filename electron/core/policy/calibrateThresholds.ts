import { z } from 'zod';
import { assert } from '#core/errors.ts';
import { scoreKinds, type ScoreKind } from './escalationScore.ts';
import { operatingPointNames, operatingPoints, type OperatingPointName } from './operatingPoints.ts';

/** One validation task as calibration sees it: its score and what each choice would cost. */
export type CalibrationTask = {
  readonly score: number;
  /** USD when the task is not escalated (the source runs to the end). */
  readonly continueCost: number;
  /** USD when it is escalated at the checkpoint (the source so far plus the whole target run). */
  readonly escalateCost: number;
  /** USD of running the target alone: the bill's unit. */
  readonly targetCost: number;
  /** Did the source fail? Used for the stop threshold only. */
  readonly isSourceFailure: boolean;
};

/**
 * Thresholds per operating point, calibrated on validation tasks, kept beside the predictor they
 * were calibrated for (they mean nothing for another model or score kind).
 */
export type EscalationThresholds = {
  readonly version: 1;
  readonly scoreKind: ScoreKind;
  /** Checkpoint (steps per path) the scores were taken at. */
  readonly checkpoint: number;
  /** P(target fails | source succeeds) on the training tasks, used by the 'gain' scores. */
  readonly targetLossRate: number;
  /** Escalate when the score is at least this. Non-increasing from 'save-most' to 'best-answers'. */
  readonly byPoint: Readonly<Record<OperatingPointName, number>>;
  /**
   * Stop a doomed task early (when it is not escalated) once P(failure) reaches this; null when
   * no cut reached the stop precision on validation, i.e. never stop.
   */
  readonly stopFailureProbability: number | null;
  /** What validation showed at each threshold, for the explanation and the settings screen. */
  readonly validation: {
    readonly tasks: number;
    readonly costShare: Readonly<Record<OperatingPointName, number>>;
    readonly escalationRate: Readonly<Record<OperatingPointName, number>>;
  };
};

const perPoint = z.object(
  Object.fromEntries(operatingPointNames.map((name) => [name, z.number()])) as Record<OperatingPointName, z.ZodNumber>,
);

/** Checks stored thresholds (a predictor file carries the ones calibrated with it). */
export const escalationThresholdsSchema: z.ZodType<EscalationThresholds> = z.object({
  version: z.literal(1),
  scoreKind: z.enum(scoreKinds as [ScoreKind, ...ScoreKind[]]),
  checkpoint: z.number().int().nonnegative(),
  targetLossRate: z.number().min(0).max(1),
  byPoint: perPoint,
  stopFailureProbability: z.number().nullable(),
  validation: z.object({
    tasks: z.number().int().nonnegative(),
    costShare: perPoint,
    escalationRate: perPoint,
  }),
});

/** Options of calibrateThresholds. */
export type CalibrateThresholdsOptions = {
  readonly scoreKind: ScoreKind;
  readonly checkpoint: number;
  /** P(target fails | source succeeds) on the training tasks. Defaults to 0. */
  readonly targetLossRate?: number;
  /** Bill share each point aims at. Defaults to each operating point's targetCostShare. */
  readonly costShares?: Readonly<Partial<Record<OperatingPointName, number>>>;
  /** Share of failures among the tasks above the stop threshold. Defaults to 0.9. */
  readonly stopPrecision?: number;
  /** Fewest validation tasks above the stop threshold. Defaults to 5. */
  readonly stopMinimumTasks?: number;
};

/** The lowest P(failure) whose tasks at or above it fail at least `precision` of the time. */
function stopThreshold(tasks: readonly CalibrationTask[], precision: number, minimum: number): number | null {
  const sorted = [...tasks].sort((a, b) => b.score - a.score);
  let failures = 0;
  let best: number | null = null;
  sorted.forEach((task, index) => {
    if (task.isSourceFailure) failures += 1;
    const next = sorted[index + 1];
    const isLevelEnd = next === undefined || next.score < task.score;
    if (isLevelEnd && index + 1 >= minimum && failures / (index + 1) >= precision) best = task.score;
  });
  return best;
}

/**
 * Chooses, for every operating point, the lowest threshold whose escalations keep the validation
 * bill (source where not escalated, source-so-far plus target where escalated) within the point's
 * share of the target-only bill. Tasks of equal score are escalated together. A larger share can
 * only lower the threshold, so thresholds fall monotonically from 'save-most' to 'best-answers'.
 * `failureProbabilities` (same order as `tasks`) set the stop threshold; pass the scores again
 * when the score is P(failure).
 */
export function calibrateThresholds(
  tasks: readonly CalibrationTask[],
  failureProbabilities: readonly number[],
  options: CalibrateThresholdsOptions,
): EscalationThresholds {
  assert(tasks.length > 0 && failureProbabilities.length === tasks.length, 'calibration needs validation tasks');
  const targetBill = tasks.reduce((sum, task) => sum + task.targetCost, 0);
  assert(targetBill > 0, 'calibration needs a positive target bill');
  const sorted = [...tasks].sort((a, b) => b.score - a.score);
  // levels[j]: the lowest score escalated and the bill share after escalating every task scoring
  // at least it; level -1 (nothing escalated) is the source-only bill.
  let bill = tasks.reduce((sum, task) => sum + task.continueCost, 0);
  const levels: { score: number; share: number; escalated: number }[] = [];
  sorted.forEach((task, index) => {
    bill += task.escalateCost - task.continueCost;
    const next = sorted[index + 1];
    if (next === undefined || next.score < task.score)
      levels.push({ score: task.score, share: bill / targetBill, escalated: index + 1 });
  });
  const sourceShare = tasks.reduce((sum, task) => sum + task.continueCost, 0) / targetBill;
  const top = sorted[0]?.score ?? 0;
  const byPoint = {} as Record<OperatingPointName, number>;
  const costShare = {} as Record<OperatingPointName, number>;
  const escalationRate = {} as Record<OperatingPointName, number>;
  for (const name of operatingPointNames) {
    const share = options.costShares?.[name] ?? operatingPoints[name].targetCostShare;
    const fitting = levels.filter((level) => level.share <= share).at(-1);
    // Nothing fits: a threshold above every validation score, so nothing is escalated.
    byPoint[name] = fitting?.score ?? top + 1;
    costShare[name] = fitting?.share ?? sourceShare;
    escalationRate[name] = (fitting?.escalated ?? 0) / tasks.length;
  }
  const failureTasks = tasks.map((task, index) => ({ ...task, score: failureProbabilities[index] ?? 0 }));
  return {
    version: 1,
    scoreKind: options.scoreKind,
    checkpoint: options.checkpoint,
    targetLossRate: options.targetLossRate ?? 0,
    byPoint,
    stopFailureProbability: stopThreshold(failureTasks, options.stopPrecision ?? 0.9, options.stopMinimumTasks ?? 5),
    validation: { tasks: tasks.length, costShare, escalationRate },
  };
}
