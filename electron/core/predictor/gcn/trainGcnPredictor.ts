import { resolveFlowGraphConfig, type FlowGraphOptions } from '#core/graph/flowGraphConfig.ts';
import { ToolVocabulary } from '#core/graph/ToolVocabulary.ts';
import { folds } from '#core/predictor/folds.ts';
import { chooseThreshold, rocAuc, accuracyAt } from '#core/predictor/metrics.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import { buildGcnExamples, type TaskGcnExample } from './buildGcnExamples.ts';
import type { GcnModel } from './GcnModel.ts';
import { GcnPredictor } from './GcnPredictor.ts';
import { trainGcn, type TrainGcnOptions } from './trainGcn.ts';

/** What to train; everything but `k` has a default. */
export type TrainGcnPredictorOptions = {
  /** Steps per path (parallel) or complete runs (sequential). */
  readonly k: number;
  /** Defaults to 'parallel'. */
  readonly mode?: 'parallel' | 'sequential';
  /** Flow-graph settings; the tools always come from the training data. */
  readonly graph?: Omit<FlowGraphOptions, 'tools'>;
  /** Depth normalisation. Defaults to k in parallel mode and 10 in sequential mode. */
  readonly depthScale?: number;
  /** Ensemble members, each trained on all folds but one and stopped on that one. Defaults to 5. */
  readonly members?: number;
  /** Seeds the folds and every member. Defaults to 1. */
  readonly seed?: number;
  /** Settings of each member's training (its seed is derived from `seed`). */
  readonly training?: Omit<TrainGcnOptions, 'seed' | 'signal'>;
  readonly signal?: AbortSignal;
};

/** A trained predictor and its out-of-fold quality on the training data. */
export type TrainedGcnPredictor = {
  readonly predictor: GcnPredictor;
  /** Each training task scored by the member that did not train on it. */
  readonly outOfFold: { readonly rocAuc: number; readonly accuracy: number };
};

/**
 * Trains a GCN failure predictor on labelled trajectories: the tool vocabulary is learnt from them,
 * the tasks are split into `members` folds (by task, stratified), and each member trains on the
 * other folds with early stopping on its own fold. The decision threshold is the most accurate cut
 * of the out-of-fold scores, so no score a threshold is chosen on comes from a model that saw
 * the task. Test tasks must not be among `trajectories`.
 */
export async function trainGcnPredictor(
  trajectories: readonly Trajectory[],
  options: TrainGcnPredictorOptions,
): Promise<TrainedGcnPredictor> {
  const { k, mode = 'parallel', members: memberCount = 5, seed = 1, signal } = options;
  const tools = ToolVocabulary.fromTrajectories(trajectories).tools;
  const featureConfig = {
    graph: resolveFlowGraphConfig({ ...options.graph, tools }),
    depthScale: options.depthScale ?? (mode === 'parallel' ? Math.max(1, k) : 10),
  };
  const examples = buildGcnExamples(trajectories, k, mode, featureConfig);
  const byTask = new Map(examples.map((example) => [example.task, example]));
  const pick = (tasks: readonly string[]): TaskGcnExample[] =>
    tasks.map((task) => byTask.get(task)).filter((example) => example !== undefined);
  const labelled = examples.map((example) => ({ task: example.task, success: !example.isFailure }));
  const members: GcnModel[] = [];
  const scores: number[] = [];
  const labels: boolean[] = [];
  try {
    for (const [index, fold] of folds(labelled, { count: memberCount, seed }).entries()) {
      const validation = pick(fold.test);
      const trained = await trainGcn(pick(fold.train), validation, {
        ...options.training,
        seed: seed * 101 + index,
        signal,
      });
      members.push(trained.model);
      scores.push(...trained.model.predict(validation.map((example) => example.graph)));
      labels.push(...validation.map((example) => example.isFailure));
    }
  } catch (error) {
    for (const member of members) member.dispose();
    throw error;
  }
  const threshold = chooseThreshold(scores, labels);
  const predictor = new GcnPredictor({ k, mode, featureConfig, threshold }, members);
  return { predictor, outOfFold: { rocAuc: rocAuc(scores, labels), accuracy: accuracyAt(scores, labels, threshold) } };
}
