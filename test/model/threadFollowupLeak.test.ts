// Review C1/C2 through the whole engine: a chat's first turn names a person and an address and gets
// no answer (cancelled at once, so it is never carried as a message); the follow-up names them again
// in lower case and by part, and escalates in auto-redact mode to a real OpenAI-speaking server on
// 127.0.0.1 that records every request. The threads domain hands the earlier turn's text to the
// task's redaction, so no request carries any of them, while the rest of the question goes as written.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '#core/engine.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';
import { startAttackerCloud, type AttackerCloud } from '../unit/egress/attackerCloud.ts';

const model = 'atropos-world-target';
let cloud: AttackerCloud | undefined;
let engine: Engine | undefined;

afterAll(async () => {
  await engine?.dispose();
  await cloud?.close();
});

describe('an escalated follow-up after a turn that was not carried', () => {
  it("sends none of that turn's names or address words, in any case", async () => {
    cloud = await startAttackerCloud(() => [], model);
    const ports = createTestPorts({ clock: { now: () => Date.now() } });
    const bundledModelsDir = path.join(repositoryRoot, 'models');
    engine = createEngine({ ...ports, paths: { ...ports.paths, bundledModelsDir } }, { databaseFile: ':memory:' });
    engine.setPrivacyMode('auto-redact');
    const opened = engine;
    const finished = async (threadId: string, position: number) =>
      // null: the task's record is not written yet (its model is loading).
      await expect
        .poll(() => [null, 'running'].includes(opened.getThread(threadId).turns[position]?.status ?? null), {
          timeout: 90_000,
        })
        .toBe(false);
    // A model file that is not there: the turn fails and gets no answer.
    const first = opened.sendTurn({
      task: {
        prompt: 'My colleague Tim Berg lives at 12 Zanzibar Lane. What is 12+30?',
        paths: 1,
        escalation: 'never',
        localModel: path.join(bundledModelsDir, 'missing.gguf'),
      },
    });
    // Its session ends when the load fails (cancelTask: false once nothing runs); no task record is written.
    await expect.poll(() => opened.cancelTask(first.taskId), { timeout: 30_000 }).toBe(false);
    expect(opened.getThread(first.threadId).turns[0]?.answer ?? null).toBeNull();
    opened.sendTurn({
      threadId: first.threadId,
      task: {
        prompt: 'Is zanzibar nice? Does berg know? Or tim? Is it nice?',
        paths: 1,
        escalation: 'always',
        checkpoint: 1,
        cloudProviderId: null,
        cloud: { api: 'openai', baseUrl: cloud.baseUrl, model, apiKey: 'none' },
      },
    });
    await finished(first.threadId, 1);
    // Nothing to carry (null: no earlier turn had an answer to fit).
    expect(opened.getThread(first.threadId).turns[1]?.carriedTurns ?? 0).toBe(0);
    expect(cloud.bodies.length).toBeGreaterThan(0);
    for (const body of cloud.bodies) {
      expect(body.match(/tim|berg|zanzibar/gi)).toBeNull();
      expect(body).toMatch(
        /Is \[STREET_ADDRESS_\d+\] nice\? Does \[PERSON_\d+\] know\? Or \[PERSON_\d+\]\? Is it nice\?/,
      );
    }
  }, 180_000);
});
