import type { IpcError } from '#shared/ipc/IpcError.ts';

/** Props of ErrorMessage. */
export type ErrorMessageProps = {
  readonly error: IpcError;
  /** What failed, such as "Could not load the models." */
  readonly title?: string;
  readonly onRetry?: () => void;
};

/** An IpcError shown to the person: its message says what to do next. */
export function ErrorMessage({ error, title, onRetry }: ErrorMessageProps) {
  return (
    <div className="message message-error" role="alert">
      <div className="message-body">
        {title !== undefined && <strong>{title} </strong>}
        <span>{error.message}</span> <code className="error-code">{error.code}</code>
      </div>
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
