import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PredictorCheckpoint } from '#shared/domain.ts';

/** Props of RocChart. */
export type RocChartProps = { readonly checkpoints: readonly PredictorCheckpoint[] };

const colors = ['#d62828', '#f77f00', '#2a9d8f', '#264653', '#6a4c93', '#8a5a44'];
const percent = (value: number): string => `${Math.round(value * 100)}%`;

/**
 * The cross-validated ROC curve of each checkpoint that stores one (false positive rate against
 * true positive rate of failure predictions), with the diagonal of guessing for reference.
 */
export function RocChart({ checkpoints }: RocChartProps) {
  const scored = checkpoints
    .filter((checkpoint) => checkpoint.evaluation !== null)
    .sort((first, second) => first.k - second.k);
  if (scored.length === 0) return null;
  return (
    <figure className="bar-chart" aria-label="ROC curves of the checkpoints" data-testid="roc-chart">
      <ResponsiveContainer width="100%" height={300}>
        <LineChart margin={{ top: 8, right: 24, bottom: 24, left: 16 }}>
          <CartesianGrid />
          <XAxis
            type="number"
            dataKey="fpr"
            domain={[0, 1]}
            tickFormatter={percent}
            label={{ value: 'false positive rate (successes flagged)', position: 'insideBottom', offset: -16 }}
          />
          <YAxis
            type="number"
            domain={[0, 1]}
            tickFormatter={percent}
            width={56}
            label={{ value: 'true positive rate', angle: -90, position: 'insideLeft', offset: -4 }}
          />
          <Tooltip formatter={(value) => percent(Number(value))} />
          <Legend verticalAlign="top" />
          <Line
            data={[
              { fpr: 0, tpr: 0 },
              { fpr: 1, tpr: 1 },
            ]}
            dataKey="tpr"
            name="guessing"
            stroke="#bbbbbb"
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
          {scored.map((checkpoint, index) => (
            <Line
              key={checkpoint.file}
              data={[...(checkpoint.evaluation?.rocCurve ?? [])]}
              dataKey="tpr"
              name={`k=${checkpoint.k} (AUC ${checkpoint.evaluation?.rocAuc.toFixed(3) ?? '-'})`}
              stroke={colors[index % colors.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
