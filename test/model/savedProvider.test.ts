// A saved cloud provider is what a task escalates to: started over the IPC router (task:start with
// a provider id, or none and the profile's default), with the key from the secret store arriving at
// a real HTTP server on 127.0.0.1 and the provider's own prices ($3 / $15 per million tokens) in the
// ledger. An ad-hoc endpoint without a key sends no credential at all. A chat turn that names none
// uses its thread's kept choice.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter, type IpcRouter } from '#core/ipcRouter.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createMemoryLogger, createTestPorts } from '../helpers/createTestEngine.ts';
import { startScriptedCloud, type ScriptedCloud } from '../helpers/startScriptedCloud.ts';

const bundledModelsDir = path.join(repositoryRoot, 'models');
const apiKey = 'sk-saved-provider-0123456789';
let engine: Engine | undefined;
let cloud: ScriptedCloud | undefined;

afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  await cloud?.close();
  cloud = undefined;
});

type LedgerRow = { provider: string; model: string; tokens_in: number; tokens_out: number; cost_usd: number };

async function setup(): Promise<{ router: IpcRouter; updates: TaskUpdate[]; ledger: () => LedgerRow[] }> {
  cloud = await startScriptedCloud({ turn: () => ({ kind: 'answer', text: '42' }), completionTokens: 20 });
  const testPorts = createTestPorts({ clock: { now: () => Date.now() } });
  const ports = { ...testPorts, paths: { ...testPorts.paths, bundledModelsDir } };
  const databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
  engine = createEngine(ports, { databaseFile });
  engine.setPrivacyMode('auto-redact');
  const updates: TaskUpdate[] = [];
  engine.onEvent((event) => {
    if (event.channel === 'task:event') updates.push(event.payload);
  });
  const ledger = (): LedgerRow[] => {
    const db = new Database(databaseFile, { readonly: true });
    try {
      return db
        .prepare(
          "SELECT provider, model, tokens_in, tokens_out, cost_usd FROM cost_ledger WHERE provider NOT LIKE 'local:%'",
        )
        .all() as LedgerRow[];
    } finally {
      db.close();
    }
  };
  return { router: createIpcRouter(createIpcHandlers(engine), createMemoryLogger()), updates, ledger };
}

