// What a task's local paths ran on (issue 18: backend, offloaded layers, fallback reason, path mode)
// is kept with the task in real SQLite, in the app database and in a protected profile's encrypted
// history, and task:get's reader returns it; a task recorded without it reads back as null.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskLocalRun } from '#shared/ipc/TaskDetail.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { TaskRecorder } from '#core/agent/TaskRecorder.ts';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { moveProfileHistory } from '#core/db/moveProfileHistory.ts';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { openEncryptedDatabase } from '#core/db/openEncryptedDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskDetailStore } from '#core/db/TaskDetailStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';

const noCaps = { perTaskUsd: null, dailyUsd: null, monthlyUsd: null };

/** A GPU run that offloaded part of the model, two threads per path: every field differs from a CPU run's. */
const onGpu: TaskLocalRun = {
  backend: 'vulkan',
  requested: 'auto',
  gpuLayers: 20,
  totalLayers: 25,
  fallbackReason: null,
  pathMode: { kind: 'context-per-path', threadsPerPath: 2 },
};

const onCpu: TaskLocalRun = {
  backend: 'cpu',
  requested: 'cuda',
  gpuLayers: 0,
  totalLayers: 25,
  fallbackReason: 'The cuda backend could not load (no driver); running on the CPU.',
  pathMode: { kind: 'context-per-path', threadsPerPath: 1 },
};

let db: Database | undefined;
afterEach(() => db?.close());

function openWithProfile(): Database {
  const opened = openDatabase(':memory:');
  new ProfileStore(opened).insert({ id: 'p1', name: 'Default', createdAt: 1, privacyMode: 'ask', caps: noCaps });
  return opened;
}

/** Records a one-path task through the recorder, as runEngineTask does, with `localRun` or without. */
function record(into: Database, taskId: string, localRun: TaskLocalRun | undefined): void {
  const charges = new BudgetGuard({
    db: into,
    ledger: new LedgerStore(into),
    clock: { now: () => 0 },
    capsOf: () => noCaps,
  });
  const recorder = new TaskRecorder({ db: into, tasks: new TaskStore(into), charges, profileId: 'p1', localRun });
  const events: TaskEvent[] = [
    { type: 'task-started', taskId, prompt: 'What is 3+75?', paths: 1, strategy: 'parallel', at: 10 },
    { type: 'path-started', taskId, path: 0, provider: 'local:source', locality: 'local', at: 11 },
    { type: 'path-finished', taskId, path: 0, status: 'answered', answer: '78', provider: 'local:source', at: 12 },
    { type: 'task-finished', taskId, status: 'answered', answer: '78', isLowConfidence: false, costUsd: 0, at: 13 },
  ];
  for (const event of events) recorder.handle(event);
}

describe("a task's local run", () => {
  it('reads back as it was recorded, field for field, and null for a task recorded without it', () => {
    db = openWithProfile();
    record(db, 'gpu', onGpu);
    record(db, 'cpu', onCpu);
    record(db, 'old', undefined);
    const details = new TaskDetailStore(db);
    expect(details.read('p1', 'gpu')?.task.localRun).toEqual(onGpu);
    expect(details.read('p1', 'cpu')?.task.localRun).toEqual(onCpu);
    expect(details.read('p1', 'old')?.task.localRun).toBeNull();
  });

  it('stays null for a task written before the columns existed (an older app wrote only its own columns)', () => {
    db = openWithProfile();
    db.prepare(
      `INSERT INTO tasks (id, profile_id, prompt, status, created_at) VALUES ('before', 'p1', 'Hi', 'succeeded', 5)`,
    ).run();
    const detail = new TaskDetailStore(db).read('p1', 'before');
    expect(detail?.task.prompt).toBe('Hi');
    expect(detail?.task.localRun).toBeNull();
  });

  it("is kept in a protected profile's encrypted history: migrated there, moved with its task, recorded there", () => {
    db = openWithProfile();
    record(db, 'gpu', onGpu);
    const folder = mkdtempSync(join(tmpdir(), 'atropos-local-run-'));
    const encrypted = openEncryptedDatabase(join(folder, 'history-p1.sqlite'), randomBytes(32));
    try {
      expect(moveProfileHistory(db, encrypted, 'p1').tasks).toBe(1);
      record(encrypted, 'cpu', onCpu);
      const details = new TaskDetailStore(encrypted);
      expect(details.read('p1', 'gpu')?.task.localRun).toEqual(onGpu);
      expect(details.read('p1', 'cpu')?.task.localRun).toEqual(onCpu);
      // The move took the row out of the app database.
      expect(new TaskDetailStore(db).read('p1', 'gpu')).toBeUndefined();
    } finally {
      encrypted.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
