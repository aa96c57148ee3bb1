import { screens, type ScreenId } from './screens.ts';

/** Props of NavigationBar. */
export type NavigationBarProps = { readonly activeScreen: ScreenId };

/** The left navigation: one link per screen, the active one marked for assistive technology. */
export function NavigationBar({ activeScreen }: NavigationBarProps) {
  return (
    <nav className="navigation" aria-label="Screens">
      <ul>
        {screens.map((screen) => (
          <li key={screen.id}>
            <a
              href={`#/${screen.id}`}
              className="navigation-link"
              aria-current={screen.id === activeScreen ? 'page' : undefined}
            >
              {screen.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
