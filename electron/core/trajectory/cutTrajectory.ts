import { assert } from '#core/errors.ts';
import type { Trajectory, TrajectoryRun } from '#core/trajectory/Trajectory.ts';

/** Options of cutParallel. */
export type CutParallelOptions = {
  /**
   * Whether the final answering call counts as a step of its own. When false, a run's answer is
   * visible at k once the run made at most k tool calls (`steps.length <= k`); when true only once
   * `steps.length + 1 <= k`, the stricter reading in which every model call is a step. Defaults to
   * false.
   */
  isAnswerAStep?: boolean;
};

/**
 * The parallel-mode view of a trajectory "at k steps": every run cut to its first k tool calls, as
 * if all runs had been started together and stopped after k of them. A run's answer (and the
 * tokens of its answering call) is visible only if the run had finished by then; otherwise it is
 * null. Single-run labels are always hidden, since nobody knows them while the task runs. The
 * task-level label stays: it is the prediction target.
 */
export function cutParallel(trajectory: Trajectory, k: number, options: CutParallelOptions = {}): Trajectory {
  assert(Number.isInteger(k) && k >= 0, `cutParallel needs a whole number of steps, got ${k}`);
  const answerCost = options.isAnswerAStep === true ? 1 : 0;
  return {
    ...trajectory,
    runs: trajectory.runs.map((run): TrajectoryRun => {
      const hasFinished = run.steps.length + answerCost <= k;
      return {
        run: run.run,
        steps: run.steps.slice(0, k),
        answer: hasFinished ? run.answer : null,
        ...(hasFinished && run.answerGroup != null ? { answerGroup: run.answerGroup } : {}),
        answerTokensIn: hasFinished ? run.answerTokensIn : 0,
        answerTokensOut: hasFinished ? run.answerTokensOut : 0,
        success: null,
      };
    }),
  };
}

/**
 * The sequential-mode view of a trajectory after k runs: only the first k complete runs, as if
 * the runs had been made one after another. Whether a single run was right is still unknown at
 * inference time, so run labels are hidden; the task-level label stays.
 */
export function cutSequential(trajectory: Trajectory, k: number): Trajectory {
  assert(Number.isInteger(k) && k >= 0, `cutSequential needs a whole number of runs, got ${k}`);
  return {
    ...trajectory,
    runs: trajectory.runs.slice(0, k).map((run): TrajectoryRun => ({ ...run, success: null })),
  };
}

/**
 * A recorded live task as its checkpoint saw it, so a predictor for live decisions learns from
 * what it will be shown: in the parallel strategy each path's calls up to the checkpoint and its
 * answer if it made no more calls than that (a path's first leg ends only when it asks for one
 * call more, so a path that answered right after its last allowed call had answered by then); in
 * the sequential strategy the runs complete by then. A trajectory without a recorded checkpoint
 * is returned whole.
 */
export function cutAtRecordedCheckpoint(trajectory: Trajectory, mode: 'parallel' | 'sequential'): Trajectory {
  const at = trajectory.checkpoint;
  if (at === undefined || at === null) return trajectory;
  return mode === 'parallel' ? cutParallel(trajectory, at) : cutSequential(trajectory, at);
}
