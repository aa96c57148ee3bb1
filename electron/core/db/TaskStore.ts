import type { TaskFilter, TaskStatus, TaskSummary } from '#shared/domain.ts';
import type { TaskLocalRun } from '#shared/ipc/TaskDetail.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { requestLeftSql } from './EgressAuditStore.ts';
import { costsOf, historyOf, type HistorySource } from './HistorySource.ts';
import type { Database } from './openDatabase.ts';
import type { ProcessOwner, StoredOwner } from './ProcessOwner.ts';

/** A task about to be recorded. */
export type NewTask = {
  readonly id: string;
  readonly profileId: string;
  readonly prompt: string;
  readonly createdAt: number;
  /** Defaults to `parallel`. */
  readonly strategy?: 'parallel' | 'sequential';
  /** What its local paths run on; none for a task that ends before its model loads. */
  readonly localRun?: TaskLocalRun;
};

/** A self-consistency path about to be recorded. */
export type NewPath = {
  readonly taskId: string;
  readonly pathIndex: number;
  readonly provider: string;
  readonly model: string;
  readonly seed: number | null;
  /** The path starts on a cloud model (a sequential escalation). Defaults to false. */
  readonly isCloud?: boolean;
};

/** A tool call of a path. */
export type NewStep = {
  readonly pathId: number;
  readonly stepIndex: number;
  readonly tool: string;
  readonly args: unknown;
  readonly result: string | null;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly at: number;
  /** The provider that made the call (a migrated path changes provider). */
  readonly provider?: string;
};

/** A checkpoint decision of the escalation policy. */
export type NewDecision = {
  readonly taskId: string;
  readonly checkpoint: number;
  readonly failureProbability: number | null;
  readonly action: 'continue' | 'stop' | 'escalate-parallel' | 'escalate-sequential' | 'escalate-selective';
  readonly decidedBy: string;
  readonly at: number;
  /** The facts the decision was taken on, as shown in the UI. */
  readonly explanation?: unknown;
};

/** One per-step failure estimate of a running task, as the engine emitted it. */
export type NewPrediction = Omit<Extract<TaskEvent, { type: 'prediction' }>, 'type'>;

type SummaryRow = {
  id: string;
  profile_id: string;
  prompt: string;
  status: TaskStatus;
  answer: string | null;
  created_at: number;
  finished_at: number | null;
  path_count: number;
  step_count: number;
  is_escalated: number;
};

/** Whether a request of task `t` left the machine (SQL, true or false): the egress log says, not the plan. */
const escalatedSql = requestLeftSql('t.id');

/** Tasks and what hangs off them: paths, steps and checkpoint decisions. */
export class TaskStore {
  readonly #source: HistorySource;

  /** The history this store reads and writes now (the active profile's, for the engine's stores). */
  get #db(): Database {
    return historyOf(this.#source);
  }
  readonly #owner: ProcessOwner | null;

  /** `owner`: the process whose running tasks this store records (the engine's); without it, none is recorded. */
  constructor(source: HistorySource, owner?: ProcessOwner) {
    this.#source = source;
    this.#owner = owner ?? null;
  }

