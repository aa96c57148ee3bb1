import { describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
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
  const add = (
    id: string,
    prompt: string,
    answer: string,
    status: 'succeeded' | 'failed',
    at: number,
    cloud: boolean,
  ) => {
    tasks.insertTask({ id, profileId: 'p', prompt, createdAt: at });
    const path = tasks.insertPath({ taskId: id, pathIndex: 0, provider: 'local:s', model: 's', seed: 1 });
    tasks.finishPath(path, {
      status: 'answered',
      answer,
      migratedTo: cloud ? 'openai:x' : null,
      tokensIn: 1,
      tokensOut: 1,
    });
    tasks.finishTask(id, status, answer, at + 1);
  };
  add('a', 'What is the invoice total?', '1124 EUR', 'succeeded', 1_000, false);
  add('b', 'Summarise the Invoice notes', 'Pay by Friday', 'failed', 2_000, true);
  add('c', 'What is 2+2?', '4', 'succeeded', 3_000, true);
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
    expect(tasks.listSummaries('p', 10, 0, { escalated: false }).map((task) => task.id)).toEqual(['a']);
    expect(tasks.listSummaries('p', 10, 0, { from: 1_500, to: 3_000 }).map((task) => task.id)).toEqual(['b']);
    expect(tasks.listSummaries('p', 10, 0).map((task) => [task.id, task.isEscalated])).toEqual([
      ['c', true],
      ['b', true],
      ['a', false],
    ]);
  });
});
