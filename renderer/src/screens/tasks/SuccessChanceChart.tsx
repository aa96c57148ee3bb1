import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TaskEvent } from '#shared/taskEvents.ts';

type Prediction = Extract<TaskEvent, { type: 'prediction' }>;

/** Props of SuccessChanceChart. */
export type SuccessChanceChartProps = { readonly predictions: readonly Prediction[] };

const percent = (value: number): string => `${Math.round(value * 100)}%`;

/**
 * The predicted chance that the task succeeds (1 - the failure estimate) after each step, with the
 * line below which the checkpoint escalates or stops.
 */
export function SuccessChanceChart({ predictions }: SuccessChanceChartProps) {
  if (predictions.length === 0) return null;
  const data = predictions.map((prediction) => ({ step: prediction.step, chance: 1 - prediction.failureProbability }));
  const last = predictions.at(-1) as Prediction;
  const line = 1 - last.threshold;
  return (
    <section className="screen-section" aria-labelledby="success-chance-title" data-testid="success-chance">
      <h2 id="success-chance-title">Chance of success</h2>
      <p className="secondary-text">
        {last.decidedBy}: {percent(1 - last.failureProbability)} after {last.step} steps; below {percent(line)} the
        checkpoint gets help or stops.
      </p>
      <figure className="bar-chart" aria-label="Predicted chance of success over the steps">
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="step" allowDecimals={false} tickLine={false} />
            <YAxis domain={[0, 1]} tickFormatter={percent} width={44} tickLine={false} />
            <Tooltip
              formatter={(value) => [percent(Number(value)), 'Chance of success']}
              labelFormatter={(step) => (typeof step === 'number' ? `Step ${step}` : '')}
            />
            <ReferenceLine y={line} strokeDasharray="4 3" label={{ value: 'threshold', position: 'insideTopRight' }} />
            <Line type="stepAfter" dataKey="chance" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}
