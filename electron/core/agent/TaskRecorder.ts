import type { TaskStatus } from '#shared/domain.ts';
import type { TaskLocalRun } from '#shared/ipc/TaskDetail.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import type { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import type { Database } from '#core/db/openDatabase.ts';
import type { TaskStore } from '#core/db/TaskStore.ts';
import { meaningGroupKeys } from './semanticVote.ts';

/** What a {@link TaskRecorder} writes to. */
export type TaskRecorderOptions = {
  readonly db: Database;
  readonly tasks: TaskStore;
  /** Where local charges go: the budget guard, the ledger's one writer (cloud charges it settles itself). */
  readonly charges: Pick<BudgetGuard, 'recordLocal'>;
  readonly profileId: string;
  /**
   * Whether an answer is right, when the task can be checked (a world task's verifier). Without it,
   * an answered task is recorded as succeeded and a task without an answer as failed.
   */
  readonly verify?: (answer: string | null) => boolean;
  /**
   * The task's answer embeddings (AnswerVectors' `lookup`): at the end each path whose long answer
   * was grouped by meaning keeps its group (`paths.answer_group`), so retraining builds the flow
   * graph the live checkpoint saw. Defaults to none: no groups are kept.
   */
  readonly answerVectors?: { lookup(answers: readonly (string | null)[]): readonly (ArrayLike<number> | null)[] };
  /** What the task's local paths run on (the local provider's report), kept with the task. Defaults to none. */
  readonly localRun?: TaskLocalRun;
};

/** The events that write rows. */
const recordedEvents: ReadonlySet<TaskEvent['type']> = new Set([
  'task-started',
  'path-started',
  'step',
  'charge',
  'path-finished',
  'checkpoint',
  'prediction',
  'vote',
  'task-finished',
]);

type PathRow = { id: number; provider: string; migratedTo: string | null; tokensIn: number; tokensOut: number };

/**
 * Writes a task's events to SQLite as they arrive: the task, one row per path, every step, every
 * checkpoint decision with its explanation, the failure estimate after each step, every charge in the ledger, and the end. Each event is
 * one transaction, so a crash leaves whole rows; a task that never finishes stays `running` with its
 * paths, and `abandon` marks it cancelled.
 */
export class TaskRecorder {
  readonly #options: TaskRecorderOptions;
  readonly #paths = new Map<number, PathRow>();
  /** Each finished path's answer, by path index. */
  readonly #answers = new Map<number, string | null>();
  #hasKeptGroups = false;
  #taskId: string | null = null;

  constructor(options: TaskRecorderOptions) {
    this.#options = options;
  }

