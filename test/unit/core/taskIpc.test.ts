// The task channels through the real IPC router and engine (no model needed): validation, the
// background failure path, quiet cancellation of nothing, and the task registry's questions.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine, EngineEvent } from '#core/engine.ts';
import { CancelledError, EngineError } from '#core/errors.ts';
import { createIpcHandlers, createIpcRouter } from '#core/ipcRouter.ts';
import { TaskSessions, type TaskRunHooks } from '#core/tasks/TaskSessions.ts';
import type { EgressPrompt } from '#shared/ipc/EgressPrompt.ts';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import { createMemoryLogger, createTestEngine } from '../../helpers/createTestEngine.ts';

let engine: Engine | undefined;
afterEach(() => engine?.dispose());

function setup() {
  const logger = createMemoryLogger();
  ({ engine } = createTestEngine());
  const events: EngineEvent[] = [];
  engine.onEvent((event) => events.push(event));
  return { router: createIpcRouter(createIpcHandlers(engine), logger), events };
}

async function until<T>(find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('task channels', () => {
  it.each([
    ['both a question and a world task', { prompt: 'What is 1+1?', worldTask: 2 }, /exactly one/],
    ['neither', { paths: 2 }, /exactly one/],
    // A page names a local model only among those model:list lists; any other file is refused unread.
    [
      'a local model the Models screen does not list',
      { prompt: 'hi', localModel: '/etc/passwd' },
      /not among the models/,
    ],
    ['a local model that is not a path', { prompt: 'hi', localModel: 7 }, /Local model .* Models screen lists/],
    ['an empty local model', { prompt: 'hi', localModel: '' }, /Local model .* Models screen lists/],
    ['a longest answer of 0 tokens', { worldTask: 1, maxTokens: 0 }, /Longest answer .* from 1 to 131072/],
    ['a longest answer past the bound', { worldTask: 1, maxTokens: 131_073 }, /Longest answer .* from 1 to 131072/],
    ['a fractional longest answer', { worldTask: 1, maxTokens: 2.5 }, /Longest answer .* whole number/],
    ['a longest answer as text', { worldTask: 1, maxTokens: '256' }, /Longest answer .* whole number/],
    ['a longest answer of null (NaN over JSON)', { worldTask: 1, maxTokens: null }, /Longest answer .* whole number/],
    [
      'a saved provider and an ad-hoc endpoint together',
      { prompt: 'hi', cloudProviderId: 'p1', cloud: { api: 'openai', baseUrl: 'http://x', model: 'm' } },
      /at most one/,
    ],
    ['a non-http endpoint', { prompt: 'hi', cloud: { api: 'openai', baseUrl: 'file:///etc', model: 'm' } }, /http/],
    ['too many paths', { worldTask: 1, paths: 99 }, /paths/],
  ])('refuses %s before anything runs', async (_label, request, message) => {
    const { router, events } = setup();
    const result = await router.handle('task:start', request);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(/not among/.test(message.source) ? 'not-found' : 'invalid-request');
      expect(result.error.message).toMatch(message);
      // The run options the CLI shares say what they take in a sentence, not in the schema's words.
      if (/Longest|Local model/.test(message.source))
        expect(result.error.message).not.toMatch(/expected|Too (big|small)/);
    }
    expect(events).toEqual([]);
  });

  it('refuses a listed model that cannot run, and a chat turn naming an unlisted model, before anything runs', async () => {
    const logger = createMemoryLogger();
    const created = createTestEngine();
    engine = created.engine;
    const events: EngineEvent[] = [];
    engine.onEvent((event) => events.push(event));
    const router = createIpcRouter(createIpcHandlers(engine), logger);
    const broken = path.join(created.ports.paths.dataDir, 'models', 'broken.gguf');
    mkdirSync(path.dirname(broken), { recursive: true });
    writeFileSync(broken, 'not a model');
    const listed = await router.handle('model:list', {});
    expect(listed.ok && (listed.value as { path: string }[]).map((model) => model.path)).toEqual([broken]);
    const started = await router.handle('task:start', { worldTask: 1, localModel: broken });
    expect(started).toMatchObject({ ok: false, error: { code: 'model-missing' } });
    expect(started.ok ? '' : started.error.message).toMatch(/^broken\.gguf cannot run tasks: .*Replace the file/);
    const turn = await router.handle('thread:send', { task: { prompt: 'hi', localModel: '/etc/hostname' } });
    expect(turn).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(turn.ok ? '' : turn.error.message).toMatch(/not among the models Atropos can see \(Models screen\)/);
    expect(engine.listThreads({})).toEqual([]);
    expect(events).toEqual([]);
  });

  it('answers task:start at once and reports a missing model as a task-failed update that says what to do', async () => {
    const { router, events } = setup();
    const started = await router.handle('task:start', { worldTask: 1, paths: 1 });
    expect(started.ok).toBe(true);
    const taskId = started.ok ? (started.value as { taskId: string }).taskId : '';
    const failed = await until(() =>
      events.find((event) => event.channel === 'task:event' && event.payload.type === 'task-failed'),
    );
    expect(failed.payload).toMatchObject({ type: 'task-failed', taskId, error: { code: 'model-missing' } });
    await expect(router.handle('task:cancel', { taskId })).resolves.toEqual({ ok: true, value: { wasRunning: false } });
  });

  it('is quiet about cancelling or answering what is not open, and says a missing task is not found', async () => {
    const { router } = setup();
    await expect(router.handle('task:cancel', { taskId: 'nope' })).resolves.toEqual({
      ok: true,
      value: { wasRunning: false },
    });
    await expect(router.handle('egress:answer', { requestId: 'nope', decision: 'deny' })).resolves.toEqual({
      ok: true,
      value: { wasPending: false },
    });
    const missing = await router.handle('task:get', { taskId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const badDecision = await router.handle('egress:answer', { requestId: 'x', decision: 'maybe' });
    expect(badDecision).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('TaskSessions (with scripted runs in place of the model)', () => {
  function sessions() {
    const updates: TaskUpdate[] = [];
    const prompts: EgressPrompt[] = [];
    let id = 0;
    const registry = new TaskSessions({
      newId: () => `id-${++id}`,
      clock: { now: () => 1000 },
      logger: createMemoryLogger(),
      onUpdate: (update) => updates.push(update),
      onApprovalRequest: (prompt) => prompts.push(prompt),
    });
    return { registry, updates, prompts };
  }

  const approvalRequest = {
    taskId: 'id-1',
    provider: 'openai:example',
    model: 'gpt',
    path: 1,
    redactedTranscript: {
      tools: [],
      messages: [
        { role: 'user' as const, text: 'Mail [EMAIL_1]' },
        { role: 'assistant' as const, text: '', toolCalls: [{ id: 'c1', name: 'calc', arguments: { expr: '1+1' } }] },
        { role: 'tool' as const, callId: 'c1', name: 'calc', result: 2 },
      ],
    },
    redactions: { email: 1 },
    estimatedCostUsd: 0.01,
    originals: { '[EMAIL_1]': 'ana@example.com' },
  };

  it('asks with the redacted transcript as text and resolves with the answer', async () => {
    const { registry, updates, prompts } = sessions();
    let decision: string | undefined;
    const { taskId } = registry.start(async (hooks: TaskRunHooks) => {
      decision = await hooks.ask({ ...approvalRequest, taskId: hooks.taskId });
    });
    const prompt = await until(() => prompts[0]);
    expect(prompt).toMatchObject({ taskId, path: 1, redactions: { email: 1 }, estimatedCostUsd: 0.01 });
    // The original is on the prompt for hover on this machine; the messages keep the placeholder.
    expect(prompt.originals).toEqual({ '[EMAIL_1]': 'ana@example.com' });
    expect(prompt.messages).toEqual([
      { role: 'user', text: 'Mail [EMAIL_1]' },
      { role: 'assistant', text: 'calc({"expr":"1+1"})' },
      { role: 'tool', text: 'calc → 2' },
    ]);
    expect(registry.answer(prompt.requestId, 'once')).toBe(true);
    expect(registry.answer(prompt.requestId, 'once')).toBe(false);
    await until(() => (decision === undefined ? undefined : true));
    expect(decision).toBe('once');
    expect(updates.filter((update) => update.type === 'task-failed')).toEqual([]);
  });

  it('cancelling denies the open question and ends the task with a quiet task-cancelled update', async () => {
    const { registry, updates, prompts } = sessions();
    let decision: string | undefined;
    const { taskId } = registry.start(async (hooks) => {
      decision = await hooks.ask({ ...approvalRequest, taskId: hooks.taskId });
      if (hooks.signal.aborted) throw new CancelledError();
    });
    await until(() => prompts[0]);
    expect(registry.runningTaskIds).toEqual([taskId]);
    expect(registry.cancel(taskId)).toBe(true);
    await until(() => updates.find((update) => update.type === 'task-cancelled'));
    expect(decision).toBe('deny');
    expect(registry.runningTaskIds).toEqual([]);
    expect(registry.cancel(taskId)).toBe(false);
  });

  it('turns a failure into task-failed with the EngineError code and message', async () => {
    const { registry, updates } = sessions();
    const { taskId } = registry.start(() =>
      Promise.reject(new EngineError('budget-exceeded', 'The daily cap of $1 is reached; raise it in Budget.')),
    );
    const failed = await until(() => updates.find((update) => update.type === 'task-failed'));
    expect(failed).toEqual({
      type: 'task-failed',
      taskId,
      error: { code: 'budget-exceeded', message: 'The daily cap of $1 is reached; raise it in Budget.' },
      at: 1000,
    });
  });
});
