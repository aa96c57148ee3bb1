// A chat follow-up that escalates carries the thread's earlier turns to the cloud as real chat
// messages, and only redacted, through the engine's one egress gate. The first turn names a person
// and an e-mail address and stays local; the second escalates in auto-redact mode to the target
// fixture model served over real HTTP on 127.0.0.1 behind a capture server (a real server that
// records each request and passes it on). The captured requests carry the key, the earlier turn
// as its own user and assistant messages, placeholders instead of the name and the address, and the
// egress audit counts those placeholders by type.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '#core/engine.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { startCaptureServer, type CaptureServer } from '../helpers/startCaptureServer.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';

const modelsDir = path.join(repositoryRoot, 'models');
const email = 'ana.garcia@example.com';
const person = 'Maria Lopez';
const apiKey = 'sk-thread-escalation';
let target: LocalLlamaProvider;
let cloud: ModelServer;
let capture: CaptureServer;
let engine: Engine | undefined;

beforeAll(async () => {
  target = await LocalLlamaProvider.load({ modelPath: path.join(modelsDir, 'fixtures', 'target.gguf'), cores: 1 });
  cloud = await createModelServer({ responder: target, clock: { now: () => Date.now() }, apiKey });
  capture = await startCaptureServer(cloud.url);
});

afterAll(async () => {
  await engine?.dispose();
  await capture?.close();
  await cloud?.close();
  await target?.dispose();
});

type SentMessage = { role: string; content: string | null };

describe('an escalated follow-up', () => {
  it('sends the earlier turn as its own messages, redacted, and the audit counts what was hidden', async () => {
    const ports = createTestPorts({ clock: { now: () => Date.now() } });
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
    const firstQuestion = `Write to ${person} at ${email}. What is 12+30?`;
    const first = opened.sendTurn({ task: { prompt: firstQuestion, paths: 1, escalation: 'never' } });
    await finished(first.threadId, 0);
    expect(capture.requests).toEqual([]);
    const firstAnswer = opened.getThread(first.threadId).turns[0]?.answer;
    expect(firstAnswer).toBeTruthy();
    const second = opened.sendTurn({
      threadId: first.threadId,
      task: {
        prompt: 'Now add 8',
        paths: 1,
        escalation: 'always',
        checkpoint: 1,
        cloudProviderId: null,
        cloud: { api: 'openai', baseUrl: `${capture.url}/v1`, model: 'atropos-world-target', apiKey },
      },
    });
    await finished(first.threadId, 1);
    expect(opened.getThread(first.threadId).turns[1]?.carriedTurns).toBe(1);
    expect(capture.requests.length).toBeGreaterThan(0);
    for (const sent of capture.requests) {
      expect(sent.headers.authorization).toBe(`Bearer ${apiKey}`);
      expect(sent.body).not.toContain(email);
      expect(sent.body).not.toContain('ana.garcia');
      expect(sent.body).not.toContain('Maria');
      expect(sent.body).not.toContain('Lopez');
    }
    // The earlier turn is a user message and the answer it got an assistant message, before the question.
    const messages = (JSON.parse(capture.requests[0]!.body) as { messages: SentMessage[] }).messages;
    const texts = messages.map((message) => [message.role, message.content]);
    const redactedFirst = texts.find(([role, content]) => role === 'user' && content?.includes('What is 12+30?'));
    expect(redactedFirst?.[1]).toMatch(/^Write to \[PERSON_1\] at \[EMAIL_1\]\. What is 12\+30\?$/);
    const at = texts.indexOf(redactedFirst!);
    expect(texts[at + 1]).toEqual(['assistant', firstAnswer]);
    expect(texts[at + 2]).toEqual(['user', 'Now add 8']);
    // The audit row of each request counts the placeholders by type.
    const rows = opened.listEgress({}).filter((row) => row.taskId === second.taskId);
    expect(rows.length).toBe(capture.requests.length);
    for (const row of rows) {
      expect(row.redactions.person).toBeGreaterThanOrEqual(1);
      expect(row.redactions.email).toBeGreaterThanOrEqual(1);
    }
  }, 180_000);
});
