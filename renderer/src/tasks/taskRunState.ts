import type { IpcError } from '#shared/ipc/IpcError.ts';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import type { FallbackReason, TaskEvent } from '#shared/taskEvents.ts';

/** A checkpoint event as the Tasks screen shows it. */
export type CheckpointEvent = Extract<TaskEvent, { type: 'checkpoint' }>;

/** One tool call of a lane, with its arrival order across the whole task (for "newest"). */
export type LaneStep = {
  readonly step: number;
  readonly tool: string;
  readonly arguments: unknown;
  readonly result: unknown;
  readonly provider: string | null;
  readonly order: number;
};

/**
 * A provider a lane was handed to; a lane that migrated has more than one. `outcome`: `ran` once
 * something came back from it (a step, a token, a charge, its answer), `handing-over` while the
 * hand-over is asked for, `stayed-local` when nothing ran there (`reason` says why: denied, a cap,
 * the policy, or the provider failed; null when the record does not say).
 */
export type LaneProvider = {
  readonly provider: string;
  readonly locality: 'local' | 'cloud';
  readonly outcome: 'ran' | 'handing-over' | 'stayed-local';
  readonly reason: FallbackReason | null;
};

/** One path of a task, as a lane. */
export type LaneState = {
  readonly path: number;
  /** In order; the last is the current one. */
  readonly providers: readonly LaneProvider[];
  readonly status: 'running' | 'answered' | 'exhausted' | 'stopped' | 'failed';
  readonly answer: string | null;
  readonly steps: readonly LaneStep[];
  /** Streamed text since the last step (token events). */
  readonly tokens: string;
  /** Why cloud continuations of this path fell back to the local model. */
  readonly fallbacks: readonly string[];
};

/** Where a task run stands. */
export type TaskPhase = 'running' | 'finished' | 'cancelled' | 'failed';

/** Everything the Tasks screen knows about one task, folded from its updates. */
export type TaskRunState = {
  readonly taskId: string;
  readonly prompt: string | null;
  readonly strategy: 'parallel' | 'sequential' | null;
  readonly pathCount: number;
  readonly phase: TaskPhase;
  readonly lanes: readonly LaneState[];
  readonly checkpoints: readonly CheckpointEvent[];
  readonly vote: Extract<TaskEvent, { type: 'vote' }> | null;
  readonly finish: Extract<TaskEvent, { type: 'task-finished' }> | null;
  readonly error: IpcError | null;
  /** The sum of the charges so far, in US dollars. */
  readonly costUsd: number;
  /** Step events seen so far: the next step's `order`. */
  readonly stepCount: number;
  /** The failure estimate after each step, for the chance-of-success chart. */
  readonly predictions: readonly Extract<TaskEvent, { type: 'prediction' }>[];
};

/** A task nothing has been heard of yet. */
export function emptyTaskRun(taskId: string): TaskRunState {
  return {
    taskId,
    prompt: null,
    strategy: null,
    pathCount: 0,
    phase: 'running',
    lanes: [],
    checkpoints: [],
    vote: null,
    finish: null,
    error: null,
    costUsd: 0,
    predictions: [],
    stepCount: 0,
  };
}

/** The lane with its pending hand-over to `provider` (any, when undefined) marked as run there. */
function markRan(lane: LaneState, provider?: string): LaneState {
  const last = lane.providers.at(-1);
  if (last === undefined || last.outcome !== 'handing-over' || (provider !== undefined && provider !== last.provider))
    return lane;
  return { ...lane, providers: [...lane.providers.slice(0, -1), { ...last, outcome: 'ran' }] };
}

/** The lane with its pending hand-over marked as stayed local, for `reason`. */
function markStayedLocal(lane: LaneState, reason: FallbackReason): LaneState {
  const last = lane.providers.at(-1);
  if (last === undefined || last.outcome !== 'handing-over') return lane;
  return { ...lane, providers: [...lane.providers.slice(0, -1), { ...last, outcome: 'stayed-local', reason }] };
}

function updateLane(state: TaskRunState, path: number, change: (lane: LaneState) => LaneState): TaskRunState {
  const existing = state.lanes.find((lane) => lane.path === path);
  const base: LaneState = existing ?? {
    path,
    providers: [],
    status: 'running',
    answer: null,
    steps: [],
    tokens: '',
    fallbacks: [],
  };
  const next = change(base);
  const lanes =
    existing === undefined
      ? [...state.lanes, next].sort((a, b) => a.path - b.path)
      : state.lanes.map((lane) => (lane === existing ? next : lane));
  return { ...state, lanes };
}

/** Folds one update into a task's state. Pure: returns a new state, never changes the old one. */
export function applyTaskUpdate(previous: TaskRunState | undefined, update: TaskUpdate): TaskRunState {
  const state = previous ?? emptyTaskRun(update.taskId);
  switch (update.type) {
    case 'task-started':
      return { ...state, prompt: update.prompt, strategy: update.strategy, pathCount: update.paths };
    case 'path-started':
      return updateLane(state, update.path, (lane) => {
        const current = lane.providers.at(-1);
        const isSame = current?.provider === update.provider && current.locality === update.locality;
        return {
          ...lane,
          status: 'running',
          providers: isSame
            ? lane.providers
            : [
                ...lane.providers,
                {
                  provider: update.provider,
                  locality: update.locality,
                  outcome: update.locality === 'local' ? 'ran' : 'handing-over',
                  reason: null,
                },
              ],
        };
      });
    case 'token':
      return updateLane(state, update.path, (lane) => ({ ...markRan(lane), tokens: lane.tokens + update.text }));
    case 'step':
      return {
        ...updateLane(state, update.path, (lane) => ({
          ...markRan(lane, update.provider),
          tokens: '',
          steps: [
            ...lane.steps,
            {
              step: update.step,
              tool: update.tool,
              arguments: update.arguments,
              result: update.result,
              provider: update.provider,
              order: state.stepCount,
            },
          ],
        })),
        stepCount: state.stepCount + 1,
      };
    case 'path-finished':
      return updateLane(state, update.path, (lane) => ({
        ...markRan(lane, update.provider),
        status: update.status,
        answer: update.answer,
        tokens: '',
      }));
    case 'checkpoint':
      return { ...state, checkpoints: [...state.checkpoints, update] };
    case 'prediction':
      return { ...state, predictions: [...state.predictions, update] };
    case 'fallback':
      return updateLane(state, update.path, (lane) => ({
        ...markStayedLocal(lane, update.reason ?? 'provider-failed'),
        fallbacks: [...lane.fallbacks, update.message],
      }));
    case 'charge':
      return {
        ...(update.locality === 'cloud'
          ? updateLane(state, update.path, (lane) => markRan(lane, update.provider))
          : state),
        costUsd: state.costUsd + update.costUsd,
      };
    case 'vote':
      return { ...state, vote: update };
    case 'task-finished':
      return { ...state, finish: update, phase: 'finished', costUsd: update.costUsd };
    case 'task-cancelled':
      return { ...state, phase: 'cancelled' };
    case 'task-failed':
      return { ...state, phase: 'failed', error: update.error };
  }
}

/** Whether an update ends its task. */
export function isFinalUpdate(update: TaskUpdate): boolean {
  return update.type === 'task-finished' || update.type === 'task-cancelled' || update.type === 'task-failed';
}
