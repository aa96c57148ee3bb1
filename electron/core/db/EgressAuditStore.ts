import type { EgressRecord } from '#shared/domain.ts';
import { historyOf, type HistorySource } from './HistorySource.ts';
import type { Database } from './openDatabase.ts';

/** A request about to leave the machine, recorded before it is sent. */
export type NewEgressRecord = Omit<EgressRecord, 'id' | 'tokensIn' | 'tokensOut' | 'costUsd'> & {
  readonly requestSha256: string;
  /** The task's path the request continued, or null (a connection test, a download). */
  readonly pathIndex?: number | null;
};

/** SQL: whether a request of task `taskSql` (and path `pathSql`, when given) actually left the machine. */
export function requestLeftSql(taskSql: string, pathSql?: string): string {
  return `EXISTS (SELECT 1 FROM egress_audit e WHERE e.task_id = ${taskSql} AND e.is_unsent = 0${
    pathSql === undefined ? '' : ` AND e.path_index = ${pathSql}`
  })`;
}

type Row = {
  id: number;
  at: number;
  profile_id: string;
  task_id: string | null;
  provider: string;
  endpoint: string;
  bytes_sent: number;
  redaction_count: number;
  allowed_by: 'policy' | 'user';
  model: string | null;
  redactions_json: string;
  tokens_in: number | null;
  tokens_out: number | null;
  cost_usd: number | null;
};

/** The egress audit log: every request that left the machine. Append-only. */
export class EgressAuditStore {
  readonly #source: HistorySource;

  /** The history this store reads and writes now (the active profile's, for the engine's stores). */
  get #db(): Database {
    return historyOf(this.#source);
  }

  constructor(source: HistorySource) {
    this.#source = source;
  }

  append(record: NewEgressRecord): number {
    const info = historyOf(this.#source, record.profileId)
      .prepare(
        `INSERT INTO egress_audit (profile_id, task_id, provider, endpoint, bytes_sent, redaction_count, allowed_by,
           request_sha256, at, model, redactions_json, path_index)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.profileId,
        record.taskId,
        record.provider,
        record.endpoint,
        record.bytesSent,
        record.redactionCount,
        record.allowedBy,
        record.requestSha256,
        record.at,
        record.model,
        JSON.stringify(record.redactions),
        record.pathIndex ?? null,
      );
    return Number(info.lastInsertRowid);
  }

  /** Marks a recorded request as never sent: the connection could not be made. */
  markUnsent(id: number | null): void {
    if (id !== null) this.#db.prepare('UPDATE egress_audit SET is_unsent = 1 WHERE id = ?').run(id);
  }

  /** Adds a cloud call's usage to the last request it sent. */
  setUsage(id: number, usage: { tokensIn: number; tokensOut: number; costUsd: number }): void {
    this.#db
      .prepare('UPDATE egress_audit SET tokens_in = ?, tokens_out = ?, cost_usd = ? WHERE id = ?')
      .run(usage.tokensIn, usage.tokensOut, usage.costUsd, id);
  }

  count(profileId: string): number {
    const row = this.#db
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM egress_audit WHERE profile_id = ?')
      .get(profileId);
    return row?.n ?? 0;
  }

  list(profileId: string, limit: number, offset: number): EgressRecord[] {
    return this.#db
      .prepare<[string, number, number], Row>(
        'SELECT * FROM egress_audit WHERE profile_id = ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?',
      )
      .all(profileId, limit, offset)
      .map((row) => ({
        id: row.id,
        at: row.at,
        profileId: row.profile_id,
        taskId: row.task_id,
        provider: row.provider,
        endpoint: row.endpoint,
        bytesSent: row.bytes_sent,
        redactionCount: row.redaction_count,
        allowedBy: row.allowed_by,
        model: row.model,
        redactions: JSON.parse(row.redactions_json) as Record<string, number>,
        tokensIn: row.tokens_in,
        tokensOut: row.tokens_out,
        costUsd: row.cost_usd,
      }));
  }
}
