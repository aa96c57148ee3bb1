// Hostile checks of the `continue` handover through the real egress path (runTask, the real folder
// tools on a temporary folder, createCloudEscalation, the EgressGate, SQLite in memory, a real
// OpenAI-speaking HTTP server on 127.0.0.1). The local model is scripted: it searches the folder
// with a piece of a secret it knows (the person's question names it), so the steps it hands over
// carry that piece in a call's arguments, and a tab-separated line in a result.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrivacyMode } from '#shared/domain.ts';
import { runTask, type CheckpointDecision } from '#core/agent/runTask.ts';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import type { EgressApprovalRequest } from '#core/egress/createCloudEscalation.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import type { CloudRedaction } from '#core/egress/createCloudEscalation.ts';
import { calcTool } from '#core/world/calcTool.ts';
import { createScriptedProvider } from '../../helpers/createScriptedProvider.ts';
import { closeAttack, startAttackerCloud, type AttackResources } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';

const model = 'atropos-world-target';
const password = 'Tr0ub4dor&3';
const email = 'anna.schmidt@example.com';
const piece = 'Tr0ub4dor';
const prompt = `Which file has the ${piece} password, and whose mail is in contacts.tsv?`;
const opened: AttackResources = {};
afterEach(() => closeAttack(opened));

const escalateAll: CheckpointDecision = {
  action: 'escalate-parallel',
  explanation: { decidedBy: 'test script', failureProbability: null, threshold: null, reason: 'scripted', facts: {} },
};

/** One local path that searches for the piece and the mail, handed over with `continue`; the cloud answers at once. */
async function runContinuing(privacyMode: PrivacyMode, redaction: CloudRedaction = createTaskRedaction()) {
  opened.folder = mkdtempSync(path.join(tmpdir(), 'atropos-continue-hostile-'));
  writeFileSync(path.join(opened.folder, 'notes.txt'), `Deploy notes\nDatabase password: ${password}\n`);
  writeFileSync(path.join(opened.folder, 'contacts.tsv'), `name\tmail\nAnna\t${email}\n`);
  const cloud = await startAttackerCloud(() => 'It is [EMAIL_1].', model);
  opened.cloud = cloud;
  const shown: EgressApprovalRequest[] = [];
  const egress = openTestEscalation({
    baseUrl: cloud.baseUrl,
    model,
    redaction,
    prompt,
    privacyMode,
    ask: (request) => {
      shown.push(request);
      return Promise.resolve('once');
    },
  });
  opened.db = egress.db;
  const plan = [
    { name: 'search_files', arguments: { query: piece } },
    { name: 'search_files', arguments: { query: 'example.com' } },
  ];
  const local = createScriptedProvider({
    id: 'local:source',
    script: ({ transcript }) => {
      const done = transcript.messages.filter((message) => message.role === 'tool').length;
      return { calls: plan.slice(done), answer: 'local answer' };
    },
  });
  const tools = createToolRegistry([...createFolderTools({ roots: [opened.folder] }), calcTool]);
  try {
    const outcome = await runTask({
      task: { prompt, tools, stepBudget: 4 },
      taskId: 't',
      local,
      paths: 1,
      clock: { now: () => Date.now() },
      escalation: egress.escalation,
      handover: 'continue',
      checkpoint: { at: 2, decide: () => escalateAll },
      onEvent: () => undefined,
    });
    return { outcome, shown, bodies: cloud.bodies };
  } finally {
    await egress.provider.dispose();
  }
}

/** The texts of a request body's messages. */
const contentsOf = (body: string): unknown[] =>
  (JSON.parse(body) as { messages: { content: unknown }[] }).messages.map((message) => message.content);

describe('the continue handover, attacked', () => {
  it('asks with exactly the messages that are then sent (a piece of a secret in a step is hidden in both)', async () => {
    const { shown, bodies } = await runContinuing('ask');
    expect(shown).toHaveLength(1);
    expect(bodies).toHaveLength(1);
    const asked = shown[0]!.redactedTranscript.messages.map((message) => ('text' in message ? message.text : null));
    expect(contentsOf(bodies[0]!)).toEqual(asked);
    expect(JSON.stringify(asked)).not.toContain(piece);
    expect(bodies[0]).not.toContain(piece);
  });

  it('hides a tab-separated mail whole, so the answer gives the person the mail itself back', async () => {
    const { outcome, bodies } = await runContinuing('auto-redact');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain(email);
    expect(bodies[0]).not.toContain(password);
    expect(outcome.paths[0]?.answer).toBe(`It is ${email}.`);
  });
});
