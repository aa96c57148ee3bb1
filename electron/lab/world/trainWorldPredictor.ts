import { assert } from '#core/errors.ts';
import { calibrateThresholds, type CalibrationTask } from '#core/policy/calibrateThresholds.ts';
import { calibrateModeChoice, type ModeChoiceTask } from './calibrateModeChoice.ts';
import { folds } from '#core/predictor/folds.ts';
import { fitLogisticRegression, type LogisticRegressionModel } from '#core/predictor/logisticRegression.ts';
import type { CheckpointPredictor } from '#core/tasks/policyCheckpoint.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { runPolicyBranches, type BranchOutcome, type PolicyBranchOptions } from './runPolicyBranches.ts';
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
  /** One target path's bill on this task (onePathCost): the unit of the operating points' cost shares. */
  readonly targetCost: number;
  /** The parallel hotswap (every path handed over), measured with `modeChoice` only. */
  readonly parallel?: { readonly isSuccess: boolean; readonly cost: number };
};

/** Options of {@link trainWorldPredictor}. */
export type TrainWorldPredictorOptions = Omit<
  PolicyBranchOptions,
  'seed' | 'predictor' | 'hotswaps' | 'handoverKinds' | 'onCheckpoint'
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
  /**
   * Choose the hotswap mode per task: a third output, P(the parallel hotswap succeeds | the source
   * fails), trained on the parallel branch run on the training tasks too, and per-point thresholds
   * for each mode (calibrateModeChoice) on out-of-fold scores. Defaults to false: the point's preferred mode.
   */
  readonly modeChoice?: boolean;
  /** Called after each training task. */
  readonly onProgress?: (progress: { done: number; total: number }) => void;
};

/** The trained predictor and what training saw. */
export type WorldPredictorTraining = {
  readonly predictor: CheckpointPredictor;
  readonly tasks: readonly WorldTrainingTask[];
};

type Heads = {
  failure: LogisticRegressionModel;
  rescue: LogisticRegressionModel | null;
  /** P(the parallel hotswap succeeds | the source fails), with `modeChoice`. */
  parallel: LogisticRegressionModel | null;
};

/**
 * The bill unit the operating points' cost shares are read in: one target path per task (the
 * target's R paths averaged), as `bench policy`'s costRelative and the app's history calibration
 * (calibrateHistoryThresholds: escalating a task costs what the cloud model would spend on it alone)
 * read them, not the target's R-path vote, whose bill is R times larger. A run without its paths
 * counts its vote.
 */
export function onePathCost(target: BranchOutcome): number {
  const paths = target.paths ?? [];
  return paths.length === 0 ? target.costUsd : paths.reduce((sum, path) => sum + path.costUsd, 0) / paths.length;
}

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
      hotswaps: options.modeChoice === true ? ['parallel', 'selective'] : ['selective'],
      handoverKinds: [],
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
      targetCost: onePathCost(run.target),
      ...(run.branches.parallel === undefined
        ? {}
        : {
            parallel: {
              isSuccess: run.branches.parallel.isCorrect,
              cost: run.checkpoint.costUsd + run.branches.parallel.costUsd,
            },
          }),
    });
    options.onProgress?.({ done: index + 1, total: tasks.length });
  }
  return measured;
}

/** A regression of `label` on the source's failures, or null when they all share one label (P = 1 then). */
function fitOnFailures(
  failures: readonly WorldTrainingTask[],
  label: (task: WorldTrainingTask) => boolean,
  l2: number,
): LogisticRegressionModel | null {
  const hasBoth = failures.some(label) && failures.some((task) => !label(task));
  return hasBoth
    ? fitLogisticRegression(
        failures.map((task) => task.features),
        failures.map(label),
        { l2 },
      )
    : null;
}

function fitHeads(tasks: readonly WorldTrainingTask[], l2: number, modeChoice: boolean): Heads {
  const failure = fitLogisticRegression(
    tasks.map((task) => task.features),
    tasks.map((task) => task.isSourceFailure),
    { l2 },
  );
  const failures = tasks.filter((task) => task.isSourceFailure);
  return {
    failure,
    rescue: fitOnFailures(failures, (task) => task.isHotswapSuccess, l2),
    parallel: modeChoice ? fitOnFailures(failures, (task) => task.parallel?.isSuccess === true, l2) : null,
  };
}

