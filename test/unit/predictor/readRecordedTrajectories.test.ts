import { describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { EgressAuditStore } from '#core/db/EgressAuditStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { readRecordedTrajectories } from '#core/predictor/readRecordedTrajectories.ts';

describe('readRecordedTrajectories', () => {
  it('turns recorded tasks, paths and steps into trajectories of one profile', () => {
    const db = openDatabase(':memory:');
    const profiles = new ProfileStore(db);
    const caps = { perTaskUsd: null, dailyUsd: null, monthlyUsd: null };
    profiles.insert({ id: 'me', name: 'Me', createdAt: 0, privacyMode: 'local-only', caps });
    profiles.insert({ id: 'other', name: 'Other', createdAt: 0, privacyMode: 'local-only', caps });
    const tasks = new TaskStore(db);
    tasks.insertTask({ id: 't1', profileId: 'me', prompt: 'add 2 and 3', createdAt: 1 });
    const first = tasks.insertPath({ taskId: 't1', pathIndex: 0, provider: 'local', model: 'source', seed: 1 });
    const second = tasks.insertPath({ taskId: 't1', pathIndex: 1, provider: 'local', model: 'source', seed: 2 });
    tasks.insertStep({
      pathId: first,
      stepIndex: 1,
      tool: 'calc',
      args: { op: 'mul' },
      result: '6',
      tokensIn: 9,
      tokensOut: 4,
      at: 3,
    });
    tasks.insertStep({
      pathId: first,
      stepIndex: 0,
      tool: 'calc',
      args: { op: 'add' },
      result: '5',
      tokensIn: 7,
      tokensOut: 3,
      at: 2,
    });
    db.prepare("UPDATE paths SET answer = '5', status = 'answered' WHERE id = ?").run(first);
    tasks.finishTask('t1', 'succeeded', '5', 4);
    tasks.insertTask({ id: 't2', profileId: 'me', prompt: 'still running', createdAt: 5 });
    tasks.insertPath({ taskId: 't2', pathIndex: 0, provider: 'local', model: 'source', seed: 1 });
    tasks.insertTask({ id: 't3', profileId: 'other', prompt: 'not mine', createdAt: 6 });
    tasks.insertPath({ taskId: 't3', pathIndex: 0, provider: 'local', model: 'source', seed: 1 });
    tasks.finishTask('t3', 'failed', null, 7);

    const all = readRecordedTrajectories(db, 'me');
    expect(all.map((trajectory) => [trajectory.task, trajectory.success])).toEqual([
      ['t1', true],
      ['t2', null],
    ]);
    expect(all[0]?.runs).toEqual([
      {
        run: 1,
        answer: '5',
        answerTokensIn: 0,
        answerTokensOut: 0,
        success: null,
        steps: [
          { tool: 'calc', args: { op: 'add' }, result: '5', tokensIn: 7, tokensOut: 3 },
          { tool: 'calc', args: { op: 'mul' }, result: '6', tokensIn: 9, tokensOut: 4 },
        ],
      },
      { run: 2, answer: null, answerTokensIn: 0, answerTokensOut: 0, success: null, steps: [] },
    ]);
    expect(second).toBeGreaterThan(first);
    expect(readRecordedTrajectories(db, 'me', { onlyLabelled: true }).map((trajectory) => trajectory.task)).toEqual([
      't1',
    ]);
    expect(readRecordedTrajectories(db, 'other', { onlyLabelled: true })).toHaveLength(1);
    db.close();
  });

  it('keeps where each task decided, and no label for a task the cloud finished', () => {
    const db = openDatabase(':memory:');
    const caps = { perTaskUsd: null, dailyUsd: null, monthlyUsd: null };
    new ProfileStore(db).insert({ id: 'me', name: 'Me', createdAt: 0, privacyMode: 'auto-redact', caps });
    const tasks = new TaskStore(db);
    const audit = new EgressAuditStore(db);
    const record = (
      id: string,
      options: {
        strategy: 'parallel' | 'sequential';
        migratedTo?: string;
        provider?: string;
        checkpointAt?: number;
        /** Whether a request of the path left (an egress row). Defaults to: it was handed to or started on a cloud. */
        wasSent?: boolean;
      },
    ) => {
      tasks.insertTask({
        id,
        profileId: 'me',
        prompt: id,
        createdAt: tasks.countFinished('me'),
        strategy: options.strategy,
      });
      const provider = options.provider ?? 'local:source.gguf';
      const pathId = tasks.insertPath({
        taskId: id,
        pathIndex: 0,
        provider,
        model: provider,
        seed: 1,
        isCloud: options.provider !== undefined,
      });
      if (options.wasSent ?? (options.migratedTo !== undefined || options.provider !== undefined))
        audit.append({
          at: 2,
          profileId: 'me',
          taskId: id,
          pathIndex: 0,
          provider: 'openai:target',
          endpoint: 'http://127.0.0.1:1/v1/chat/completions',
          bytesSent: 10,
          redactionCount: 0,
          redactions: {},
          allowedBy: 'policy',
          model: 'target',
          requestSha256: 'x',
        });
      tasks.insertDecision({
        taskId: id,
        checkpoint: 1,
        failureProbability: 0.9,
        action: 'continue',
        decidedBy: 'test',
        at: 3,
        explanation: options.checkpointAt === undefined ? undefined : { checkpointAt: options.checkpointAt },
      });
      tasks.finishPath(pathId, {
        status: 'answered',
        answer: '7',
        migratedTo: options.migratedTo ?? null,
        tokensIn: 1,
        tokensOut: 1,
      });
      tasks.settleRanOnCloud(id);
      tasks.finishTask(id, 'succeeded', '7', 4);
    };
    record('local', { strategy: 'parallel', checkpointAt: 2 });
    // A hotswap: the path migrated to the cloud.
    record('hotswapped', { strategy: 'parallel', migratedTo: 'openai:target', checkpointAt: 2 });
    // A sequential escalation: the path ran on the cloud from its start.
    record('sequential-cloud', { strategy: 'sequential', provider: 'openai:target', checkpointAt: 1 });
    record('sequential-local', { strategy: 'sequential', checkpointAt: 1 });
    // Handed over, but denied (or capped, or unreachable): nothing left, the local paths' label stands.
    record('denied', { strategy: 'parallel', migratedTo: 'openai:target', checkpointAt: 2, wasSent: false });
    // Recorded before the checkpoint's position was kept.
    record('older', { strategy: 'parallel' });
    expect(
      readRecordedTrajectories(db, 'me').map((trajectory) => [
        trajectory.task,
        trajectory.success,
        trajectory.checkpoint,
      ]),
    ).toEqual([
      ['local', true, 2],
      ['hotswapped', null, 2],
      ['sequential-cloud', null, 1],
      ['sequential-local', true, 1],
      ['denied', true, 2],
      ['older', true, null],
    ]);
    expect(
      readRecordedTrajectories(db, 'me', { onlyLabelled: true, strategy: 'parallel' }).map(
        (trajectory) => trajectory.task,
      ),
    ).toEqual(['local', 'denied', 'older']);
    db.close();
  });
});
