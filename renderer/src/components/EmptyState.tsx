import type { ReactNode } from 'react';

/** Props of EmptyState. */
export type EmptyStateProps = {
  readonly title: string;
  readonly children?: ReactNode;
};

/** What a list shows when there is honestly nothing to show yet. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <p className="empty-state-title">{title}</p>
      {children !== undefined && <div className="empty-state-body">{children}</div>}
    </div>
  );
}
