import type { IpcError } from '#shared/ipc/IpcError.ts';
import { errorStates } from './errorStates.ts';

/** Props of ErrorMessage. */
export type ErrorMessageProps = {
  readonly error: IpcError;
  /** What failed, such as "Could not load the models." Defaults to what the error code means. */
  readonly title?: string;
  /** Offered as "Try again" only for codes where trying again can help (see errorStates). */
  readonly onRetry?: () => void;
  /**
   * Defaults to true. False where the advice would send the person where they already are (the
   * advice of provider-unavailable names Models > Cloud providers, shown on that very section).
   */
  readonly showAdvice?: boolean;
};

/**
 * An IpcError shown to the person: what happened, the engine's message (which says what to do
 * next), and one action: Try again where retrying can help, else the advice for its kind when there
 * is one. The code only under "Details". A cancellation shows nothing.
 */
export function ErrorMessage({ error, title, onRetry, showAdvice = true }: ErrorMessageProps) {
  const state = errorStates[error.code];
  if (state.isQuiet) {
    return null;
  }
  const canRetry = onRetry !== undefined && state.canRetry;
  return (
    <div className="message message-error" role="alert" data-error-code={error.code}>
      <div className="message-body">
        <strong>{title ?? state.summary} </strong>
        <span>{error.message}</span>
        {!canRetry && showAdvice && state.advice !== '' && <p className="error-advice">{state.advice}</p>}
        <details className="error-details">
          <summary>Details</summary>
          <code className="error-code">{error.code}</code>
        </details>
      </div>
      {canRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
