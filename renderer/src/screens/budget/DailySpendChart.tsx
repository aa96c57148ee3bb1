import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailySpend } from '#shared/ipc/SpendReport.ts';
import { formatUsd } from '../../format/formatUsd.ts';
import { formatAxisUsd } from './formatAxisUsd.ts';

/** Props of DailySpendChart. */
export type DailySpendChartProps = {
  readonly days: readonly DailySpend[];
  /** Drawn as a line when set. */
  readonly dailyCapUsd: number | null;
};

const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * Cloud spend per UTC day, oldest on the left, with the daily cap as a line. Colours come from the
 * stylesheet (see .bar-chart in styles/figures.css): SVG attributes cannot read CSS variables.
 */
export function DailySpendChart({ days, dailyCapUsd }: DailySpendChartProps) {
  const data = days.map((entry) => ({
    label: shortDate.format(new Date(`${entry.day}T00:00:00Z`)),
    costUsd: entry.costUsd,
    calls: entry.calls,
  }));
  return (
    <figure
      className="bar-chart"
      aria-label={`Cloud spend per day, last ${days.length} days`}
      data-testid="daily-spend"
    >
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="label" tickLine={false} interval="preserveStartEnd" minTickGap={16} />
          <YAxis width={72} tickLine={false} tickFormatter={formatAxisUsd} />
          <Tooltip
            cursor={false}
            formatter={(value, _name, item) => {
              const calls = (item.payload as { calls: number }).calls;
              return [`${formatUsd(Number(value))} (${calls === 1 ? '1 call' : `${calls} calls`})`, 'Spent'];
            }}
          />
          {dailyCapUsd !== null && (
            <ReferenceLine
              y={dailyCapUsd}
              className="cap-line"
              label={{ value: 'Daily cap', position: 'insideTopRight' }}
            />
          )}
          <Bar dataKey="costUsd" name="Spent" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
