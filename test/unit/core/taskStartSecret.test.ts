// task:start resolves a saved provider once: the key read from the secret store to check the request
// is the one the task runs with, not read again when the task starts running. No model is needed:
// the task fails at its missing model, after the provider is resolved.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type EngineEvent } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter, type IpcRouter } from '#core/ipcRouter.ts';
import { createMemoryLogger, createTestPorts } from '../../helpers/createTestEngine.ts';

let engine: Engine | undefined;
afterEach(() => engine?.dispose());

/** An engine whose secret store counts the reads of each name. */
function setup(): { router: IpcRouter; events: EngineEvent[]; reads: Map<string, number>; providerId: string } {
  const ports = createTestPorts();
  const reads = new Map<string, number>();
  const { secrets } = ports;
  const counting = {
    ...secrets,
    get(name: string): string | null {
      reads.set(name, (reads.get(name) ?? 0) + 1);
      return secrets.get(name);
    },
  };
  engine = createEngine({ ...ports, secrets: counting }, { databaseFile: ':memory:' });
  const events: EngineEvent[] = [];
  engine.onEvent((event) => events.push(event));
  const { id } = engine.saveCloudProvider({
    name: 'Stand-in',
    api: 'openai',
    baseUrl: 'http://127.0.0.1:9/v1',
    model: 'm',
    apiKey: 'sk-count-me',
  });
  reads.clear();
  return { router: createIpcRouter(createIpcHandlers(engine), createMemoryLogger()), events, reads, providerId: id };
}

async function ended(events: EngineEvent[], taskId: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (
    !events.some(
      (event) =>
        event.channel === 'task:event' && event.payload.taskId === taskId && event.payload.type === 'task-failed',
    )
  ) {
    if (Date.now() > deadline) throw new Error('the task did not end');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('task:start with a saved provider', () => {
  it.each([
    ['names the provider', (id: string) => ({ cloudProviderId: id })],
    ["names none and the profile's default is used", () => ({})],
  ])('reads its key once when the task %s', async (_label, cloud) => {
    const { router, events, reads, providerId } = setup();
    engine?.setDefaultCloudProvider(providerId);
    const started = await router.handle('task:start', { worldTask: 1, paths: 1, ...cloud(providerId) });
    if (!started.ok) throw new Error(started.error.message);
    await ended(events, (started.value as { taskId: string }).taskId);
    expect(reads.get(`cloud-provider:${providerId}`)).toBe(1);
  });

  it('still refuses an unknown provider before any task starts, and the engine call rejects', async () => {
    const { router, events } = setup();
    const refused = await router.handle('task:start', { worldTask: 1, paths: 1, cloudProviderId: 'missing' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(events).toEqual([]);
    const run = engine?.runTask({ worldTask: 1, paths: 1, cloudProviderId: 'missing' });
    await expect(run).rejects.toThrow(/Models > Cloud providers/);
  });
});
