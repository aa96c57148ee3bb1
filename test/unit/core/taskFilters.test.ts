import { describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { EgressAuditStore } from '#core/db/EgressAuditStore.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';

function seeded() {
  const db = openDatabase(':memory:');
  new ProfileStore(db).insert({
    id: 'p',
    name: 'p',
    createdAt: 0,
    privacyMode: 'ask',
    caps: { perTaskUsd: null, dailyUsd: null, monthlyUsd: null },
  });
  const tasks = new TaskStore(db);
  const audit = new EgressAuditStore(db);
  /** `sent`: a request left; `unsent`: it was written but no connection was made; `denied`: handed over, nothing sent. */
  const add = (
    id: string,
    prompt: string,
    answer: string,
    status: 'succeeded' | 'failed',
    at: number,
    cloud: false | 'sent' | 'unsent' | 'denied',
  ) => {
    tasks.insertTask({ id, profileId: 'p', prompt, createdAt: at });
    const path = tasks.insertPath({ taskId: id, pathIndex: 0, provider: 'local:s', model: 's', seed: 1 });
    tasks.finishPath(path, {
      status: 'answered',
      answer,
      migratedTo: cloud === false ? null : 'openai:x',
      tokensIn: 1,
      tokensOut: 1,
    });
    if (cloud === 'sent' || cloud === 'unsent') {
      const row = audit.append({
        at,
        profileId: 'p',
        taskId: id,
        pathIndex: 0,
        provider: 'openai:x',
        endpoint: 'http://127.0.0.1:1/v1/chat/completions',
        bytesSent: 10,
        redactionCount: 0,
        redactions: {},
        allowedBy: 'policy',
        model: 'x',
        requestSha256: 'x',
      });
      if (cloud === 'unsent') audit.markUnsent(row);
    }
    tasks.finishTask(id, status, answer, at + 1);
  };
  add('a', 'What is the invoice total?', '1124 EUR', 'succeeded', 1_000, false);
  add('b', 'Summarise the Invoice notes', 'Pay by Friday', 'failed', 2_000, 'sent');
  add('c', 'What is 2+2?', '4', 'succeeded', 3_000, 'sent');
  add('d', 'Denied', '5', 'succeeded', 4_000, 'denied');
  add('e', 'Connection refused', '6', 'succeeded', 5_000, 'unsent');
  return tasks;
}

describe('TaskStore.listSummaries filters', () => {
  it('searches every word in the question or answer, any case', () => {
    const tasks = seeded();
    expect(tasks.listSummaries('p', 10, 0, { query: 'invoice' }).map((task) => task.id)).toEqual(['b', 'a']);
    expect(tasks.listSummaries('p', 10, 0, { query: 'invoice friday' }).map((task) => task.id)).toEqual(['b']);
    expect(tasks.listSummaries('p', 10, 0, { query: "'; DROP TABLE tasks; --" })).toEqual([]);
  });

  it('filters by outcome, escalation and date, and marks escalated tasks', () => {
    const tasks = seeded();
    expect(tasks.listSummaries('p', 10, 0, { status: 'failed' }).map((task) => task.id)).toEqual(['b']);
    expect(tasks.listSummaries('p', 10, 0, { escalated: true }).map((task) => task.id)).toEqual(['c', 'b']);
    // Only where a request left: a denied hand-over and a refused connection sent nothing.
    expect(tasks.listSummaries('p', 10, 0, { escalated: false }).map((task) => task.id)).toEqual(['e', 'd', 'a']);
    expect(tasks.listSummaries('p', 10, 0, { from: 1_500, to: 3_000 }).map((task) => task.id)).toEqual(['b']);
    expect(tasks.listSummaries('p', 10, 0).map((task) => [task.id, task.isEscalated])).toEqual([
      ['e', false],
      ['d', false],
      ['c', true],
      ['b', true],
      ['a', false],
    ]);
  });
});
