import type { ReactNode } from 'react';

/** Props of StatusMessage. */
export type StatusMessageProps = { readonly children: ReactNode };

/** A quiet confirmation ("Settings saved."), announced politely by screen readers. */
export function StatusMessage({ children }: StatusMessageProps) {
  return (
    <p className="message message-success" role="status">
      {children}
    </p>
  );
}
