import type { BudgetCaps } from '#shared/domain.ts';
import type { LedgerStore, NewLedgerEntry } from '#core/db/LedgerStore.ts';
import type { Database } from '#core/db/openDatabase.ts';
import type { ProcessOwner, StoredOwner } from '#core/db/ProcessOwner.ts';
import { EngineError, InvalidRequestError } from '#core/errors.ts';
import type { Clock } from '#core/ports.ts';

/** A held amount, to settle with the real cost or release. */
export type Reservation = {
  readonly id: number;
  readonly profileId: string;
  readonly taskId: string | null;
  readonly provider: string;
  readonly model: string;
  readonly amountUsd: number;
};

/** What a call is about to spend. */
export type ReservationRequest = {
  readonly profileId: string;
  readonly taskId: string | null;
  readonly provider: string;
  readonly model: string;
  /** The call's estimated cost; the most it may cost (max tokens at list price) keeps caps exact. */
  readonly amountUsd: number;
};

/** The real usage of a settled call. */
export type Settlement = {
  /** The model that actually billed (a provider may route to another). */
  readonly provider: string;
  readonly model: string;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly pathIndex?: number;
};

type Window = {
  readonly name: 'per-task' | 'daily' | 'monthly';
  readonly cap: number;
  readonly resetsAt: number | null;
};

/**
 * Spending caps that hold under concurrency: before a cloud call the estimate is reserved in one
 * IMMEDIATE SQLite transaction that sums the ledger and the open reservations of the task, the day
 * and the month, and refuses when any cap would be passed; after the call the reservation is
 * replaced by the real charge in one transaction, or released on failure. Local inference never
 * reserves, so a reached cap never blocks it. Days and months are UTC. The guard is the ledger's
 * one writer: cloud charges arrive through `settle`, local ones (priced by the local rate) through
 * `recordLocal`.
 */
export class BudgetGuard {
  readonly #db: Database;
  readonly #ledger: LedgerStore;
  readonly #clock: Clock;
  readonly #capsOf: (profileId: string) => BudgetCaps;
  readonly #owner: ProcessOwner | null;

  /**
   * `owner`: the process whose reservations these are, so that what a crashed process held can be
   * released at the next start-up and nothing a live one holds. Without it, reservations have none.
   */
  constructor(options: {
    db: Database;
    ledger: LedgerStore;
    clock: Clock;
    capsOf: (profileId: string) => BudgetCaps;
    owner?: ProcessOwner;
  }) {
    this.#db = options.db;
    this.#ledger = options.ledger;
    this.#clock = options.clock;
    this.#capsOf = options.capsOf;
    this.#owner = options.owner ?? null;
  }

