import type { ReactNode } from 'react';
import type { InvokeState } from '../ipc/useInvoke.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/** Props of AsyncContent. */
export type AsyncContentProps<T> = {
  readonly state: InvokeState<T>;
  /** What is loading, for the loading line and the error title: "the models". */
  readonly label: string;
  readonly children: (data: T) => ReactNode;
};

/** Renders an invoke's data, or its loading line, or its error with a retry button. */
export function AsyncContent<T>({ state, label, children }: AsyncContentProps<T>) {
  if (state.error !== undefined) {
    return <ErrorMessage error={state.error} title={`Could not load ${label}.`} onRetry={state.reload} />;
  }
  if (state.data === undefined) {
    return (
      <p className="loading" role="status">
        Loading {label}…
      </p>
    );
  }
  return (
    <div className="async-content" aria-busy={state.isLoading}>
      {children(state.data)}
    </div>
  );
}
