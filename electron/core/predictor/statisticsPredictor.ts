import { z } from 'zod';
import { cutParallel, cutSequential } from '#core/trajectory/cutTrajectory.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import {
  fitLogisticRegression,
  logisticRegressionOf,
  type LogisticRegressionParameters,
} from './logisticRegression.ts';
import { chooseThreshold } from './metrics.ts';
import { pathStatisticNames, pathStatistics } from './pathStatistics.ts';

/**
 * Which model a retrained predictor is: the GCN on the semantic flow graph, or logistic regression
 * on the path statistics (`pathStatistics`).
 */
export type PredictorDecider = 'gcn' | 'statistics';

/**
 * The app's default decider, chosen by measurement (docs/BENCHMARKS.md, issue 19): the simpler
 * model decides unless the GCN wins by more than the spread over five seeds, on held-out ROC-AUC,
 * the measure retraining already compares predictors by (thresholds are calibrated on the ranking).
 * The GCN ranked failures better on the recorded AutoFL runs (0.823 against 0.812, paired spread
 * 0.007) and on world tasks at their checkpoint (0.917 against 0.913, paired spread 0.003); its
 * accuracy tied on both. So the GCN decides; `statistics` is one constant away if that changes.
 */
export const defaultDecider: PredictorDecider = 'gcn';

/** A fitted statistics predictor as a checkpoint stores it. */
export type StatisticsModel = LogisticRegressionParameters & {
  /** The statistics' names, in order (pathStatisticNames when it was trained). */
  readonly features: readonly string[];
  /** Failure is predicted at or above this probability. */
  readonly threshold: number;
};

/** Checks a stored StatisticsModel. */
export const statisticsModelSchema = z.object({
  features: z.array(z.string()),
  weights: z.array(z.number()),
  intercept: z.number(),
  means: z.array(z.number()),
  scales: z.array(z.number()),
  threshold: z.number(),
});

function cut(trajectory: Trajectory, k: number, mode: 'parallel' | 'sequential'): Trajectory {
  return mode === 'parallel' ? cutParallel(trajectory, k) : cutSequential(trajectory, k);
}

/**
 * Fits the statistics predictor on labelled trajectories cut at `k` (L2 0.1, classes balanced, as
 * `predictor eval` measures it), its threshold the most accurate cut of its own training scores.
 */
export function trainStatisticsModel(
  trajectories: readonly Trajectory[],
  options: { readonly k: number; readonly mode: 'parallel' | 'sequential' },
): StatisticsModel {
  const features = trajectories.map((trajectory) => pathStatistics(cut(trajectory, options.k, options.mode)));
  const labels = trajectories.map((trajectory) => trajectory.success === false);
  const model = fitLogisticRegression(features, labels, { l2: 0.1, classWeight: 'balanced' });
  const threshold = chooseThreshold(
    features.map((row) => model.predict(row)),
    labels,
  );
  const { weights, intercept, means, scales } = model;
  return { features: [...pathStatisticNames], weights, intercept, means, scales, threshold };
}

/** P(failure) of a trajectory by a stored statistics model, the trajectory cut at `k` first. */
export function statisticsScorer(
  model: StatisticsModel,
  options: { readonly k: number; readonly mode: 'parallel' | 'sequential' },
): (trajectory: Trajectory) => number {
  const regression = logisticRegressionOf(model);
  return (trajectory) => regression.predict(pathStatistics(cut(trajectory, options.k, options.mode)));
}
