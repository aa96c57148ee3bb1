// The two overspend scenarios of issue 14, end to end through the real parts: the egress gate, the
// budget guard on SQLite, the request meter, the official OpenAI client and a scripted OpenAI server
// on 127.0.0.1, with the folder tools reading a real 16 KB file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetCaps } from '#shared/domain.ts';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import { createPricing } from '#core/budget/priceTable.ts';
import { EgressAuditStore } from '#core/db/EgressAuditStore.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { openDatabase } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createCloudEscalation } from '#core/egress/createCloudEscalation.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import { EgressGate } from '#core/egress/EgressGate.ts';
import { EngineError } from '#core/errors.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { OpenAiCompatibleProvider } from '#core/llm/providers/OpenAiCompatibleProvider.ts';
import { startScriptedCloud, type ScriptedCloud, type ScriptedRequest } from '../../helpers/startScriptedCloud.ts';

const clouds: ScriptedCloud[] = [];
afterEach(async () => {
  await Promise.all(clouds.splice(0).map((cloud) => cloud.close()));
});

/** A cloud that asks to read big.txt until the request carries `reads` tool results, then answers. */
function readsFile(
  reads: number,
): (
  request: ScriptedRequest,
) => { kind: 'tool'; name: string; arguments: Record<string, unknown> } | { kind: 'answer'; text: string } {
  return (request) => {
    const results = (request.body.messages ?? []).filter((message) => message.role === 'tool').length;
    return results < reads
      ? { kind: 'tool', name: 'read_file', arguments: { path: 'big.txt' } }
      : { kind: 'answer', text: 'The file repeats one sentence.' };
  };
}

async function setUp(options: {
  caps: BudgetCaps;
  billedModel?: string;
  reads: number;
  prices?: Record<string, { inputPerMillion: number; outputPerMillion: number }>;
}) {
  const db = openDatabase(':memory:');
  new ProfileStore(db).insert({ id: 'p1', name: 'one', createdAt: 0, privacyMode: 'auto-redact', caps: options.caps });
  new TaskStore(db).insertTask({ id: 't1', profileId: 'p1', prompt: 'Summarise big.txt', createdAt: 0 });
  const ledger = new LedgerStore(db);
  const clock = { now: () => Date.UTC(2026, 10, 15, 12) };
  const budget = new BudgetGuard({ db, ledger, clock, capsOf: () => options.caps });
  const gate = new EgressGate({ fetch: globalThis.fetch, audit: new EgressAuditStore(db), clock });
  const cloud = await startScriptedCloud({ turn: readsFile(options.reads), billedModel: options.billedModel });
  clouds.push(cloud);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-overspend-'));
  writeFileSync(
    path.join(folder, 'big.txt'),
    'The quick brown fox jumps over the lazy dog. '.repeat(365).slice(0, 16_384),
  );
  const provider = new OpenAiCompatibleProvider({
    baseUrl: cloud.baseUrl,
    apiKey: 'test-key',
    model: 'atropos-world-target',
    fetch: gate.fetch,
  });
  const escalation = createCloudEscalation({
    provider,
    origin: cloud.origin,
    gate,
    budget,
    pricing: createPricing({ table: options.prices ?? {} }),
    profile: { id: 'p1', privacyMode: 'auto-redact' },
    taskId: 't1',
    redaction: createTaskRedaction(),
  });
  const transcript: Transcript = {
    tools: [],
    messages: [
      { role: 'system', text: 'Use the tools, then answer.' },
      { role: 'user', text: 'Read big.txt nine times and summarise it.' },
    ],
  };
  const run = () =>
    escalation.continueTranscript(transcript, {
      tools: createToolRegistry(createFolderTools({ roots: [folder] })),
      stepBudget: 20,
      seed: 1,
      maxTokens: 256,
      path: 0,
    });
  const settled = (): number =>
    db
      .prepare<[], { total: number }>(
        "SELECT COALESCE(SUM(cost_usd), 0) AS total FROM cost_ledger WHERE task_id = 't1'",
      )
      .get()?.total ?? 0;
  const held = (): number => budget.heldUsd('p1');
  return { cloud, run, settled, held, db };
}