async function finished(updates: TaskUpdate[], taskId: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!updates.some((update) => update.taskId === taskId && /task-(finished|failed)/.test(update.type))) {
    if (Date.now() > deadline) throw new Error('the task did not end');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function saveProvider(router: IpcRouter, key: string | undefined): Promise<string> {
  const saved = await router.handle('cloud:save', {
    name: 'Stand-in cloud',
    api: 'openai',
    baseUrl: cloud?.baseUrl,
    model: 'stand-in-model',
    inputPerMillion: 3,
    outputPerMillion: 15,
    ...(key === undefined ? {} : { apiKey: key }),
  });
  if (!saved.ok) throw new Error(saved.error.message);
  return (saved.value as { id: string }).id;
}

async function start(router: IpcRouter, request: object): Promise<string> {
  const started = await router.handle('task:start', { worldTask: 7, paths: 2, escalation: 'always', ...request });
  if (!started.ok) throw new Error(started.error.message);
  return (started.value as { taskId: string }).taskId;
}

describe('a saved provider is what a task uses', () => {
  it('task:start with a provider id sends its stored key and the ledger charges its prices', async () => {
    const { router, updates, ledger } = await setup();
    const id = await saveProvider(router, apiKey);
    await finished(updates, await start(router, { cloudProviderId: id }));
    expect(cloud?.requests.length).toBeGreaterThan(0);
    expect(cloud?.requests.every((request) => request.credential === `Bearer ${apiKey}`)).toBe(true);
    const rows = ledger();
    expect(rows).toHaveLength(cloud?.requests.length ?? -1);
    for (const row of rows) {
      expect(row.model).toBe('stand-in-model');
      expect(row.tokens_out).toBe(20);
      expect(row.cost_usd).toBeCloseTo((row.tokens_in * 3 + row.tokens_out * 15) / 1_000_000, 12);
    }
  });

  it("a task that names no provider escalates to the profile's default one, and to none once it is cleared", async () => {
    const { router, updates, ledger } = await setup();
    const id = await saveProvider(router, apiKey);
    await expect(router.handle('cloud:set-default', { id })).resolves.toEqual({ ok: true, value: { defaultId: id } });
    const listed = await router.handle('cloud:list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ id, isDefault: true, hasKey: true }] });
    await finished(updates, await start(router, {}));
    const sent = cloud?.requests.length ?? 0;
    expect(sent).toBeGreaterThan(0);
    expect(cloud?.requests.every((request) => request.credential === `Bearer ${apiKey}`)).toBe(true);
    expect(ledger().every((row) => row.cost_usd > 0)).toBe(true);
    // The form's "no cloud" (null) keeps a task local even when the profile has a default.
    await finished(updates, await start(router, { cloudProviderId: null }));
    expect(cloud?.requests.length).toBe(sent);

    await router.handle('cloud:set-default', { id: null });
    await finished(updates, await start(router, {}));
    expect(cloud?.requests.length).toBe(sent);
  });

  it('an ad-hoc endpoint without a key sends no credential header, never "Bearer none"', async () => {
    const { router, updates } = await setup();
    // A model of the built-in price table: an ad-hoc endpoint has no prices of its own.
    await finished(
      updates,
      await start(router, { cloud: { api: 'openai', baseUrl: cloud?.baseUrl, model: 'gpt-4o-mini' } }),
    );
    expect(JSON.stringify(updates.filter((update) => update.type === 'fallback'))).toBe('[]');
    expect(cloud?.requests.length).toBeGreaterThan(0);
    expect(cloud?.requests.map((request) => request.credential)).toEqual(cloud?.requests.map(() => null));
    const withKey = await start(router, {
      cloud: { api: 'openai', baseUrl: cloud?.baseUrl, model: 'gpt-4o-mini', apiKey: 'typed-key' },
    });
    await finished(updates, withKey);
    expect(cloud?.requests.at(-1)?.credential).toBe('Bearer typed-key');
  });

  it("a chat turn that names no provider escalates to the thread's kept choice, and stays local once None is kept", async () => {
    const { router, updates } = await setup();
    const id = await saveProvider(router, apiKey);
    const turn = { paths: 2, escalation: 'always' };
    const send = async (request: object): Promise<{ threadId: string; taskId: string }> => {
      const sent = await router.handle('thread:send', request);
      if (!sent.ok) throw new Error(sent.error.message);
      const value = sent.value as { threadId: string; taskId: string };
      await finished(updates, value.taskId);
      return value;
    };
    const { threadId } = await send({ task: { ...turn, prompt: 'What is 12+30?', cloudProviderId: id } });
    const first = cloud?.requests.length ?? 0;
    expect(first).toBeGreaterThan(0);
    // The provider is not the profile's default: only the thread's kept choice sends this follow-up.
    await send({ threadId, task: { ...turn, prompt: 'Now add 8' } });
    const second = cloud?.requests.length ?? 0;
    expect(second).toBeGreaterThan(first);
    expect(cloud?.requests.every((request) => request.credential === `Bearer ${apiKey}`)).toBe(true);
    await expect(router.handle('thread:set-cloud', { threadId, providerId: null })).resolves.toMatchObject({
      ok: true,
    });
    await send({ threadId, task: { ...turn, prompt: 'And subtract 2' } });
    expect(cloud?.requests.length).toBe(second);
  });

  it('refuses a provider id and an endpoint together, and an unknown provider id says where to add one', async () => {
    const { router, updates } = await setup();
    const both = await router.handle('task:start', {
      worldTask: 7,
      cloudProviderId: 'x',
      cloud: { api: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' },
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    // Refused before a task starts, so no task (and no chat turn) is left without an end.
    const missing = await router.handle('task:start', { worldTask: 7, paths: 2, cloudProviderId: 'missing' });
    expect(missing.ok).toBe(false);
    expect(missing.ok ? '' : missing.error.message).toMatch(/Models > Cloud providers/);
    expect(updates.filter((update) => update.type === 'task-started')).toEqual([]);
  });
});
