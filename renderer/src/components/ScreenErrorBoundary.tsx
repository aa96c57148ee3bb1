import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props of ScreenErrorBoundary. */
export type ScreenErrorBoundaryProps = { readonly children: ReactNode };

type State = { readonly error: Error | null };

/** What a screen that failed to draw shows instead: a sentence, one action, and the error in Details. */
export function ScreenProblem({ message }: { readonly message: string }) {
  return (
    <section className="screen" data-testid="screen-problem">
      <div className="message message-error" role="alert">
        <div>
          <p>
            <strong>This screen could not be shown.</strong> Your data is safe: open another screen, or reload the
            window to try again.
          </p>
          <details className="error-details">
            <summary>Details</summary>
            <pre>{message}</pre>
          </details>
        </div>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the window
        </button>
      </div>
    </section>
  );
}

/**
 * Catches an error while a screen renders, so one screen's bug leaves the header and navigation
 * working instead of emptying the whole window. Keyed by the screen: navigating away clears it.
 */
export class ScreenErrorBoundary extends Component<ScreenErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The console is the renderer's log; the host's log does not see renderer errors.
    console.error('A screen failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.error === null ? this.props.children : <ScreenProblem message={this.state.error.message} />;
  }
}
