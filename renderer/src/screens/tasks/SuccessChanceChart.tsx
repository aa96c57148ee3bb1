import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { percent } from '../../format/formatPercent.ts';
import type { CheckpointEvent } from '../../tasks/taskRunState.ts';
import { checkpointConfidence } from './CheckpointDecisions.tsx';

type Prediction = Extract<TaskEvent, { type: 'prediction' }>;

/** The step axis counts the steps of all paths together (a checkpoint's "steps per path" are another count). */
export const stepAxisLabel = 'steps, all paths together';

/** Props of SuccessChanceChart. */
export type SuccessChanceChartProps = {
  readonly predictions: readonly Prediction[];
  /** The checkpoint decisions: the chart marks where the first one decided and the threshold it used. */
  readonly checkpoints?: readonly CheckpointEvent[];
};

/** Where the checkpoint decided on the chart's step axis, and its confidence and threshold in percent. */
export function checkpointMark(
  predictions: readonly Prediction[],
  checkpoint: CheckpointEvent | undefined,
): { step: number; confidence: number; threshold: number } | null {
  if (checkpoint === undefined) return null;
  const level = checkpointConfidence(checkpoint.explanation);
  const before = predictions.filter((prediction) => prediction.at <= checkpoint.at).at(-1);
  if (level === null || before === undefined) return null;
  return { step: before.step, ...level };
}

/**
 * The confidence after each step (the share of paths that agree at a cold start, else the
 * predicted chance of success: 1 - the failure estimate), in percent, with the level at which the
 * checkpoint gets help, and a mark where it decided.
 */
export function SuccessChanceChart({ predictions, checkpoints = [] }: SuccessChanceChartProps) {
  if (predictions.length === 0) return null;
  const data = predictions.map((prediction) => ({ step: prediction.step, chance: 1 - prediction.failureProbability }));
  const last = predictions.at(-1) as Prediction;
  const mark = checkpointMark(predictions, checkpoints[0]);
  const line = mark?.threshold ?? 1 - last.threshold;
  return (
    <section className="screen-section" aria-labelledby="success-chance-title" data-testid="success-chance">
      <h2 id="success-chance-title">Confidence</h2>
      <p className="secondary-text">
        {percent(1 - last.failureProbability)} after {last.step} steps; at {percent(line)} or less the checkpoint gets
        help or stops.
        {mark !== null &&
          ` The checkpoint decided at step ${mark.step} (of all paths together) with ${percent(mark.confidence)} against ${percent(mark.threshold)}.`}
      </p>
      <figure className="bar-chart" aria-label="Confidence over the steps">
        <ResponsiveContainer width="100%" height={196}>
          <LineChart data={data} margin={{ top: 20, right: 16, bottom: 20, left: 8 }}>
            <CartesianGrid vertical={false} />
            <XAxis
              dataKey="step"
              allowDecimals={false}
              tickLine={false}
              label={{ value: stepAxisLabel, position: 'insideBottom', offset: -14 }}
            />
            <YAxis domain={[0, 1]} tickFormatter={percent} width={44} tickLine={false} />
            <Tooltip
              formatter={(value) => [percent(Number(value)), 'Confidence']}
              labelFormatter={(step) => (typeof step === 'number' ? `Step ${step}` : '')}
            />
            <ReferenceLine
              y={line}
              strokeDasharray="4 3"
              label={{ value: `threshold ${percent(line)}`, position: 'insideTopRight' }}
            />
            {mark !== null && (
              <ReferenceLine x={mark.step} strokeDasharray="2 2" label={{ value: 'checkpoint', position: 'top' }} />
            )}
            <Line type="stepAfter" dataKey="chance" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}
