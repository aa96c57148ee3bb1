import type { Database } from './openDatabase.ts';

/**
 * Where a history store (tasks, task details, egress audit, threads) reads and writes: one database,
 * or the active profile's history (`history()`, called at each statement: a protected profile's is
 * its own encrypted file) beside the app database, which keeps the ledger of charges.
 */
export type HistorySource =
  Database | { readonly history: (profileId?: string) => Database; readonly ledger: Database };

/**
 * The database holding the history now. `profileId`: the profile a new row belongs to; a source
 * that follows the active profile refuses it when that is not the profile whose history it holds.
 */
export function historyOf(source: HistorySource, profileId?: string): Database {
  return 'history' in source ? source.history(profileId) : source;
}

/** The database holding the ledger of charges. */
export function ledgerOf(source: HistorySource): Database {
  return 'ledger' in source ? source.ledger : source;
}

/** The charged cost of each task in `taskIds`, read from the ledger (absent: nothing charged). */
export function costsOf(source: HistorySource, taskIds: readonly string[]): Map<string, number> {
  const costs = new Map<string, number>();
  if (taskIds.length === 0) return costs;
  const rows = ledgerOf(source)
    .prepare<string[], { task_id: string; cost: number }>(
      `SELECT task_id, SUM(cost_usd) AS cost FROM cost_ledger
       WHERE task_id IN (SELECT value FROM json_each(?)) GROUP BY task_id`,
    )
    .all(JSON.stringify(taskIds));
  for (const row of rows) costs.set(row.task_id, row.cost);
  return costs;
}
