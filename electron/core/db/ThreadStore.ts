import type { TaskStatus } from '#shared/domain.ts';
import type { ThreadDetail, ThreadSummary, ThreadTurn } from '#shared/ipc/Thread.ts';
import { costsOf, historyOf, type HistorySource } from './HistorySource.ts';
import type { Database } from './openDatabase.ts';

/** One kept entry of a thread's redaction vault (privacy's VaultEntry, whose type the vault checks on loading). */
export type VaultRow = { readonly placeholder: string; readonly type: string; readonly original: string };

type ThreadRow = { id: string; title: string; created_at: number; updated_at: number; turn_count: number };

type TurnRow = {
  id: string;
  position: number;
  prompt: string;
  task_id: string | null;
  created_at: number;
  status: TaskStatus | null;
  answer: string | null;
  carried_turns: number | null;
  left_out_turns: number | null;
};

function toSummary(row: ThreadRow): ThreadSummary {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    turnCount: row.turn_count,
  };
}

function toTurn(row: TurnRow, costUsd: number): ThreadTurn {
  return {
    id: row.id,
    position: row.position,
    prompt: row.prompt,
    taskId: row.task_id,
    status: row.status,
    answer: row.answer,
    costUsd,
    createdAt: row.created_at,
    carriedTurns: row.carried_turns,
    leftOutTurns: row.left_out_turns,
  };
}

const threadColumns = `th.id, th.title, th.created_at, th.updated_at,
  (SELECT COUNT(*) FROM turns tu WHERE tu.thread_id = th.id) AS turn_count`;

/** The threads and turns tables: chat threads of a profile, each turn naming the task that answered it. */
export class ThreadStore {
  readonly #source: HistorySource;

  /** The history this store reads and writes now (the active profile's, for the engine's stores). */
  get #db(): Database {
    return historyOf(this.#source);
  }

  constructor(source: HistorySource) {
    this.#source = source;
  }

