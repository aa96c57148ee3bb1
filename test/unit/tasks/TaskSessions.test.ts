import { describe, expect, it } from 'vitest';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import { CancelledError } from '#core/errors.ts';
import { TaskSessions } from '#core/tasks/TaskSessions.ts';
import { createMemoryLogger } from '../../helpers/createTestEngine.ts';

function createSessions(updates: TaskUpdate[]): TaskSessions {
  let nextId = 1;
  return new TaskSessions({
    newId: () => `id-${nextId++}`,
    clock: { now: () => 1_000 },
    logger: createMemoryLogger(),
    onUpdate: (update) => updates.push(update),
    onApprovalRequest: () => undefined,
  });
}

describe('TaskSessions.dispose()', () => {
  it('aborts every running task and resolves only after each has cleaned up and reported its end', async () => {
    const updates: TaskUpdate[] = [];
    const sessions = createSessions(updates);
    const cleanedUp: string[] = [];
    const started = ['slow', 'slower'].map((name, index) =>
      sessions.start(async ({ signal }) => {
        if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        // Clean-up that takes a while after the abort (recording the task's end, releasing money).
        await new Promise((resolve) => setTimeout(resolve, 20 * (index + 1)));
        cleanedUp.push(name);
        throw new CancelledError();
      }),
    );
    expect(sessions.runningTaskIds).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 5));

    await sessions.dispose();
    expect(cleanedUp).toEqual(['slow', 'slower']);
    expect(updates.filter((update) => update.type === 'task-cancelled').map((update) => update.taskId)).toEqual(
      started.map((task) => task.taskId),
    );
    expect(sessions.runningTaskIds).toEqual([]);
  });

  it('resolves at once when nothing runs', async () => {
    await expect(createSessions([]).dispose()).resolves.toBeUndefined();
  });
});
