// In the `ask` privacy mode the person approves what is shown, and only that leaves: a cloud model
// that reads a granted file after "Approve once" must not get the file's text until the person has
// seen and approved that tool result too (the dialog says "This approves what is shown above").
// "Approve for the task" covers the rest of the task; a denial ends the cloud continuation with
// nothing more sent. The real egress path runs against a real OpenAI-speaking server on 127.0.0.1.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import { DeniedByPersonError } from '#core/errors.ts';
import type { EgressApproval, EgressApprovalRequest } from '#core/egress/createCloudEscalation.ts';
import { closeAttack, startAttackerCloud, type AttackResources } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';

const model = 'atropos-world-target';
const diary = 'Dear diary, I am planning to quit my job next week.';
const opened: AttackResources = {};
afterEach(() => closeAttack(opened));

/**
 * The cloud reads diary.txt, then answers; the person answers each question with the next of
 * `answers`. With `isLocalOnlyLater` the profile turns local-only once the first request has left.
 */
async function readDiary(answers: EgressApproval[], isLocalOnlyLater = false) {
  const folder = mkdtempSync(path.join(tmpdir(), 'atropos-ask-'));
  opened.folder = folder;
  writeFileSync(path.join(folder, 'diary.txt'), diary);
  const cloud = await startAttackerCloud(
    (_body, round) => (round === 0 ? [{ name: 'read_file', arguments: { path: 'diary.txt' } }] : []),
    model,
  );
  opened.cloud = cloud;
  const asked: EgressApprovalRequest[] = [];
  const egress = openTestEscalation({
    baseUrl: cloud.baseUrl,
    model,
    redaction: createTaskRedaction({}),
    privacyMode: 'ask',
    privacyModeNow: () => (isLocalOnlyLater && cloud.bodies.length > 0 ? 'local-only' : 'ask'),
    ask: (request) => {
      asked.push(request);
      return Promise.resolve(answers[asked.length - 1] ?? 'deny');
    },
  });
  opened.db = egress.db;
  const tools = createToolRegistry(createFolderTools({ roots: [folder] }));
  const outcome = await egress.escalation
    .continueTranscript(
      { tools: tools.definitions, messages: [{ role: 'user', text: 'What is 2+2?' }] },
      { tools, stepBudget: 8, seed: 1, maxTokens: 50, path: 0 },
    )
    .then(
      (result) => result.status,
      (error: unknown) =>
        error instanceof DeniedByPersonError ? 'denied' : ((error as { code?: string }).code ?? String(error)),
    );
  await egress.provider.dispose();
  const previews = asked.map((request) => JSON.stringify(request.redactedTranscript.messages));
  return { outcome, previews, bodies: cloud.bodies };
}

describe('a cloud tool loop in the ask mode', () => {
  it('asks again before a tool result leaves after "Approve once", showing that result', async () => {
    const { outcome, previews, bodies } = await readDiary(['once', 'once']);
    expect(outcome).toBe('answered');
    expect(previews).toHaveLength(2);
    expect(previews[0]).toContain('What is 2+2?');
    expect(previews[1]).toContain(diary);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toContain(diary);
  });

  it('sends nothing more when the person denies the tool result', async () => {
    const { outcome, previews, bodies } = await readDiary(['once', 'deny']);
    expect(previews).toHaveLength(2);
    expect(outcome).toBe('denied');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain(diary);
  });

  it('asks once when the person approves for the whole task', async () => {
    const { outcome, previews, bodies } = await readDiary(['task']);
    expect(outcome).toBe('answered');
    expect(previews).toHaveLength(1);
    expect(bodies[1]).toContain(diary);
  });

  it('sends nothing more once the profile is turned local-only during the loop, even for the whole task', async () => {
    const { outcome, previews, bodies } = await readDiary(['task'], true);
    expect(previews).toHaveLength(1);
    expect(outcome).toBe('policy-denied');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain(diary);
  });
});
