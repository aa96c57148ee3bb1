import type { AtroposBridge } from '#shared/ipc/contract.ts';
import type { EgressPrompt } from '#shared/ipc/EgressPrompt.ts';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import { applyTaskUpdate, isFinalUpdate, type TaskRunState } from './taskRunState.ts';

/** What the store holds: every task heard of since the page opened, and the open questions. */
export type TaskRunsSnapshot = {
  readonly runs: ReadonlyMap<string, TaskRunState>;
  /** Questions before something leaves the machine, oldest first. */
  readonly prompts: readonly EgressPrompt[];
  /** The task the Tasks screen shows: the one this page started last. */
  readonly focusedTaskId: string | null;
};

/**
 * Keeps the state of running tasks for the whole page, so that leaving the Tasks screen does not
 * lose a run and an escalation question can appear on any screen. It folds every `task:event`
 * (including those of tasks another window started, and those that arrive before `task:start`
 * has answered with the id) and queues every `egress:approval-request`; a task's questions leave
 * the queue when they are answered or the task ends. Questions are state on the host too: on
 * connecting (a reload) and reconnecting, the store asks for the ones still open.
 */
export class TaskRunStore {
  readonly #bridge: Pick<AtroposBridge, 'on' | 'invoke'>;
  readonly #listeners = new Set<() => void>();
  #snapshot: TaskRunsSnapshot = { runs: new Map(), prompts: [], focusedTaskId: null };

  readonly #schedule: (flush: () => void) => void;
  #isFlushPending = false;

  /**
   * `schedule` runs the one notification of a batch of task updates; by default on the next
   * animation frame (or after 100 ms, when a hidden page gets no frames).
   */
  constructor(bridge: Pick<AtroposBridge, 'on' | 'invoke'>, schedule: (flush: () => void) => void = nextFrame) {
    this.#bridge = bridge;
    this.#schedule = schedule;
  }

  /** Subscribes to the host's events; returns the function that stops listening. */
  connect(): () => void {
    const offUpdates = this.#bridge.on('task:event', (update) => this.apply(update));
    const offPrompts = this.#bridge.on('egress:approval-request', (prompt) => this.addPrompt(prompt));
    void this.refreshPrompts();
    return () => {
      offUpdates();
      offPrompts();
    };
  }

  /**
   * Folds one task update in. The snapshot changes at once; subscribers hear of it once per batch
   * (a frame): a task on many paths streams hundreds of tokens a second, and drawing every lane
   * and the graph for each one held the page's main thread for seconds.
   */
  apply(update: TaskUpdate): void {
    const runs = new Map(this.#snapshot.runs);
    runs.set(update.taskId, applyTaskUpdate(runs.get(update.taskId), update));
    const prompts = isFinalUpdate(update)
      ? this.#snapshot.prompts.filter((prompt) => prompt.taskId !== update.taskId)
      : this.#snapshot.prompts;
    this.#snapshot = { ...this.#snapshot, runs, prompts };
    if (this.#isFlushPending) return;
    this.#isFlushPending = true;
    this.#schedule(() => {
      if (this.#isFlushPending) this.#notify();
    });
  }

  /** Makes `taskId` the task the Tasks screen shows. */
  focus(taskId: string): void {
    this.#set({ ...this.#snapshot, focusedTaskId: taskId });
  }

  /** Queues a question. */
  addPrompt(prompt: EgressPrompt): void {
    this.#set({ ...this.#snapshot, prompts: [...this.#snapshot.prompts, prompt] });
  }

  /**
   * Asks the host for the questions still open and shows them: those pushed while this page was
   * away appear, those answered meanwhile (elsewhere, or expired) go. A failed request changes nothing.
   */
  async refreshPrompts(): Promise<void> {
    const askedWhileShown = new Set(this.#snapshot.prompts.map((prompt) => prompt.requestId));
    const result = await this.#bridge.invoke('task:list-pending-approvals', {}).catch(() => null);
    if (result === null || !result.ok) return;
    const open = new Set(result.value.map((prompt) => prompt.requestId));
    // A question pushed while the request was on its way is not in the answer, and stays.
    const kept = this.#snapshot.prompts.filter(
      (prompt) => open.has(prompt.requestId) || !askedWhileShown.has(prompt.requestId),
    );
    const shown = new Set(kept.map((prompt) => prompt.requestId));
    this.#set({
      ...this.#snapshot,
      prompts: [...kept, ...result.value.filter((prompt) => !shown.has(prompt.requestId))],
    });
  }

  /** Removes an answered question. */
  removePrompt(requestId: string): void {
    this.#set({
      ...this.#snapshot,
      prompts: this.#snapshot.prompts.filter((prompt) => prompt.requestId !== requestId),
    });
  }

  // Arrow properties: useSyncExternalStore receives them unbound.
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): TaskRunsSnapshot => this.#snapshot;

  #set(next: TaskRunsSnapshot): void {
    this.#snapshot = next;
    this.#notify();
  }

  #notify(): void {
    this.#isFlushPending = false;
    for (const listener of this.#listeners) listener();
  }
}

/** Runs `flush` once: on the next animation frame, or after 100 ms when the page gets no frames (hidden). */
function nextFrame(flush: () => void): void {
  let hasRun = false;
  const once = (): void => {
    if (hasRun) return;
    hasRun = true;
    flush();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
}
