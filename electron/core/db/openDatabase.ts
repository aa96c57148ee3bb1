import { closeSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { EngineError } from '../errors.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations.ts';

/** The engine's SQLite handle. */
export type Database = BetterSqlite3.Database;

/**
 * The connection's settings, then the migrations: WAL (for a file) with synchronous=FULL, foreign
 * keys on. Shared with openEncryptedDatabase, which sets its key first.
 */
export function setUpConnection(db: Database, isFile: boolean): void {
  // First, so that every later statement (switching to WAL and migrating included) waits for
  // another process's lock instead of failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  if (isFile) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
}

/**
 * Opens (creating when absent) the app database, applies pending migrations and returns the
 * handle. WAL with synchronous=FULL: a committed transaction survives a crash of the process or of
 * the machine. `:memory:` gives a private database for tests.
 *
 * A new file is created readable by its owner only (0600); SQLite gives its -wal and -shm files the
 * database file's permissions.
 *
 * `nativeBinding` names the compiled better-sqlite3 addon to load instead of node_modules' own (the
 * Electron host started by `npm start` runs on another ABI than Node's and has its own build).
 */
export function openDatabase(file: string, options: { readonly nativeBinding?: string | undefined } = {}): Database {
  let db: Database | undefined;
  try {
    if (file !== ':memory:') closeSync(openSync(file, 'a', 0o600));
    db = new BetterSqlite3(file, { nativeBinding: options.nativeBinding });
    setUpConnection(db, file !== ':memory:');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof EngineError) {
      throw error;
    }
    throw new EngineError(
      'storage-failed',
      `Could not open the database at ${file}: ${error instanceof Error ? error.message : String(error)}. ` +
        'If the file is damaged, move it aside (keep a copy) and start the app again to create a fresh one.',
      { cause: error },
    );
  }
}
