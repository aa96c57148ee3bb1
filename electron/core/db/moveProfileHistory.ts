import type { Database } from './openDatabase.ts';

type Row = Record<string, unknown>;

/** What a move carried over: tasks (with their paths, steps, decisions, estimates), threads (with their turns and vaults), audit rows. */
export type MovedHistory = { readonly tasks: number; readonly threads: number; readonly egressRows: number };

/**
 * Inserts rows into one database, one cached statement per table and column set. `without` names an
 * integer primary key to leave out, so the row gets a fresh id there (ids of two files collide).
 */
class RowWriter {
  readonly #db: Database;
  readonly #statements = new Map<string, ReturnType<Database['prepare']>>();

  constructor(db: Database) {
    this.#db = db;
  }

  insert(table: string, row: Row, without: string | null = 'id'): number {
    const columns = Object.keys(row).filter((column) => column !== without);
    const sql = `INSERT INTO ${table} (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns
      .map((column) => `@${column}`)
      .join(', ')})`;
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    const values = Object.fromEntries(columns.map((column) => [column, row[column]]));
    return Number(statement.run(values).lastInsertRowid);
  }
}

const exists = (db: Database, table: string, id: string): boolean =>
  db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;

function copyTask(source: Database, writer: RowWriter, task: Row): number {
  writer.insert('tasks', task, null);
  const taskId = task['id'] as string;
  for (const path of source.prepare<[string], Row>('SELECT * FROM paths WHERE task_id = ?').all(taskId)) {
    const pathId = writer.insert('paths', path);
    for (const step of source.prepare<[unknown], Row>('SELECT * FROM steps WHERE path_id = ?').all(path['id']))
      writer.insert('steps', { ...step, path_id: pathId });
  }
  for (const table of ['decisions', 'predictions'])
    for (const row of source.prepare<[string], Row>(`SELECT * FROM ${table} WHERE task_id = ?`).all(taskId))
      writer.insert(table, row);
  const egress = source.prepare<[string], Row>('SELECT * FROM egress_audit WHERE task_id = ?').all(taskId);
  for (const row of egress) writer.insert('egress_audit', row);
  return egress.length;
}

/**
 * Copies what `source` holds of the profile into `destination`, in one transaction there. A task or
 * thread the destination already has is skipped whole (an earlier move committed it and stopped
 * before its clean-up), so running the move again after a crash copies nothing twice.
 */
function copyHistory(source: Database, destination: Database, profileId: string): MovedHistory {
  const writer = new RowWriter(destination);
  if (!exists(destination, 'profiles', profileId)) {
    const profile = source.prepare<[string], Row>('SELECT * FROM profiles WHERE id = ?').get(profileId);
    if (profile !== undefined) writer.insert('profiles', profile, null);
  }
  let tasks = 0;
  let egressRows = 0;
  for (const task of source.prepare<[string], Row>('SELECT * FROM tasks WHERE profile_id = ?').all(profileId)) {
    if (exists(destination, 'tasks', task['id'] as string)) continue;
    egressRows += copyTask(source, writer, task);
    tasks += 1;
  }
  // Audit rows that name no task of the profile (a task id set to null); matched by time and hash on a re-run.
  const loose = source
    .prepare<[string], Row>(
      'SELECT * FROM egress_audit e WHERE e.profile_id = ? AND (e.task_id IS NULL OR e.task_id NOT IN (SELECT id FROM tasks))',
    )
    .all(profileId);
  const present = destination.prepare<[string, unknown, unknown], Row>(
    'SELECT 1 FROM egress_audit WHERE profile_id = ? AND at = ? AND request_sha256 = ?',
  );
  for (const row of loose) {
    if (present.get(profileId, row['at'], row['request_sha256']) !== undefined) continue;
    writer.insert('egress_audit', { ...row, task_id: null });
    egressRows += 1;
  }
  let threads = 0;
  for (const thread of source.prepare<[string], Row>('SELECT * FROM threads WHERE profile_id = ?').all(profileId)) {
    if (exists(destination, 'threads', thread['id'] as string)) continue;
    writer.insert('threads', thread, null);
    for (const turn of source
      .prepare<[string], Row>('SELECT * FROM turns WHERE thread_id = ?')
      .all(thread['id'] as string))
      writer.insert('turns', turn, null);
    for (const entry of source
      .prepare<[string], Row>('SELECT * FROM thread_vault WHERE thread_id = ? ORDER BY rowid')
      .all(thread['id'] as string))
      writer.insert('thread_vault', entry, null);
    threads += 1;
  }
  return { tasks, threads, egressRows };
}

