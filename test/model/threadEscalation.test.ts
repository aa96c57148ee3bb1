// A chat follow-up that escalates carries the thread's context to the cloud only redacted, through
// the engine's egress gate: the first turn held an e-mail address, the second turn escalates in
// auto-redact mode to the target fixture model served over real HTTP on 127.0.0.1, and every
// request body the engine's fetch port sent holds the earlier question but not the address.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '#core/engine.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';

const modelsDir = path.join(repositoryRoot, 'models');
const email = 'ana.garcia@example.com';
let target: LocalLlamaProvider;
let cloud: ModelServer;
let engine: Engine | undefined;
const bodies: string[] = [];

beforeAll(async () => {
  target = await LocalLlamaProvider.load({ modelPath: path.join(modelsDir, 'fixtures', 'target.gguf'), cores: 1 });
  cloud = await createModelServer({ responder: target, clock: { now: () => Date.now() } });
});

afterAll(async () => {
  await engine?.dispose();
  await cloud?.close();
  await target?.dispose();
});

describe('an escalated follow-up', () => {
  it('sends the earlier turns redacted', async () => {
    const fetch = (async (input, init) => {
      if (typeof init?.body === 'string') bodies.push(init.body);
      return await globalThis.fetch(input, init);
    }) as typeof globalThis.fetch;
    const ports = createTestPorts({ clock: { now: () => Date.now() }, fetch });
    engine = createEngine(
      { ...ports, paths: { ...ports.paths, bundledModelsDir: modelsDir } },
      { databaseFile: ':memory:' },
    );
    engine.setPrivacyMode('auto-redact');
    const opened = engine;
    const finished = async (threadId: string, position: number) =>
      await expect
        .poll(() => opened.getThread(threadId).turns[position]?.status ?? 'running', { timeout: 90_000 })
        .not.toBe('running');
    const first = opened.sendTurn({
      task: { prompt: `Write to ${email}. What is 12+30?`, paths: 1, escalation: 'never' },
    });
    await finished(first.threadId, 0);
    expect(bodies).toEqual([]);
    opened.sendTurn({
      threadId: first.threadId,
      task: {
        prompt: 'Now add 8',
        paths: 1,
        escalation: 'always',
        checkpoint: 1,
        cloudProviderId: null,
        cloud: { api: 'openai', baseUrl: `${cloud.url}/v1`, model: 'atropos-world-target' },
      },
    });
    await finished(first.threadId, 1);
    expect(bodies.length).toBeGreaterThan(0);
    const sent = bodies.join('\n');
    expect(sent).toContain('What is 12+30?');
    expect(sent).toContain('Now add 8');
    expect(sent).not.toContain(email);
    expect(sent).not.toContain('ana.garcia');
  }, 180_000);
});
