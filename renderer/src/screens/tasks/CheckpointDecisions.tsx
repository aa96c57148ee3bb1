import type { CheckpointAction, DecisionExplanation } from '#shared/taskEvents.ts';

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
export type CheckpointDecisionsProps = { readonly decisions: readonly ShownDecision[] };

const actionNames: Record<CheckpointAction, string> = {
  continue: 'Continue locally',
  stop: 'Stop early',
  'escalate-parallel': 'Escalate every path to the cloud',
  'escalate-sequential': 'Run the remaining paths in the cloud',
  'escalate-selective': 'Escalate the most promising paths to the cloud',
};

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function formatFact(value: string | number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4);
  return String(value);
}

/** Each checkpoint's decision with its explanation: who decided, on what probability, against what threshold, and why. */
export function CheckpointDecisions({ decisions }: CheckpointDecisionsProps) {
  if (decisions.length === 0) return null;
  return (
    <section className="screen-section" aria-labelledby="checkpoint-title" data-testid="checkpoint-decisions">
      <h2 id="checkpoint-title">Checkpoint</h2>
      {decisions.map((decision) => (
        <div key={decision.checkpoint} className="panel checkpoint-decision">
          <p>
            <strong>{actionNames[decision.action]}</strong>
            {decision.migratedPaths.length > 0 && (
              <span className="secondary-text">
                {' '}
                (paths {decision.migratedPaths.map((path) => path + 1).join(', ')} handed over)
              </span>
            )}
            <span className="secondary-text">
              {' '}
              after checkpoint {decision.checkpoint}
              {decision.where === null ? '' : ` (${decision.where})`}
            </span>
          </p>
          {decision.explanation !== null && (
            <>
              <p>{decision.explanation.reason}</p>
              <dl className="facts">
                <dt>Decided by</dt>
                <dd>{decision.explanation.decidedBy}</dd>
                <dt>Predicted chance of failure</dt>
                <dd>
                  {decision.explanation.failureProbability === null
                    ? 'not predicted'
                    : percent(decision.explanation.failureProbability)}
                </dd>
                <dt>Threshold</dt>
                <dd>{decision.explanation.threshold === null ? '—' : percent(decision.explanation.threshold)}</dd>
                {Object.entries(decision.explanation.facts).map(([name, value]) => (
                  <FactRow key={name} name={name} value={value} />
                ))}
              </dl>
            </>
          )}
        </div>
      ))}
    </section>
  );
}

function FactRow({ name, value }: { readonly name: string; readonly value: string | number | boolean | null }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{formatFact(value)}</dd>
    </>
  );
}
