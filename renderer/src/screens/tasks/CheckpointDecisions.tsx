import type { CheckpointAction, DecisionExplanation } from '#shared/taskEvents.ts';
import type { LaneState } from '../../tasks/taskRunState.ts';
import { percent } from '../../format/formatPercent.ts';

/** A checkpoint decision as shown: live from a `checkpoint` event or recorded in the history. */
export type ShownDecision = {
  readonly checkpoint: number;
  /** Where it was taken, e.g. "2 steps per path"; null when not recorded. */
  readonly where: string | null;
  readonly action: CheckpointAction;
  readonly migratedPaths: readonly number[];
  readonly explanation: DecisionExplanation | null;
};

/** Props of CheckpointDecisions. */
export type CheckpointDecisionsProps = {
  readonly decisions: readonly ShownDecision[];
  /** The lanes, to tell which handed-over paths a cloud model actually ran. */
  readonly lanes: readonly LaneState[];
};

const actionNames: Record<CheckpointAction, string> = {
  continue: 'Continue locally',
  stop: 'Stop early',
  'escalate-parallel': 'Escalate every path to the cloud',
  'escalate-sequential': 'Run the remaining paths in the cloud',
  'escalate-selective': 'Escalate the most promising paths to the cloud',
};

/**
 * The checkpoint's confidence and the level below which it gets help, in percent, as the chart
 * draws them: the share of paths that agree (cold start) or the predicted chance of success. Null
 * when the decision was fixed by the request or scored something else.
 */
export function checkpointConfidence(
  explanation: DecisionExplanation | null,
): { confidence: number; threshold: number } | null {
  if (explanation === null || explanation.threshold === null) return null;
  const { agreement, scoreKind } = explanation.facts;
  if (scoreKind === 'disagreement' && typeof agreement === 'number')
    return { confidence: agreement, threshold: 1 - explanation.threshold };
  if (scoreKind === 'failure' && explanation.failureProbability !== null)
    return { confidence: 1 - explanation.failureProbability, threshold: 1 - explanation.threshold };
  return null;
}

/** Which of the handed-over paths a cloud model ran, in a sentence (nothing when none was handed over). */
export function handoverSentence(migratedPaths: readonly number[], lanes: readonly LaneState[]): string | null {
  if (migratedPaths.length === 0) return null;
  const ran = migratedPaths.filter((path) =>
    lanes
      .find((lane) => lane.path === path)
      ?.providers.some((provider) => provider.locality === 'cloud' && provider.outcome === 'ran'),
  );
  const names = (paths: readonly number[]): string => paths.map((path) => path + 1).join(', ');
  const isPending = lanes.some((lane) => lane.providers.at(-1)?.outcome === 'handing-over');
  if (ran.length === 0)
    return isPending ? 'Handing over…' : 'No path was handed over: nothing was sent, the paths went on locally.';
  if (ran.length === migratedPaths.length)
    return `${ran.length === 1 ? 'Path' : 'Paths'} ${names(ran)} ${ran.length === 1 ? 'was' : 'were'} handed over.`;
  return `Paths ${names(ran)} were handed over; the others stayed local.`;
}

/** Each checkpoint's decision in sentences: what it did, why, and its confidence against its threshold. */
export function CheckpointDecisions({ decisions, lanes }: CheckpointDecisionsProps) {
  if (decisions.length === 0) return null;
  return (
    <section className="screen-section" aria-labelledby="checkpoint-title" data-testid="checkpoint-decisions">
      <h2 id="checkpoint-title">Checkpoint</h2>
      {decisions.map((decision) => {
        const handover = handoverSentence(decision.migratedPaths, lanes);
        const level = checkpointConfidence(decision.explanation);
        return (
          <div key={decision.checkpoint} className="panel checkpoint-decision">
            <p>
              <strong>{actionNames[decision.action]}</strong>
              <span className="secondary-text">
                {' '}
                at checkpoint {decision.checkpoint}
                {decision.where === null ? '' : ` (${decision.where})`}
              </span>
            </p>
            {handover !== null && <p data-testid="checkpoint-handover">{handover}</p>}
            {decision.explanation !== null && <p>{decision.explanation.reason}</p>}
            {level !== null && (
              <p className="secondary-text">
                Confidence {percent(level.confidence)}; the checkpoint gets help at {percent(level.threshold)} or less.
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
