// A protected profile's history at rest (issue 14.7): on real SQLite files, through the engine.
// Protecting moves the history into the profile's SQLCipher-format file, leaving no prompt, answer or
// tool result in the app database's bytes; a restarted engine keeps it locked until the passphrase
// is entered; removing the passphrase moves it back. The move survives a crash between its halves.
import { existsSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { moveProfileHistory } from '#core/db/moveProfileHistory.ts';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { EngineError } from '#core/errors.ts';
import { createTestPorts } from '../../helpers/createTestEngine.ts';
import { bytesOf, seedHistoryRows } from '../../helpers/seedHistoryRows.ts';

/** Texts that must never appear in a file's bytes once their profile is protected. */
const secrets = {
  prompt: 'PROMPT-7f3a what is our merger code name',
  answer: 'ANSWER-2b8e Bluebird',
  result: 'RESULT-91c2 contents of plans.txt',
  turn: 'TURN-5d1e ask about the merger',
  thread: 'THREAD-c4a0 merger',
  vault: 'VAULT-e61f hunter2 the original behind a placeholder',
};
const passphrase = 'correct horse battery';

let engines: Engine[] = [];

afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.dispose()));
  engines = [];
});

function open(ports: ReturnType<typeof createTestPorts>, databaseFile: string): Engine {
  const engine = createEngine(ports, { databaseFile });
  engines.push(engine);
  return engine;
}

const holdsAny = (bytes: Buffer): string[] => Object.values(secrets).filter((text) => bytes.includes(text));

/** An engine on a file database with a Work profile (active) holding one recorded task, and a Home profile. */
function setup() {
  const ports = createTestPorts();
  const databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
  const engine = open(ports, databaseFile);
  const work = engine.createProfile({ name: 'Work' });
  const home = engine.createProfile({ name: 'Home' });
  engine.switchProfile(work.id);
  const db = openDatabase(databaseFile);
  try {
    seedHistoryRows(db, work.id, 'task-work', secrets);
    seedHistoryRows(db, home.id, 'task-home', {
      prompt: 'home prompt',
      answer: 'home answer',
      result: 'home result',
      turn: 'home turn',
      thread: 'home thread',
      vault: 'home vault',
    });
  } finally {
    db.close();
  }
  const historyFile = path.join(ports.paths.dataDir, `history-${work.id}.sqlite`);
  return { ports, databaseFile, historyFile, engine, work, home };
}

describe('a protected profile keeps its history encrypted at rest', () => {
  it('moves the history into its encrypted file: no prompt, answer or result left in the app database', async () => {
    const { databaseFile, historyFile, engine, work } = setup();
    expect(holdsAny(bytesOf(databaseFile)).length).toBeGreaterThan(0);

    engine.protectProfile(work.id, passphrase);

    expect(holdsAny(bytesOf(databaseFile))).toEqual([]);
    expect(holdsAny(bytesOf(historyFile))).toEqual([]);
    // Still the active, unlocked profile: its history reads back whole, its charge from the ledger.
    const [task] = engine.listTasks({});
    expect(task).toMatchObject({ id: 'task-work', prompt: secrets.prompt, answer: secrets.answer, costUsd: 0.0123 });
    const detail = engine.getTask('task-work');
    expect(detail.paths[0]?.steps[0]?.result).toBe(secrets.result);
    expect(detail.decisions).toHaveLength(1);
    expect(detail.predictions).toHaveLength(1);
    expect(detail.charges).toMatchObject([{ costUsd: 0.0123 }]);
    expect(engine.listEgress({})).toHaveLength(1);
    const [thread] = engine.listThreads({});
    expect(engine.getThread(thread?.id ?? '').turns).toMatchObject([{ prompt: secrets.turn, costUsd: 0.0123 }]);

    await engine.dispose();
    // Closed (its WAL checkpointed into it): still nothing readable.
    expect(holdsAny(bytesOf(historyFile))).toEqual([]);
    expect(holdsAny(bytesOf(databaseFile))).toEqual([]);
    // Only the key opens the file; plain SQLite sees no database in it.
    const plain = new BetterSqlite3(historyFile);
    try {
      expect(() => plain.prepare('SELECT COUNT(*) FROM tasks').get()).toThrow(/not a database/);
    } finally {
      plain.close();
    }
  });

  it('keeps the profile locked after a restart until its passphrase is entered; a wrong one is refused', () => {
    const { ports, databaseFile, engine, work, home } = setup();
    engine.protectProfile(work.id, passphrase);

    const restarted = open(ports, databaseFile);
    const lockedOf = (engine: Engine) => engine.listProfileListings().find((listing) => listing.id === work.id);
    expect(lockedOf(restarted)).toMatchObject({ isActive: true, isProtected: true, isLocked: true });
    expect(() => restarted.listTasks({})).toThrow(/passphrase has not been entered/);
    expect(() => restarted.getTask('task-work')).toThrow(EngineError);
    expect(() => restarted.switchProfileWithPassphrase(work.id, 'correct horse battery!')).toThrow(
      /passphrase is wrong/,
    );
    // An unprotected profile's history is where it was.
    restarted.switchProfile(home.id);
    expect(restarted.listTasks({}).map((task) => task.id)).toEqual(['task-home']);

    restarted.switchProfileWithPassphrase(work.id, passphrase);
    expect(lockedOf(restarted)).toMatchObject({ isActive: true, isLocked: false });
    expect(restarted.listTasks({})).toMatchObject([{ id: 'task-work', prompt: secrets.prompt, costUsd: 0.0123 }]);
    expect(restarted.getTask('task-work').paths[0]?.steps[0]?.result).toBe(secrets.result);
  });

  it('a new passphrase opens the same history; removing it moves the history back and deletes the file', () => {
    const { ports, databaseFile, historyFile, engine, work } = setup();
    engine.protectProfile(work.id, passphrase);
    engine.protectProfile(work.id, 'another good phrase', passphrase);

    const restarted = open(ports, databaseFile);
    expect(() => restarted.switchProfileWithPassphrase(work.id, passphrase)).toThrow(/passphrase is wrong/);
    restarted.switchProfileWithPassphrase(work.id, 'another good phrase');
    expect(restarted.listTasks({}).map((task) => task.id)).toEqual(['task-work']);

    expect(() => restarted.protectProfile(work.id, null, 'wrong')).toThrow(/passphrase is wrong/);
    restarted.protectProfile(work.id, null, 'another good phrase');
    expect(existsSync(historyFile)).toBe(false);
    expect(restarted.listTasks({})).toMatchObject([{ id: 'task-work', prompt: secrets.prompt, costUsd: 0.0123 }]);
    expect(restarted.getTask('task-work').paths[0]?.steps).toHaveLength(1);
    expect(bytesOf(databaseFile).includes(secrets.prompt)).toBe(true);
    expect(bytesOf(databaseFile).includes(secrets.vault)).toBe(true);
  });
});

