import type { TaskDetail, TaskDetailPath } from '#shared/ipc/TaskDetail.ts';
import { recordedTally } from './recordedTally.ts';
import type { CheckpointEvent, LaneProvider, LaneState, TaskRunState } from './taskRunState.ts';

const laneStatus: Record<TaskDetail['paths'][number]['status'], LaneState['status']> = {
  running: 'running',
  answered: 'answered',
  exhausted: 'exhausted',
  stopped: 'stopped',
  migrated: 'answered',
};

/**
 * A recorded task as a TaskRunState, so History replays it with the same lanes, graph, decisions
 * and answer as the live view. `upToStep` keeps only the first n steps in time order (graph replay).
 */
export function taskRunFromDetail(detail: TaskDetail, upToStep = Number.POSITIVE_INFINITY): TaskRunState {
  const ordered = detail.paths
    .flatMap((path) => path.steps.map((step) => ({ path: path.index, step })))
    .sort((a, b) => a.step.at - b.step.at || a.step.step - b.step.step || a.path - b.path);
  const orderOf = new Map(ordered.map((entry, order) => [`${entry.path}:${entry.step.step}`, order]));
  const isReplaying = upToStep < ordered.length;
  const lanes: LaneState[] = detail.paths.map((path) => {
    const steps = path.steps
      .map((step) => ({
        step: step.step,
        tool: step.tool,
        arguments: step.arguments,
        result: step.result,
        provider: step.provider,
        order: orderOf.get(`${path.index}:${step.step}`) ?? 0,
      }))
      .filter((step) => step.order < upToStep);
    return {
      path: path.index,
      providers: recordedProviders(path),
      status: isReplaying && steps.length < path.steps.length ? 'running' : laneStatus[path.status],
      answer: path.answer,
      steps,
      tokens: '',
      fallbacks: [],
    };
  });
  const checkpoints: CheckpointEvent[] = detail.decisions.map((decision) => ({
    type: 'checkpoint',
    taskId: detail.task.id,
    checkpoint: decision.checkpoint,
    ...(decision.explanation?.checkpointAt === undefined ? {} : { checkpointAt: decision.explanation.checkpointAt }),
    action: decision.action,
    migratedPaths: decision.explanation?.migratedPaths ?? [],
    explanation: decision.explanation ?? {
      decidedBy: decision.decidedBy,
      failureProbability: decision.failureProbability,
      threshold: null,
      reason: 'No explanation was recorded.',
      facts: {},
    },
    at: decision.at,
  }));
  const { task } = detail;
  const isFinished = task.status !== 'running';
  return {
    taskId: task.id,
    prompt: task.prompt,
    strategy: task.strategy,
    pathCount: detail.paths.length,
    phase: task.status === 'cancelled' ? 'cancelled' : isFinished ? 'finished' : 'running',
    lanes,
    checkpoints,
    // The estimate after step n was drawn once n steps had been taken over all paths.
    predictions: detail.predictions
      .filter((prediction) => prediction.step <= upToStep)
      .map((prediction) => ({ type: 'prediction' as const, taskId: task.id, ...prediction })),
    vote: {
      type: 'vote',
      taskId: task.id,
      // The groups the vote used (by meaning where it voted by meaning), not the answers' strings.
      tally: recordedTally(detail.paths),
      winner: task.answer,
      at: task.finishedAt ?? task.createdAt,
    },
    finish: isFinished
      ? {
          type: 'task-finished',
          taskId: task.id,
          // A checked task with a wrong answer is recorded as failed; it still answered. An
          // interrupted task (the app closed under it) never finished: it failed.
          status:
            task.status === 'succeeded' || task.status === 'failed'
              ? task.answer === null
                ? 'no-answer'
                : 'answered'
              : task.status === 'interrupted'
                ? 'failed'
                : task.status,
          answer: task.answer,
          isLowConfidence: task.isLowConfidence,
          costUsd: task.costUsd,
          at: task.finishedAt ?? task.createdAt,
        }
      : null,
    error: null,
    costUsd: task.costUsd,
    stepCount: Math.min(ordered.length, upToStep),
  };
}

/** A recorded path's providers: a cloud one counts as run there only where the egress log has its request. */
function recordedProviders(path: TaskDetailPath): LaneProvider[] {
  const isLocal = path.provider.startsWith('local:');
  const cloudOutcome = path.ranOnCloud ? 'ran' : 'stayed-local';
  const first: LaneProvider = {
    provider: path.provider,
    locality: isLocal ? 'local' : 'cloud',
    outcome: isLocal ? 'ran' : cloudOutcome,
    reason: null,
  };
  if (path.migratedTo === null) return [first];
  return [first, { provider: path.migratedTo, locality: 'cloud', outcome: cloudOutcome, reason: null }];
}
