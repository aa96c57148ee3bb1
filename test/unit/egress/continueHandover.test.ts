// The `continue` handover through the engine's one way out: runTask hands a path that read a file
// of secrets to a cloud reached only through createCloudEscalation and the real EgressGate, whose
// fetch goes to a real OpenAI-speaking HTTP server on 127.0.0.1 (SQLite in memory for the audit log
// and the budget). The cloud receives the question, the path's executed calls with their results
// (redacted) and the continue note, with the whole step budget; a local-only profile, a person who
// denies in the ask mode, or a per-task cap too small for the request sends nothing. The local model
// is scripted (deterministic turns that read the file); everything after the checkpoint is real.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrivacyMode } from '#shared/domain.ts';
import type { EgressApproval, EgressApprovalRequest } from '#core/egress/createCloudEscalation.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import { continueNote } from '#core/llm/chat/continueNote.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import { createScriptedProvider, type ScriptedTurns } from '../../helpers/createScriptedProvider.ts';
import { closeAttack, startAttackerCloud, type AttackResources } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';
import { runContinueHandover } from './runContinueHandover.ts';

const model = 'atropos-world-target';
const secrets = {
  email: 'anna.schmidt@example.com',
  password: 'Tr0ub4dor&3',
  apiKey: 'sk-proj-Xq7vR2mN9pL4kT8wZ3bY6cF1hJ5dG0sA',
};
const prompt = `I am ${secrets.email}. How many lines does notes.txt have, plus 3?`;
const notes = `Deploy notes\nDatabase password: ${secrets.password}\napi key: ${secrets.apiKey}`;
const stepBudget = 5;
const opened: AttackResources = {};
afterEach(() => closeAttack(opened));

/** Every original of the task in a request body, in plain text or JSON-escaped. */
const originalsIn = (body: string): string[] =>
  Object.values(secrets).filter(
    (secret) => body.includes(secret) || body.includes(JSON.stringify(secret).slice(1, -1)),
  );

/**
 * One path that reads the notes and counts (the checkpoint after both calls), handed over with the
 * `continue` kind; the cloud answers with a calc call on every request, so it runs until its budget.
 */
async function runContinuing(options: {
  readonly privacyMode: PrivacyMode;
  readonly ask?: (request: EgressApprovalRequest) => Promise<EgressApproval>;
  readonly perTaskUsd?: number;
}) {
  opened.folder = mkdtempSync(path.join(tmpdir(), 'atropos-continue-'));
  writeFileSync(path.join(opened.folder, 'notes.txt'), notes);
  const cloud = await startAttackerCloud(() => [{ name: 'calc', arguments: { expr: '3+3' } }], model);
  opened.cloud = cloud;
  const egress = openTestEscalation({
    baseUrl: cloud.baseUrl,
    model,
    redaction: createTaskRedaction(),
    prompt,
    privacyMode: options.privacyMode,
    ...(options.ask === undefined ? {} : { ask: options.ask }),
    ...(options.perTaskUsd === undefined ? {} : { perTaskUsd: options.perTaskUsd }),
  });
  opened.db = egress.db;
  const local = createScriptedProvider({
    id: 'local:source',
    script: ({ transcript }) => {
      const done = transcript.messages.filter((message) => message.role === 'tool').length;
      const plan: ScriptedTurns['calls'] = [
        { name: 'read_file', arguments: { path: 'notes.txt' } },
        { name: 'calc', arguments: { expr: '3+3' } },
      ];
      return { calls: plan.slice(done), answer: 'local answer' };
    },
  });
  try {
    const { outcome, events } = await runContinueHandover({
      prompt,
      folder: opened.folder,
      local,
      escalation: egress.escalation,
      stepBudget,
    });
    const rows = egress.audit.list('p', 100, 0);
    return { outcome, events, gate: egress.gate, bodies: cloud.bodies, rows, cloudId: egress.provider.id };
  } finally {
    await egress.provider.dispose();
  }
}

/** The chat messages of a request body. */
const messagesOf = (body: string): { role: string; content: unknown }[] =>
  (JSON.parse(body) as { messages: { role: string; content: unknown }[] }).messages;

