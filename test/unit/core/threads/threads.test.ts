// Chat threads on the real SQLite schema and through the real IPC router: the store (turns joined
// to their tasks, search, rename, delete), the follow-up's context, and the exports.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { ThreadStore } from '#core/db/ThreadStore.ts';
import type { Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter } from '#core/ipcRouter.ts';
import { exportThread } from '#core/threads/exportThread.ts';
import { conversationOf } from '#core/threads/threadContext.ts';
import type { ThreadDetail, ThreadTurn } from '#shared/ipc/Thread.ts';
import { createMemoryLogger, createTestEngine } from '../../../helpers/createTestEngine.ts';

let db: Database | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  await engine?.dispose();
  engine = undefined;
});

function storeWithTask(): ThreadStore {
  db = openDatabase(':memory:');
  new ProfileStore(db).insert({
    id: 'p1',
    name: 'Default',
    createdAt: 1,
    privacyMode: 'ask',
    caps: { perTaskUsd: null, dailyUsd: null, monthlyUsd: null },
  });
  db.prepare(
    "INSERT INTO tasks (id, profile_id, prompt, status, answer, created_at) VALUES ('t1', 'p1', 'q', 'succeeded', 'Forty-two', 5)",
  ).run();
  return new ThreadStore(db);
}

function turn(prompt: string, answer: string | null): ThreadTurn {
  return {
    id: prompt,
    position: 0,
    prompt,
    taskId: null,
    status: null,
    answer,
    costUsd: 0,
    createdAt: 0,
    carriedTurns: null,
    leftOutTurns: null,
  };
}

describe('ThreadStore', () => {
  it('joins each turn to the task that answered it, in order, and finds threads by their answers', () => {
    const store = storeWithTask();
    store.create('p1', { id: 'a', title: 'Meaning of life', at: 10 });
    store.create('p1', { id: 'b', title: 'Groceries', at: 11 });
    store.addTurn('a', { id: 'u1', prompt: 'What is it?', taskId: 't1', at: 20 });
    store.addTurn('a', { id: 'u2', prompt: 'Why?', taskId: 'not-yet-recorded', at: 21 });
    const thread = store.get('p1', 'a');
    expect(thread?.turns.map((item) => [item.position, item.prompt, item.status, item.answer])).toEqual([
      [0, 'What is it?', 'succeeded', 'Forty-two'],
      [1, 'Why?', null, null],
    ]);
    expect(store.list('p1', { limit: 10, offset: 0 }).map((item) => [item.id, item.turnCount])).toEqual([
      ['a', 2],
      ['b', 0],
    ]);
    expect(store.list('p1', { query: 'forty', limit: 10, offset: 0 }).map((item) => item.id)).toEqual(['a']);
    expect(store.list('p1', { query: 'GROCERIES', limit: 10, offset: 0 }).map((item) => item.id)).toEqual(['b']);
    expect(store.get('other-profile', 'a')).toBeUndefined();
    store.recordContext('u2', { carriedTurns: 1, leftOutTurns: 2 });
    expect(store.get('p1', 'a')?.turns.map((item) => [item.carriedTurns, item.leftOutTurns])).toEqual([
      [null, null],
      [1, 2],
    ]);
    expect(store.rename('p1', 'b', 'Shopping', 30)).toBe(true);
    expect(store.list('p1', { limit: 1, offset: 0 })[0]?.title).toBe('Shopping');
    expect(store.delete('p1', 'a')).toBe(true);
    expect(db?.prepare('SELECT COUNT(*) AS n FROM turns').get()).toEqual({ n: 0 });
    expect(db?.prepare('SELECT COUNT(*) AS n FROM tasks').get()).toEqual({ n: 1 });
  });
});

