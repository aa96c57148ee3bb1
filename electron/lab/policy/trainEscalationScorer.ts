import { folds } from '#core/predictor/folds.ts';
import { fitLogisticRegression, type LogisticRegressionModel } from '#core/predictor/logisticRegression.ts';
import { calibrateThresholds, type EscalationThresholds } from '#core/policy/calibrateThresholds.ts';
import { escalationScore, type ScoreKind } from '#core/policy/escalationScore.ts';
import { estimateCost, fitCostLine, type CostLine } from './fitCostLine.ts';
import type { PolicyTask } from './PolicyTask.ts';

/**
 * What a scorer decides from: 'checkpoint' sees the source's paths cut at the checkpoint plus the
 * task text (the policy; escalating then pays the source so far plus the target), 'text' only the
 * task text before any step (the router; escalating pays the target alone).
 */
export type ScorerView = 'checkpoint' | 'text';

/** A scorer's view of one task: its two probabilities and the cost estimates the score used. */
export type TaskEstimate = {
  readonly failureProbability: number;
  readonly targetSuccessProbability: number;
  /** Estimated USD of escalating now (the source spent so far is known; the target run is estimated). */
  readonly escalationCost: number;
  /** Estimated USD of not escalating (the source's whole run). */
  readonly continueCost: number;
  readonly score: number;
};

/** A trained two-output model with thresholds calibrated on out-of-fold scores of its training tasks. */
export type EscalationScorer = {
  readonly view: ScorerView;
  readonly thresholds: EscalationThresholds;
  estimate(task: PolicyTask): TaskEstimate;
};

/** Options of trainEscalationScorer. */
export type TrainEscalationScorerOptions = {
  readonly view: ScorerView;
  readonly scoreKind: ScoreKind;
  readonly checkpoint: number;
  /** Seeds the inner folds. Defaults to 42. */
  readonly seed?: number;
  /** Inner folds that give the out-of-fold scores thresholds are calibrated on. Defaults to 5. */
  readonly innerFolds?: number;
  /** L2 penalty of both logistic regressions. Defaults to 0.1. */
  readonly l2?: number;
};

type Heads = {
  failure: LogisticRegressionModel;
  /** P(target succeeds | source fails). */
  target: LogisticRegressionModel;
  targetCost: CostLine;
  sourceCost: CostLine;
  /** P(target fails | source succeeds), a training rate. */
  targetLossRate: number;
};

function featuresOf(task: PolicyTask, view: ScorerView): readonly number[] {
  return view === 'checkpoint' ? task.checkpointFeatures : task.textFeatures;
}

/**
 * Fits the two heads on training tasks only: P(source fails) on the source's outcomes, and
 * P(target succeeds | source fails) on the target's recorded outcomes of the training tasks the
 * source failed (conditioning avoids assuming the two are independent: hard bugs defeat both), both
 * logistic regressions without class weights so their outputs stay probabilities that can be
 * multiplied; the rate at which the target loses a task the source solved; and cost lines on the
 * first prompt's size.
 */
function fitHeads(train: readonly PolicyTask[], view: ScorerView, l2: number): Heads {
  const features = train.map((task) => featuresOf(task, view));
  const prompts = train.map((task) => task.promptTokens);
  const solved = train.filter((task) => task.isSourceSolved);
  const failed = train.filter((task) => !task.isSourceSolved);
  // Tiny training sets may hold no source failure; the unconditional head is the fallback.
  const targetTrain = failed.length > 0 ? failed : train;
  return {
    targetLossRate: solved.length === 0 ? 0 : solved.filter((task) => !task.isTargetSolved).length / solved.length,
    failure: fitLogisticRegression(
      features,
      train.map((task) => !task.isSourceSolved),
      { l2 },
    ),
    target: fitLogisticRegression(
      targetTrain.map((task) => featuresOf(task, view)),
      targetTrain.map((task) => task.isTargetSolved),
      { l2 },
    ),
    targetCost: fitCostLine(
      prompts,
      train.map((task) => task.targetCost),
    ),
    sourceCost: fitCostLine(
      prompts,
      train.map((task) => task.sourceCost),
    ),
  };
}

function estimateWith(heads: Heads, task: PolicyTask, view: ScorerView, kind: ScoreKind): TaskEstimate {
  const features = featuresOf(task, view);
  const failureProbability = heads.failure.predict(features);
  const targetSuccessProbability = heads.target.predict(features);
  const spent = view === 'checkpoint' ? task.sourceCostAtCheckpoint : 0;
  const escalationCost = spent + estimateCost(heads.targetCost, task.promptTokens, 0.01);
  const continueCost = Math.max(spent, estimateCost(heads.sourceCost, task.promptTokens));
  return {
    failureProbability,
    targetSuccessProbability,
    escalationCost,
    continueCost,
    score: escalationScore(kind, {
      failureProbability,
      targetSuccessProbability,
      targetLossRate: heads.targetLossRate,
      escalationCost,
      continueCost,
    }),
  };
}

/**
 * Trains a scorer on training tasks and calibrates its operating points: inner folds (split by
 * task) give every training task a score from a model that did not see it; thresholds are chosen
 * on those scores against the training tasks' real costs; the returned model is then refitted on
 * all training tasks. Nothing outside `train` is read.
 */
export function trainEscalationScorer(
  train: readonly PolicyTask[],
  options: TrainEscalationScorerOptions,
): EscalationScorer {
  const { view, scoreKind, checkpoint } = options;
  const l2 = options.l2 ?? 0.1;
  const byTask = new Map(train.map((task) => [task.task, task]));
  const outOfFold = new Map<string, TaskEstimate>();
  const inner = folds(
    train.map((task) => ({ task: task.task, success: task.isSourceSolved })),
    { count: options.innerFolds ?? 5, seed: options.seed ?? 42 },
  );
  for (const fold of inner) {
    const pick = (ids: readonly string[]) =>
      ids.map((id) => byTask.get(id)).filter((task): task is PolicyTask => task !== undefined);
    const heads = fitHeads(pick(fold.train), view, l2);
    for (const task of pick(fold.test)) outOfFold.set(task.task, estimateWith(heads, task, view, scoreKind));
  }
  const estimates = train.map((task) => outOfFold.get(task.task));
  const calibrationTasks = train.map((task, index) => ({
    score: estimates[index]?.score ?? 0,
    continueCost: task.sourceCost,
    escalateCost: (view === 'checkpoint' ? task.sourceCostAtCheckpoint : 0) + task.targetCost,
    targetCost: task.targetCost,
    isSourceFailure: !task.isSourceSolved,
  }));
  let thresholds = calibrateThresholds(
    calibrationTasks,
    estimates.map((estimate) => estimate?.failureProbability ?? 0),
    { scoreKind, checkpoint },
  );
  const heads = fitHeads(train, view, l2);
  thresholds = { ...thresholds, targetLossRate: heads.targetLossRate };
  return { view, thresholds, estimate: (task) => estimateWith(heads, task, view, scoreKind) };
}
