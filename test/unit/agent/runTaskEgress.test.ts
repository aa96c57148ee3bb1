// runTask through the real egress path: a scripted local model (deterministic turns, no model)
// reads a file of secrets with the real folder tools, then the checkpoint hands its paths to a
// cloud reached only through createCloudEscalation and the real EgressGate, whose fetch goes to a
// real OpenAI-speaking HTTP server on 127.0.0.1 (SQLite in memory for the audit log and budget).
// A local-only profile, or a person who denies, sends nothing; an allowed profile sends only
// placeholders, and every request that left is on the audit log. Milliseconds each.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrivacyMode } from '#shared/domain.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import type { CheckpointDecision } from '#core/agent/runTask.ts';
import { runTask } from '#core/agent/runTask.ts';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import { createPricing } from '#core/budget/priceTable.ts';
import { EgressAuditStore } from '#core/db/EgressAuditStore.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createCloudEscalation, type EgressApproval } from '#core/egress/createCloudEscalation.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import { EgressGate } from '#core/egress/EgressGate.ts';
import { OpenAiCompatibleProvider } from '#core/llm/providers/OpenAiCompatibleProvider.ts';
import { calcTool } from '#core/world/calcTool.ts';
import { createScriptedProvider, type ScriptedTurns } from '../../helpers/createScriptedProvider.ts';
import { startAttackerCloud, type AttackerCloud } from '../egress/attackerCloud.ts';

const model = 'atropos-world-target';
const secrets = {
  email: 'anna.schmidt@example.com',
  password: 'Tr0ub4dor&3',
  apiKey: 'sk-proj-Xq7vR2mN9pL4kT8wZ3bY6cF1hJ5dG0sA',
};
const prompt = `I am ${secrets.email}. What does notes.txt say about the deploy?`;
const notes = `Deploy notes\nDatabase password: ${secrets.password}\napi key: ${secrets.apiKey}\n`;

let cloud: AttackerCloud | undefined;
let db: Database | undefined;
let folder: string | undefined;
afterEach(async () => {
  await cloud?.close();
  db?.close();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  cloud = undefined;
  db = undefined;
  folder = undefined;
});

const escalateAll: CheckpointDecision = {
  action: 'escalate-parallel',
  explanation: { decidedBy: 'test script', failureProbability: null, threshold: null, reason: 'scripted', facts: {} },
};

/** The local model's plan: read the notes, count, then answer (it pauses at the checkpoint in between). */
const localPlan: ScriptedTurns['calls'] = [
  { name: 'read_file', arguments: { path: 'notes.txt' } },
  { name: 'calc', arguments: { expr: '2+3' } },
];
const localModel = () =>
  createScriptedProvider({
    id: 'local:source',
    script: ({ transcript }) => {
      const done = transcript.messages.filter((message) => message.role === 'tool').length;
      return { calls: localPlan.slice(done), answer: 'local answer' };
    },
  });

/**
 * Runs a two-path task whose checkpoint (after the file was read) escalates every path, with the
 * real gate, redaction, budget meter and an OpenAI-compatible provider built with the gate's fetch.
 */
