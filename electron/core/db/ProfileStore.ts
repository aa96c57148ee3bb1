import type { BudgetCaps, PrivacyMode } from '#shared/domain.ts';
import type { Database } from './openDatabase.ts';

/** A profile row as stored; `isActive` is the engine's business, not the table's. */
export type ProfileRecord = {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly privacyMode: PrivacyMode;
  readonly caps: BudgetCaps;
};

type Row = {
  id: string;
  name: string;
  created_at: number;
  privacy_mode: PrivacyMode;
  per_task_cap_usd: number | null;
  daily_cap_usd: number | null;
  monthly_cap_usd: number | null;
};

function toRecord(row: Row): ProfileRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    privacyMode: row.privacy_mode,
    caps: { perTaskUsd: row.per_task_cap_usd, dailyUsd: row.daily_cap_usd, monthlyUsd: row.monthly_cap_usd },
  };
}

/** The profiles table. */
export class ProfileStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  list(): ProfileRecord[] {
    return this.#db.prepare<[], Row>('SELECT * FROM profiles ORDER BY created_at, name').all().map(toRecord);
  }

  get(id: string): ProfileRecord | undefined {
    const row = this.#db.prepare<[string], Row>('SELECT * FROM profiles WHERE id = ?').get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  findByName(name: string): ProfileRecord | undefined {
    const row = this.#db.prepare<[string], Row>('SELECT * FROM profiles WHERE name = ?').get(name);
    return row === undefined ? undefined : toRecord(row);
  }

  insert(profile: ProfileRecord): void {
    this.#db
      .prepare(
        `INSERT INTO profiles (id, name, created_at, privacy_mode, per_task_cap_usd, daily_cap_usd, monthly_cap_usd)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        profile.id,
        profile.name,
        profile.createdAt,
        profile.privacyMode,
        profile.caps.perTaskUsd,
        profile.caps.dailyUsd,
        profile.caps.monthlyUsd,
      );
  }

  setPrivacyMode(id: string, mode: PrivacyMode): void {
    this.#db.prepare('UPDATE profiles SET privacy_mode = ? WHERE id = ?').run(mode, id);
  }

  setCaps(id: string, caps: BudgetCaps): void {
    this.#db
      .prepare('UPDATE profiles SET per_task_cap_usd = ?, daily_cap_usd = ?, monthly_cap_usd = ? WHERE id = ?')
      .run(caps.perTaskUsd, caps.dailyUsd, caps.monthlyUsd, id);
  }
}