function estimateWith(heads: Heads, features: readonly number[], modeChoice: boolean) {
  const selective = heads.rescue?.predict(features) ?? 1;
  return {
    failureProbability: heads.failure.predict(features),
    targetSuccessProbability: selective,
    ...(modeChoice
      ? { modeSuccessProbabilities: { selective, parallel: heads.parallel?.predict(features) ?? 1 } }
      : {}),
  };
}

/**
 * Fits the world failure predictor on measured training tasks (logistic regression on
 * worldCheckpointFeatures) and calibrates its thresholds per operating point on out-of-fold scores
 * of those tasks only, as the offline simulation does; the returned predictor is refitted on all of them.
 */
export function fitWorldPredictor(
  tasks: readonly WorldTrainingTask[],
  options: Pick<TrainWorldPredictorOptions, 'scoreKind' | 'folds' | 'l2' | 'modeChoice'> = {},
): CheckpointPredictor {
  const scoreKind = options.scoreKind ?? 'rescue';
  const l2 = options.l2 ?? 0.1;
  const modeChoice = options.modeChoice === true;
  assert(
    tasks.some((task) => task.isSourceFailure) && tasks.some((task) => !task.isSourceFailure),
    'training needs source failures and successes',
  );
  assert(!modeChoice || tasks.every((task) => task.parallel !== undefined), 'mode choice needs the parallel branch');
  const byId = new Map(tasks.map((task) => [task.taskId, task]));
  const pick = (ids: readonly string[]) => ids.map((id) => byId.get(id) as WorldTrainingTask);
  const score = (estimate: ReturnType<typeof estimateWith>): number =>
    scoreKind === 'failure'
      ? estimate.failureProbability
      : estimate.failureProbability * estimate.targetSuccessProbability;
  const outOfFold = new Map<string, { score: number; failure: number; estimate: ReturnType<typeof estimateWith> }>();
  for (const fold of folds(
    tasks.map((task) => ({ task: task.taskId, success: !task.isSourceFailure })),
    { count: options.folds ?? 5 },
  )) {
    const heads = fitHeads(pick(fold.train), l2, modeChoice);
    for (const task of pick(fold.test)) {
      const estimate = estimateWith(heads, task.features, modeChoice);
      outOfFold.set(task.taskId, { score: score(estimate), failure: estimate.failureProbability, estimate });
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
  const heads = fitHeads(tasks, l2, modeChoice);
  return {
    thresholds,
    estimate: (state) => estimateWith(heads, worldCheckpointFeatures(state), modeChoice),
    ...(modeChoice ? { modeThresholds: calibrateModeChoice(modeChoiceTasks(tasks, outOfFold), { modes }) } : {}),
  };
}

const modes = ['selective', 'parallel'] as const;

/** The training tasks with their out-of-fold estimates, as calibrateModeChoice reads them. */
function modeChoiceTasks(
  tasks: readonly WorldTrainingTask[],
  outOfFold: ReadonlyMap<string, { estimate: ReturnType<typeof estimateWith> }>,
): ModeChoiceTask[] {
  return tasks.map((task) => {
    const estimate = outOfFold.get(task.taskId)?.estimate;
    return {
      failureProbability: estimate?.failureProbability ?? 0,
      modeSuccess: estimate?.modeSuccessProbabilities ?? {},
      continueCost: task.continueCost,
      isSourceSuccess: !task.isSourceFailure,
      modeCost: { selective: task.escalateCost, parallel: task.parallel?.cost ?? 0 },
      isModeSuccess: { selective: task.isHotswapSuccess, parallel: task.parallel?.isSuccess === true },
      targetCost: task.targetCost,
    };
  });
}

/** Measures the training tasks and fits the predictor on them (see fitWorldPredictor). */
export async function trainWorldPredictor(options: TrainWorldPredictorOptions): Promise<WorldPredictorTraining> {
  const tasks = await measureWorldTrainingTasks(options);
  return { predictor: fitWorldPredictor(tasks, options), tasks };
}
