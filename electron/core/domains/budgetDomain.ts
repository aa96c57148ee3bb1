import type { BudgetCaps, BudgetSummary } from '#shared/domain.ts';
import type { SpendReport } from '#shared/ipc/SpendReport.ts';
import { SpendQueries } from '#core/db/SpendQueries.ts';
import type { DomainContext } from './EngineContext.ts';
import type { HandlerSlice } from './IpcHandlers.ts';

/** The engine's budget: the profile's caps and what it spent. */
export type BudgetApi = {
  getBudgetSummary(): BudgetSummary;
  setBudgetCaps(caps: BudgetCaps): BudgetCaps;
  /** Spend per UTC day (the last `days`, default 30) and per provider, and what remains under the caps. */
  getSpendReport(days?: number): SpendReport;
};

/** The budget domain: its part of the facade and its IPC handlers. */
export function createBudgetDomain(context: DomainContext) {
  const { ports, ledger, activeRecord } = context;

  const api: BudgetApi = {
    getBudgetSummary() {
      const record = activeRecord();
      const now = new Date(ports.clock.now());
      // The budget month is the person's calendar month, in the machine's time zone.
      const monthStart = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
      const spentThisMonthUsd = ledger.totalSince(record.id, monthStart);
      return {
        caps: record.caps,
        spentThisMonthUsd,
        spentTotalUsd: ledger.totalSince(record.id, 0),
        remainingThisMonthUsd:
          record.caps.monthlyUsd === null ? null : Math.max(0, record.caps.monthlyUsd - spentThisMonthUsd),
        recent: ledger.recent(record.id, 20),
      };
    },
    setBudgetCaps(caps) {
      context.profiles.setCaps(activeRecord().id, caps);
      return caps;
    },
    getSpendReport(days = 30) {
      const record = activeRecord();
      return new SpendQueries(context.db).report({
        profileId: record.id,
        caps: record.caps,
        now: ports.clock.now(),
        days,
      });
    },
  };

  const handlers = {
    'budget:get-summary': () => api.getBudgetSummary(),
    'budget:set-caps': (request) => api.setBudgetCaps(request),
    'budget:get-spend': (request) => api.getSpendReport(request.days),
  } satisfies HandlerSlice;

  return { api, handlers };
}
