import { assert } from '#core/errors.ts';
import { calibrateThresholds, type CalibrationTask } from '#core/policy/calibrateThresholds.ts';
import { folds } from '#core/predictor/folds.ts';
import { fitLogisticRegression, type LogisticRegressionModel } from '#core/predictor/logisticRegression.ts';
import type { CheckpointPredictor } from '#core/tasks/policyCheckpoint.ts';
import { generateWorldTasks } from './generateWorldTasks.ts';
import { runPolicyBranches, type PolicyBranchOptions } from './runPolicyBranches.ts';
import { worldCheckpointFeatures } from './worldCheckpointFeatures.ts';

/** One training task: its checkpoint features, its labels and what each choice cost. */
export type WorldTrainingTask = {
  readonly taskId: string;
  readonly features: readonly number[];
  /** The source's vote, continuing locally, failed. */
  readonly isSourceFailure: boolean;
  /** The selective hotswap's vote succeeded. */
  readonly isHotswapSuccess: boolean;
  readonly continueCost: number;
  readonly escalateCost: number;
  readonly targetCost: number;
};

/** Options of {@link trainWorldPredictor}. */
export type TrainWorldPredictorOptions = Omit<
  PolicyBranchOptions,
  'seed' | 'predictor' | 'hotswaps' | 'onCheckpoint'
> & {
  /** Training tasks, apart from the bench's. Defaults to 400. */
  readonly tasks?: number;
  /** Seed of the training tasks; must differ from the bench's. Defaults to 5_000_001. */
  readonly seed?: number;
  /**
   * 'failure': P(the source vote fails); 'rescue': that times P(the selective hotswap succeeds | it
   * fails), the second output ('rescue' had the larger frontier on the bench seed and the held-out one). Defaults to 'rescue'.
   */
  readonly scoreKind?: 'failure' | 'rescue';
  /** Folds for the out-of-fold scores the thresholds are calibrated on. Defaults to 5. */
  readonly folds?: number;
  /** L2 penalty of the logistic regressions. Defaults to 0.1. */
  readonly l2?: number;
  /** Questions never trained on (the bench's own). Defaults to none. */
  readonly excludeQuestions?: ReadonlySet<string>;
  /** Called after each training task. */
  readonly onProgress?: (progress: { done: number; total: number }) => void;
};

/** The trained predictor and what training saw. */
export type WorldPredictorTraining = {
  readonly predictor: CheckpointPredictor;
  readonly tasks: readonly WorldTrainingTask[];
};

type Heads = { failure: LogisticRegressionModel; rescue: LogisticRegressionModel | null };

/** Runs the training tasks to the checkpoint, then continues locally, hotswaps selectively and runs the target. */
export async function measureWorldTrainingTasks(options: TrainWorldPredictorOptions): Promise<WorldTrainingTask[]> {
  const seed = options.seed ?? 5_000_001;
  const tasks = generateWorldTasks({ seed, count: options.tasks ?? 400 });
  const measured: WorldTrainingTask[] = [];
  for (const [index, task] of tasks.entries()) {
    if (options.excludeQuestions?.has(task.question) === true) continue;
    let features: number[] = [];
    const run = await runPolicyBranches(task, {
      ...options,
      seed: seed + 10_000 * index,
      hotswaps: ['selective'],
      onCheckpoint: (state) => {
        features = worldCheckpointFeatures(state);
      },
    });
    assert(features.length > 0, 'runPolicyBranches always reaches the checkpoint');
    const selective = run.branches.selective ?? run.branches.continue;
    measured.push({
      taskId: run.taskId,
      features,
      isSourceFailure: !run.branches.continue.isCorrect,
      isHotswapSuccess: selective.isCorrect,
      continueCost: run.checkpoint.costUsd + run.branches.continue.costUsd,
      escalateCost: run.checkpoint.costUsd + selective.costUsd,
      targetCost: run.target.costUsd,
    });
    options.onProgress?.({ done: index + 1, total: tasks.length });
  }
  return measured;
}

