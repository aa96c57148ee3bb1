import { assert, InvalidRequestError } from '#core/errors.ts';
import { cutParallel } from '#core/trajectory/cutTrajectory.ts';
import { pathStatistics } from '#core/predictor/pathStatistics.ts';
import { answerMethods } from '#core/trajectory/answerMethods.ts';
import type { Trajectory, TrajectoryRun } from '#core/trajectory/Trajectory.ts';
import { priceOf, trajectoryCost, type ModelPrice } from './prices.ts';
import { taskTextFeatures } from './taskTextFeatures.ts';

/**
 * One task of the offline simulation: what the source and target recorded for it, reduced to
 * what the policy may see at the checkpoint (features) and what the accounting needs (outcomes,
 * costs). Outcomes and full costs are for scoring and training only, never for a test decision.
 */
export type PolicyTask = {
  readonly task: string;
  /** Did the source's self-consistency vote solve it (acc@1)? */
  readonly isSourceSolved: boolean;
  /** Did the target's vote solve it? */
  readonly isTargetSolved: boolean;
  /** USD of every source call (all runs to the end). */
  readonly sourceCost: number;
  /** USD of the source calls made by the checkpoint (first k calls of every run, and answers given by then). */
  readonly sourceCostAtCheckpoint: number;
  /** USD of every target call. */
  readonly targetCost: number;
  /** Tokens of the first prompt: known before any step runs. */
  readonly promptTokens: number;
  /** Path statistics of the source cut at the checkpoint, then the task-text features. */
  readonly checkpointFeatures: readonly number[];
  /** Task-text features alone (the router's view). */
  readonly textFeatures: readonly number[];
  /** What each source path is on at the checkpoint (the cold-start signal, see coldStartAgreement). */
  readonly pathValues: readonly (string | null)[];
};

/** What one run is on at the cut: its answer's methods, else the last method it looked up. */
function pathValue(run: TrajectoryRun): string | null {
  if (run.answer !== null) {
    const methods = answerMethods(run.answer, { withParameters: false }).sort();
    return methods.length === 0 ? null : methods.join('|');
  }
  const signature = run.steps.map((step) => step.args['signature']).findLast((value) => typeof value === 'string');
  return typeof signature === 'string' ? (answerMethods(signature, { withParameters: false })[0] ?? null) : null;
}

function firstPromptTokens(trajectory: Trajectory): number {
  const run = trajectory.runs[0];
  return run?.steps[0]?.tokensIn ?? run?.answerTokensIn ?? 0;
}

/** Options of buildPolicyTasks. */
export type BuildPolicyTasksOptions = {
  /** Checkpoint: tool calls per source path before the decision. */
  readonly checkpoint: number;
  /** Prices by model name. Defaults to the list prices. */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
};

/**
 * Pairs source and target trajectories by task id (tasks labelled in both files) and computes what
 * the simulation needs. Throws an InvalidRequestError when the files share no labelled task or a
 * model has no known price.
 */
export function buildPolicyTasks(
  sources: readonly Trajectory[],
  targets: readonly Trajectory[],
  options: BuildPolicyTasksOptions,
): PolicyTask[] {
  assert(Number.isInteger(options.checkpoint) && options.checkpoint >= 0, 'the checkpoint is a whole number');
  const targetByTask = new Map(
    targets.filter((target) => target.success !== null).map((target) => [target.task, target]),
  );
  const tasks: PolicyTask[] = [];
  for (const source of sources) {
    const target = targetByTask.get(source.task);
    if (target === undefined || source.success === null || target.success === null) continue;
    const sourcePrice = priceOf(source.model, options.prices);
    const cut = cutParallel(source, options.checkpoint);
    const promptTokens = firstPromptTokens(source);
    const textFeatures = taskTextFeatures(source.task, promptTokens);
    tasks.push({
      task: source.task,
      isSourceSolved: source.success,
      isTargetSolved: target.success,
      sourceCost: trajectoryCost(source, sourcePrice),
      sourceCostAtCheckpoint: trajectoryCost(cut, sourcePrice),
      targetCost: trajectoryCost(target, priceOf(target.model, options.prices)),
      promptTokens,
      checkpointFeatures: [...pathStatistics(cut), ...textFeatures],
      textFeatures,
      pathValues: cut.runs.map(pathValue),
    });
  }
  if (tasks.length === 0) {
    throw new InvalidRequestError(
      'The source and target files share no task with a known outcome. Pass two recordings of the same tasks.',
    );
  }
  return tasks;
}
