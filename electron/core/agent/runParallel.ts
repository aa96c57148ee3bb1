import { chooseMigrated, decideAt, emitCheckpoint } from './checkpoint.ts';
import { escalatePath } from './escalatePath.ts';
import { createPathPruner } from './pathPruner.ts';
import { finishPath, runLeg } from './runLeg.ts';
import { runLimited } from './runLimited.ts';
import { snapshot, type PathState, type TaskRun } from './TaskRun.ts';

/**
 * The parallel strategy: every path runs on the local model up to the checkpoint (`concurrency` at
 * a time), the checkpoint decides over all of them, then the paths go on locally, stop, or the
 * chosen ones (every path for a parallel hotswap, the most promising for a selective one) are
 * handed to the stronger provider. With `earlyTermination.prune`, paths start in waves of
 * `concurrency`, made-up paths are pruned after each local leg, and once kept answers settle the
 * task no further path starts and paused paths end at the checkpoint (earlyTermination.ts).
 */
export async function runParallel(run: TaskRun): Promise<void> {
  const { options, paths, seed } = run;
  const { task } = options;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const checkpoint = options.checkpoint;
  const firstLeg = checkpoint === undefined ? task.stepBudget : Math.min(checkpoint.at, task.stepBudget);
  const pruner = createPathPruner(run, concurrency);
  for (let start = 0; start < paths.length; start += pruner.waveSize) {
    if (pruner.isSettled()) {
      pruner.end(paths.slice(start));
      break;
    }
    await runLimited(paths.slice(start, start + pruner.waveSize), concurrency, async (path) => {
      await runLeg(run, path, options.local, firstLeg, seed + path.index);
      pruner.judge(path);
      if (path.status !== 'paused') finishPath(run, path);
    });
  }
  // The checkpoint decides even when every path has already finished: paths that answered early
  // and disagree are a common failure, and a hotswap can still redo them from their last call.
  if (checkpoint === undefined) return;
  // Pruned paths are out of the decision, unless nothing else is left.
  const live = paths.filter((path) => path.status !== 'pruned');
  const deciding = live.length > 0 ? live : paths;
  const decision = await decideAt(run, checkpoint, {
    strategy: 'parallel',
    checkpoint: checkpoint.at,
    paths: deciding.map(snapshot),
    stepBudget: task.stepBudget,
    tokensSoFar: { ...run.tokens },
  });
  const migrated = chooseMigrated(decision, deciding);
  // A settled answer ends the paused paths instead of continuing them.
  const ending = decision.action === 'continue' && pruner.isSettled() ? paths.filter(isPaused) : [];
  pruner.end(ending);
  const pruned = pruner.describe();
  emitCheckpoint(
    run,
    pruned === ''
      ? decision
      : { ...decision, explanation: { ...decision.explanation, facts: { ...decision.explanation.facts, pruned } } },
    migrated,
    checkpoint.at,
  );
  await runLimited(paths, concurrency, async (path) => {
    const legSeed = seed + 1000 + path.index;
    if (migrated.includes(path.index)) await escalatePath(run, path, legSeed);
    else if (path.status === 'paused' && decision.action === 'continue') {
      await runLeg(run, path, options.local, task.stepBudget - path.steps, legSeed);
      pruner.judge(path);
    } else if (path.status === 'paused') path.status = 'stopped';
    else return;
    finishPath(run, path);
  });
}

const isPaused = (path: PathState): boolean => path.status === 'paused';
