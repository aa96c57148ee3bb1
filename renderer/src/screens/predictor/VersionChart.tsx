import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PredictorVersion } from '#shared/domain.ts';

/** Props of VersionChart. */
export type VersionChartProps = { readonly versions: readonly PredictorVersion[] };

/**
 * Each retrained version's held-out ROC-AUC beside the score of the model it was compared with on
 * the same tasks: the comparison that decided whether it became active.
 */
export function VersionChart({ versions }: VersionChartProps) {
  const data = [...versions]
    .sort((first, second) => first.version - second.version)
    .map((version) => ({
      name: `v${version.version}`,
      candidate: version.rocAuc,
      previous: version.previousRocAuc ?? undefined,
    }));
  return (
    <figure className="bar-chart" aria-label="Held-out ROC-AUC of each retrained version">
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="name" tickLine={false} />
          <YAxis width={48} domain={[0, 1]} tickLine={false} />
          <Tooltip cursor={false} formatter={(value) => Number(value).toFixed(3)} />
          <Legend />
          <Bar dataKey="candidate" name="This version" isAnimationActive={false} />
          <Bar dataKey="previous" name="Model it was compared with" className="previous" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