describe('cloud spending never passes a cap', () => {
  it('a tool loop reading a 16 KB file 9 times under a $0.02 per-task cap is refused before the request that could pass it', async () => {
    const caps = { perTaskUsd: 0.02, dailyUsd: 0.05, monthlyUsd: 1 };
    const { cloud, run, settled, held } = await setUp({ caps, reads: 9 });
    const error = await run().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('budget-exceeded');
    expect((error as EngineError).message).toMatch(/per-task cap of \$0\.0200 would be passed/);
    process.stdout.write(
      `overspend (a) tool loop: settled $${settled().toFixed(4)} vs per-task cap $${caps.perTaskUsd} ` +
        `(${cloud.requests.length} requests sent, ${cloud.requests.length - 1} file reads sent back)\n`,
    );
    expect(settled()).toBeGreaterThan(0);
    expect(settled()).toBeLessThanOrEqual(caps.perTaskUsd);
    expect(cloud.requests.length).toBeLessThan(10);
    expect(held()).toBe(0);
    // Every request carried max_tokens, and no more than the continuation had left.
    for (const request of cloud.requests) expect(request.body.max_tokens).toBeGreaterThan(0);
  });

  it('the same loop under a roomy cap settles what the server reported, request by request', async () => {
    const caps = { perTaskUsd: 1, dailyUsd: null, monthlyUsd: null };
    const { cloud, run, settled, held, db } = await setUp({ caps, reads: 9 });
    const result = await run();
    expect(result.answer).toBe('The file repeats one sentence.');
    expect(cloud.requests).toHaveLength(10);
    // The server reports bytes/4 prompt tokens and 20 completion tokens, at $1 / $4 per million.
    const expected = cloud.requests.reduce(
      (sum, request) => sum + (Math.ceil(request.bodyBytes / 4) * 1 + 20 * 4) / 1e6,
      0,
    );
    expect(settled()).toBeCloseTo(expected, 8);
    expect(result.costUsd).toBeCloseTo(expected, 8);
    expect(held()).toBe(0);
    // Each request's audit row carries that request's own charge.
    const audit = db.prepare<[], { cost_usd: number | null }>('SELECT cost_usd FROM egress_audit ORDER BY id').all();
    expect(audit).toHaveLength(10);
    expect(audit.every((row) => row.cost_usd !== null && row.cost_usd > 0)).toBe(true);
    expect(audit.reduce((sum, row) => sum + (row.cost_usd ?? 0), 0)).toBeCloseTo(expected, 8);
  });

  it('a response naming a dearer model is charged at the worst known price and ends the loop, under the cap', async () => {
    const caps = { perTaskUsd: 0.02, dailyUsd: 0.05, monthlyUsd: 1 };
    const { cloud, run, settled, held } = await setUp({ caps, reads: 9, billedModel: 'gpt-4-0613' });
    const result = await run();
    process.stdout.write(
      `overspend (b) dearer billed model: settled $${settled().toFixed(4)} vs per-task cap $${caps.perTaskUsd} ` +
        `(${cloud.requests.length} request sent)\n`,
    );
    expect(cloud.requests).toHaveLength(1);
    expect(result.status).toBe('exhausted');
    expect(result.billedModel).toBe('gpt-4-0613');
    const worst = createPricing().worstCloudPrice();
    const request = cloud.requests[0]!;
    expect(settled()).toBeCloseTo(
      (Math.ceil(request.bodyBytes / 4) * worst.inputPerMillion + 20 * worst.outputPerMillion) / 1e6,
      8,
    );
    expect(settled()).toBeLessThanOrEqual(caps.perTaskUsd);
    expect(held()).toBe(0);
  });

  it('a response naming a model without a known price ends the loop too', async () => {
    const caps = { perTaskUsd: 0.02, dailyUsd: null, monthlyUsd: null };
    const { cloud, run, settled } = await setUp({ caps, reads: 9, billedModel: 'mystery-model-x' });
    const result = await run();
    expect(cloud.requests).toHaveLength(1);
    expect(result.status).toBe('exhausted');
    expect(settled()).toBeLessThanOrEqual(caps.perTaskUsd);
  });

  it('a free endpoint (priced at nothing) whose responses name another model bills nothing and goes on', async () => {
    const caps = { perTaskUsd: 0.02, dailyUsd: null, monthlyUsd: null };
    const { cloud, run, settled } = await setUp({
      caps,
      reads: 2,
      billedModel: 'models/target.gguf',
      prices: { 'atropos-world-target': { inputPerMillion: 0, outputPerMillion: 0 } },
    });
    const result = await run();
    expect(cloud.requests).toHaveLength(3);
    expect(result.status).toBe('answered');
    expect(settled()).toBe(0);
  });

  it('a dated snapshot of the requested model is billed at the requested price and the loop goes on', async () => {
    const caps = { perTaskUsd: 1, dailyUsd: null, monthlyUsd: null };
    const { cloud, run } = await setUp({ caps, reads: 2, billedModel: 'atropos-world-target-2026-11-15' });
    const result = await run();
    expect(cloud.requests).toHaveLength(3);
    expect(result.status).toBe('answered');
  });
});