describe('conversationOf', () => {
  it('carries each answered turn as its question and answer, oldest first', () => {
    expect(conversationOf([turn('What is 2+2?', '4'), turn('And 3+3?', '6')])).toEqual([
      { question: 'What is 2+2?', answer: '4' },
      { question: 'And 3+3?', answer: '6' },
    ]);
  });

  it('leaves out turns that got no answer', () => {
    expect(conversationOf([turn('What is 2+2?', null), turn('Hello?', '  '), turn('And 3+3?', '6')])).toEqual([
      { question: 'And 3+3?', answer: '6' },
    ]);
    expect(conversationOf([])).toEqual([]);
  });
});

describe('exportThread', () => {
  const thread: ThreadDetail = {
    id: 't',
    title: 'Sums: 2+2 & more',
    createdAt: 0,
    updatedAt: 0,
    turnCount: 2,
    turns: [
      { ...turn('What is 2+2?', '4'), status: 'succeeded', taskId: 'k1' },
      { ...turn('And then?', null), status: 'failed', taskId: 'k2', position: 1 },
    ],
  };

  it('writes Markdown with each question and answer, and says which had none', () => {
    const file = exportThread(thread, 'markdown', Date.UTC(2026, 0, 1));
    expect(file.fileName).toBe('sums-2-2-more.md');
    expect(file.content).toContain('# Sums: 2+2 & more');
    expect(file.content).toContain('## You\n\nWhat is 2+2?\n\n## Atropos\n\n4');
    expect(file.content).toContain('_(no answer: failed)_');
  });

  it('writes JSON with every turn and its task', () => {
    const file = exportThread(thread, 'json', 0);
    const parsed = JSON.parse(file.content) as { turns: { taskId: string; answer: string | null }[] };
    expect(parsed.turns.map((item) => [item.taskId, item.answer])).toEqual([
      ['k1', '4'],
      ['k2', null],
    ]);
  });
});

describe('thread channels', () => {
  it('send, list, search, rename, export and delete through the router', async () => {
    ({ engine } = createTestEngine());
    const router = createIpcRouter(createIpcHandlers(engine), createMemoryLogger());
    const sent = await router.handle('thread:send', { task: { prompt: 'What is 12+30?', paths: 1 } });
    expect(sent.ok).toBe(true);
    const { threadId, taskId } = (sent as { value: { threadId: string; taskId: string } }).value;
    const followUp = await router.handle('thread:send', { threadId, task: { prompt: 'Double it', paths: 1 } });
    expect(followUp.ok).toBe(true);
    const detail = engine.getThread(threadId);
    expect(detail.title).toBe('What is 12+30?');
    expect(detail.turns.map((item) => item.prompt)).toEqual(['What is 12+30?', 'Double it']);
    expect(detail.turns[0]?.taskId).toBe(taskId);
    expect(await router.handle('thread:rename', { threadId, title: 'Sums' })).toMatchObject({
      ok: true,
      value: { title: 'Sums' },
    });
    expect(await router.handle('thread:list', { query: 'double' })).toMatchObject({
      ok: true,
      value: [{ id: threadId }],
    });
    expect(await router.handle('thread:list', { query: 'nothing-like-it' })).toEqual({ ok: true, value: [] });
    const exported = await router.handle('thread:export', { threadId, format: 'markdown' });
    expect(exported).toMatchObject({ ok: true, value: { fileName: 'sums.md', mimeType: 'text/markdown' } });
    expect(await router.handle('thread:delete', { threadId })).toEqual({ ok: true, value: { deleted: true } });
    expect(await router.handle('thread:get', { threadId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it.each([
    ['no question', { task: { paths: 1 } }],
    ['a world task', { task: { worldTask: 3 } }],
    ['an empty question', { task: { prompt: '   ' } }],
  ])('refuses a turn with %s', async (_label, request) => {
    ({ engine } = createTestEngine());
    const router = createIpcRouter(createIpcHandlers(engine), createMemoryLogger());
    expect(await router.handle('thread:send', request)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(engine.listThreads({})).toEqual([]);
  });
});
