import type { LedgerEntry } from '#shared/domain.ts';
import type { Database } from './openDatabase.ts';

/** A charge about to be recorded. */
export type NewLedgerEntry = Omit<LedgerEntry, 'id'> & { readonly profileId: string; readonly pathIndex?: number };

type Row = {
  id: number;
  task_id: string | null;
  provider: string;
  model: string;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  at: number;
};

/** The cost ledger: one row per paid model call. */
export class LedgerStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  append(entry: NewLedgerEntry): number {
    const info = this.#db
      .prepare(
        `INSERT INTO cost_ledger (profile_id, task_id, provider, model, tokens_in, tokens_out, cost_usd, at, path_index)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.profileId,
        entry.taskId,
        entry.provider,
        entry.model,
        entry.tokensIn,
        entry.tokensOut,
        entry.costUsd,
        entry.at,
        entry.pathIndex ?? null,
      );
    return Number(info.lastInsertRowid);
  }

  /** Total spent by a profile at or after `since` (ms since the epoch). */
  totalSince(profileId: string, since: number): number {
    const row = this.#db
      .prepare<[string, number], { total: number }>(
        'SELECT COALESCE(SUM(cost_usd), 0) AS total FROM cost_ledger WHERE profile_id = ? AND at >= ?',
      )
      .get(profileId, since);
    return row?.total ?? 0;
  }

  recent(profileId: string, limit: number): LedgerEntry[] {
    return this.#db
      .prepare<[string, number], Row>(
        'SELECT * FROM cost_ledger WHERE profile_id = ? ORDER BY at DESC, id DESC LIMIT ?',
      )
      .all(profileId, limit)
      .map((row) => ({
        id: row.id,
        taskId: row.task_id,
        provider: row.provider,
        model: row.model,
        tokensIn: row.tokens_in,
        tokensOut: row.tokens_out,
        costUsd: row.cost_usd,
        at: row.at,
      }));
  }
}
