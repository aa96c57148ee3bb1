import { buildParallel } from '#core/graph/buildParallel.ts';
import { buildSequential } from '#core/graph/buildSequential.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { GcnCheckpoint } from './gcn/GcnCheckpoint.ts';
import { GcnPredictor } from './gcn/GcnPredictor.ts';
import { statisticsScorer } from './statisticsPredictor.ts';

/** A saved predictor of either kind as one function, owned: `dispose` frees the model. */
export type CheckpointScorer = {
  readonly k: number;
  readonly mode: 'parallel' | 'sequential';
  /** Failure is predicted at or above this probability. */
  readonly threshold: number;
  /** Which model decides, for what the UI says is in charge. */
  readonly decider: 'gcn' | 'statistics';
  /** P(the task fails) from a trajectory (a running task's paths, or a recorded task), seen up to k. */
  failureProbability(trajectory: Trajectory): number;
  dispose(): void;
};

/**
 * The model of a checkpoint: logistic regression on the path statistics when it holds one, else
 * the GCN ensemble on the flow graph, built exactly as its training examples were.
 */
export async function loadCheckpointScorer(checkpoint: GcnCheckpoint): Promise<CheckpointScorer> {
  const { k, mode } = checkpoint;
  if (checkpoint.statistics !== undefined) {
    return {
      k,
      mode,
      threshold: checkpoint.statistics.threshold,
      decider: 'statistics',
      failureProbability: statisticsScorer(checkpoint.statistics, { k, mode }),
      dispose: () => undefined,
    };
  }
  return gcnScorer(await GcnPredictor.fromCheckpoint(checkpoint));
}

/** A GCN predictor as a scorer (owned): the flow graph built as its training examples were (buildGcnExamples). */
export function gcnScorer(predictor: GcnPredictor): CheckpointScorer {
  const { k, mode, threshold, featureConfig } = predictor.setting;
  const build = mode === 'parallel' ? buildParallel : buildSequential;
  return {
    k,
    mode,
    threshold,
    decider: 'gcn',
    failureProbability: (trajectory) => predictor.predictFlow(build(trajectory, k, featureConfig.graph)),
    dispose: () => predictor.dispose(),
  };
}
