import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from '#core/db/migrate.ts';
import { migrations } from '#core/db/migrations.ts';
import { openDatabase } from '#core/db/openDatabase.ts';
import { EngineError } from '#core/errors.ts';

function tempFile(name: string): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-db-')), name);
}

describe('openDatabase', () => {
  it('creates every table of the schema in WAL mode with foreign keys on', () => {
    const db = openDatabase(tempFile('app.sqlite'));
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
    expect(tables).toEqual([
      'budget_reservations',
      'cost_ledger',
      'decisions',
      'egress_audit',
      'paths',
      'predictions',
      'profiles',
      'settings',
      'steps',
      'tasks',
      'thread_vault',
      'threads',
      'turns',
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const file = tempFile('app.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('turns a corrupt file into an actionable storage error and leaves the file alone', () => {
    const file = tempFile('corrupt.sqlite');
    const garbage = 'this is not a database '.repeat(100);
    writeFileSync(file, garbage);
    const attempt = () => openDatabase(file);
    expect(attempt).toThrow(EngineError);
    expect(attempt).toThrow(/move it aside/);
    try {
      attempt();
    } catch (error) {
      expect((error as EngineError).code).toBe('storage-failed');
    }
  });

  it('refuses a database from a newer app instead of guessing its schema', () => {
    const file = tempFile('newer.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer than this app understands/);
  });

  it('enforces the schema constraints', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db
        .prepare("INSERT INTO profiles (id, name, created_at, privacy_mode) VALUES ('a', 'A', 0, 'everything-goes')")
        .run(),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO tasks (id, profile_id, prompt, status, created_at) VALUES ('t', 'missing', 'p', 'running', 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migrate', () => {
  const steps: Migration[] = [
    { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
    { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y INTEGER;' },
  ];

  it('applies pending steps in order and records the version', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 0');
    db.exec('DROP TABLE IF EXISTS a');
    expect(migrate(db, steps.slice(0, 1))).toBe(1);
    expect(migrate(db, steps)).toBe(2);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').all('a')).toEqual([{ name: 'x' }, { name: 'y' }]);
    db.close();
  });

  it('rolls back a failing step as a whole', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 0');
    const broken: Migration[] = [
      { version: 1, name: 'broken', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow(/no such table: nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('rejects migrations that are not numbered 1, 2, 3, ...', () => {
    const db = openDatabase(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'gap', sql: '' }])).toThrow(/must have version 1/);
    db.close();
  });
});
