import type { BudgetCaps } from '#shared/domain.ts';
import type { CapRemaining, DailySpend, ProviderSpend, SpendReport } from '#shared/ipc/SpendReport.ts';
import type { Database } from './openDatabase.ts';

/** Options of {@link SpendQueries.report}. */
export type SpendReportOptions = {
  readonly profileId: string;
  readonly caps: BudgetCaps;
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** Days in the charts, today included. Defaults to 30. */
  readonly days?: number;
};

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Read-only spend queries over the paid rows of the cost ledger (free local calls are left out) (and held reservations, for what remains) for the
 * Budget screen. Days are UTC days, the same windows BudgetGuard enforces.
 */
export class SpendQueries {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Spend per day and per provider over the last `days` days, and what remains under the caps. */
  report({ profileId, caps, now, days = 30 }: SpendReportOptions): SpendReport {
    const date = new Date(now);
    const today = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    const since = today - (days - 1) * dayMs;
    return {
      days: this.#perDay(profileId, since, days),
      providers: this.#perProvider(profileId, since),
      daily: this.#remaining(profileId, caps.dailyUsd, today, today + dayMs),
      monthly: this.#remaining(
        profileId,
        caps.monthlyUsd,
        monthStart,
        Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1),
      ),
    };
  }

  #perDay(profileId: string, since: number, days: number): DailySpend[] {
    const rows = this.#db
      .prepare<[number, string, number], { bucket: number; cost: number; calls: number }>(
        `SELECT CAST((at - ?) / 86400000 AS INTEGER) AS bucket, SUM(cost_usd) AS cost, COUNT(*) AS calls
         FROM cost_ledger WHERE profile_id = ? AND at >= ? AND cost_usd > 0 GROUP BY bucket`,
      )
      .all(since, profileId, since);
    const byBucket = new Map(rows.map((row) => [row.bucket, row]));
    return Array.from({ length: days }, (_, bucket) => ({
      day: new Date(since + bucket * dayMs).toISOString().slice(0, 10),
      costUsd: byBucket.get(bucket)?.cost ?? 0,
      calls: byBucket.get(bucket)?.calls ?? 0,
    }));
  }

  #perProvider(profileId: string, since: number): ProviderSpend[] {
    return this.#db
      .prepare<
        [string, number],
        { provider: string; cost: number; calls: number; tokens_in: number; tokens_out: number }
      >(
        `SELECT provider, SUM(cost_usd) AS cost, COUNT(*) AS calls, SUM(tokens_in) AS tokens_in,
                SUM(tokens_out) AS tokens_out
         FROM cost_ledger WHERE profile_id = ? AND at >= ? AND cost_usd > 0
         GROUP BY provider ORDER BY cost DESC, provider`,
      )
      .all(profileId, since)
      .map((row) => ({
        provider: row.provider,
        costUsd: row.cost,
        calls: row.calls,
        tokensIn: row.tokens_in,
        tokensOut: row.tokens_out,
      }));
  }

  #remaining(profileId: string, capUsd: number | null, from: number, until: number): CapRemaining {
    const row = this.#db
      .prepare<[string, number, string, number], { used: number }>(
        `SELECT (SELECT COALESCE(SUM(cost_usd), 0) FROM cost_ledger WHERE profile_id = ? AND at >= ?)
              + (SELECT COALESCE(SUM(amount_usd), 0) FROM budget_reservations WHERE profile_id = ? AND created_at >= ?)
              AS used`,
      )
      .get(profileId, from, profileId, from);
    const usedUsd = row?.used ?? 0;
    return {
      capUsd,
      usedUsd,
      remainingUsd: capUsd === null ? null : Math.max(0, capUsd - usedUsd),
      resetsAt: new Date(until).toISOString(),
    };
  }
}
