// A stored custom pattern that backtracks catastrophically in JavaScript (`([A-Za-z0-9]+\s?)+:`
// takes over a minute on 40 characters there) must not hang an escalation: a whole task with
// the real fixture models escalates to the target model served over real HTTP, its transcript
// is redacted with that pattern, and the task ends, recorded, not left running.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';

const fixtures = path.join(repositoryRoot, 'models', 'fixtures');
let target: LocalLlamaProvider;
let cloud: ModelServer;
let engine: Engine | undefined;

beforeAll(async () => {
  target = await LocalLlamaProvider.load({ modelPath: path.join(fixtures, 'target.gguf'), cores: 2 });
  cloud = await createModelServer({ responder: target, clock: { now: () => Date.now() } });
});

afterAll(async () => {
  await engine?.dispose();
  await cloud.close();
  await target.dispose();
});

describe('a stored custom pattern with catastrophic backtracking', () => {
  it('redacts an escalation with it in linear time, and the task ends instead of staying running', async () => {
    const ports = createTestPorts({ clock: { now: () => Date.now() } });
    const databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
    engine = createEngine(ports, { databaseFile });
    engine.setPrivacyMode('auto-redact');
    engine.setRedactionSettings({ customPatterns: [{ pattern: '([A-Za-z0-9]+\\s?)+:', label: 'TAGGED' }] });

    const events: TaskEvent[] = [];
    const startedAt = performance.now();
    const result = await engine.runTask(
      {
        // A run of words with no colon (where JavaScript's engine backtracks without end), then
        // one the pattern should hide.
        prompt:
          'The quarterly numbers for the northern region are attached below and need a check. ' +
          'Project lead Ana Code name: falcon. What is 12+30*2?',
        paths: 2,
        localModel: path.join(fixtures, 'source.gguf'),
        cloud: { api: 'openai', baseUrl: `${cloud.url}/v1`, model: 'atropos-world-target' },
        escalation: 'always',
      },
      { onEvent: (event) => events.push(event) },
    );
    const seconds = (performance.now() - startedAt) / 1000;
    console.log(`task with the stored pattern: ${seconds.toFixed(1)} s, answer ${String(result.answer)}`);

    const db = new Database(databaseFile, { readonly: true });
    try {
      const tasks = db.prepare('SELECT status FROM tasks').all() as { status: string }[];
      expect(tasks).toHaveLength(1);
      expect(tasks[0]?.status).not.toBe('running');
      // The escalation really happened: redacted requests left through the gate, with the
      // pattern's own placeholders counted among what was hidden.
      const audit = db.prepare('SELECT redactions_json FROM egress_audit').all() as { redactions_json: string }[];
      expect(audit.length).toBeGreaterThan(0);
      for (const row of audit) {
        expect((JSON.parse(row.redactions_json) as Record<string, number>).custom).toBeGreaterThan(0);
      }
    } finally {
      db.close();
    }
    expect(events.filter((event) => event.type === 'fallback')).toEqual([]);
    expect(seconds).toBeLessThan(120);
  }, 240_000);
});
