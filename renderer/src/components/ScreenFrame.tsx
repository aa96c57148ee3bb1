import type { ReactNode } from 'react';

/** Props of ScreenFrame. */
export type ScreenFrameProps = {
  /** The screen's name, as the navigation shows it. */
  readonly title: string;
  readonly description?: ReactNode;
  /** Buttons at the right of the heading, such as Reload. */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
};

/** The root of every screen: `data-testid="screen-<name>"` and an `<h1>` with the screen's name. */
export function ScreenFrame({ title, description, actions, children }: ScreenFrameProps) {
  const testId = `screen-${title.toLowerCase()}`;
  return (
    <section className="screen" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <header className="screen-header">
        <div>
          <h1 id={`${testId}-title`}>{title}</h1>
          {description !== undefined && <p className="screen-description">{description}</p>}
        </div>
        {actions !== undefined && <div className="screen-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
