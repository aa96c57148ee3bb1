// A cloud that never answers, end to end through the engine on the fixture models: the paths handed
// to it come back to the local model within the silence limit set in Settings (one request each, no
// retries), the reservation is released and nothing is charged.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';

let engine: Engine | undefined;
let silent: Server | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  silent?.closeAllConnections();
  silent?.close();
});

describe('a cloud that never answers', () => {
  it('falls back to the local model within the silence limit, without retries', async () => {
    let requests = 0;
    silent = createServer(() => (requests += 1));
    await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const ports = createTestPorts({ clock: { now: () => Date.now() } });
    const databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
    engine = createEngine(ports, { databaseFile });
    engine.setPrivacyMode('auto-redact');
    engine.updateSettings({ cloudIdleTimeoutSeconds: 1 });
    const events: TaskEvent[] = [];
    const started = performance.now();
    const result = await engine.runTask(
      {
        worldTask: 7,
        paths: 2,
        localModel: path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf'),
        escalation: 'always',
        cloud: { api: 'openai', baseUrl: `http://127.0.0.1:${port}/v1`, model: 'atropos-world-target' },
      },
      { onEvent: (event) => events.push(event) },
    );
    const seconds = (performance.now() - started) / 1000;
    const fallbacks = events.filter((event) => event.type === 'fallback');
    process.stdout.write(`silent cloud: task ended after ${seconds.toFixed(1)} s, ${requests} requests\n`);
    expect(fallbacks).toHaveLength(2);
    expect((fallbacks[0] as { message: string }).message).toMatch(/sent nothing for 1 s.*goes on locally/);
    expect(requests).toBe(2);
    expect(seconds).toBeLessThan(10);
    expect(result.paths.every((item) => item.providerId.startsWith('local:'))).toBe(true);
    const db = new Database(databaseFile, { readonly: true });
    try {
      expect(db.prepare('SELECT * FROM budget_reservations').all()).toHaveLength(0);
      expect(db.prepare(`SELECT * FROM cost_ledger WHERE provider LIKE 'openai:%'`).all()).toHaveLength(0);
    } finally {
      db.close();
    }
  }, 60_000);
});
