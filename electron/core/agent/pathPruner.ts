import { isGroundedPath, isSettled, knownTexts } from './earlyTermination.ts';
import type { PathState, TaskRun } from './TaskRun.ts';

/** The parallel strategy's early termination on a running task (see earlyTermination.ts). */
export type PathPruner = {
  /** Paths started together between two looks at the answers: `concurrency`, or every path when off. */
  readonly waveSize: number;
  /** After a local leg: a path whose calls are not grounded is pruned (it keeps its answer for the record, and does not vote). */
  judge(path: PathState): void;
  /** Whether kept answers already settle the task (never, when off). */
  isSettled(): boolean;
  /** Records paths that will not start (or not go on) as pruned: started and finished as stopped. */
  end(paths: readonly PathState[]): void;
  /** The pruned paths so far, for the checkpoint's facts ("" when none). */
  describe(): string;
};

/** The pruner of `run`: inert (every path runs, every path votes) without `earlyTermination.prune`. */
export function createPathPruner(run: TaskRun, concurrency: number): PathPruner {
  const prune = run.options.earlyTermination?.prune;
  const known = knownTexts(run.initial);
  const settleVotes = Math.max(1, prune?.settleVotes ?? 1);
  const { taskId, clock, local } = run.options;
  return {
    waveSize: prune === undefined ? run.paths.length : concurrency,
    judge(path) {
      if (prune === undefined || path.provider !== local) return;
      if (path.status === 'running' || isGroundedPath(known, path.calls)) return;
      path.status = 'pruned';
    },
    isSettled() {
      if (prune === undefined) return false;
      return isSettled(
        run.paths.flatMap((path) => (path.status === 'answered' ? [path.answer] : [])),
        settleVotes,
      );
    },
    end(paths) {
      for (const path of paths) {
        if (path.status === 'running' && path.transcript === run.initial)
          run.emit({
            type: 'path-started',
            taskId,
            path: path.index,
            provider: local.id,
            locality: local.locality,
            at: clock.now(),
          });
        path.status = 'pruned';
        run.emit({
          type: 'path-finished',
          taskId,
          path: path.index,
          status: 'stopped',
          answer: path.answer,
          provider: path.provider.id,
          at: clock.now(),
        });
      }
    },
    describe() {
      return run.paths
        .filter((path) => path.status === 'pruned')
        .map((path) => path.index + 1)
        .join(', ');
    },
  };
}
