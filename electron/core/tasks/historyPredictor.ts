import type { CheckpointState, PathSnapshot } from '#core/agent/runTask.ts';
import { meaningGroupKeys } from '#core/agent/semanticVote.ts';
import type { JsonValue } from '#core/llm/chat/Transcript.ts';
import type { EscalationThresholds } from '#core/policy/calibrateThresholds.ts';
import type { OperatingPointName } from '#core/policy/operatingPoints.ts';
import { gcnScorer, type CheckpointScorer } from '#core/predictor/checkpointScorer.ts';
import { GcnPredictor } from '#core/predictor/gcn/GcnPredictor.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { CheckpointPredictor } from './policyCheckpoint.ts';

/** A task's answer embeddings as far as they are known (AnswerVectors' `lookup`). */
export type AnswerVectorLookup = {
  lookup(answers: readonly (string | null)[]): readonly (ArrayLike<number> | null)[];
};

function argumentsOf(value: JsonValue): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { value };
  return value as Readonly<Record<string, JsonValue>>;
}

/**
 * The paths of a running task as the trajectory the predictor reads, in the shape the task will be
 * recorded in (readRecordedTrajectories): one run per path, its calls with their results, its
 * answer once it gave one, with its group by meaning when `answerVectors` embedded it (as
 * TaskRecorder keeps it at the end: meaningGroupKeys). Token counts are not part of the graph's features.
 */
export function trajectoryOfPaths(
  taskId: string,
  paths: readonly PathSnapshot[],
  answerVectors?: AnswerVectorLookup,
): Trajectory {
  const answers = paths.map((path) => path.answer);
  const groups = answerVectors === undefined ? [] : meaningGroupKeys(answers, answerVectors.lookup(answers));
  return {
    task: taskId,
    model: paths[0]?.providerId ?? 'local',
    success: null,
    runs: paths.map((path, index) => ({
      run: path.index + 1,
      steps: path.calls.map((call) => ({
        tool: call.name,
        args: argumentsOf(call.arguments),
        result: call.result ?? '',
        tokensIn: 0,
        tokensOut: 0,
      })),
      answer: path.answer,
      ...(groups[index] == null ? {} : { answerGroup: groups[index] }),
      answerTokensIn: 0,
      answerTokensOut: 0,
      success: null,
    })),
  };
}

/** A trained history predictor as the live engine uses it. */
export type HistoryPredictor = CheckpointPredictor & {
  /** What the UI says is in charge, e.g. "predictor v3 (your history, 40 tasks)". */
  readonly decidedBy: string;
  /** P(the task fails) from the paths so far, cut where the predictor was trained to look. */
  readonly failureProbability: (paths: readonly PathSnapshot[]) => number;
  /** Frees the model; the task that got it calls this when it ends. */
  readonly dispose: () => void;
  /** The per-step estimate for the live chart, against the operating point's threshold. */
  readonly estimateAfterStep: (
    paths: readonly PathSnapshot[],
    operatingPoint: OperatingPointName,
  ) => { readonly failureProbability: number; readonly threshold: number; readonly decidedBy: string };
};

/**
 * Wraps a predictor trained on the profile's history (owned: `dispose` frees it; logistic
 * regression on the path statistics or the GCN, see loadCheckpointScorer), and the thresholds
 * calibrated with it, for a task's checkpoint and its per-step estimates. The paths are read as a
 * trajectory on every call (a few steps per path: well under a millisecond), as the training
 * examples were.
 */
export function createHistoryPredictor(options: {
  readonly taskId: string;
  readonly predictor: CheckpointScorer | GcnPredictor;
  readonly thresholds: EscalationThresholds;
  readonly decidedBy: string;
  /** The task's answer embeddings, so the graph's answer nodes follow the groups by meaning. Defaults to none. */
  readonly answerVectors?: AnswerVectorLookup;
}): HistoryPredictor {
  const { thresholds, taskId, decidedBy, answerVectors } = options;
  const predictor = options.predictor instanceof GcnPredictor ? gcnScorer(options.predictor) : options.predictor;
  const failureProbability = (paths: readonly PathSnapshot[]): number =>
    predictor.failureProbability(trajectoryOfPaths(taskId, paths, answerVectors));
  return {
    thresholds,
    decidedBy,
    failureProbability,
    estimate: (state: CheckpointState) => ({ failureProbability: failureProbability(state.paths) }),
    dispose: () => predictor.dispose(),
    estimateAfterStep: (paths, operatingPoint) => ({
      failureProbability: failureProbability(paths),
      threshold: Math.min(1, thresholds.byPoint[operatingPoint]),
      decidedBy,
    }),
  };
}
