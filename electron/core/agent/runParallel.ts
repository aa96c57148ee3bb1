import { chooseMigrated, decideAt, emitCheckpoint } from './checkpoint.ts';
import { escalatePath } from './escalatePath.ts';
import { finishPath, runLeg } from './runLeg.ts';
import { runLimited } from './runLimited.ts';
import { snapshot, type TaskRun } from './TaskRun.ts';

/**
 * The parallel strategy: every path runs on the local model up to the checkpoint (`concurrency` at
 * a time), the checkpoint decides over all of them, then the paths go on locally, stop, or the
 * chosen ones (every path for a parallel hotswap, the most promising for a selective one) are
 * handed to the stronger provider.
 */
export async function runParallel(run: TaskRun): Promise<void> {
  const { options, paths, seed } = run;
  const { task } = options;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const checkpoint = options.checkpoint;
  const firstLeg = checkpoint === undefined ? task.stepBudget : Math.min(checkpoint.at, task.stepBudget);
  await runLimited(paths, concurrency, async (path) => {
    await runLeg(run, path, options.local, firstLeg, seed + path.index);
    if (path.status !== 'paused') finishPath(run, path);
  });
  // The checkpoint decides even when every path has already finished: paths that answered early
  // and disagree are a common failure, and a hotswap can still redo them from their last call.
  if (checkpoint === undefined) return;
  const decision = await decideAt(run, checkpoint, {
    strategy: 'parallel',
    checkpoint: checkpoint.at,
    paths: paths.map(snapshot),
    stepBudget: task.stepBudget,
    tokensSoFar: { ...run.tokens },
  });
  const migrated = chooseMigrated(decision, paths);
  emitCheckpoint(run, decision, migrated, checkpoint.at);
  await runLimited(paths, concurrency, async (path) => {
    const legSeed = seed + 1000 + path.index;
    if (migrated.includes(path.index)) await escalatePath(run, path, legSeed);
    else if (path.status === 'paused' && decision.action === 'continue')
      await runLeg(run, path, options.local, task.stepBudget - path.steps, legSeed);
    else if (path.status === 'paused') path.status = 'stopped';
    else return;
    finishPath(run, path);
  });
}
