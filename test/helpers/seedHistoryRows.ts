// Rows of a profile's history written straight into a database, for tests of where history lives
// (protecting, deleting): every kind of row a task and a chat leave, each holding a text to look for.
import { existsSync, readFileSync } from 'node:fs';
import { EgressAuditStore } from '#core/db/EgressAuditStore.ts';
import type { Database } from '#core/db/openDatabase.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { ThreadStore } from '#core/db/ThreadStore.ts';

/** The texts a seeded history holds, one per kind of row. */
export type HistoryTexts = {
  readonly prompt: string;
  readonly answer: string;
  readonly result: string;
  readonly turn: string;
  readonly thread: string;
  readonly vault: string;
};

/**
 * Records one finished task (a path, a step, a decision, an estimate, an audit row, a charge), and a
 * thread with a turn and an entry of its redaction vault.
 */
export function seedHistoryRows(db: Database, profileId: string, taskId: string, text: HistoryTexts): void {
  const tasks = new TaskStore(db);
  tasks.insertTask({ id: taskId, profileId, prompt: text.prompt, createdAt: 1_000 });
  const pathId = tasks.insertPath({ taskId, pathIndex: 0, provider: 'local', model: 'source', seed: 1 });
  tasks.insertStep({
    pathId,
    stepIndex: 0,
    tool: 'read_file',
    args: { path: 'plans.txt' },
    result: text.result,
    tokensIn: 5,
    tokensOut: 7,
    at: 1_001,
  });
  tasks.insertDecision({
    taskId,
    checkpoint: 1,
    failureProbability: 0.2,
    action: 'continue',
    decidedBy: 'gcn',
    at: 1_002,
  });
  tasks.insertPrediction({ taskId, step: 1, failureProbability: 0.2, threshold: 0.5, decidedBy: 'gcn', at: 1_002 });
  tasks.finishTask(taskId, 'succeeded', text.answer, 1_003);
  new EgressAuditStore(db).append({
    at: 1_002,
    profileId,
    taskId,
    provider: 'openai:test',
    endpoint: 'http://127.0.0.1:9/v1/chat/completions',
    bytesSent: 100,
    redactionCount: 0,
    allowedBy: 'policy',
    model: 'm',
    redactions: {},
    requestSha256: 'ab'.repeat(32),
  });
  db.prepare(
    `INSERT INTO cost_ledger (profile_id, task_id, provider, model, tokens_in, tokens_out, cost_usd, at)
     VALUES (?, ?, 'openai:test', 'm', 10, 20, 0.0123, 1002)`,
  ).run(profileId, taskId);
  const threads = new ThreadStore(db);
  const thread = threads.create(profileId, { id: `thread-${taskId}`, title: text.thread, at: 1_000 });
  threads.addTurn(thread.id, { id: `turn-${taskId}`, prompt: text.turn, taskId, at: 1_000 });
  threads.keepVaultEntry(profileId, thread.id, { placeholder: '[PASSWORD_1]', type: 'password', original: text.vault });
}

/** The bytes of a database file and its WAL and shared-memory files. */
export function bytesOf(file: string): Buffer {
  return Buffer.concat(
    ['', '-wal', '-shm'].map((suffix) => (existsSync(file + suffix) ? readFileSync(file + suffix) : Buffer.alloc(0))),
  );
}
