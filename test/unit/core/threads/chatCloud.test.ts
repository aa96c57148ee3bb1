// The chat's cloud choice is kept by the engine, in the database: per thread when one was chosen for
// it, else the last choice made in the chat, else the profile's default provider. A second engine on
// the same data folder (a reloaded window, or the CLI) reads the same choice.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter, type IpcRouter } from '#core/ipcRouter.ts';
import { createMemoryLogger, createTestPorts } from '../../../helpers/createTestEngine.ts';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

function open(ports: ReturnType<typeof createTestPorts>): { engine: Engine; router: IpcRouter } {
  const engine = createEngine(ports, { databaseFile: path.join(ports.paths.dataDir, 'atropos.sqlite') });
  engines.push(engine);
  return { engine, router: createIpcRouter(createIpcHandlers(engine), createMemoryLogger()) };
}

function saveProvider(engine: Engine, name: string): string {
  return engine.saveCloudProvider({ name, api: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'k' })
    .id;
}

async function send(router: IpcRouter, request: object): Promise<string> {
  const sent = await router.handle('thread:send', request);
  if (!sent.ok) throw new Error(sent.error.message);
  return (sent.value as { threadId: string }).threadId;
}

describe("the chat's cloud choice", () => {
  it('starts at the profile default, then keeps the last choice across a second engine on the same file', async () => {
    const ports = createTestPorts();
    const window = open(ports);
    const first = saveProvider(window.engine, 'First');
    const second = saveProvider(window.engine, 'Second');
    expect(window.engine.getChatCloud()).toEqual({ providerId: null, source: 'profile-default' });
    window.engine.setDefaultCloudProvider(first);
    expect(window.engine.getChatCloud()).toEqual({ providerId: first, source: 'profile-default' });
    await expect(window.router.handle('thread:set-cloud', { providerId: second })).resolves.toEqual({
      ok: true,
      value: { providerId: second, source: 'last-choice' },
    });
    const cli = open(ports);
    await expect(cli.router.handle('thread:get-cloud', {})).resolves.toEqual({
      ok: true,
      value: { providerId: second, source: 'last-choice' },
    });
    // Staying local is a choice too, and outlives the default.
    window.engine.setChatCloud(undefined, null);
    expect(cli.engine.getChatCloud()).toEqual({ providerId: null, source: 'last-choice' });
  });

  it("keeps a thread's own choice, from the turn that named it or from the header, apart from other threads", async () => {
    const ports = createTestPorts();
    const { engine, router } = open(ports);
    const first = saveProvider(engine, 'First');
    const second = saveProvider(engine, 'Second');
    const chosen = await send(router, { task: { prompt: 'What is 12+30?', paths: 1, cloudProviderId: first } });
    const unchosen = await send(router, { task: { prompt: 'Hello', paths: 1 } });
    expect(engine.getChatCloud(chosen)).toEqual({ providerId: first, source: 'thread' });
    // The other thread has none of its own: it follows the last choice, which sending with `first` made.
    expect(engine.getChatCloud(unchosen)).toEqual({ providerId: first, source: 'last-choice' });
    engine.setChatCloud(unchosen, second);
    expect(engine.getChatCloud(unchosen)).toEqual({ providerId: second, source: 'thread' });
    expect(engine.getChatCloud(chosen)).toEqual({ providerId: first, source: 'thread' });
    engine.setChatCloud(chosen, null);
    const reloaded = open(ports).engine;
    expect(reloaded.getChatCloud(chosen)).toEqual({ providerId: null, source: 'thread' });
    expect(reloaded.getChatCloud(unchosen)).toEqual({ providerId: second, source: 'thread' });
    expect(reloaded.getChatCloud()).toEqual({ providerId: null, source: 'last-choice' });
  });

  it('forgets a choice whose provider was deleted, and refuses an unknown provider or thread', async () => {
    const ports = createTestPorts();
    const { engine, router } = open(ports);
    const first = saveProvider(engine, 'First');
    const second = saveProvider(engine, 'Second');
    engine.setDefaultCloudProvider(second);
    const threadId = await send(router, { task: { prompt: 'Hi', paths: 1, cloudProviderId: first } });
    engine.deleteCloudProvider(first);
    expect(engine.getChatCloud(threadId)).toEqual({ providerId: second, source: 'profile-default' });
    expect(engine.getChatCloud()).toEqual({ providerId: second, source: 'profile-default' });
    await expect(router.handle('thread:set-cloud', { providerId: 'missing' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/Models > Cloud providers/) as unknown },
    });
    await expect(router.handle('thread:get-cloud', { threadId: 'missing' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(engine.getChatCloud()).toEqual({ providerId: second, source: 'profile-default' });
  });
});