describe('moveProfileHistory', () => {
  it('completes a move that a crash cut between its copy and its clean-up, copying nothing twice', () => {
    const source = openDatabase(':memory:');
    const destination = openDatabase(':memory:');
    try {
      source.prepare(`INSERT INTO profiles (id, name, created_at, privacy_mode) VALUES ('p', 'P', 0, 'ask')`).run();
      seedHistoryRows(source, 'p', 'task-1', secrets);
      seedHistoryRows(source, 'p', 'task-2', secrets);
      const count = (db: Database, table: string): number =>
        (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      const tables = [
        'tasks',
        'paths',
        'steps',
        'decisions',
        'predictions',
        'egress_audit',
        'threads',
        'turns',
        'thread_vault',
      ];
      const before = tables.map((table) => count(source, table));

      // The power goes after the copy is committed: the clean-up of the source never happens.
      source.exec(`CREATE TEMP TRIGGER power_cut BEFORE DELETE ON tasks BEGIN SELECT RAISE(ABORT, 'power cut'); END`);
      expect(() => moveProfileHistory(source, destination, 'p')).toThrow(/power cut/);
      expect(tables.map((table) => count(destination, table))).toEqual(before);
      expect(tables.map((table) => count(source, table))).toEqual(before);

      source.exec('DROP TRIGGER power_cut');
      expect(moveProfileHistory(source, destination, 'p')).toEqual({ tasks: 0, threads: 0, egressRows: 0 });
      expect(tables.map((table) => count(destination, table))).toEqual(before);
      expect(tables.map((table) => count(source, table))).toEqual(tables.map(() => 0));
      // Steps still hang off their own paths under the fresh ids.
      const steps = destination
        .prepare('SELECT p.task_id, s.result FROM steps s JOIN paths p ON p.id = s.path_id ORDER BY p.task_id')
        .all();
      expect(steps).toEqual([
        { task_id: 'task-1', result: secrets.result },
        { task_id: 'task-2', result: secrets.result },
      ]);
    } finally {
      source.close();
      destination.close();
    }
  });
});

describe('two processes on one data folder', () => {
  it('an engine whose active profile another process protects stops writing its history in the clear', () => {
    const { ports, databaseFile, engine, work } = setup();
    const other = open(ports, databaseFile);
    expect(engine.listTasks({})).toHaveLength(1);

    other.protectProfile(work.id, passphrase);

    // The first engine follows: the profile is now locked there, never read from or written to the app database.
    expect(() => engine.listTasks({})).toThrow(/passphrase has not been entered/);
    expect(engine.listProfileListings().find((listing) => listing.id === work.id)).toMatchObject({ isLocked: true });
    engine.switchProfileWithPassphrase(work.id, passphrase);
    expect(engine.listTasks({}).map((task) => task.id)).toEqual(['task-work']);
  });
});