  /** The task's row, with what its local paths run on. */
  #insertTask(event: Extract<TaskEvent, { type: 'task-started' }>): void {
    const { tasks, profileId, localRun } = this.#options;
    this.#taskId = event.taskId;
    const { taskId: id, prompt, at: createdAt, strategy } = event;
    tasks.insertTask({ id, profileId, prompt, createdAt, strategy, localRun });
  }

  /** Records one event; the listener to hand to `runTask`'s `onEvent`. */
  readonly handle = (event: TaskEvent): void => {
    // Tokens and fallbacks are not stored: no transaction per token.
    if (!recordedEvents.has(event.type)) return;
    const { db, tasks, charges, profileId } = this.#options;
    db.transaction(() => {
      if (event.type === 'checkpoint' || event.type === 'task-finished') this.#keepAnswerGroups(event.taskId);
      switch (event.type) {
        case 'task-started':
          this.#insertTask(event);
          break;
        case 'path-started': {
          const existing = this.#paths.get(event.path);
          if (existing === undefined) {
            const id = tasks.insertPath({
              taskId: event.taskId,
              pathIndex: event.path,
              provider: event.provider,
              model: event.provider,
              seed: null,
              isCloud: event.locality === 'cloud',
            });
            this.#paths.set(event.path, { id, provider: event.provider, migratedTo: null, tokensIn: 0, tokensOut: 0 });
          } else if (event.provider !== existing.provider) {
            // Where it was handed; whether it ran there is settled from the egress log at the end.
            existing.migratedTo = event.provider;
          }
          break;
        }
        case 'step': {
          const path = this.#paths.get(event.path);
          if (path === undefined) break;
          tasks.insertStep({
            pathId: path.id,
            stepIndex: event.step,
            tool: event.tool,
            args: event.arguments,
            result: typeof event.result === 'string' ? event.result : JSON.stringify(event.result),
            tokensIn: 0,
            tokensOut: 0,
            at: event.at,
            provider: event.provider,
          });
          break;
        }
        case 'charge': {
          const path = this.#paths.get(event.path);
          if (path !== undefined) {
            path.tokensIn += event.tokensIn;
            path.tokensOut += event.tokensOut;
          }
          // A cloud call's charge was settled into the ledger by the budget guard.
          if (event.locality === 'cloud') break;
          charges.recordLocal({
            profileId,
            taskId: event.taskId,
            provider: event.provider,
            model: event.model,
            tokensIn: event.tokensIn,
            tokensOut: event.tokensOut,
            costUsd: event.costUsd,
            at: event.at,
            pathIndex: event.path,
          });
          break;
        }
        case 'path-finished': {
          const path = this.#paths.get(event.path);
          if (path === undefined) break;
          this.#answers.set(event.path, event.answer);
          tasks.finishPath(path.id, {
            status: event.status === 'failed' ? 'exhausted' : event.status,
            answer: event.answer,
            // A path that fell back finishes on its own provider: it did not migrate.
            migratedTo: event.provider === path.provider ? null : path.migratedTo,
            tokensIn: path.tokensIn,
            tokensOut: path.tokensOut,
          });
          break;
        }
        case 'checkpoint':
          tasks.insertDecision({
            taskId: event.taskId,
            checkpoint: event.checkpoint,
            failureProbability: event.explanation.failureProbability,
            action: event.action,
            decidedBy: event.explanation.decidedBy,
            at: event.at,
            explanation: { ...event.explanation, migratedPaths: event.migratedPaths, checkpointAt: event.checkpointAt },
          });
          break;
        case 'prediction':
          tasks.insertPrediction({
            taskId: event.taskId,
            step: event.step,
            failureProbability: event.failureProbability,
            threshold: event.threshold,
            decidedBy: event.decidedBy,
            at: event.at,
          });
          break;
        case 'vote':
          tasks.setVoteGroups(event.taskId, event.tally);
          break;
        case 'task-finished':
          tasks.stopRunningPaths(event.taskId);
          tasks.settleRanOnCloud(event.taskId);
          tasks.finishTask(event.taskId, this.#statusOf(event), event.answer, event.at, event.isLowConfidence);
          break;
        default:
          break;
      }
    })();
  };

  /** Marks an unfinished task as cancelled (or failed), with its running paths stopped. */
  abandon(status: 'cancelled' | 'failed', at: number): void {
    const taskId = this.#taskId;
    if (taskId === null) return;
    this.#options.db.transaction(() => {
      this.#options.tasks.stopRunningPaths(taskId);
      this.#options.tasks.settleRanOnCloud(taskId);
      this.#options.tasks.finishTask(taskId, status, null, at);
    })();
  }

  /**
   * Each answered path's group by meaning (meaningGroupKeys on the vectors embedded so far), once:
   * at the first checkpoint among the answers given by then, which is where retraining cuts the task
   * (cutAtRecordedCheckpoint) and what the live predictor grouped there; at the end for a task that
   * took no checkpoint. Paths that answered later keep NULL: the checkpoint's graph has no answer of theirs.
   */
  #keepAnswerGroups(taskId: string): void {
    const vectors = this.#options.answerVectors;
    if (vectors === undefined || this.#hasKeptGroups) return;
    this.#hasKeptGroups = true;
    if (this.#answers.size === 0) return;
    const indexes = [...this.#answers.keys()];
    const answers: (string | null)[] = Array.from({ length: Math.max(...indexes) + 1 }, () => null);
    for (const [index, answer] of this.#answers) answers[index] = answer;
    const groups = new Map<number, string>();
    meaningGroupKeys(answers, vectors.lookup(answers)).forEach((group, index) => {
      if (group !== null) groups.set(index, group);
    });
    if (groups.size > 0) this.#options.tasks.setAnswerGroups(taskId, groups);
  }

  #statusOf(event: Extract<TaskEvent, { type: 'task-finished' }>): Exclude<TaskStatus, 'running'> {
    if (event.status === 'cancelled') return 'cancelled';
    if (event.status === 'stopped') return 'stopped';
    const verify = this.#options.verify;
    if (verify !== undefined) return verify(event.answer) ? 'succeeded' : 'failed';
    return event.answer === null ? 'failed' : 'succeeded';
  }
}
