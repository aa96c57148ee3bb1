import { calibrateHistoryThresholds, type HeldOutPrediction } from '#core/policy/calibrateHistoryThresholds.ts';
import { InvalidRequestError } from '../errors.ts';
import { buildGcnExamples } from './gcn/buildGcnExamples.ts';
import type { GcnCheckpoint } from './gcn/GcnCheckpoint.ts';
import type { GcnPredictor } from './gcn/GcnPredictor.ts';
import type { TrainGcnOptions } from './gcn/trainGcn.ts';
import { trainGcnPredictor } from './gcn/trainGcnPredictor.ts';
import { cutAtRecordedCheckpoint } from '#core/trajectory/cutTrajectory.ts';
import { resolveFlowGraphConfig } from '#core/graph/flowGraphConfig.ts';
import { ToolVocabulary } from '#core/graph/ToolVocabulary.ts';
import { loadCheckpointScorer } from './checkpointScorer.ts';
import { splitTrainValidation } from './folds.ts';
import {
  defaultDecider,
  statisticsScorer,
  trainStatisticsModel,
  type PredictorDecider,
} from './statisticsPredictor.ts';
import { accuracyAt, rocAuc } from './metrics.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';

/** What a retraining run is asked to do. Plain data: it crosses into a worker thread. */
export type RetrainRequest = {
  readonly history: readonly Trajectory[];
  /** The checkpoint in use now, to beat on the held-out history; null when there is none. */
  readonly current: GcnCheckpoint | null;
  readonly k: number;
  readonly mode: 'parallel' | 'sequential';
  /** Defaults to 42. */
  readonly seed?: number;
  /** Share of the history held out to compare the two models. Defaults to 0.25. */
  readonly heldOutShare?: number;
  /** Which model the candidate is. Defaults to defaultDecider (the GCN, as measured). */
  readonly decider?: PredictorDecider;
  /** Ensemble members of a GCN candidate. Defaults to 5. */
  readonly members?: number;
  readonly training?: Omit<TrainGcnOptions, 'seed' | 'signal'>;
  /** ISO time stamped on the candidate. */
  readonly trainedAt: string | null;
};

/** Quality on the held-out history. */
export type HeldOutScore = { readonly rocAuc: number; readonly accuracy: number };

/** What retraining produced: the candidate and both models' scores on the same held-out tasks. */
export type RetrainResult = {
  readonly candidate: GcnCheckpoint;
  readonly candidateScore: HeldOutScore;
  readonly currentScore: HeldOutScore | null;
  readonly trainTasks: number;
  readonly heldOutTasks: number;
  /** True when the candidate should replace the current model. */
  readonly isBetter: boolean;
};

/** The fewest labelled tasks, with at least this many of each outcome, worth learning from. */
export const minimumHistory = { tasks: 20, perOutcome: 5 };

function heldOutPredictions(
  predictor: GcnPredictor,
  heldOut: readonly Trajectory[],
  mode: RetrainRequest['mode'],
  k: number,
): HeldOutPrediction[] {
  const examples = buildGcnExamples(heldOut, k, mode, predictor.setting.featureConfig);
  const scores = predictor.predict(examples.map((example) => example.graph));
  return examples.map((example, index) => ({ failureProbability: scores[index] ?? 1, isFailure: example.isFailure }));
}

function scoreOf(predictions: readonly HeldOutPrediction[], threshold: number): HeldOutScore {
  const scores = predictions.map((prediction) => prediction.failureProbability);
  const labels = predictions.map((prediction) => prediction.isFailure);
  return { rocAuc: rocAuc(scores, labels), accuracy: accuracyAt(scores, labels, threshold) };
}

/**
 * The newest share of the history (oldest first) is held out: a model trained on an earlier,
 * shorter history trained only on tasks older than these (its own held-out part was the newest of
 * its time), so the current model and the candidate are compared on tasks neither has seen. When
 * the newest tasks hold one outcome only, a stratified random split (by `seed`) is taken instead.
 */
export function holdOutNewest(
  labelled: readonly Trajectory[],
  share: number,
  seed: number,
): { train: Trajectory[]; heldOut: Trajectory[] } {
  const count = Math.max(1, Math.round(labelled.length * share));
  const heldOut = labelled.slice(labelled.length - count);
  if (heldOut.some((task) => task.success === true) && heldOut.some((task) => task.success === false))
    return { train: labelled.slice(0, labelled.length - count), heldOut };
  const split = splitTrainValidation(labelled, { seed, validationShare: share });
  const byTask = new Map(labelled.map((trajectory) => [trajectory.task, trajectory]));
  const pick = (ids: readonly string[]) =>
    ids.map((id) => byTask.get(id)).filter((item): item is Trajectory => item !== undefined);
  return { train: pick(split.train), heldOut: pick(split.validation) };
}

