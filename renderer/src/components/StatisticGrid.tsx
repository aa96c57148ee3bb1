import type { ReactNode } from 'react';

/** One labelled figure. */
export type Statistic = { readonly label: string; readonly value: ReactNode };

/** Props of StatisticGrid. */
export type StatisticGridProps = { readonly statistics: readonly Statistic[]; readonly label: string };

/** A row of labelled figures, as a description list so each value is read with its label. */
export function StatisticGrid({ statistics, label }: StatisticGridProps) {
  return (
    <dl className="statistic-grid" aria-label={label}>
      {statistics.map((statistic) => (
        <div key={statistic.label} className="statistic">
          <dt>{statistic.label}</dt>
          <dd>{statistic.value}</dd>
        </div>
      ))}
    </dl>
  );
}
