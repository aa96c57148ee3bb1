import { CancelledError, InvalidRequestError } from '#core/errors.ts';
import { cutParallel, cutSequential } from '#core/trajectory/cutTrajectory.ts';
import { folds, splitTrainValidation } from '#core/predictor/folds.ts';
import { buildGcnExamples } from '#core/predictor/gcn/buildGcnExamples.ts';
import { trainGcnPredictor, type TrainGcnPredictorOptions } from '#core/predictor/gcn/trainGcnPredictor.ts';
import { fitLogisticRegression } from '#core/predictor/logisticRegression.ts';
import {
  calibrationTable,
  chooseThreshold,
  metrics,
  rocCurve,
  type CalibrationBin,
  type Metrics,
  type RocPoint,
} from '#core/predictor/metrics.ts';
import { pathStatistics } from '#core/predictor/pathStatistics.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';

/** How the predictor sees a task: k steps of every path, or the first k complete paths. */
export type PredictorMode = 'parallel' | 'sequential';

/** How an evaluation runs. */
export type EvaluatePredictorOptions = {
  readonly mode: PredictorMode;
  /** Checkpoints: steps per path (parallel) or complete paths (sequential). */
  readonly ks: readonly number[];
  /** Cross-validation folds, split by task. Defaults to 5. */
  readonly folds?: number;
  /** Seeds folds, splits and training. Defaults to 42. */
  readonly seed?: number;
  /** Share of each training part the statistics baseline holds out for its threshold. Defaults to 0.2. */
  readonly validationShare?: number;
  /** GCN training settings (members, epochs, ...); the seed and signal come from here. */
  readonly gcn?: Omit<TrainGcnPredictorOptions, 'k' | 'mode' | 'seed' | 'signal'>;
  readonly signal?: AbortSignal;
  /** Called as each fold of each k finishes, for a progress display. */
  readonly onProgress?: (progress: { k: number; fold: number; folds: number }) => void;
};

/** Results at one checkpoint k, pooled over the test folds. */
export type CheckpointEvaluation = {
  readonly k: number;
  readonly mode: PredictorMode;
  readonly tasks: number;
  readonly failureRate: number;
  readonly gcn: Metrics & { readonly calibration: CalibrationBin[]; readonly rocCurve: RocPoint[] };
  readonly baselines: {
    readonly majority: { readonly accuracy: number };
    readonly stats: Metrics;
  };
};

/** Scores of one model on test tasks, with the threshold its validation chose. */
type Scored = { scores: number[]; predictions: boolean[] };

function cut(trajectory: Trajectory, mode: PredictorMode, k: number): Trajectory {
  return mode === 'parallel' ? cutParallel(trajectory, k) : cutSequential(trajectory, k);
}

function isFailure(trajectory: Trajectory): boolean {
  return trajectory.success === false;
}

/** The non-graph baseline: logistic regression on path statistics of the cut trajectories. */
function scoreStatistics(
  fit: Trajectory[],
  validation: Trajectory[],
  test: Trajectory[],
  mode: PredictorMode,
  k: number,
): Scored {
  const features = (set: Trajectory[]) => set.map((trajectory) => pathStatistics(cut(trajectory, mode, k)));
  const model = fitLogisticRegression(features(fit), fit.map(isFailure), { l2: 0.1, classWeight: 'balanced' });
  const threshold = chooseThreshold(
    features(validation).map((row) => model.predict(row)),
    validation.map(isFailure),
  );
  const scores = features(test).map((row) => model.predict(row));
  return { scores, predictions: scores.map((score) => score >= threshold) };
}

/** Metrics of pooled predictions, with accuracy etc. from each fold's own threshold. */
function pooledMetrics(scored: Scored, labels: boolean[]): Metrics {
  const base = metrics(scored.scores, labels, 0.5);
  const correct = scored.predictions.filter((prediction, index) => prediction === labels[index]).length;
  const truePositives = scored.predictions.filter((prediction, index) => prediction && labels[index] === true).length;
  const falsePositives = scored.predictions.filter((prediction, index) => prediction && labels[index] === false).length;
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  const trueNegatives = negatives - falsePositives;
  return {
    ...base,
    threshold: Number.NaN,
    accuracy: correct / labels.length,
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / positives,
    specificity: trueNegatives / negatives,
    confusion: { truePositives, falsePositives, trueNegatives, falseNegatives: positives - truePositives },
  };
}