/** Deletes the profile's history from `db` (children first, so no foreign key action is needed). */
function deleteHistory(db: Database, profileId: string): void {
  const ofTasks = 'SELECT id FROM tasks WHERE profile_id = ?';
  db.prepare(`DELETE FROM steps WHERE path_id IN (SELECT id FROM paths WHERE task_id IN (${ofTasks}))`).run(profileId);
  for (const table of ['paths', 'decisions', 'predictions'])
    db.prepare(`DELETE FROM ${table} WHERE task_id IN (${ofTasks})`).run(profileId);
  db.prepare('DELETE FROM egress_audit WHERE profile_id = ?').run(profileId);
  db.prepare('DELETE FROM tasks WHERE profile_id = ?').run(profileId);
  for (const table of ['turns', 'thread_vault'])
    db.prepare(`DELETE FROM ${table} WHERE thread_id IN (SELECT id FROM threads WHERE profile_id = ?)`).run(profileId);
  db.prepare('DELETE FROM threads WHERE profile_id = ?').run(profileId);
}

/** Whether `db` holds any history of the profile. */
export function holdsHistory(db: Database, profileId: string): boolean {
  return (
    db
      .prepare<[string, string, string], { found: number }>(
        `SELECT EXISTS (SELECT 1 FROM tasks WHERE profile_id = ?) OR EXISTS (SELECT 1 FROM threads WHERE profile_id = ?)
           OR EXISTS (SELECT 1 FROM egress_audit WHERE profile_id = ?) AS found`,
      )
      .get(profileId, profileId, profileId)?.found === 1
  );
}

/** How many tasks of the profile `db` holds. */
export function countTasks(db: Database, profileId: string): number {
  return (
    db.prepare<[string], { count: number }>('SELECT COUNT(*) AS count FROM tasks WHERE profile_id = ?').get(profileId)
      ?.count ?? 0
  );
}

/** Whether the profile has a task recorded as running in `db`. */
export function hasRunningTask(db: Database, profileId: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM tasks WHERE profile_id = ? AND status = 'running' LIMIT 1`).get(profileId) !== undefined
  );
}

/**
 * Moves a profile's history (tasks with their paths, steps, decisions and estimates, egress audit
 * rows, chat threads with their turns and redaction vaults) from `source` to `destination`, two
 * databases of the same schema. Crash-safe in this order: the copy is committed in the destination first, in one IMMEDIATE
 * transaction; only then are the rows deleted from the source, in another. A crash in between leaves
 * the history in both, and the next move completes it without copying anything twice. `onMoved` runs
 * in the clean-up's transaction (the source's): what it writes there commits with the deletion or
 * not at all (protecting stores the passphrase so: a profile reads as protected only once its rows
 * have left the app database). Integer ids
 * (paths, steps, decisions, estimates, audit rows) are given afresh in the destination; text ids
 * (tasks, threads, turns) and the ledger's task ids stay valid. The caller vacuums the source when
 * freed pages must not keep the old rows.
 */
export function moveProfileHistory(
  source: Database,
  destination: Database,
  profileId: string,
  onMoved?: () => void,
): MovedHistory {
  const copy = (): MovedHistory =>
    destination.transaction(() => copyHistory(source, destination, profileId)).immediate();
  const moved = copy();
  return source
    .transaction(() => {
      // Under the source's write lock: what another process wrote there since the copy is copied
      // too, so the clean-up deletes nothing that is not in the destination.
      const late = copy();
      deleteHistory(source, profileId);
      onMoved?.();
      return {
        tasks: moved.tasks + late.tasks,
        threads: moved.threads + late.threads,
        egressRows: moved.egressRows + late.egressRows,
      };
    })
    .immediate();
}