  insertTask(task: NewTask): void {
    historyOf(this.#source, task.profileId)
      .prepare(
        `INSERT INTO tasks (id, profile_id, prompt, status, created_at, strategy, owner_pid, owner_token,
           local_backend, local_requested_backend, local_gpu_layers, local_total_layers, local_fallback_reason,
           path_mode, threads_per_path)
         VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        task.id,
        task.profileId,
        task.prompt,
        task.createdAt,
        task.strategy ?? 'parallel',
        this.#owner?.pid ?? null,
        this.#owner?.token ?? null,
        task.localRun?.backend ?? null,
        task.localRun?.requested ?? null,
        task.localRun?.gpuLayers ?? null,
        task.localRun?.totalLayers ?? null,
        task.localRun?.fallbackReason ?? null,
        task.localRun?.pathMode.kind ?? null,
        task.localRun?.pathMode.threadsPerPath ?? null,
      );
  }

  /** The owners of the tasks recorded as running. */
  runningOwners(): StoredOwner[] {
    return this.#db
      .prepare<[], StoredOwner>(
        `SELECT DISTINCT owner_pid AS pid, owner_token AS token FROM tasks WHERE status = 'running'`,
      )
      .all();
  }

  /** Marks the running tasks of `owner` (a process that is gone) interrupted, their paths stopped; returns how many. */
  interruptRunning(owner: StoredOwner, at: number): number {
    const ids = this.#db
      .prepare<[number | null, string | null], { id: string }>(
        `SELECT id FROM tasks WHERE status = 'running' AND owner_pid IS ? AND owner_token IS ?`,
      )
      .all(owner.pid, owner.token)
      .map((row) => row.id);
    for (const id of ids) {
      this.stopRunningPaths(id);
      this.#db.prepare(`UPDATE tasks SET status = 'interrupted', finished_at = ? WHERE id = ?`).run(at, id);
    }
    return ids.length;
  }

  /** A task's recorded status, or null when there is no such task. */
  statusOf(id: string): TaskStatus | null {
    return (
      this.#db.prepare<[string], { status: TaskStatus }>('SELECT status FROM tasks WHERE id = ?').get(id)?.status ??
      null
    );
  }

  finishTask(
    id: string,
    status: Exclude<TaskStatus, 'running'>,
    answer: string | null,
    finishedAt: number,
    isLowConfidence = false,
  ): void {
    this.#db
      .prepare('UPDATE tasks SET status = ?, answer = ?, finished_at = ?, is_low_confidence = ? WHERE id = ?')
      .run(status, answer, finishedAt, isLowConfidence ? 1 : 0, id);
  }

  /** Ends a path: its status, answer, the provider that finished it (when it migrated) and its tokens. */
  finishPath(
    pathId: number,
    end: {
      status: 'answered' | 'exhausted' | 'stopped';
      answer: string | null;
      migratedTo: string | null;
      tokensIn: number;
      tokensOut: number;
    },
  ): void {
    this.#db
      .prepare('UPDATE paths SET status = ?, answer = ?, migrated_to = ?, tokens_in = ?, tokens_out = ? WHERE id = ?')
      .run(end.status, end.answer, end.migratedTo, end.tokensIn, end.tokensOut, pathId);
  }

  /**
   * Keeps each path's answer group by meaning (see TrajectoryRun.answerGroup), null for none.
   * @param groups By path index; paths not named keep NULL.
   */
  setAnswerGroups(taskId: string, groups: ReadonlyMap<number, string>): void {
    const update = this.#db.prepare('UPDATE paths SET answer_group = ? WHERE task_id = ? AND path_index = ?');
    for (const [pathIndex, group] of groups) update.run(group, taskId, pathIndex);
  }

  /**
   * Keeps the task's vote: each voting path gets its group's answer as the vote showed it, so History
   * draws the groups the vote used (by meaning where it voted by meaning).
   */
  setVoteGroups(
    taskId: string,
    tally: readonly { readonly answer: string; readonly paths: readonly number[] }[],
  ): void {
    const update = this.#db.prepare('UPDATE paths SET vote_group = ? WHERE task_id = ? AND path_index = ?');
    for (const group of tally) for (const pathIndex of group.paths) update.run(group.answer, taskId, pathIndex);
  }

  /** Marks every path of a task that is still running as stopped (a cancelled or failed run). */
  stopRunningPaths(taskId: string): void {
    this.#db.prepare(`UPDATE paths SET status = 'stopped' WHERE task_id = ? AND status = 'running'`).run(taskId);
  }

  insertPath(path: NewPath): number {
    const info = this.#db
      .prepare(
        `INSERT INTO paths (task_id, path_index, provider, model, seed, status, ran_on_cloud)
         VALUES (?, ?, ?, ?, ?, 'running', ?)`,
      )
      .run(path.taskId, path.pathIndex, path.provider, path.model, path.seed, path.isCloud === true ? 1 : 0);
    return Number(info.lastInsertRowid);
  }

  /**
   * Sets each path's `ran_on_cloud` from the egress log: 1 only where a request of that path left
   * the machine (a denied, capped, refused or unreachable escalation sent nothing). The predictor's
   * retraining labels read it.
   */
  settleRanOnCloud(taskId: string): void {
    this.#db
      .prepare(
        `UPDATE paths SET ran_on_cloud = CASE WHEN ${requestLeftSql('paths.task_id', 'paths.path_index')} THEN 1 ELSE 0 END
         WHERE task_id = ?`,
      )
      .run(taskId);
  }

  insertStep(step: NewStep): number {
    const info = this.#db
      .prepare(
        `INSERT INTO steps (path_id, step_index, tool, args_json, result, tokens_in, tokens_out, at, provider)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        step.pathId,
        step.stepIndex,
        step.tool,
        JSON.stringify(step.args),
        step.result,
        step.tokensIn,
        step.tokensOut,
        step.at,
        step.provider ?? null,
      );
    return Number(info.lastInsertRowid);
  }

  insertDecision(decision: NewDecision): number {
    const info = this.#db
      .prepare(
        `INSERT INTO decisions (task_id, checkpoint, failure_probability, action, decided_by, at, explanation_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        decision.taskId,
        decision.checkpoint,
        decision.failureProbability,
        decision.action,
        decision.decidedBy,
        decision.at,
        decision.explanation === undefined ? null : JSON.stringify(decision.explanation),
      );
    return Number(info.lastInsertRowid);
  }

  insertPrediction(prediction: NewPrediction): number {
    const info = this.#db
      .prepare(
        `INSERT INTO predictions (task_id, step, failure_probability, threshold, decided_by, at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        prediction.taskId,
        prediction.step,
        prediction.failureProbability,
        prediction.threshold,
        prediction.decidedBy,
        prediction.at,
      );
    return Number(info.lastInsertRowid);
  }

  /** Newest first, narrowed by `filter`, with path and step counts and the ledger's cost per task. */
  listSummaries(profileId: string, limit: number, offset: number, filter: TaskFilter = {}): TaskSummary[] {
    const conditions = ['t.profile_id = ?'];
    const params: (string | number)[] = [profileId];
    for (const word of (filter.query ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((item) => item !== '')) {
      conditions.push(`(instr(lower(t.prompt), ?) > 0 OR instr(lower(COALESCE(t.answer, '')), ?) > 0)`);
      params.push(word, word);
    }
    if (filter.status !== undefined) {
      conditions.push('t.status = ?');
      params.push(filter.status);
    }
    if (filter.escalated !== undefined) conditions.push(`${filter.escalated ? '' : 'NOT '}(${escalatedSql})`);
    if (filter.from !== undefined) {
      conditions.push('t.created_at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      conditions.push('t.created_at < ?');
      params.push(filter.to);
    }
    const rows = this.#db
      .prepare<(string | number)[], SummaryRow>(
        `SELECT t.*,
           (SELECT COUNT(*) FROM paths p WHERE p.task_id = t.id) AS path_count,
           (SELECT COUNT(*) FROM steps s JOIN paths p ON s.path_id = p.id WHERE p.task_id = t.id) AS step_count,
           (${escalatedSql}) AS is_escalated
         FROM tasks t WHERE ${conditions.join(' AND ')} ORDER BY t.created_at DESC, t.id LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset);
    // Charges live in the app database's ledger, also for a protected profile's tasks.
    const costs = costsOf(
      this.#source,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      profileId: row.profile_id,
      prompt: row.prompt,
      status: row.status,
      answer: row.answer,
      pathCount: row.path_count,
      stepCount: row.step_count,
      costUsd: costs.get(row.id) ?? 0,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      isEscalated: row.is_escalated === 1,
    }));
  }

  /** Finished tasks of a profile: the labelled history the predictor learns from. */
  countFinished(profileId: string): number {
    const row = this.#db
      .prepare<[string], { n: number }>(
        `SELECT COUNT(*) AS n FROM tasks WHERE profile_id = ? AND status IN ('succeeded', 'failed')`,
      )
      .get(profileId);
    return row?.n ?? 0;
  }
}
