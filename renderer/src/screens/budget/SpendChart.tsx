import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LedgerEntry } from '#shared/domain.ts';
import { formatDateTime } from '../../format/formatDateTime.ts';
import { formatUsd } from '../../format/formatUsd.ts';

/** Props of SpendChart. */
export type SpendChartProps = { readonly entries: readonly LedgerEntry[] };

const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/**
 * The cost of each recent charge, oldest on the left. Colours come from the stylesheet (see
 * .bar-chart in styles/figures.css): SVG presentation attributes cannot read CSS variables.
 */
export function SpendChart({ entries }: SpendChartProps) {
  const data = [...entries]
    .sort((first, second) => first.at - second.at)
    .map((entry) => ({
      id: entry.id,
      day: shortDate.format(entry.at),
      at: entry.at,
      costUsd: entry.costUsd,
      model: entry.model,
    }));
  return (
    <figure className="bar-chart" aria-label="Cost of recent charges">
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="day" tickLine={false} />
          <YAxis width={64} tickLine={false} tickFormatter={(value: number) => formatUsd(value)} />
          <Tooltip
            cursor={false}
            formatter={(value) => [formatUsd(Number(value)), 'Cost']}
            labelFormatter={(_label, payload) => {
              const first = payload[0]?.payload as { at: number; model: string } | undefined;
              return first === undefined ? '' : `${formatDateTime(first.at)} · ${first.model}`;
            }}
          />
          <Bar dataKey="costUsd" name="Cost" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
