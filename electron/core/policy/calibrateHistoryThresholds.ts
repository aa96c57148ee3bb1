import { calibrateThresholds, type EscalationThresholds } from './calibrateThresholds.ts';

/** A held-out task of the retraining: the candidate's P(failure) and what really happened. */
export type HeldOutPrediction = { readonly failureProbability: number; readonly isFailure: boolean };

/**
 * Operating-point thresholds for a predictor trained on the app's own history, calibrated on the
 * tasks held out of its training. The history holds no bill of the cloud model running every task,
 * so a point's cost share is read as the share of tasks it escalates (escalating one task costs
 * about what the cloud model would have spent on it alone; local work is free): 'balanced'
 * escalates at most 45% of the held-out tasks, and so on (operatingPoints' targetCostShare).
 */
export function calibrateHistoryThresholds(heldOut: readonly HeldOutPrediction[], k: number): EscalationThresholds {
  const tasks = heldOut.map((task) => ({
    score: task.failureProbability,
    continueCost: 0,
    escalateCost: 1,
    targetCost: 1,
    isSourceFailure: task.isFailure,
  }));
  return calibrateThresholds(
    tasks,
    heldOut.map((task) => task.failureProbability),
    { scoreKind: 'failure', checkpoint: k },
  );
}
