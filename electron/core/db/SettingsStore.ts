import type { Database } from './openDatabase.ts';

/** The settings table: JSON values by key. Callers own the shape and the defaults. */
export class SettingsStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** The parsed value for `key`, or undefined when it was never set. */
  read(key: string): unknown {
    const row = this.#db
      .prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?')
      .get(key);
    return row === undefined ? undefined : (JSON.parse(row.value_json) as unknown);
  }

  write(key: string, value: unknown): void {
    this.#db
      .prepare(
        'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
      )
      .run(key, JSON.stringify(value));
  }

  /**
   * Runs `body` in one IMMEDIATE transaction: it holds the database's write lock from its first
   * read, so a read-modify-write in it cannot lose another process's write made in between.
   * Nested calls join the outer transaction.
   */
  transaction<T>(body: () => T): T {
    if (this.#db.inTransaction) return body();
    return this.#db.transaction(body).immediate();
  }

  /** Reads `key`, lets `change` compute the next value from it, and writes that, atomically. */
  update<T>(key: string, change: (current: unknown) => T): T {
    return this.transaction(() => {
      const next = change(this.read(key));
      this.write(key, next);
      return next;
    });
  }
}
