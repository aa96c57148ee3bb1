import { EngineError, assert } from '../errors.ts';
// The driver's type, not openDatabase's alias: openDatabase runs the migrations, so importing it here would be a cycle.
import type { Database } from 'better-sqlite3';

/** One schema step. Versions start at 1 and increase by one; a shipped migration never changes. */
export type Migration = {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** What SQL alone cannot say, run after `sql` in the same transaction (e.g. a CHECK widened in place). */
  readonly apply?: (db: Database) => void;
};

const readVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

function refuseNewer(current: number, latest: number): void {
  if (current > latest) {
    throw new EngineError(
      'storage-failed',
      `The database has schema version ${current}, newer than this app understands (${latest}). ` +
        'Update Atropos Desktop; your data was left untouched.',
    );
  }
}

/**
 * Brings the database to the newest version in `migrations` and returns it (SQLite's
 * user_version). Every pending step runs in one IMMEDIATE transaction that reads user_version
 * inside it: when several processes start on a fresh folder at once, one migrates and the others
 * wait for its write lock (busy_timeout), then find the schema current. Refuses a database written
 * by a newer app rather than guessing at its schema.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    assert(migration.version === index + 1, `migration ${migration.name} must have version ${index + 1}`);
  });
  const latest = migrations.length;
  // Fast path without the write lock: a current schema needs no transaction, so a reader started
  // beside the running app never waits for it.
  if (readVersion(db) === latest) return latest;
  db.transaction(() => {
    const current = readVersion(db);
    refuseNewer(current, latest);
    for (const migration of migrations.slice(current)) {
      db.exec(migration.sql);
      migration.apply?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return latest;
}
