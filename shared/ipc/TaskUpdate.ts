import type { TaskEvent } from '../taskEvents.ts';
import type { IpcError } from './IpcError.ts';

/** A task ended because the person cancelled it. Quiet: the UI shows no error for it. */
export type TaskCancelledUpdate = { readonly type: 'task-cancelled'; readonly taskId: string; readonly at: number };

/** A task ended with an error (the model is missing, the request was invalid ...); the message says what to do. */
export type TaskFailedUpdate = {
  readonly type: 'task-failed';
  readonly taskId: string;
  readonly error: IpcError;
  readonly at: number;
};

/**
 * The payload of the `task:event` channel: every event of a running task as the engine reports it,
 * plus how a task started by `task:start` ended when it did not finish on its own. Keyed by `taskId`.
 */
export type TaskUpdate = TaskEvent | TaskCancelledUpdate | TaskFailedUpdate;