describe('the continue handover through the egress gate', () => {
  it('sends the question, the redacted steps and the continue note, with the whole step budget', async () => {
    const { outcome, gate, bodies, rows, cloudId } = await runContinuing({ privacyMode: 'auto-redact' });
    for (const body of bodies) expect(originalsIn(body)).toEqual([]);
    const first = messagesOf(bodies[0]!);
    // The question (redacted), one message listing the steps with their results, the note: no assistant turn.
    expect(first.map((message) => message.role)).toEqual(['user', 'user', 'user']);
    expect(first[0]?.content).toBe('I am [EMAIL_1]. How many lines does notes.txt have, plus 3?');
    // (The name recogniser takes "Database" at a line's start for a name: what it redacts besides is its own.)
    expect(first[1]?.content).toMatch(
      /^Calls so far: read_file \{"path":"notes\.txt"\} -> "Deploy notes\n.* password: \[PASSWORD_1\]\napi key: \[API_KEY_1\]"; calc \{"expr":"3\+3"\} -> 6$/,
    );
    expect(first[2]?.content).toBe(continueNote.text);
    expect(bodies[0]).not.toContain(handoffNote.text);
    // The whole budget: the cloud made five calls of its own (not the three the local path left).
    expect(bodies).toHaveLength(stepBudget + 1);
    expect(outcome.paths[0]).toMatchObject({ providerId: cloudId, status: 'exhausted' });
    expect(gate.requestsSent).toBe(bodies.length);
    expect(rows).toHaveLength(bodies.length);
    expect(rows.every((row) => row.allowedBy === 'policy')).toBe(true);
  });

  it('sends nothing for a local-only profile', async () => {
    const { events, bodies, rows, outcome } = await runContinuing({ privacyMode: 'local-only' });
    expect(bodies).toEqual([]);
    expect(rows).toEqual([]);
    expect(events.filter((event) => event.type === 'fallback')).toEqual([
      expect.objectContaining({ reason: 'policy' }),
    ]);
    expect(outcome.paths[0]?.providerId).toBe('local:source');
  });

  it('asks first in the ask mode, showing exactly the redacted request, and sends nothing when denied', async () => {
    const shown: EgressApprovalRequest[] = [];
    let bodiesWhenAsked = -1;
    const { bodies, events } = await runContinuing({
      privacyMode: 'ask',
      ask: (request) => {
        shown.push(request);
        bodiesWhenAsked = opened.cloud?.bodies.length ?? -1;
        return Promise.resolve('deny');
      },
    });
    expect(shown).toHaveLength(1);
    expect(bodiesWhenAsked).toBe(0);
    expect(bodies).toEqual([]);
    const messages = shown[0]!.redactedTranscript.messages;
    expect(messages.at(-1)).toEqual(continueNote);
    expect(originalsIn(JSON.stringify(messages))).toEqual([]);
    expect(JSON.stringify(messages)).toContain('[PASSWORD_1]');
    // The originals stay on the person's screen: what each placeholder stands for, never sent.
    expect(shown[0]!.originals['[PASSWORD_1]']).toBe(secrets.password);
    expect(events.filter((event) => event.type === 'fallback')).toEqual([
      expect.objectContaining({ reason: 'denied' }),
    ]);
  });

  it('sends after the person allows it for the task, each request on the audit log as theirs', async () => {
    let asked = 0;
    const { bodies, rows } = await runContinuing({
      privacyMode: 'ask',
      ask: () => {
        asked += 1;
        return Promise.resolve('task');
      },
    });
    expect(asked).toBe(1);
    expect(messagesOf(bodies[0]!).at(-1)?.content).toBe(continueNote.text);
    expect(rows).toHaveLength(bodies.length);
    expect(rows.every((row) => row.allowedBy === 'user')).toBe(true);
  });

  it('sends nothing when the per-task cap cannot hold the request', async () => {
    const { bodies, rows, events } = await runContinuing({ privacyMode: 'auto-redact', perTaskUsd: 0.000001 });
    expect(bodies).toEqual([]);
    expect(rows).toEqual([]);
    expect(events.filter((event) => event.type === 'fallback')).toEqual([expect.objectContaining({ reason: 'cap' })]);
  });
});
