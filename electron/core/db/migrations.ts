import type { Database } from 'better-sqlite3';
import { assert } from '../errors.ts';
import type { Migration } from './migrate.ts';

/** The schema, in order. Append new steps; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        privacy_mode TEXT NOT NULL CHECK (privacy_mode IN ('local-only', 'ask', 'auto-redact')),
        per_task_cap_usd REAL CHECK (per_task_cap_usd >= 0),
        monthly_cap_usd REAL CHECK (monthly_cap_usd >= 0)
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      );
      CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        prompt TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'stopped', 'cancelled')),
        answer TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX tasks_by_profile ON tasks (profile_id, created_at DESC);
      CREATE TABLE paths (
        id INTEGER PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        path_index INTEGER NOT NULL,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        seed INTEGER,
        status TEXT NOT NULL CHECK (status IN ('running', 'answered', 'exhausted', 'stopped', 'migrated')),
        answer TEXT,
        UNIQUE (task_id, path_index)
      );
      CREATE TABLE steps (
        id INTEGER PRIMARY KEY,
        path_id INTEGER NOT NULL REFERENCES paths (id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        tool TEXT NOT NULL,
        args_json TEXT NOT NULL,
        result TEXT,
        tokens_in INTEGER NOT NULL DEFAULT 0,
        tokens_out INTEGER NOT NULL DEFAULT 0,
        at INTEGER NOT NULL,
        UNIQUE (path_id, step_index)
      );
      CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        checkpoint INTEGER NOT NULL,
        failure_probability REAL CHECK (failure_probability BETWEEN 0 AND 1),
        action TEXT NOT NULL CHECK (action IN ('continue', 'stop', 'escalate-parallel', 'escalate-sequential', 'escalate-selective')),
        decided_by TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE TABLE cost_ledger (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        task_id TEXT REFERENCES tasks (id) ON DELETE SET NULL,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        tokens_in INTEGER NOT NULL CHECK (tokens_in >= 0),
        tokens_out INTEGER NOT NULL CHECK (tokens_out >= 0),
        cost_usd REAL NOT NULL CHECK (cost_usd >= 0),
        at INTEGER NOT NULL
      );
      CREATE INDEX cost_ledger_by_profile ON cost_ledger (profile_id, at);
      CREATE TABLE egress_audit (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        task_id TEXT REFERENCES tasks (id) ON DELETE SET NULL,
        provider TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        bytes_sent INTEGER NOT NULL CHECK (bytes_sent >= 0),
        redaction_count INTEGER NOT NULL CHECK (redaction_count >= 0),
        allowed_by TEXT NOT NULL CHECK (allowed_by IN ('policy', 'user')),
        request_sha256 TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX egress_audit_by_profile ON egress_audit (profile_id, at DESC);
    `,
  },
  {
    version: 2,
    name: 'runs, escalations and budget reservations',
    sql: `
      ALTER TABLE tasks ADD COLUMN strategy TEXT NOT NULL DEFAULT 'parallel' CHECK (strategy IN ('parallel', 'sequential'));
      ALTER TABLE tasks ADD COLUMN is_low_confidence INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE paths ADD COLUMN migrated_to TEXT;
      ALTER TABLE paths ADD COLUMN tokens_in INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE paths ADD COLUMN tokens_out INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE steps ADD COLUMN provider TEXT;
      ALTER TABLE decisions ADD COLUMN explanation_json TEXT;
      ALTER TABLE cost_ledger ADD COLUMN path_index INTEGER;
      ALTER TABLE profiles ADD COLUMN daily_cap_usd REAL CHECK (daily_cap_usd >= 0);
      ALTER TABLE egress_audit ADD COLUMN model TEXT;
      ALTER TABLE egress_audit ADD COLUMN redactions_json TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE egress_audit ADD COLUMN tokens_in INTEGER;
      ALTER TABLE egress_audit ADD COLUMN tokens_out INTEGER;
      ALTER TABLE egress_audit ADD COLUMN cost_usd REAL;
      CREATE TABLE budget_reservations (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        task_id TEXT REFERENCES tasks (id) ON DELETE SET NULL,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        amount_usd REAL NOT NULL CHECK (amount_usd >= 0),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX budget_reservations_by_profile ON budget_reservations (profile_id, created_at);
    `,
  },
  {
    version: 3,
    name: 'per-step failure estimates',
    sql: `
      CREATE TABLE predictions (
        id INTEGER PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        step INTEGER NOT NULL CHECK (step >= 0),
        failure_probability REAL NOT NULL CHECK (failure_probability BETWEEN 0 AND 1),
        threshold REAL NOT NULL,
        decided_by TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX predictions_by_task ON predictions (task_id, step);
    `,
  },
  {
    version: 4,
    name: 'paths remember whether a cloud model ran them',
    sql: `
      ALTER TABLE paths ADD COLUMN ran_on_cloud INTEGER NOT NULL DEFAULT 0 CHECK (ran_on_cloud IN (0, 1));
      UPDATE paths SET ran_on_cloud = 1
        WHERE migrated_to IS NOT NULL OR provider LIKE 'openai:%' OR provider LIKE 'anthropic:%';
    `,
  },
  {
    version: 5,
    name: 'tasks can be interrupted; running tasks and budget reservations name their process',
    sql: `
      ALTER TABLE tasks ADD COLUMN owner_pid INTEGER;
      ALTER TABLE tasks ADD COLUMN owner_token TEXT;
      ALTER TABLE budget_reservations ADD COLUMN owner_pid INTEGER;
      ALTER TABLE budget_reservations ADD COLUMN owner_token TEXT;
    `,
    apply: (db) => widenCheck(db, 'tasks', "'cancelled'))", "'cancelled', 'interrupted'))"),
  },
  {
    version: 6,
    name: 'chat threads and their turns',
    sql: `
      CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX threads_by_profile ON threads (profile_id, updated_at DESC);
      CREATE TABLE turns (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        prompt TEXT NOT NULL,
        -- No foreign key: a turn is written when its task starts, before the task's row exists.
        task_id TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (thread_id, position)
      );
      CREATE INDEX turns_by_task ON turns (task_id);
    `,
  },
  {
    version: 7,
    name: 'egress rows name their path and whether the connection failed; ran_on_cloud only where a request left',
    sql: `
      ALTER TABLE egress_audit ADD COLUMN path_index INTEGER;
      ALTER TABLE egress_audit ADD COLUMN is_unsent INTEGER NOT NULL DEFAULT 0 CHECK (is_unsent IN (0, 1));
      CREATE INDEX egress_audit_by_task ON egress_audit (task_id, path_index);
      UPDATE paths SET ran_on_cloud = 0
        WHERE NOT EXISTS (SELECT 1 FROM egress_audit e WHERE e.task_id = paths.task_id);
    `,
  },
  {
    version: 8,
    name: "a chat turn remembers how many earlier turns it carried and left out to fit the model's context",
    sql: `
      ALTER TABLE turns ADD COLUMN carried_turns INTEGER CHECK (carried_turns >= 0);
      ALTER TABLE turns ADD COLUMN left_out_turns INTEGER CHECK (left_out_turns >= 0);
    `,
  },
  {
    version: 9,
    name: 'charges and reservations keep their task id without a foreign key (a protected profile keeps its tasks in its own file)',
    // Rebuilt as SQLite documents (https://www.sqlite.org/lang_altertable.html#otheralter); no table
    // references these two, so dropping the old ones fires no foreign key action.
    sql: `
      CREATE TABLE cost_ledger_next (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        task_id TEXT,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        tokens_in INTEGER NOT NULL CHECK (tokens_in >= 0),
        tokens_out INTEGER NOT NULL CHECK (tokens_out >= 0),
        cost_usd REAL NOT NULL CHECK (cost_usd >= 0),
        at INTEGER NOT NULL,
        path_index INTEGER
      );
      INSERT INTO cost_ledger_next SELECT id, profile_id, task_id, provider, model, tokens_in, tokens_out, cost_usd, at, path_index FROM cost_ledger;
      DROP TABLE cost_ledger;
      ALTER TABLE cost_ledger_next RENAME TO cost_ledger;
      CREATE INDEX cost_ledger_by_profile ON cost_ledger (profile_id, at);
      CREATE INDEX cost_ledger_by_task ON cost_ledger (task_id);
      CREATE TABLE budget_reservations_next (
        id INTEGER PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        task_id TEXT,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        amount_usd REAL NOT NULL CHECK (amount_usd >= 0),
        created_at INTEGER NOT NULL,
        owner_pid INTEGER,
        owner_token TEXT
      );
      INSERT INTO budget_reservations_next
        SELECT id, profile_id, task_id, provider, model, amount_usd, created_at, owner_pid, owner_token FROM budget_reservations;
      DROP TABLE budget_reservations;
      ALTER TABLE budget_reservations_next RENAME TO budget_reservations;
      CREATE INDEX budget_reservations_by_profile ON budget_reservations (profile_id, created_at);
    `,
  },
  {
    version: 10,
    name: "a path keeps its answer's group by meaning, so retraining builds the flow graph the live checkpoint saw",
    // NULL: a short answer, no embeddings, or a task recorded before: the graph clusters the answer by its text.
    sql: `ALTER TABLE paths ADD COLUMN answer_group TEXT;`,
  },
  {
    version: 11,
    name: 'a chat thread keeps the cloud provider chosen for it, so a reload (or the CLI) uses the same one',
    // is_cloud_chosen = 0: never chosen (the thread follows the last choice, else the profile's default);
    // 1 with a NULL id: chosen to stay on this computer.
    sql: `
      ALTER TABLE threads ADD COLUMN cloud_provider_id TEXT;
      ALTER TABLE threads ADD COLUMN is_cloud_chosen INTEGER NOT NULL DEFAULT 0 CHECK (is_cloud_chosen IN (0, 1));
    `,
  },
  {
    version: 12,
    name: "a path keeps the answer the task's vote counted it under, so History shows the vote's own groups",
    // The group's answer as the vote showed it (its representative); NULL: the path did not vote
    // (no answer, or local paths when escalated ones decided), or a task recorded before.
    sql: `ALTER TABLE paths ADD COLUMN vote_group TEXT;`,
  },
  {
    version: 13,
    name: 'a task keeps what its local paths ran on: the backend, the offloaded layers, why not a GPU, and how paths ran',
    // As the local provider reported them when the task ran (issue 18); NULL for tasks recorded before,
    // and for a task that ended before its model loaded. The backend and the path mode have no CHECK:
    // node-llama-cpp may name another backend, and a new path mode needs no schema change.
    sql: `
      ALTER TABLE tasks ADD COLUMN local_backend TEXT;
      ALTER TABLE tasks ADD COLUMN local_requested_backend TEXT;
      ALTER TABLE tasks ADD COLUMN local_gpu_layers INTEGER CHECK (local_gpu_layers >= 0);
      ALTER TABLE tasks ADD COLUMN local_total_layers INTEGER CHECK (local_total_layers >= 0);
      ALTER TABLE tasks ADD COLUMN local_fallback_reason TEXT;
      ALTER TABLE tasks ADD COLUMN path_mode TEXT;
      ALTER TABLE tasks ADD COLUMN threads_per_path INTEGER CHECK (threads_per_path >= 1);
    `,
  },
  {
    version: 14,
    name: "a chat thread keeps its redaction vault, so a follow-up after a restart hides what the thread's earlier turns hid",
    // The originals behind the placeholders the thread's turns made (RedactionVault.entries()); written
    // as each is made, in the profile's history (a protected profile's encrypted file), deleted with the thread.
    sql: `
      CREATE TABLE thread_vault (
        thread_id TEXT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        placeholder TEXT NOT NULL,
        type TEXT NOT NULL,
        original TEXT NOT NULL,
        PRIMARY KEY (thread_id, placeholder)
      );
    `,
  },
];

/**
 * Widens a table's CHECK constraint in place, as SQLite documents for changes that do not touch
 * the stored rows (https://www.sqlite.org/lang_altertable.html#otheralter): a rebuild of `tasks`
 * would cascade-delete every path, step and decision under the foreign keys, which cannot be
 * switched off inside the migration's transaction. Runs in the migration's transaction.
 */
function widenCheck(db: Database, table: string, from: string, to: string): void {
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    const { changes } = db
      .prepare(
        "UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ? AND instr(sql, ?) > 0",
      )
      .run(from, to, table, from);
    assert(changes === 1, `the CHECK of ${table} to widen was not found`);
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
}