  /** A new empty thread. */
  create(profileId: string, thread: { id: string; title: string; at: number }): ThreadSummary {
    historyOf(this.#source, profileId)
      .prepare('INSERT INTO threads (id, profile_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(thread.id, profileId, thread.title, thread.at, thread.at);
    return { id: thread.id, title: thread.title, createdAt: thread.at, updatedAt: thread.at, turnCount: 0 };
  }

  /**
   * Most recently used first. `query`: words that must all appear (any case) in the title or in
   * some turn's question or answer.
   */
  list(profileId: string, options: { query?: string; limit: number; offset: number }): ThreadSummary[] {
    const conditions = ['th.profile_id = ?'];
    const params: (string | number)[] = [profileId];
    for (const word of (options.query ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((item) => item !== '')) {
      conditions.push(`(instr(lower(th.title), ?) > 0 OR EXISTS (
        SELECT 1 FROM turns tu LEFT JOIN tasks t ON t.id = tu.task_id
        WHERE tu.thread_id = th.id AND (instr(lower(tu.prompt), ?) > 0 OR instr(lower(COALESCE(t.answer, '')), ?) > 0)))`);
      params.push(word, word, word);
    }
    return this.#db
      .prepare<(string | number)[], ThreadRow>(
        `SELECT ${threadColumns} FROM threads th WHERE ${conditions.join(' AND ')}
         ORDER BY th.updated_at DESC, th.rowid DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, options.limit, options.offset)
      .map(toSummary);
  }

  /** A thread of the profile with its turns, or undefined. */
  get(profileId: string, threadId: string): ThreadDetail | undefined {
    const row = this.#db
      .prepare<[string, string], ThreadRow>(
        `SELECT ${threadColumns} FROM threads th WHERE th.id = ? AND th.profile_id = ?`,
      )
      .get(threadId, profileId);
    if (row === undefined) return undefined;
    const rows = this.#db
      .prepare<[string], TurnRow>(
        `SELECT tu.id, tu.position, tu.prompt, tu.task_id, tu.created_at, t.status, t.answer,
           tu.carried_turns, tu.left_out_turns
         FROM turns tu LEFT JOIN tasks t ON t.id = tu.task_id
         WHERE tu.thread_id = ? ORDER BY tu.position`,
      )
      .all(threadId);
    // Charges live in the app database's ledger, also for a protected profile's tasks.
    const costs = costsOf(
      this.#source,
      rows.flatMap((turn) => (turn.task_id === null ? [] : [turn.task_id])),
    );
    const turns = rows.map((turn) => toTurn(turn, turn.task_id === null ? 0 : (costs.get(turn.task_id) ?? 0)));
    return { ...toSummary(row), turns };
  }

  /** Appends a turn at the end of the thread and marks the thread as just used. */
  addTurn(threadId: string, turn: { id: string; prompt: string; taskId: string; at: number }): void {
    this.#db.transaction(() => {
      const { next } = this.#db
        .prepare<[string], { next: number }>(
          'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM turns WHERE thread_id = ?',
        )
        .get(threadId) ?? { next: 0 };
      this.#db
        .prepare('INSERT INTO turns (id, thread_id, position, prompt, task_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(turn.id, threadId, next, turn.prompt, turn.taskId, turn.at);
      this.#db.prepare('UPDATE threads SET updated_at = ? WHERE id = ?').run(turn.at, threadId);
    })();
  }

  /** Records how many earlier turns the turn's paths carried and left out to fit the model's context. */
  recordContext(turnId: string, context: { carriedTurns: number; leftOutTurns: number }): void {
    this.#db
      .prepare('UPDATE turns SET carried_turns = ?, left_out_turns = ? WHERE id = ?')
      .run(context.carriedTurns, context.leftOutTurns, turnId);
  }

  /**
   * The cloud provider chosen for the thread (null: stay on this computer), or undefined when none
   * was ever chosen for it (or there is no such thread).
   */
  cloudChoice(profileId: string, threadId: string): { providerId: string | null } | undefined {
    const row = this.#db
      .prepare<[string, string], { cloud_provider_id: string | null; is_cloud_chosen: number }>(
        'SELECT cloud_provider_id, is_cloud_chosen FROM threads WHERE id = ? AND profile_id = ?',
      )
      .get(threadId, profileId);
    return row === undefined || row.is_cloud_chosen === 0 ? undefined : { providerId: row.cloud_provider_id };
  }

  /** Keeps the thread's cloud choice (null: stay on this computer); whether the thread existed. */
  setCloudChoice(profileId: string, threadId: string, providerId: string | null): boolean {
    return (
      this.#db
        .prepare('UPDATE threads SET cloud_provider_id = ?, is_cloud_chosen = 1 WHERE id = ? AND profile_id = ?')
        .run(providerId, threadId, profileId).changes === 1
    );
  }

  /** What the thread's redaction vault holds, in the order it was made (see `keepVaultEntry`). */
  vaultEntries(threadId: string): VaultRow[] {
    return this.#db
      .prepare<[string], VaultRow>(
        'SELECT placeholder, type, original FROM thread_vault WHERE thread_id = ? ORDER BY rowid',
      )
      .all(threadId);
  }

  /**
   * Keeps one entry of the thread's redaction vault in the profile's history (a protected profile's
   * encrypted file; refused when `profileId` is not the active profile). A thread deleted meanwhile,
   * or a placeholder already kept, writes nothing.
   */
  keepVaultEntry(profileId: string, threadId: string, entry: VaultRow): void {
    historyOf(this.#source, profileId)
      .prepare(
        `INSERT OR IGNORE INTO thread_vault (thread_id, placeholder, type, original)
         SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM threads WHERE id = ? AND profile_id = ?)`,
      )
      .run(threadId, entry.placeholder, entry.type, entry.original, threadId, profileId);
  }

  /** Whether the thread existed in the profile. */
  rename(profileId: string, threadId: string, title: string, at: number): boolean {
    return (
      this.#db
        .prepare('UPDATE threads SET title = ?, updated_at = ? WHERE id = ? AND profile_id = ?')
        .run(title, at, threadId, profileId).changes === 1
    );
  }

  /** Deletes the thread, its turns and its vault (the tasks stay in History); whether it existed. */
  delete(profileId: string, threadId: string): boolean {
    return (
      this.#db.prepare('DELETE FROM threads WHERE id = ? AND profile_id = ?').run(threadId, profileId).changes === 1
    );
  }
}
