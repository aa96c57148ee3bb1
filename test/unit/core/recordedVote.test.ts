// History draws the groups the task's vote used: the recorder keeps each path's group from the vote
// (paths.vote_group) and task:get returns it, also where the vote by meaning merged answers that the
// first checkpoint's groups (paths.answer_group) kept apart. The renderer's side (one bar per group):
// test/renderer/taskRunState.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { meaningGroupKeys, semanticVote } from '#core/agent/semanticVote.ts';
import { TaskRecorder } from '#core/agent/TaskRecorder.ts';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskDetailStore } from '#core/db/TaskDetailStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';

const notice = 'Check the notice period, the rent increase clause and who pays for repairs before you sign.';
const reworded = 'Before signing, read how much notice you must give, whether rent may rise, and repair duties.';
const between = 'Look at the notice you owe, any rent rise allowed and repairs, then decide whether to sign again.';
const answers = [notice, reworded, between];
// Alone, the first two are below the 0.9 threshold (0.88); the third, between them, joins all three.
const vectors = [
  [1, 0, 0],
  [0.88, Math.sqrt(1 - 0.88 ** 2), 0],
  [1.88, Math.sqrt(1 - 0.88 ** 2), 0],
];

let db: Database | undefined;
afterEach(() => db?.close());

/** Records the three paths, path 2 answering after the checkpoint; the vote event unless `isOld`. */
function record({ isOld = false }: { isOld?: boolean } = {}): TaskDetailStore {
  db = openDatabase(':memory:');
  const caps = { perTaskUsd: null, dailyUsd: null, monthlyUsd: null };
  new ProfileStore(db).insert({ id: 'p1', name: 'Me', createdAt: 1, privacyMode: 'local-only', caps });
  const recorder = new TaskRecorder({
    db,
    tasks: new TaskStore(db),
    charges: new BudgetGuard({ db, ledger: new LedgerStore(db), clock: { now: () => 0 }, capsOf: () => caps }),
    profileId: 'p1',
    answerVectors: { lookup: (texts) => texts.map((text) => vectors[answers.indexOf(text ?? '')] ?? null) },
  });
  const taskId = 't1';
  const vote = semanticVote(answers, vectors);
  const events: TaskEvent[] = [
    { type: 'task-started', taskId, prompt: 'What should I check?', paths: 3, strategy: 'parallel', at: 1 },
    ...answers.flatMap((answer, path): TaskEvent[] => [
      { type: 'path-started', taskId, path, provider: 'local', locality: 'local', at: 2 },
      ...(path === 2
        ? [
            {
              type: 'checkpoint',
              taskId,
              checkpoint: 1,
              action: 'continue',
              migratedPaths: [],
              explanation: {
                decidedBy: 'predictor',
                failureProbability: 0.2,
                threshold: 0.5,
                reason: 'Fine.',
                facts: {},
              },
              at: 3,
            } satisfies TaskEvent,
          ]
        : []),
      { type: 'path-finished', taskId, path, status: 'answered', answer, provider: 'local', at: 4 },
    ]),
    ...(isOld ? [] : [{ type: 'vote', taskId, tally: vote.tally, winner: vote.winner, at: 5 } satisfies TaskEvent]),
    {
      type: 'task-finished',
      taskId,
      status: 'answered',
      answer: vote.winner,
      isLowConfidence: false,
      costUsd: 0,
      at: 6,
    },
  ];
  for (const event of events) recorder.handle(event);
  return new TaskDetailStore(db);
}

describe("History's vote", () => {
  it('is the vote the task made: three answers in other words, one group of 3 under its central answer', () => {
    const vote = semanticVote(answers, vectors);
    expect(vote.tally).toEqual([{ answer: between, paths: [0, 1, 2] }]);
    const detail = record().read('p1', 't1');
    expect(detail?.paths.map((path) => path.voteGroup)).toEqual([between, between, between]);
    // The first checkpoint's groups differ (two groups, path 2 had not answered): not what History shows.
    expect(new Set(detail?.paths.map((path) => path.answerGroup)).size).toBe(3);
  });

  it('keeps no vote for a task recorded without one; its groups by meaning stay as the checkpoint kept them', () => {
    const detail = record({ isOld: true }).read('p1', 't1');
    expect(detail?.paths.map((path) => path.voteGroup)).toEqual([null, null, null]);
    const kept = meaningGroupKeys([notice, reworded, null], vectors);
    expect(detail?.paths.map((path) => path.answerGroup)).toEqual([...kept.slice(0, 2), null]);
  });
});