/**
 * Cross-validates the graph predictor beside its baselines at every k: folds split by task, and
 * within each training part validation splits that stop training and pick every threshold, so
 * no test task ever influences a choice. Results are pooled over the test folds.
 */
export async function evaluatePredictor(
  trajectories: readonly Trajectory[],
  options: EvaluatePredictorOptions & {
    /** Test on these instead of cross-validating: train on all of `trajectories`. */
    readonly testSet?: readonly Trajectory[];
  },
  onCheckpoint?: (evaluation: CheckpointEvaluation) => void,
): Promise<CheckpointEvaluation[]> {
  const labelled = requireLabelled(trajectories);
  const seed = options.seed ?? 42;
  const byTask = new Map(labelled.map((trajectory) => [trajectory.task, trajectory]));
  const pick = (ids: readonly string[]) =>
    ids.map((id) => byTask.get(id)).filter((item): item is Trajectory => item !== undefined);
  const splits =
    options.testSet === undefined
      ? folds(labelled, { count: options.folds ?? 5, seed }).map((fold) => ({
          train: pick(fold.train),
          test: pick(fold.test),
        }))
      : [{ train: labelled, test: requireLabelled(options.testSet) }];
  const results: CheckpointEvaluation[] = [];
  for (const k of options.ks) {
    const gcn: Scored = { scores: [], predictions: [] };
    const stats: Scored = { scores: [], predictions: [] };
    const majority: boolean[] = [];
    const labels: boolean[] = [];
    for (const [index, { train, test }] of splits.entries()) {
      if (options.signal?.aborted === true) throw new CancelledError();
      // The GCN holds out validation folds of its own inside `train` (one per ensemble member).
      const { predictor } = await trainGcnPredictor(train, {
        ...options.gcn,
        k,
        mode: options.mode,
        seed: seed + index,
        signal: options.signal,
      });
      try {
        const graphs = buildGcnExamples(test, k, options.mode, predictor.setting.featureConfig).map(
          (example) => example.graph,
        );
        const scores = predictor.predict(graphs);
        gcn.scores.push(...scores);
        gcn.predictions.push(...scores.map((score) => predictor.isFailure(score)));
      } finally {
        predictor.dispose();
      }
      const trainById = new Map(train.map((trajectory) => [trajectory.task, trajectory]));
      const split = splitTrainValidation(train, {
        seed: seed + index,
        validationShare: options.validationShare ?? 0.2,
      });
      const fromTrain = (ids: readonly string[]) =>
        ids.map((id) => trainById.get(id)).filter((item): item is Trajectory => item !== undefined);
      const baseline = scoreStatistics(fromTrain(split.train), fromTrain(split.validation), test, options.mode, k);
      stats.scores.push(...baseline.scores);
      stats.predictions.push(...baseline.predictions);
      const trainFailures = train.filter(isFailure).length;
      majority.push(...test.map(() => trainFailures * 2 > train.length));
      labels.push(...test.map(isFailure));
      options.onProgress?.({ k, fold: index + 1, folds: splits.length });
    }
    const majorityCorrect = majority.filter((prediction, index) => prediction === labels[index]).length;
    const evaluation: CheckpointEvaluation = {
      k,
      mode: options.mode,
      tasks: labels.length,
      failureRate: labels.filter(Boolean).length / labels.length,
      gcn: {
        ...pooledMetrics(gcn, labels),
        calibration: calibrationTable(gcn.scores, labels),
        rocCurve: rocCurve(gcn.scores, labels),
      },
      baselines: { majority: { accuracy: majorityCorrect / labels.length }, stats: pooledMetrics(stats, labels) },
    };
    results.push(evaluation);
    onCheckpoint?.(evaluation);
  }
  return results;
}

function requireLabelled(trajectories: readonly Trajectory[]): Trajectory[] {
  const labelled = trajectories.filter((trajectory) => trajectory.success !== null);
  if (labelled.length < 10 || labelled.every(isFailure) || !labelled.some(isFailure)) {
    throw new InvalidRequestError('Evaluation needs at least 10 labelled tasks with both successes and failures.');
  }
  return labelled;
}
