import { decideAt, emitCheckpoint } from './checkpoint.ts';
import { isWindowUnanimous } from './earlyTermination.ts';
import { escalatePath } from './escalatePath.ts';
import { createPathPruner } from './pathPruner.ts';
import { finishPath, runLeg } from './runLeg.ts';
import { snapshot, type TaskRun } from './TaskRun.ts';

/**
 * The sequential strategy: paths run one after another to their end; after the first
 * `checkpoint.at` complete paths the checkpoint decides whether the rest run locally, stop, or run
 * on the stronger provider (a sequential hotswap). With `earlyTermination.agreementWindow` w,
 * sampling stops after every w-th local path when the last w paths all gave the same answer (ESC);
 * the paths not run are recorded as pruned.
 */
export async function runSequential(run: TaskRun): Promise<void> {
  const { options, paths, seed } = run;
  const { task } = options;
  const checkpoint = options.checkpoint;
  let escalateRest = false;
  for (const path of paths) {
    if (escalateRest) await escalatePath(run, path, seed + 1000 + path.index);
    else await runLeg(run, path, options.local, task.stepBudget, seed + path.index);
    if (path.status === 'paused') path.status = 'exhausted';
    finishPath(run, path);
    const done = path.index + 1;
    if (!escalateRest && isEscSettled(run, done)) {
      createPathPruner(run, 1).end(paths.slice(done));
      break;
    }
    if (checkpoint === undefined || done !== checkpoint.at || done >= paths.length) continue;
    const decision = await decideAt(run, checkpoint, {
      strategy: 'sequential',
      checkpoint: done,
      paths: paths.slice(0, done).map(snapshot),
      stepBudget: task.stepBudget,
      tokensSoFar: { ...run.tokens },
    });
    const rest = paths.slice(done).map((item) => item.index);
    if (decision.action === 'stop') {
      emitCheckpoint(run, decision, [], done);
      for (const item of paths.slice(done)) item.status = 'stopped';
      break;
    }
    const isEscalating = decision.action !== 'continue' && options.escalation !== undefined;
    emitCheckpoint(run, decision, isEscalating ? rest : [], done);
    escalateRest = isEscalating;
  }
}

/** Whether ESC stops after `done` paths: a full window of local answers just ended, all agreeing. */
function isEscSettled(run: TaskRun, done: number): boolean {
  const window = run.options.earlyTermination?.agreementWindow;
  if (window === undefined || window < 1 || done % window !== 0 || done >= run.paths.length) return false;
  const last = run.paths.slice(done - window, done);
  if (last.some((path) => path.provider !== run.options.local)) return false;
  return isWindowUnanimous(last.map((path) => (path.status === 'answered' ? path.answer : null)));
}