async function runEscalating(privacyMode: PrivacyMode, ask?: () => Promise<EgressApproval>) {
  folder = mkdtempSync(path.join(tmpdir(), 'atropos-run-egress-'));
  writeFileSync(path.join(folder, 'notes.txt'), notes);
  cloud = await startAttackerCloud(() => [], model);
  db = openDatabase(':memory:');
  const clock = { now: () => Date.now() };
  const caps = { perTaskUsd: null, dailyUsd: null, monthlyUsd: null };
  new ProfileStore(db).insert({ id: 'p', name: 'P', createdAt: 0, privacyMode, caps });
  new TaskStore(db).insertTask({ id: 't', profileId: 'p', prompt, createdAt: 0 });
  const audit = new EgressAuditStore(db);
  const gate = new EgressGate({ fetch: globalThis.fetch, audit, clock });
  const budget = new BudgetGuard({ db, ledger: new LedgerStore(db), clock, capsOf: () => caps });
  const provider = new OpenAiCompatibleProvider({
    baseUrl: cloud.baseUrl,
    apiKey: 'none',
    model,
    fetch: gate.fetch,
    maxRetries: 0,
  });
  const escalation = createCloudEscalation({
    provider,
    origin: new URL(cloud.baseUrl).origin,
    gate,
    budget,
    pricing: createPricing(),
    profile: { id: 'p', privacyMode },
    taskId: 't',
    redaction: createTaskRedaction(),
    ask,
  });
  const local = localModel();
  const events: TaskEvent[] = [];
  try {
    const outcome = await runTask({
      taskId: 't',
      task: {
        prompt,
        tools: createToolRegistry([...createFolderTools({ roots: [folder] }), calcTool]),
        stepBudget: 4,
      },
      local,
      paths: 2,
      clock,
      concurrency: 2,
      escalation,
      // The work so far migrates (the file's contents with it), so redaction has local tool results to cover.
      handover: 'transcript',
      checkpoint: { at: 1, decide: () => escalateAll },
      onEvent: (event) => events.push(event),
    });
    return { outcome, events, gate, bodies: cloud.bodies, rows: audit.list('p', 100, 0), local, cloudId: provider.id };
  } finally {
    await provider.dispose();
  }
}

/** Every original of the task in a request body, in plain text or JSON-escaped. */
const originalsIn = (body: string): string[] =>
  Object.values(secrets).filter(
    (secret) => body.includes(secret) || body.includes(JSON.stringify(secret).slice(1, -1)),
  );

describe('runTask through the egress gate', () => {
  it('sends nothing for a local-only profile: the paths fall back to the local model', async () => {
    const { outcome, events, gate, bodies, rows, local } = await runEscalating('local-only');
    expect(bodies).toEqual([]);
    expect(gate.requestsSent).toBe(0);
    expect(rows).toEqual([]);
    expect(events.filter((event) => event.type === 'fallback')).toEqual([
      expect.objectContaining({ path: 0, reason: 'policy' }),
      expect.objectContaining({ path: 1, reason: 'policy' }),
    ]);
    // The local model read the file before the checkpoint, and went on after the fallback.
    expect(local.requests.length).toBe(4);
    expect(outcome).toMatchObject({ answer: 'local answer', costUsd: 0 });
    expect(outcome.paths.map((p) => p.providerId)).toEqual(['local:source', 'local:source']);
  });

  it('sends nothing when the person denies in the ask mode', async () => {
    let asked = 0;
    const { outcome, events, gate, bodies, rows } = await runEscalating('ask', () => {
      asked += 1;
      return Promise.resolve('deny');
    });
    expect(asked).toBe(1);
    expect(bodies).toEqual([]);
    expect(gate.requestsSent).toBe(0);
    expect(rows).toEqual([]);
    expect(
      events.filter((event) => event.type === 'fallback').map((event) => event.type === 'fallback' && event.reason),
    ).toEqual(['denied', 'denied']);
    expect(outcome.answer).toBe('local answer');
  });

  it('sends only redacted text for an allowed profile, each request on the audit log', async () => {
    const { outcome, gate, bodies, rows, cloudId } = await runEscalating('auto-redact');
    // Both paths migrated with the prompt and the file's contents: one request each.
    expect(bodies).toHaveLength(2);
    expect(gate.requestsSent).toBe(2);
    for (const body of bodies) {
      expect(originalsIn(body)).toEqual([]);
      expect(body).toMatch(/\[EMAIL_1\]/);
      expect(body).toMatch(/\[PASSWORD_1\]/);
      expect(body).toContain('notes.txt');
      expect(body).toContain('[API_KEY_1]');
    }
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.redactionCount >= 3 && row.allowedBy === 'policy')).toBe(true);
    expect(outcome.paths.map((p) => p.providerId)).toEqual([cloudId, cloudId]);
    expect(outcome.answer).toBe('done');
  });
});
