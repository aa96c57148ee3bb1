import { EngineError, assert } from '../errors.ts';
import type { Database } from './openDatabase.ts';

/** One schema step. Versions start at 1 and increase by one; a shipped migration never changes. */
export type Migration = {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
};

/**
 * Brings the database to the newest version in `migrations`, each step in its own transaction, and
 * returns the resulting version (SQLite's user_version). Refuses a database written by a newer app
 * rather than guessing at its schema.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    assert(migration.version === index + 1, `migration ${migration.name} must have version ${index + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    throw new EngineError(
      'storage-failed',
      `The database has schema version ${current}, newer than this app understands (${latest}). ` +
        'Update Atropos Desktop; your data was left untouched.',
    );
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return latest;
}
