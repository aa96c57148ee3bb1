import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import { createPricing } from '#core/budget/priceTable.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { EngineError } from '#core/errors.ts';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';

const run = promisify(execFile);
const noon = Date.UTC(2026, 10, 15, 12, 0, 0);

function setUp(file: string, caps: { perTaskUsd: number | null; dailyUsd: number | null; monthlyUsd: number | null }) {
  const db: Database = openDatabase(file);
  const profiles = new ProfileStore(db);
  profiles.insert({ id: 'p1', name: 'one', createdAt: 0, privacyMode: 'auto-redact', caps });
  const ledger = new LedgerStore(db);
  let now = noon;
  const guard = new BudgetGuard({
    db,
    ledger,
    clock: { now: () => now },
    capsOf: (id) => profiles.get(id)?.caps ?? { perTaskUsd: 0, dailyUsd: 0, monthlyUsd: 0 },
  });
  return { db, ledger, guard, profiles, setNow: (ms: number) => (now = ms) };
}

describe('BudgetGuard', () => {
  it('50 concurrent escalations in 4 processes against a nearly exhausted cap never pass it', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-budget-')), 'budget.sqlite');
    const { db, ledger, guard } = setUp(file, { perTaskUsd: null, dailyUsd: 1, monthlyUsd: null });
    // 0.80 of the 1.00 daily cap is already spent: room for at most four 0.05 reservations at once.
    ledger.append({
      profileId: 'p1',
      taskId: null,
      provider: 'p',
      model: 'm',
      tokensIn: 1,
      tokensOut: 1,
      costUsd: 0.8,
      at: Date.now(),
    });
    guard.heldUsd('p1');
    db.close();
    const script = path.join(repositoryRoot, 'test', 'fixtures', 'budgetContender.ts');
    const outputs = await Promise.all(
      [13, 13, 12, 12].map((count, index) =>
        run(process.execPath, ['--import', 'tsx', script, file, 'p1', String(count), String(index + 1)], {
          cwd: repositoryRoot,
        }),
      ),
    );
    const results = outputs.map(
      ({ stdout }) => JSON.parse(stdout) as { reserved: number; refused: number; message: string | null },
    );
    expect(results.reduce((sum, result) => sum + result.reserved + result.refused, 0)).toBe(50);
    expect(results.reduce((sum, result) => sum + result.refused, 0)).toBeGreaterThan(0);
    const after = openDatabase(file);
    try {
      const spent = new LedgerStore(after).totalSince('p1', 0);
      const held = (after.prepare('SELECT COUNT(*) AS n FROM budget_reservations').get() as { n: number }).n;
      expect(held).toBe(0);
      expect(spent).toBeLessThanOrEqual(1 + 1e-9);
      expect(spent).toBeGreaterThan(0.8);
    } finally {
      after.close();
    }
    const message = results.find((result) => result.message !== null)?.message ?? '';
    expect(message).toMatch(/daily cap of \$1\.00 would be passed/);
    expect(message).toMatch(/resets at 20\d\d-\d\d-\d\dT00:00:00Z/);
  }, 60_000);

  it('names the cap that was hit and when it resets: per task, daily, monthly', () => {
    const { guard, ledger } = setUp(':memory:', { perTaskUsd: 0.1, dailyUsd: 0.5, monthlyUsd: 2 });
    expect(() => guard.reserve({ profileId: 'p1', taskId: 't1', provider: 'p', model: 'm', amountUsd: 0.2 })).toThrow(
      /per-task cap of \$0\.1000.*applies to this task only/,
    );
    ledger.append({
      profileId: 'p1',
      taskId: null,
      provider: 'p',
      model: 'm',
      tokensIn: 1,
      tokensOut: 1,
      costUsd: 0.45,
      at: noon,
    });
    expect(() => guard.reserve({ profileId: 'p1', taskId: 't2', provider: 'p', model: 'm', amountUsd: 0.09 })).toThrow(
      /daily cap of \$0\.5000.*resets at 2026-11-16T00:00:00Z/,
    );
    ledger.append({
      profileId: 'p1',
      taskId: null,
      provider: 'p',
      model: 'm',
      tokensIn: 1,
      tokensOut: 1,
      costUsd: 1.54,
      at: noon - 86_400_000,
    });
    try {
      guard.reserve({ profileId: 'p1', taskId: null, provider: 'p', model: 'm', amountUsd: 0.04 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('budget-exceeded');
      expect((error as EngineError).message).toMatch(/monthly cap of \$2\.00.*resets at 2026-12-01T00:00:00Z/);
    }
  });

  it('counts open reservations, settles at the real cost against the billed model, and releases on failure', () => {
    const { guard, ledger } = setUp(':memory:', { perTaskUsd: null, dailyUsd: 1, monthlyUsd: null });
    const first = guard.reserve({ profileId: 'p1', taskId: null, provider: 'p', model: 'm', amountUsd: 0.6 });
    expect(guard.remainingUsd('p1', null)).toBeCloseTo(0.4, 12);
    expect(() => guard.reserve({ profileId: 'p1', taskId: null, provider: 'p', model: 'm', amountUsd: 0.6 })).toThrow(
      /daily cap/,
    );
    guard.settle(first, { provider: 'p', model: 'billed-model', tokensIn: 5, tokensOut: 5, costUsd: 0.1 });
    expect(ledger.recent('p1', 5)[0]).toMatchObject({ model: 'billed-model', costUsd: 0.1 });
    const second = guard.reserve({ profileId: 'p1', taskId: null, provider: 'p', model: 'm', amountUsd: 0.6 });
    guard.release(second);
    expect(guard.heldUsd('p1')).toBe(0);
    expect(guard.remainingUsd('p1', null)).toBeCloseTo(0.9, 12);
  });

  it('refuses absurd amounts and prices with a clear error', () => {
    const { guard } = setUp(':memory:', { perTaskUsd: null, dailyUsd: null, monthlyUsd: null });
    expect(() =>
      guard.reserve({ profileId: 'p1', taskId: null, provider: 'p', model: 'm', amountUsd: Number.NaN }),
    ).toThrow(/finite amount/);
    expect(() => createPricing({ table: { x: { inputPerMillion: -1, outputPerMillion: 1 } } })).toThrow(/price of x/);
    expect(() => createPricing().cost('unknown-model', 'cloud', 1, 1)).toThrow(/No price is set for the cloud model/);
    expect(createPricing().cost('anything.gguf', 'local', 1000, 1000)).toBe(0);
    expect(guard.remainingUsd('p1', null)).toBeNull();
  });
});
