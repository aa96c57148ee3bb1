import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProviderSpend } from '#shared/ipc/SpendReport.ts';
import { formatCount } from '../../format/formatCount.ts';
import { formatUsd } from '../../format/formatUsd.ts';
import { formatAxisUsd } from './formatAxisUsd.ts';

/** Props of ProviderSpendChart. */
export type ProviderSpendChartProps = { readonly providers: readonly ProviderSpend[]; readonly days: number };

/** Cloud spend per provider over the report's days, most expensive first, as horizontal bars. */
export function ProviderSpendChart({ providers, days }: ProviderSpendChartProps) {
  const data = providers.map((entry) => ({ ...entry }));
  return (
    <figure
      className="bar-chart"
      aria-label={`Cloud spend per provider, last ${days} days`}
      data-testid="provider-spend"
    >
      <ResponsiveContainer width="100%" height={Math.max(80, 36 * data.length + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" tickLine={false} tickFormatter={formatAxisUsd} />
          <YAxis type="category" dataKey="provider" width={300} tickLine={false} />
          <Tooltip
            cursor={false}
            formatter={(value, _name, item) => {
              const entry = item.payload as ProviderSpend;
              return [
                `${formatUsd(Number(value))} · ${formatCount(entry.calls)} calls · ${formatCount(entry.tokensIn)} in / ${formatCount(entry.tokensOut)} out tokens`,
                'Spent',
              ];
            }}
          />
          <Bar dataKey="costUsd" name="Spent" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
