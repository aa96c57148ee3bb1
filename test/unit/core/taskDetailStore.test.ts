import { afterEach, describe, expect, it } from 'vitest';
import { TaskRecorder } from '#core/agent/TaskRecorder.ts';
import { EgressAuditStore } from '#core/db/EgressAuditStore.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskDetailStore } from '#core/db/TaskDetailStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { readRecordedTrajectories } from '#core/predictor/readRecordedTrajectories.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';

let db: Database | undefined;
afterEach(() => db?.close());

/** Records a task whose path 0 is handed to the cloud; `isSent`: a request of it left (an egress row). */
function recordTask({ isSent = true }: { isSent?: boolean } = {}): { details: TaskDetailStore } {
  db = openDatabase(':memory:');
  new ProfileStore(db).insert({
    id: 'p1',
    name: 'Default',
    createdAt: 1,
    privacyMode: 'ask',
    caps: { perTaskUsd: null, dailyUsd: null, monthlyUsd: null },
  });
  const charges = new BudgetGuard({
    db,
    ledger: new LedgerStore(db),
    clock: { now: () => 0 },
    capsOf: () => ({ perTaskUsd: null, dailyUsd: null, monthlyUsd: null }),
  });
  const recorder = new TaskRecorder({ db, tasks: new TaskStore(db), charges, profileId: 'p1' });
  const explanation = {
    decidedBy: 'policy',
    failureProbability: 0.7,
    threshold: 0.5,
    reason: 'Likely to fail.',
    facts: { agreement: 0.5 },
  };
  const events: TaskEvent[] = [
    { type: 'task-started', taskId: 't1', prompt: 'What is 3+75?', paths: 2, strategy: 'parallel', at: 10 },
    { type: 'path-started', taskId: 't1', path: 0, provider: 'local:source', locality: 'local', at: 11 },
    { type: 'path-started', taskId: 't1', path: 1, provider: 'local:source', locality: 'local', at: 11 },
    {
      type: 'step',
      taskId: 't1',
      path: 1,
      step: 1,
      tool: 'calc',
      arguments: { expr: '3+75' },
      result: 78,
      provider: 'local:source',
      at: 12,
    },
    {
      type: 'prediction',
      taskId: 't1',
      step: 1,
      failureProbability: 0.7,
      threshold: 0.5,
      decidedBy: 'agreement',
      at: 12,
    },
    {
      type: 'checkpoint',
      taskId: 't1',
      checkpoint: 1,
      action: 'escalate-selective',
      migratedPaths: [0],
      explanation,
      at: 13,
    },
    { type: 'path-started', taskId: 't1', path: 0, provider: 'openai:target', locality: 'cloud', at: 14 },
    {
      type: 'charge',
      taskId: 't1',
      path: 1,
      provider: 'local:source',
      locality: 'local',
      model: 'source',
      tokensIn: 5,
      tokensOut: 3,
      costUsd: 0,
      at: 15,
    },
    {
      type: 'path-finished',
      taskId: 't1',
      path: 0,
      status: 'answered',
      answer: '78',
      provider: 'openai:target',
      at: 16,
    },
    {
      type: 'path-finished',
      taskId: 't1',
      path: 1,
      status: 'answered',
      answer: '78',
      provider: 'local:source',
      at: 16,
    },
    {
      type: 'task-finished',
      taskId: 't1',
      status: 'answered',
      answer: '78',
      isLowConfidence: false,
      costUsd: 0,
      at: 17,
    },
  ];
  const audit = new EgressAuditStore(db);
  for (const event of events) {
    recorder.handle(event);
    if (isSent && event.type === 'path-started' && event.locality === 'cloud')
      audit.append({
        at: event.at,
        profileId: 'p1',
        taskId: 't1',
        pathIndex: event.path,
        provider: event.provider,
        endpoint: 'http://127.0.0.1:1/v1/chat/completions',
        bytesSent: 10,
        redactionCount: 0,
        redactions: {},
        allowedBy: 'user',
        model: 'target',
        requestSha256: 'x',
      });
  }
  return { details: new TaskDetailStore(db) };
}

describe('TaskDetailStore', () => {
  it('reads a recorded task back whole: paths with steps and migrations, decisions with explanations, per-step estimates, charges', () => {
    const { details } = recordTask();
    const detail = details.read('p1', 't1');
    expect(detail?.task).toMatchObject({
      id: 't1',
      status: 'succeeded',
      answer: '78',
      strategy: 'parallel',
      pathCount: 2,
      stepCount: 1,
    });
    expect(detail?.paths).toEqual([
      expect.objectContaining({ index: 0, provider: 'local:source', migratedTo: 'openai:target', steps: [] }),
      expect.objectContaining({
        index: 1,
        status: 'answered',
        tokensIn: 5,
        steps: [{ step: 1, tool: 'calc', arguments: { expr: '3+75' }, result: '78', provider: 'local:source', at: 12 }],
      }),
    ]);
    expect(detail?.decisions).toEqual([
      {
        checkpoint: 1,
        action: 'escalate-selective',
        decidedBy: 'policy',
        failureProbability: 0.7,
        at: 13,
        explanation: expect.objectContaining({
          reason: 'Likely to fail.',
          threshold: 0.5,
          migratedPaths: [0],
        }) as unknown,
      },
    ]);
    expect(detail?.predictions).toEqual([
      { step: 1, failureProbability: 0.7, threshold: 0.5, decidedBy: 'agreement', at: 12 },
    ]);
    expect(detail?.charges).toEqual([
      { provider: 'local:source', model: 'source', pathIndex: 1, tokensIn: 5, tokensOut: 3, costUsd: 0, at: 15 },
    ]);
  });

  it('does not show a task to another profile', () => {
    const { details } = recordTask();
    expect(details.read('someone-else', 't1')).toBeUndefined();
    expect(details.read('p1', 'missing')).toBeUndefined();
  });

  it('records which paths a cloud model ran, so retraining gives the task no local label', () => {
    recordTask();
    const ranOnCloud = db
      ?.prepare<[], { ran_on_cloud: number }>('SELECT ran_on_cloud FROM paths ORDER BY path_index')
      .all()
      .map((row) => row.ran_on_cloud);
    expect(ranOnCloud).toEqual([1, 0]);
    const [trajectory] = readRecordedTrajectories(db as Database, 'p1');
    expect(trajectory).toMatchObject({ task: 't1', success: null, checkpoint: null });
  });

  it('a hand-over that sent nothing (denied, capped, unreachable) leaves every path local and the label standing', () => {
    const { details } = recordTask({ isSent: false });
    const ranOnCloud = db
      ?.prepare<[], { ran_on_cloud: number }>('SELECT ran_on_cloud FROM paths ORDER BY path_index')
      .all()
      .map((row) => row.ran_on_cloud);
    expect(ranOnCloud).toEqual([0, 0]);
    const detail = details.read('p1', 't1');
    expect(detail?.task.isEscalated).toBe(false);
    expect(detail?.paths.map((path) => path.ranOnCloud)).toEqual([false, false]);
    const [trajectory] = readRecordedTrajectories(db as Database, 'p1');
    expect(trajectory).toMatchObject({ task: 't1', success: true });
  });
});
