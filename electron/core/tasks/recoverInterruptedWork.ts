import type { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import type { Database } from '#core/db/openDatabase.ts';
import type { ProcessOwner, StoredOwner } from '#core/db/ProcessOwner.ts';
import type { TaskStore } from '#core/db/TaskStore.ts';

/** What {@link recoverInterruptedWork} needs. */
export type RecoveryOptions = {
  readonly db: Database;
  readonly tasks: TaskStore;
  readonly budget: BudgetGuard;
  /** This process (its engine's token). */
  readonly owner: ProcessOwner;
  /** Whether a process with this id runs now. */
  readonly isAlive: (pid: number) => boolean;
  readonly now: number;
};

/**
 * What a process that is gone (killed, crashed, out of disk) left behind, put right at start-up in
 * one IMMEDIATE transaction: its tasks recorded as running become `interrupted` (their paths
 * stopped) and its budget reservations are released, so a dead call no longer blocks the caps. Rows
 * of a live process (another app or CLI on the same data folder) are left alone; rows written
 * before owners were recorded belong to no live process.
 */
export function recoverInterruptedWork(options: RecoveryOptions): { tasks: number; reservations: number } {
  const { db, tasks, budget, owner, isAlive, now } = options;
  const isGone = (stored: StoredOwner): boolean => {
    if (stored.pid === null) return true;
    // The same pid with another token is an earlier process that had this pid.
    if (stored.pid === owner.pid) return stored.token !== owner.token;
    return !isAlive(stored.pid);
  };
  return db
    .transaction(() => {
      const seen = new Set<string>();
      let interrupted = 0;
      let released = 0;
      for (const stored of [...tasks.runningOwners(), ...budget.reservationOwners()]) {
        const key = `${stored.pid ?? ''}:${stored.token ?? ''}`;
        if (seen.has(key) || !isGone(stored)) continue;
        seen.add(key);
        interrupted += tasks.interruptRunning(stored, now);
        released += budget.releaseOwnedBy(stored);
      }
      return { tasks: interrupted, reservations: released };
    })
    .immediate();
}
