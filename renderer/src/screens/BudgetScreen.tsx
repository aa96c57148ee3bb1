import type { CapRemaining } from '#shared/ipc/SpendReport.ts';
import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { StatisticGrid } from '../components/StatisticGrid.tsx';
import { formatDateTime, formatUtcDateTime } from '../format/formatDateTime.ts';
import { formatUsd } from '../format/formatUsd.ts';
import { useInvoke } from '../ipc/useInvoke.ts';
import { BudgetCapsForm } from './budget/BudgetCapsForm.tsx';
import { DailySpendChart } from './budget/DailySpendChart.tsx';
import { LedgerTable } from './budget/LedgerTable.tsx';
import { ProviderSpendChart } from './budget/ProviderSpendChart.tsx';

const reportDays = 30;

function remaining(window: CapRemaining): string {
  return window.remainingUsd === null ? 'No cap' : formatUsd(window.remainingUsd);
}

/** Cloud spending of the active profile: what remains under each cap, the caps, spend per day and provider. */
export function BudgetScreen() {
  const summary = useInvoke('budget:get-summary', {});
  const spend = useInvoke('budget:get-spend', { days: reportDays });
  const reload = () => {
    summary.reload();
    spend.reload();
  };
  return (
    <ScreenFrame
      title="Budget"
      description="Cloud spending of the active profile. Local inference is free and never counts."
      actions={<RefreshButton onRefresh={reload} isLoading={summary.isLoading || spend.isLoading} />}
    >
      <AsyncContent state={spend} label="what remains of the budget">
        {(report) => (
          <StatisticGrid
            label="What remains"
            statistics={[
              { label: 'Left today', value: remaining(report.daily) },
              { label: 'Spent today (with reservations)', value: formatUsd(report.daily.usedUsd) },
              { label: 'Left this month', value: remaining(report.monthly) },
              { label: 'Spent this month (with reservations)', value: formatUsd(report.monthly.usedUsd) },
              { label: 'Daily cap resets', value: formatUtcDateTime(report.daily.resetsAt) },
            ]}
          />
        )}
      </AsyncContent>
      <AsyncContent state={summary} label="the budget">
        {(loaded) => (
          <>
            {/* The caps themselves are the form's fields; a tile repeating one of them read as a second cap. */}
            <StatisticGrid
              label="Spent"
              statistics={[{ label: 'Spent in total', value: formatUsd(loaded.spentTotalUsd) }]}
            />
            <BudgetCapsForm caps={loaded.caps} onSaved={reload} />
          </>
        )}
      </AsyncContent>
      <section className="screen-section" aria-labelledby="spend-title">
        <h2 id="spend-title">Spend in the last {reportDays} days</h2>
        <AsyncContent state={spend} label="the spend per day and provider">
          {(report) =>
            report.providers.length === 0 ? (
              <EmptyState title={`No cloud spend in the last ${reportDays} days.`}>
                <p>Charges appear here when a task escalates to a cloud model.</p>
              </EmptyState>
            ) : (
              <>
                <h3>Per day (UTC)</h3>
                <DailySpendChart days={report.days} dailyCapUsd={report.daily.capUsd} />
                <h3>Per provider</h3>
                <ProviderSpendChart providers={report.providers} days={reportDays} />
              </>
            )
          }
        </AsyncContent>
      </section>
      {/* Its loading and error states are the summary's, shown above. */}
      {summary.data !== undefined && summary.data.recent.length > 0 && (
        <section className="screen-section" aria-labelledby="ledger-title">
          <h2 id="ledger-title">Recent charges</h2>
          <LedgerTable
            entries={summary.data.recent}
            caption="Recent charges"
            first={{ title: 'Time', cell: (entry) => formatDateTime(entry.at), className: 'nowrap' }}
          />
        </section>
      )}
    </ScreenFrame>
  );
}
