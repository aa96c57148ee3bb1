import { useEffect, useRef } from 'react';
import type { EgressDecision, EgressPrompt } from '#shared/ipc/EgressPrompt.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatUsd } from '../format/formatUsd.ts';
import { useInvoke } from '../ipc/useInvoke.ts';
import { RedactedText } from './RedactedText.tsx';

/** Props of EscalationDialog. */
export type EscalationDialogProps = {
  readonly prompt: EgressPrompt;
  /** Whether the answer is on its way (buttons wait). */
  readonly isAnswering: boolean;
  /** Why the last answer could not be sent. */
  readonly error?: IpcError | undefined;
  readonly onAnswer: (decision: EgressDecision) => void;
  /** Stops the whole task instead of answering (nothing is sent, nothing more runs). Defaults to no such button. */
  readonly onStopTask?: () => void;
};

const roleNames: Record<EgressPrompt['messages'][number]['role'], string> = {
  system: 'System',
  user: 'You',
  assistant: 'Local model',
  tool: 'Tool result',
};

/**
 * Asks before anything leaves the machine: exactly what would be sent (redactions shown as their
 * placeholders), the estimated cost and the budget left. A modal `<dialog>`: the page behind is
 * inert, focus stays inside, and Escape denies (the task then stays local). Stop the task cancels it
 * instead: the page behind is inert, so the question is where a waiting task can be stopped.
 */
export function EscalationDialog({ prompt, isAnswering, error, onAnswer, onStopTask }: EscalationDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const denyRef = useRef<HTMLButtonElement>(null);
  const budget = useInvoke('budget:get-summary', {});

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (!dialog.open) dialog.showModal();
    // The safe choice has the focus first; Enter does not send anything by accident.
    denyRef.current?.focus();
    return () => dialog.close();
  }, [prompt.requestId]);

  const redactionTotal = Object.values(prompt.redactions).reduce((sum, count) => sum + count, 0);
  const remaining = budget.data?.remainingThisMonthUsd;
  const perTask = budget.data?.caps.perTaskUsd;
  return (
    <dialog
      ref={dialogRef}
      className="escalation-dialog"
      aria-labelledby="escalation-title"
      aria-describedby="escalation-summary"
      data-testid="escalation-dialog"
      onCancel={(event) => {
        // Escape: deny, and keep the dialog until the answer has gone.
        event.preventDefault();
        if (!isAnswering) onAnswer('deny');
      }}
    >
      <h2 id="escalation-title">Send path {prompt.path + 1} to the cloud?</h2>
      <p id="escalation-summary">
        The policy wants to continue this path on <strong>{prompt.model}</strong> ({prompt.provider}). Below is exactly
        what would be sent:{' '}
        {redactionTotal === 0
          ? 'nothing in it needed redacting.'
          : `${redactionTotal} ${redactionTotal === 1 ? 'item was' : 'items were'} redacted and ${redactionTotal === 1 ? 'appears' : 'appear'} as placeholders; the originals stay on this machine.`}
      </p>
      {redactionTotal > 0 && (
        <ul className="redaction-counts" aria-label="Redactions by type">
          {Object.entries(prompt.redactions).map(([type, count]) => (
            <li key={type}>
              <mark className="redaction">{type}</mark> × {count}
            </li>
          ))}
        </ul>
      )}
      <div className="egress-preview" data-testid="egress-preview" tabIndex={0} aria-label="What would be sent">
        {prompt.messages.map((message, index) => (
          <div key={index} className={`egress-message egress-${message.role}`}>
            <span className="egress-role">{roleNames[message.role]}</span>
            <pre>
              <RedactedText text={message.text} originals={prompt.originals} />
            </pre>
          </div>
        ))}
      </div>
      <dl className="facts">
        <dt>Estimated cost (at most)</dt>
        <dd data-testid="escalation-cost">{formatUsd(prompt.estimatedCostUsd)}</dd>
        <dt>Budget left this month</dt>
        <dd>
          {budget.error !== undefined
            ? 'unavailable'
            : remaining === undefined
              ? '…'
              : remaining === null
                ? 'No monthly cap'
                : formatUsd(remaining)}
        </dd>
        <dt>Cap per task</dt>
        <dd>{perTask === undefined ? '…' : formatUsd(perTask)}</dd>
      </dl>
      <p className="secondary-text">
        This approves what is shown above, for path {prompt.path + 1} only: every other path that would go to the cloud
        asks again with its own preview. Deny keeps the whole task on this computer.
      </p>
      {error !== undefined && <ErrorMessage error={error} title="Could not send your answer." />}
      <div className="form-actions dialog-actions">
        <button type="button" className="primary" disabled={isAnswering} onClick={() => onAnswer('once')}>
          Approve once
        </button>
        <button ref={denyRef} type="button" disabled={isAnswering} onClick={() => onAnswer('deny')}>
          Deny (keep local)
        </button>
        {onStopTask !== undefined && (
          <button type="button" disabled={isAnswering} onClick={onStopTask}>
            Stop the task
          </button>
        )}
      </div>
    </dialog>
  );
}