function fitHeads(tasks: readonly WorldTrainingTask[], l2: number): Heads {
  const failure = fitLogisticRegression(
    tasks.map((task) => task.features),
    tasks.map((task) => task.isSourceFailure),
    { l2 },
  );
  const failures = tasks.filter((task) => task.isSourceFailure);
  const hasBoth = failures.some((task) => task.isHotswapSuccess) && failures.some((task) => !task.isHotswapSuccess);
  const rescue = hasBoth
    ? fitLogisticRegression(
        failures.map((task) => task.features),
        failures.map((task) => task.isHotswapSuccess),
        { l2 },
      )
    : null;
  return { failure, rescue };
}

function estimateWith(heads: Heads, features: readonly number[]) {
  return {
    failureProbability: heads.failure.predict(features),
    targetSuccessProbability: heads.rescue?.predict(features) ?? 1,
  };
}

/**
 * Fits the world failure predictor on measured training tasks (logistic regression on
 * worldCheckpointFeatures) and calibrates its thresholds per operating point on out-of-fold scores
 * of those tasks only, as the offline simulation does; the returned predictor is refitted on all of them.
 */
export function fitWorldPredictor(
  tasks: readonly WorldTrainingTask[],
  options: Pick<TrainWorldPredictorOptions, 'scoreKind' | 'folds' | 'l2'> = {},
): CheckpointPredictor {
  const scoreKind = options.scoreKind ?? 'rescue';
  const l2 = options.l2 ?? 0.1;
  assert(
    tasks.some((task) => task.isSourceFailure) && tasks.some((task) => !task.isSourceFailure),
    'training needs source failures and successes',
  );
  const byId = new Map(tasks.map((task) => [task.taskId, task]));
  const pick = (ids: readonly string[]) => ids.map((id) => byId.get(id) as WorldTrainingTask);
  const score = (estimate: ReturnType<typeof estimateWith>): number =>
    scoreKind === 'failure'
      ? estimate.failureProbability
      : estimate.failureProbability * estimate.targetSuccessProbability;
  const outOfFold = new Map<string, { score: number; failure: number }>();
  for (const fold of folds(
    tasks.map((task) => ({ task: task.taskId, success: !task.isSourceFailure })),
    { count: options.folds ?? 5 },
  )) {
    const heads = fitHeads(pick(fold.train), l2);
    for (const task of pick(fold.test)) {
      const estimate = estimateWith(heads, task.features);
      outOfFold.set(task.taskId, { score: score(estimate), failure: estimate.failureProbability });
    }
  }
  const calibration: CalibrationTask[] = tasks.map((task) => ({
    score: outOfFold.get(task.taskId)?.score ?? 0,
    continueCost: task.continueCost,
    escalateCost: task.escalateCost,
    targetCost: task.targetCost,
    isSourceFailure: task.isSourceFailure,
  }));
  const successes = tasks.filter((task) => !task.isSourceFailure);
  const thresholds = calibrateThresholds(
    calibration,
    tasks.map((task) => outOfFold.get(task.taskId)?.failure ?? 0),
    {
      scoreKind,
      // World tasks check at half their own step budget, so there is no one step count to record.
      checkpoint: 0,
      targetLossRate: successes.filter((task) => !task.isHotswapSuccess).length / Math.max(1, successes.length),
    },
  );
  const heads = fitHeads(tasks, l2);
  return {
    thresholds,
    estimate: (state) => estimateWith(heads, worldCheckpointFeatures(state)),
  };
}

/** Measures the training tasks and fits the predictor on them (see fitWorldPredictor). */
export async function trainWorldPredictor(options: TrainWorldPredictorOptions): Promise<WorldPredictorTraining> {
  const tasks = await measureWorldTrainingTasks(options);
  return { predictor: fitWorldPredictor(tasks, options), tasks };
}