  /** Holds `amountUsd`, or throws `budget-exceeded` naming the cap and when it resets. */
  reserve(request: ReservationRequest): Reservation {
    if (!Number.isFinite(request.amountUsd) || request.amountUsd < 0)
      throw new InvalidRequestError(`A cost estimate must be a finite amount of at least 0, not ${request.amountUsd}.`);
    const reserve = this.#db.transaction((): Reservation => {
      const now = this.#clock.now();
      for (const window of this.#windows(request.profileId, request.taskId, now)) {
        const used = this.#usedIn(window, request, now);
        if (used + request.amountUsd > window.cap + 1e-12) throw exceeded(window, used, request.amountUsd);
      }
      const info = this.#db
        .prepare(
          `INSERT INTO budget_reservations (profile_id, task_id, provider, model, amount_usd, created_at, owner_pid, owner_token)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          request.profileId,
          request.taskId,
          request.provider,
          request.model,
          request.amountUsd,
          now,
          this.#owner?.pid ?? null,
          this.#owner?.token ?? null,
        );
      return { ...request, id: Number(info.lastInsertRowid) };
    });
    return reserve.immediate();
  }

  /** Replaces the reservation with the real charge. */
  settle(reservation: Reservation, settlement: Settlement): void {
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM budget_reservations WHERE id = ?').run(reservation.id);
      this.#ledger.append({
        profileId: reservation.profileId,
        taskId: reservation.taskId,
        provider: settlement.provider,
        model: settlement.model,
        tokensIn: settlement.tokensIn,
        tokensOut: settlement.tokensOut,
        costUsd: settlement.costUsd,
        at: this.#clock.now(),
        pathIndex: settlement.pathIndex,
      });
    })();
  }

  /** Records a local model's charge (never reserved: local inference is not capped). */
  recordLocal(entry: NewLedgerEntry): void {
    this.#ledger.append(entry);
  }

  /** Gives the held amount back (the call failed before it cost anything). */
  release(reservation: Reservation): void {
    this.#db.prepare('DELETE FROM budget_reservations WHERE id = ?').run(reservation.id);
  }

  /** The owners of the open reservations. */
  reservationOwners(): StoredOwner[] {
    return this.#db
      .prepare<[], StoredOwner>('SELECT DISTINCT owner_pid AS pid, owner_token AS token FROM budget_reservations')
      .all();
  }

  /** Releases every reservation of `owner` (a process that is gone); returns how many. */
  releaseOwnedBy(owner: StoredOwner): number {
    return this.#db
      .prepare('DELETE FROM budget_reservations WHERE owner_pid IS ? AND owner_token IS ?')
      .run(owner.pid, owner.token).changes;
  }

  /** What the tightest cap leaves for a call of this task now; null when no cap applies. */
  remainingUsd(profileId: string, taskId: string | null): number | null {
    const now = this.#clock.now();
    const request = { profileId, taskId, provider: '', model: '', amountUsd: 0 };
    const left = this.#windows(profileId, taskId, now).map((window) => window.cap - this.#usedIn(window, request, now));
    return left.length === 0 ? null : Math.max(0, Math.min(...left));
  }

  /** The amount reservations hold for a profile now. */
  heldUsd(profileId: string): number {
    return (
      this.#db
        .prepare<[string], { total: number }>(
          'SELECT COALESCE(SUM(amount_usd), 0) AS total FROM budget_reservations WHERE profile_id = ?',
        )
        .get(profileId)?.total ?? 0
    );
  }

  #windows(profileId: string, taskId: string | null, now: number): Window[] {
    const caps = this.#capsOf(profileId);
    const date = new Date(now);
    const nextDay = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
    const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    const windows: Window[] = [];
    if (caps.perTaskUsd !== null && taskId !== null)
      windows.push({ name: 'per-task', cap: caps.perTaskUsd, resetsAt: null });
    if (caps.dailyUsd !== null) windows.push({ name: 'daily', cap: caps.dailyUsd, resetsAt: nextDay });
    if (caps.monthlyUsd !== null) windows.push({ name: 'monthly', cap: caps.monthlyUsd, resetsAt: nextMonth });
    return windows;
  }

  #usedIn(window: Window, request: ReservationRequest, now: number): number {
    const date = new Date(now);
    if (window.name === 'per-task') {
      const row = this.#db
        .prepare<[string, string], { total: number }>(
          `SELECT (SELECT COALESCE(SUM(cost_usd), 0) FROM cost_ledger WHERE task_id = ?)
                + (SELECT COALESCE(SUM(amount_usd), 0) FROM budget_reservations WHERE task_id = ?) AS total`,
        )
        .get(request.taskId ?? '', request.taskId ?? '');
      return row?.total ?? 0;
    }
    const since =
      window.name === 'daily'
        ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
        : Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    const held =
      this.#db
        .prepare<[string, number], { total: number }>(
          'SELECT COALESCE(SUM(amount_usd), 0) AS total FROM budget_reservations WHERE profile_id = ? AND created_at >= ?',
        )
        .get(request.profileId, since)?.total ?? 0;
    return this.#ledger.totalSince(request.profileId, since) + held;
  }
}

function exceeded(window: Window, used: number, amount: number): EngineError {
  const usd = (value: number): string => `$${value.toFixed(value < 1 ? 4 : 2)}`;
  const label = { 'per-task': 'per-task', daily: 'daily', monthly: 'monthly' }[window.name];
  const reset =
    window.resetsAt === null
      ? 'It applies to this task only.'
      : `It resets at ${new Date(window.resetsAt).toISOString().replace('.000Z', 'Z')}.`;
  return new EngineError(
    'budget-exceeded',
    `The ${label} cap of ${usd(window.cap)} would be passed: ${usd(used)} is spent or reserved and this call may cost ` +
      `${usd(amount)}. ${reset} Raise the cap in Budget, or let the task finish locally.`,
  );
}
