// Protecting, unlocking and reading a protected profile's history (issue 14.7) on a seeded file database:
// node --import tsx bench/encryptedHistorySpeed.ts [TASKS=500] (each task: 5 paths of 10 steps).
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '#core/db/openDatabase.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createEngine } from '#core/engine.ts';
import { createTestPorts } from '../test/helpers/createTestEngine.ts';

const tasksCount = Number(process.argv[2] ?? 500);
const ports = createTestPorts();
const databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
let engine = createEngine(ports, { databaseFile });
const work = engine.createProfile({ name: 'Work' });
engine.switchProfile(work.id);
const db = openDatabase(databaseFile);
const store = new TaskStore(db);
db.transaction(() => {
  for (let t = 0; t < tasksCount; t += 1) {
    const id = `task-${t}`;
    store.insertTask({ id, profileId: work.id, prompt: `prompt ${t} `.repeat(20), createdAt: t });
    for (let p = 0; p < 5; p += 1) {
      const pathId = store.insertPath({ taskId: id, pathIndex: p, provider: 'local', model: 'm', seed: p });
      for (let s = 0; s < 10; s += 1)
        store.insertStep({
          pathId,
          stepIndex: s,
          tool: 'calc',
          args: { e: '1+2' },
          result: 'x'.repeat(200),
          tokensIn: 1,
          tokensOut: 1,
          at: t,
        });
    }
    store.finishTask(id, 'succeeded', 'answer', t + 1);
  }
})();
db.close();
const time = (label: string, body: () => void): void => {
  const start = performance.now();
  body();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
};
time(`list 100 of ${tasksCount} tasks, plain`, () => engine.listTasks({}));
time(`protect (move ${tasksCount} tasks, ${tasksCount * 50} steps, VACUUM)`, () =>
  engine.protectProfile(work.id, 'correct horse battery'),
);
time('list 100 tasks, encrypted', () => engine.listTasks({}));
time('list 100 tasks, encrypted, again', () => engine.listTasks({}));
await engine.dispose();
engine = createEngine(ports, { databaseFile });
time('unlock after a restart (scrypt + open + checks)', () =>
  engine.switchProfileWithPassphrase(work.id, 'correct horse battery'),
);
time('list 100 tasks, encrypted, after unlock', () => engine.listTasks({}));
time(`remove the passphrase (move ${tasksCount} tasks back)`, () =>
  engine.protectProfile(work.id, null, 'correct horse battery'),
);
time('list 100 tasks, plain again', () => engine.listTasks({}));
await engine.dispose();
