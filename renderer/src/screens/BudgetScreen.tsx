import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { StatisticGrid } from '../components/StatisticGrid.tsx';
import { formatUsd } from '../format/formatUsd.ts';
import { useInvoke } from '../ipc/useInvoke.ts';
import { BudgetCapsForm } from './budget/BudgetCapsForm.tsx';
import { LedgerTable } from './budget/LedgerTable.tsx';
import { SpendChart } from './budget/SpendChart.tsx';

/** Cloud spending of the active profile: caps, totals and recent charges. */
export function BudgetScreen() {
  const summary = useInvoke('budget:get-summary', {});
  return (
    <ScreenFrame
      title="Budget"
      description="Cloud spending of the active profile. Local inference is free and never counts."
      actions={<RefreshButton onRefresh={summary.reload} isLoading={summary.isLoading} />}
    >
      <AsyncContent state={summary} label="the budget">
        {(loaded) => (
          <>
            <StatisticGrid
              label="Budget summary"
              statistics={[
                { label: 'Per-task cap', value: formatUsd(loaded.caps.perTaskUsd) },
                { label: 'Daily cap', value: formatUsd(loaded.caps.dailyUsd) },
                { label: 'Monthly cap', value: formatUsd(loaded.caps.monthlyUsd) },
                { label: 'Spent this month', value: formatUsd(loaded.spentThisMonthUsd) },
                {
                  label: 'Remaining this month',
                  value: loaded.remainingThisMonthUsd === null ? 'No cap' : formatUsd(loaded.remainingThisMonthUsd),
                },
                { label: 'Spent in total', value: formatUsd(loaded.spentTotalUsd) },
              ]}
            />
            <BudgetCapsForm caps={loaded.caps} onSaved={summary.reload} />
            <section className="screen-section" aria-labelledby="ledger-title">
              <h2 id="ledger-title">Recent charges</h2>
              {loaded.recent.length === 0 ? (
                <EmptyState title="No cloud charges yet.">
                  <p>Charges appear here when a task escalates to a cloud model.</p>
                </EmptyState>
              ) : (
                <>
                  <SpendChart entries={loaded.recent} />
                  <LedgerTable entries={loaded.recent} />
                </>
              )}
            </section>
          </>
        )}
      </AsyncContent>
    </ScreenFrame>
  );
}
