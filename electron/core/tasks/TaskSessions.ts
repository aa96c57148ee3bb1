import type { EgressDecision, EgressPrompt, EgressPromptMessage } from '#shared/ipc/EgressPrompt.ts';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import type { EgressApprovalRequest } from '#core/egress/createCloudEscalation.ts';
import { CancelledError, toIpcError } from '#core/errors.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { hostTimers, type Timers } from '#core/llm/providers/ResponseWatchdog.ts';
import type { Clock, Logger } from '#core/ports.ts';

/** What {@link TaskSessions} hands the run it starts. */
export type TaskRunHooks = {
  readonly taskId: string;
  readonly onEvent: (event: TaskEvent) => void;
  readonly ask: (request: EgressApprovalRequest) => Promise<EgressDecision>;
  readonly signal: AbortSignal;
};

/** Options of {@link TaskSessions}. */
export type TaskSessionsOptions = {
  readonly newId: () => string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Receives every update of every task (the `task:event` channel). */
  readonly onUpdate: (update: TaskUpdate) => void;
  /** Receives every question before something would leave (the `egress:approval-request` channel). */
  readonly onApprovalRequest: (prompt: EgressPrompt) => void;
  /**
   * How long a question waits for an answer before it is denied (the task then goes on locally),
   * so a closed window never leaves a task waiting. Defaults to 15 minutes.
   */
  readonly approvalTimeoutMs?: number;
  /** Defaults to the host's timers. */
  readonly timers?: Timers;
};

type PendingApproval = {
  readonly taskId: string;
  readonly prompt: EgressPrompt;
  readonly resolve: (decision: EgressDecision) => void;
};

/**
 * The tasks started over IPC: each runs in the background with its own AbortController and is
 * known by id until it ends; its questions to the person wait here, keyed by request id, until
 * `answer` (or cancelling the task, or the question's time running out, which deny them). They are
 * state, not only an event: a window that reloads or reconnects asks `pendingApprovals` for them.
 * Cancellation is quiet: the task ends with a `task-cancelled` update, never an error.
 */
export class TaskSessions {
  readonly #options: TaskSessionsOptions;
  readonly #running = new Map<string, AbortController>();
  /** Each running task's last step: its ending is reported and it is forgotten. */
  readonly #endings = new Set<Promise<void>>();
  readonly #approvals = new Map<string, PendingApproval>();

  constructor(options: TaskSessionsOptions) {
    this.#options = options;
  }

  /** Starts `run` under a new task id and returns the id at once. */
  start(run: (hooks: TaskRunHooks) => Promise<unknown>): { taskId: string } {
    const { newId, clock, logger, onUpdate } = this.#options;
    const taskId = newId();
    const controller = new AbortController();
    this.#running.set(taskId, controller);
    const hooks: TaskRunHooks = {
      taskId,
      onEvent: (event) => onUpdate(event),
      ask: (request) => this.#ask(taskId, request, controller.signal),
      signal: controller.signal,
    };
    // The promise is observed here, so nothing floats: every ending becomes an update.
    const ending = Promise.resolve()
      .then(() => run(hooks))
      .then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof CancelledError || controller.signal.aborted) {
            onUpdate({ type: 'task-cancelled', taskId, at: clock.now() });
          } else {
            onUpdate({ type: 'task-failed', taskId, error: toIpcError(error, logger, 'task:start'), at: clock.now() });
          }
        },
      )
      .finally(() => {
        this.#running.delete(taskId);
      })
      .catch((error: unknown) => logger.error('task update listener failed', { taskId, error: String(error) }));
    this.#endings.add(ending);
    void ending.finally(() => this.#endings.delete(ending));
    return { taskId };
  }

  /** Aborts a running task; false when it is not running (finished, or never started). */
  cancel(taskId: string): boolean {
    const controller = this.#running.get(taskId);
    if (controller === undefined) return false;
    controller.abort();
    return true;
  }

  /** Answers an open question; false when it is no longer open. */
  answer(requestId: string, decision: EgressDecision): boolean {
    const pending = this.#approvals.get(requestId);
    if (pending === undefined) return false;
    this.#approvals.delete(requestId);
    pending.resolve(decision);
    return true;
  }

  /** The questions waiting for an answer now, oldest first (a reloaded window shows them again). */
  pendingApprovals(): EgressPrompt[] {
    return [...this.#approvals.values()].map((pending) => pending.prompt);
  }

  /** The ids of the tasks running now. */
  get runningTaskIds(): readonly string[] {
    return [...this.#running.keys()];
  }

  /**
   * Cancels every running task (their open questions are denied) and resolves once each has
   * finished cleaning up and reported its ending, so the database can close after it.
   */
  async dispose(): Promise<void> {
    for (const controller of this.#running.values()) controller.abort();
    await Promise.all(this.#endings);
  }

  #ask(taskId: string, request: EgressApprovalRequest, signal: AbortSignal): Promise<EgressDecision> {
    if (signal.aborted) return Promise.resolve('deny');
    const requestId = this.#options.newId();
    const timers = this.#options.timers ?? hostTimers;
    const prompt: EgressPrompt = {
      requestId,
      taskId,
      provider: request.provider,
      model: request.model,
      path: request.path,
      messages: toPromptMessages(request.redactedTranscript),
      redactions: request.redactions,
      estimatedCostUsd: request.estimatedCostUsd,
      originals: request.originals,
    };
    return new Promise<EgressDecision>((resolve) => {
      const withdraw = (): void => {
        this.answer(requestId, 'deny');
      };
      signal.addEventListener('abort', withdraw, { once: true });
      const expiry = timers.setTimeout(withdraw, this.#options.approvalTimeoutMs ?? 15 * 60_000);
      this.#approvals.set(requestId, {
        taskId,
        prompt,
        resolve: (decision) => {
          signal.removeEventListener('abort', withdraw);
          timers.clearTimeout(expiry as never);
          resolve(decision);
        },
      });
      this.#options.onApprovalRequest(prompt);
    });
  }
}

/** The redacted transcript as text per message: what the person reads before approving. */
function toPromptMessages(transcript: Transcript): EgressPromptMessage[] {
  return transcript.messages.map((message): EgressPromptMessage => {
    switch (message.role) {
      case 'system':
      case 'user':
        return { role: message.role, text: message.text };
      case 'assistant': {
        const calls = message.toolCalls.map((call) => `${call.name}(${JSON.stringify(call.arguments)})`);
        return { role: 'assistant', text: [message.text, ...calls].filter((part) => part !== '').join('\n') };
      }
      case 'tool':
        return {
          role: 'tool',
          text: `${message.name} → ${typeof message.result === 'string' ? message.result : JSON.stringify(message.result)}`,
        };
    }
  });
}
