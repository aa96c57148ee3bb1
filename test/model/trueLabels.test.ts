// Labels follow what left the machine: a task whose escalation was denied, blocked by a budget cap
// or refused at the connection sends nothing the stand-in cloud (a real HTTP server on 127.0.0.1)
// receives, says why each path stayed local, and is recorded with ran_on_cloud 0, outside History's
// cloud filter and with its local label for retraining; an approved one is the opposite.
import { createServer } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrivacyMode } from '#shared/domain.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';
import { startScriptedCloud, type ScriptedCloud } from '../helpers/startScriptedCloud.ts';

const sourceModel = path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf');
let engine: Engine | undefined;
let cloud: ScriptedCloud | undefined;
let databaseFile = '';

afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  await cloud?.close();
  cloud = undefined;
});

async function open(privacyMode: PrivacyMode): Promise<Engine> {
  cloud = await startScriptedCloud({ turn: () => ({ kind: 'answer', text: '42' }) });
  const ports = createTestPorts({ clock: { now: () => Date.now() } });
  databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
  engine = createEngine(ports, { databaseFile });
  engine.setPrivacyMode(privacyMode);
  return engine;
}

function column<T>(sql: string): T[] {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return db
      .prepare(sql)
      .all()
      .map((row) => Object.values(row as Record<string, T>)[0] as T);
  } finally {
    db.close();
  }
}

/** A port nothing listens on: a connection to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function run(
  opened: Engine,
  options: { baseUrl?: string; decision?: 'deny' | 'task' } = {},
): Promise<{ events: TaskEvent[]; taskId: string }> {
  const events: TaskEvent[] = [];
  const result = await opened.runTask(
    {
      worldTask: 7,
      paths: 2,
      localModel: sourceModel,
      escalation: 'always',
      cloud: { api: 'openai', baseUrl: options.baseUrl ?? cloud?.baseUrl ?? '', model: 'gpt-4o-mini' },
    },
    { onEvent: (event) => events.push(event), ask: () => Promise.resolve(options.decision ?? 'deny') },
  );
  return { events, taskId: result.taskId };
}

function expectLocal(events: TaskEvent[], taskId: string, reason: string): void {
  const fallbacks = events.filter((event) => event.type === 'fallback');
  expect(fallbacks.length).toBeGreaterThan(0);
  expect(fallbacks.map((event) => event.reason)).toEqual(fallbacks.map(() => reason));
  // Every path finished on the local model.
  const finishes = events.filter((event) => event.type === 'path-finished');
  expect(finishes.every((event) => event.provider.startsWith('local:'))).toBe(true);
  expect(column<number>('SELECT ran_on_cloud FROM paths')).toEqual([0, 0]);
  expect(column<string | null>('SELECT migrated_to FROM paths')).toEqual([null, null]);
  expect(engine?.listTasks({ escalated: true }).map((task) => task.id)).toEqual([]);
  expect(engine?.getTask(taskId).task.isEscalated).toBe(false);
}

describe('labels follow what left the machine', () => {
  it('deny: labelled local (denied), no request, ran_on_cloud 0', async () => {
    const { events, taskId } = await run(await open('ask'), { decision: 'deny' });
    expect(cloud?.requests).toHaveLength(0);
    expect(column('SELECT id FROM egress_audit')).toEqual([]);
    expectLocal(events, taskId, 'denied');
  });

  it('budget-blocked: labelled local (cap), no request, ran_on_cloud 0', async () => {
    const opened = await open('auto-redact');
    opened.setBudgetCaps({ perTaskUsd: null, dailyUsd: 0.000001, monthlyUsd: null });
    const { events, taskId } = await run(opened);
    expect(cloud?.requests).toHaveLength(0);
    expectLocal(events, taskId, 'cap');
  });

  it('connection refused: labelled local (provider failed), its audit rows say unsent, ran_on_cloud 0', async () => {
    const port = await closedPort();
    const { events, taskId } = await run(await open('auto-redact'), { baseUrl: `http://127.0.0.1:${port}/v1` });
    const unsent = column<number>('SELECT is_unsent FROM egress_audit');
    expect(unsent.length).toBeGreaterThan(0);
    expect(unsent.every((value) => value === 1)).toBe(true);
    expectLocal(events, taskId, 'provider-failed');
  });

  it('approved: the requests arrive and the paths are recorded as run on the cloud', async () => {
    const { events, taskId } = await run(await open('ask'), { decision: 'task' });
    expect(cloud?.requests.length).toBeGreaterThan(0);
    expect(events.filter((event) => event.type === 'fallback')).toEqual([]);
    expect(column<number>('SELECT ran_on_cloud FROM paths')).toEqual([1, 1]);
    expect(column<number>('SELECT path_index FROM egress_audit ORDER BY path_index').length).toBe(
      cloud?.requests.length,
    );
    expect(engine?.listTasks({ escalated: true }).map((task) => task.id)).toEqual([taskId]);
  });
});
