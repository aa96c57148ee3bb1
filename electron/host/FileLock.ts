import { closeSync, existsSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sqliteBindingOptions } from './sqliteBinding.ts';

/**
 * An exclusive lock on a file, held through SQLite's own file locking (fcntl on POSIX, LockFileEx
 * on Windows) by an open `BEGIN EXCLUSIVE` on an empty database. The operating system drops the
 * lock when its process ends, however it ends (SIGKILL, a crash, power loss), so a lock is never
 * left stale and no pid has to be guessed at. The file holds no data.
 */
export class FileLock {
  readonly #db: BetterSqlite3.Database;
  #isHeld = true;

  private constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  /**
   * Takes the lock on `file` (created with mode 0600 when absent), waiting up to `waitMs` for its
   * holder to let go. Returns null when it is still held after that.
   */
  static acquire(file: string, waitMs = 0): FileLock | null {
    // Only when absent: on POSIX, closing any descriptor of a file drops every lock this process
    // holds on it, so an existing lock file is opened by SQLite alone.
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    // The Electron host loads its own build of the addon (sqliteBinding.ts), as openDatabase does.
    const db = new BetterSqlite3(file, sqliteBindingOptions());
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.round(waitMs))}`);
      db.exec('BEGIN EXCLUSIVE');
      return new FileLock(db);
    } catch (error) {
      db.close();
      if (error instanceof BetterSqlite3.SqliteError && error.code === 'SQLITE_BUSY') return null;
      throw error;
    }
  }

  get isHeld(): boolean {
    return this.#isHeld;
  }

  /** Lets go of the lock. Safe to call twice. */
  release(): void {
    if (!this.#isHeld) return;
    this.#isHeld = false;
    this.#db.exec('ROLLBACK');
    this.#db.close();
  }
}

/**
 * Runs `body` while holding the lock on `file`, waiting up to `waitMs` (default 10 s) for it; throws
 * `onTimeout()` when the lock stays taken.
 */
export function withFileLock<T>(file: string, body: () => T, onTimeout: () => Error, waitMs = 10_000): T {
  const lock = FileLock.acquire(file, waitMs);
  if (lock === null) throw onTimeout();
  try {
    return body();
  } finally {
    lock.release();
  }
}
