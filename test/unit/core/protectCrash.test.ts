// Review P2: a crash during protect's copy left the profile marked protected (and locked) while its
// plaintext rows were still in the app database. Now the passphrase is stored in the transaction that
// deletes those rows: cut the clean-up (a real SQLite trigger aborts it, in the engine's own
// database file) and the profile still reads as unprotected, its history readable where it says it
// is; protecting again completes the move without a duplicate.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { createTestPorts } from '../../helpers/createTestEngine.ts';

const passphrase = 'correct horse battery';
let engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.dispose()));
  engines = [];
});

const taskIds = (engine: Engine): string[] =>
  engine
    .listTasks({})
    .map((task) => task.id)
    .sort();
const listingOf = (engine: Engine, id: string) => engine.listProfileListings().find((profile) => profile.id === id);

function setup() {
  const ports = createTestPorts();
  const databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
  const engine = createEngine(ports, { databaseFile });
  engines.push(engine);
  const work = engine.createProfile({ name: 'Work' });
  engine.switchProfile(work.id);
  const db = openDatabase(databaseFile);
  const tasks = new TaskStore(db);
  for (const id of ['task-1', 'task-2']) {
    tasks.insertTask({ id, profileId: work.id, prompt: `secret ${id}`, createdAt: 1 });
    tasks.finishTask(id, 'succeeded', 'answer', 2);
  }
  const plain = (): number =>
    (db.prepare('SELECT COUNT(*) AS n FROM tasks WHERE profile_id = ?').get(work.id) as { n: number }).n;
  return { engine, work, db, plain };
}

describe('protecting a profile, cut between its copy and its clean-up', () => {
  it('leaves the profile unprotected with its history in the app database, and completes on a second try', () => {
    const { engine, work, db, plain } = setup();
    // A persistent trigger (seen by the engine's connection): the clean-up's first deletion aborts.
    db.exec(`CREATE TRIGGER power_cut BEFORE DELETE ON tasks BEGIN SELECT RAISE(ABORT, 'power cut'); END`);
    expect(() => engine.protectProfile(work.id, passphrase)).toThrow(/power cut/);
    expect(listingOf(engine, work.id)).toMatchObject({ isProtected: false, isLocked: false, unencryptedTasks: 0 });
    expect(plain()).toBe(2);
    expect(taskIds(engine)).toEqual(['task-1', 'task-2']);

    db.exec('DROP TRIGGER power_cut');
    engine.protectProfile(work.id, passphrase);
    expect(listingOf(engine, work.id)).toMatchObject({ isProtected: true, isLocked: false, unencryptedTasks: 0 });
    expect(plain()).toBe(0);
    expect(taskIds(engine)).toEqual(['task-1', 'task-2']);
  });
});
