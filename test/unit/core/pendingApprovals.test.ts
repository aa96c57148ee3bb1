// Open escalation questions are state a window asks for, not only an event pushed once: a window
// that reloads (and so missed the push) gets them from task:list-pending-approvals, and a question
// nobody answers is denied after its time, so the task goes on locally instead of waiting forever.
import { afterEach, describe, expect, it } from 'vitest';
import type { EgressPrompt } from '#shared/ipc/EgressPrompt.ts';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import type { Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter } from '#core/ipcRouter.ts';
import { TaskSessions } from '#core/tasks/TaskSessions.ts';
import { createMemoryLogger, createTestEngine } from '../../helpers/createTestEngine.ts';

let engine: Engine | undefined;
afterEach(async () => {
  await Promise.resolve(engine?.dispose());
  engine = undefined;
});

const approvalRequest = {
  taskId: 'id-1',
  provider: 'openai:example',
  model: 'gpt',
  path: 0,
  redactedTranscript: { tools: [], messages: [{ role: 'user' as const, text: 'Mail [EMAIL_1]' }] },
  redactions: { email: 1 },
  estimatedCostUsd: 0.01,
  originals: { '[EMAIL_1]': 'ana@example.com' },
};

function sessions(approvalTimeoutMs?: number) {
  const updates: TaskUpdate[] = [];
  const pushed: EgressPrompt[] = [];
  let id = 0;
  const registry = new TaskSessions({
    newId: () => `id-${++id}`,
    clock: { now: () => 1000 },
    logger: createMemoryLogger(),
    onUpdate: (update) => updates.push(update),
    onApprovalRequest: (prompt) => pushed.push(prompt),
    ...(approvalTimeoutMs === undefined ? {} : { approvalTimeoutMs }),
  });
  return { registry, updates, pushed };
}

async function until<T>(find: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('pending approvals', () => {
  it('lists an open question for a window that missed its push, until it is answered', async () => {
    const { registry, pushed } = sessions();
    let decision: string | undefined;
    registry.start(async (hooks) => {
      decision = await hooks.ask({ ...approvalRequest, taskId: hooks.taskId });
    });
    const prompt = await until(() => pushed[0]);
    // The reloaded window never saw the push; it asks, and gets the same question.
    expect(registry.pendingApprovals()).toEqual([prompt]);
    expect(registry.answer(prompt.requestId, 'once')).toBe(true);
    await until(() => decision);
    expect(decision).toBe('once');
    expect(registry.pendingApprovals()).toEqual([]);
  });

  it('denies a question nobody answers in time, so the task goes on and ends', async () => {
    const { registry, updates } = sessions(100);
    let decision: string | undefined;
    const started = performance.now();
    const { taskId } = registry.start(async (hooks) => {
      decision = await hooks.ask({ ...approvalRequest, taskId: hooks.taskId });
    });
    await until(() => decision);
    expect(decision).toBe('deny');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(registry.pendingApprovals()).toEqual([]);
    await until(() => (registry.runningTaskIds.includes(taskId) ? undefined : true));
    expect(updates.filter((update) => update.type === 'task-failed')).toEqual([]);
  });

  it('answers task:list-pending-approvals through the real router and engine', async () => {
    ({ engine } = createTestEngine());
    const router = createIpcRouter(createIpcHandlers(engine), createMemoryLogger());
    await expect(router.handle('task:list-pending-approvals', {})).resolves.toEqual({ ok: true, value: [] });
    const refused = await router.handle('task:list-pending-approvals', { everything: true });
    expect(refused.ok).toBe(false);
  });
});