/**
 * Trains a candidate predictor on part of the app's own labelled history and compares it with the
 * current one on the rest (the newest tasks, held out from both; see holdOutNewest). The candidate wins only
 * with a strictly higher held-out ROC-AUC, or an equal one and higher accuracy; otherwise the
 * current model stays (a rollback of the retraining).
 */
export async function retrainPredictor(request: RetrainRequest): Promise<RetrainResult> {
  // Live tasks are decided at their checkpoint: learn (and calibrate) from what each task's
  // checkpoint saw, not from its whole run.
  const labelled = request.history
    .filter((trajectory) => trajectory.success !== null)
    .map((trajectory) => cutAtRecordedCheckpoint(trajectory, request.mode));
  const failures = labelled.filter((trajectory) => trajectory.success === false).length;
  if (
    labelled.length < minimumHistory.tasks ||
    Math.min(failures, labelled.length - failures) < minimumHistory.perOutcome
  ) {
    throw new InvalidRequestError(
      `Not enough labelled history to retrain: ${labelled.length} finished tasks (${failures} failed). ` +
        `Retraining needs at least ${minimumHistory.tasks}, with ${minimumHistory.perOutcome} of each outcome.`,
    );
  }
  const seed = request.seed ?? 42;
  const { train, heldOut } = holdOutNewest(labelled, request.heldOutShare ?? 0.25, seed);
  const decider = request.decider ?? defaultDecider;
  const trained =
    decider === 'statistics'
      ? statisticsCandidate(train, heldOut, request)
      : await gcnCandidate(train, heldOut, request, seed);
  const candidatePredictions = trained.predictions;
  const candidateScore = scoreOf(candidatePredictions, trained.threshold);
  // The current model, of either kind, scored on the same held-out tasks.
  const current = request.current === null ? null : await loadCheckpointScorer(request.current);
  try {
    const currentScore =
      current === null
        ? null
        : scoreOf(
            heldOut.map((trajectory) => ({
              failureProbability: current.failureProbability(trajectory),
              isFailure: trajectory.success === false,
            })),
            current.threshold,
          );
    const isBetter =
      currentScore === null ||
      candidateScore.rocAuc > currentScore.rocAuc ||
      (candidateScore.rocAuc === currentScore.rocAuc && candidateScore.accuracy > currentScore.accuracy);
    return {
      // Live tasks decide with the operating-point thresholds calibrated on the same held-out tasks.
      candidate: { ...trained.checkpoint, escalation: calibrateHistoryThresholds(candidatePredictions, request.k) },
      candidateScore,
      currentScore,
      trainTasks: train.length,
      heldOutTasks: heldOut.length,
      isBetter,
    };
  } finally {
    current?.dispose();
  }
}

type Candidate = {
  readonly checkpoint: GcnCheckpoint;
  readonly threshold: number;
  readonly predictions: HeldOutPrediction[];
};

/** Logistic regression on the path statistics, fitted on `train`. */
function statisticsCandidate(
  train: readonly Trajectory[],
  heldOut: readonly Trajectory[],
  request: RetrainRequest,
): Candidate {
  const { k, mode } = request;
  const model = trainStatisticsModel(train, { k, mode });
  const score = statisticsScorer(model, { k, mode });
  // The graph settings are not used by this model; they are kept so the file reads as every checkpoint does.
  const featureConfig = {
    graph: resolveFlowGraphConfig({ tools: ToolVocabulary.fromTrajectories(train).tools }),
    depthScale: mode === 'parallel' ? Math.max(1, k) : 10,
  };
  return {
    checkpoint: {
      format: 'atropos-predictor',
      version: 1,
      k,
      mode,
      trainedAt: request.trainedAt,
      featureConfig,
      thresholds: { failure: model.threshold },
      weights: {},
      statistics: model,
    },
    threshold: model.threshold,
    predictions: heldOut.map((trajectory) => ({
      failureProbability: score(trajectory),
      isFailure: trajectory.success === false,
    })),
  };
}

/** The GCN ensemble trained on `train`. */
async function gcnCandidate(
  train: readonly Trajectory[],
  heldOut: readonly Trajectory[],
  request: RetrainRequest,
  seed: number,
): Promise<Candidate> {
  const { predictor } = await trainGcnPredictor(train, {
    k: request.k,
    mode: request.mode,
    seed,
    members: request.members,
    training: request.training,
  });
  try {
    return {
      checkpoint: predictor.toCheckpoint(request.trainedAt),
      threshold: predictor.setting.threshold,
      predictions: heldOutPredictions(predictor, heldOut, request.mode, request.k),
    };
  } finally {
    predictor.dispose();
  }
}
