import { memo } from 'react';
import { isWellFormedAnswer } from '#shared/answerForm.ts';
import type { FallbackReason } from '#shared/taskEvents.ts';
import type { LaneProvider, LaneState } from '../../tasks/taskRunState.ts';
import { formatValue } from '../../format/formatValue.ts';
import { providerName } from '../../format/providerName.ts';

/** Props of PathLanes. */
export type PathLanesProps = {
  readonly lanes: readonly LaneState[];
  /** Paths announced by the task that have not started yet (sequential strategy). */
  readonly pathCount: number;
};

const statusNames: Record<LaneState['status'], string> = {
  running: 'Running',
  answered: 'Answered',
  exhausted: 'Out of steps',
  stopped: 'Stopped',
  failed: 'Failed',
};

const stayedLocalReasons: Record<FallbackReason, string> = {
  denied: 'you denied sending it',
  cap: 'a budget cap blocked it',
  policy: 'the privacy policy does not allow it',
  'provider-failed': 'the cloud provider failed',
};

/** What a lane's provider chip says: where the path ran, or why it stayed on this computer. */
export function providerLabel(provider: LaneProvider): string {
  if (provider.locality === 'local') return `Local · ${providerName(provider.provider)}`;
  if (provider.outcome === 'ran') return `Cloud · ${providerName(provider.provider)}`;
  if (provider.outcome === 'handing-over') return `Handing over to ${providerName(provider.provider)}…`;
  return `Stayed local: ${provider.reason === null ? 'nothing was sent' : stayedLocalReasons[provider.reason]}`;
}

/** One lane per path: its provider(s), each tool call with its result, and how it ended. */
export function PathLanes({ lanes, pathCount }: PathLanesProps) {
  const waiting = Math.max(0, pathCount - lanes.length);
  return (
    <div className="path-lanes" data-testid="path-lanes">
      {lanes.map((lane) => (
        <PathLane key={lane.path} lane={lane} />
      ))}
      {waiting > 0 && (
        <p className="secondary-text lane-waiting">
          {waiting} more {waiting === 1 ? 'path waits' : 'paths wait'} to start.
        </p>
      )}
    </div>
  );
}

// Memoised: an update changes one lane and keeps the others' objects, so only that lane redraws.
const PathLane = memo(function PathLane({ lane }: { readonly lane: LaneState }) {
  const current = lane.providers.at(-1);
  // Migrated only when the cloud model actually ran the path (a request left and came back).
  const hasMigrated = lane.providers.length > 1 && current?.locality === 'cloud' && current.outcome === 'ran';
  const hasStayedLocal = lane.providers.some((provider) => provider.outcome === 'stayed-local');
  return (
    <section
      className={`path-lane path-lane-${lane.status}`}
      data-testid={`path-lane-${lane.path}`}
      aria-label={`Path ${lane.path + 1}`}
    >
      <header className="path-lane-header">
        <h3>Path {lane.path + 1}</h3>
        <span className={`badge badge-lane-${lane.status}`}>{statusNames[lane.status]}</span>
        <span className="lane-providers">
          {lane.providers.map((provider, index) => (
            <span key={`${provider.provider}-${index}`}>
              {index > 0 && provider.outcome === 'ran' && (
                <span className="migration-arrow" aria-label="migrated to">
                  {' → '}
                </span>
              )}
              {index > 0 && provider.outcome !== 'ran' && ' '}
              <span
                className={`provider-chip provider-${provider.outcome === 'ran' ? provider.locality : 'local'}`}
                title={provider.provider}
              >
                {providerLabel(provider)}
              </span>
            </span>
          ))}
        </span>
        {hasMigrated && <span className="secondary-text">migrated</span>}
      </header>
      {lane.steps.length === 0 && lane.status === 'running' && <p className="secondary-text lane-empty">Thinking…</p>}
      <ol className="lane-steps">
        {lane.steps.map((step) => (
          <li key={step.step} className="lane-step">
            <span className="step-number">{step.step}</span>
            <code className="step-call">
              {step.tool}({formatArguments(step.arguments)})
            </code>
            <span className="step-arrow" aria-hidden="true">
              →
            </span>
            <code className="step-result">{formatValue(step.result)}</code>
          </li>
        ))}
      </ol>
      {lane.tokens !== '' && <p className="lane-tokens">{lane.tokens}</p>}
      {lane.fallbacks.map((message, index) => (
        <p key={index} className="message message-warning lane-fallback">
          {hasStayedLocal ? 'Stayed on this computer' : 'Back to the local model'}: {message}
        </p>
      ))}
      {lane.status !== 'running' && (
        <p className="lane-answer">
          {lane.answer === null ? (
            <span className="secondary-text">No answer</span>
          ) : !isWellFormedAnswer(lane.answer) ? (
            <span className="secondary-text" title={lane.answer}>
              No answer: what it wrote {lane.answer.trim() === '' ? 'was empty' : 'broke off mid-way'}, so it does not
              vote
            </span>
          ) : (
            <>
              Answer: <strong>{lane.answer}</strong>
            </>
          )}
        </p>
      )}
    </section>
  );
});

function formatArguments(args: unknown): string {
  if (typeof args === 'object' && args !== null && !Array.isArray(args)) {
    return Object.values(args as Record<string, unknown>)
      .map((value) => (typeof value === 'string' ? value : formatValue(value)))
      .join(', ');
  }
  return formatValue(args);
}
