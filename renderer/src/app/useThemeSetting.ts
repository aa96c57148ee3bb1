import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '#shared/domain.ts';
import { useBridgeEvent } from '../ipc/useBridgeEvent.ts';
import { useInvoke } from '../ipc/useInvoke.ts';

/** The theme setting as the shell applies it. */
export type ThemeSetting = {
  readonly theme: Settings['theme'];
  /** Applies settings just saved, before (or instead of) the host's settings:changed event. */
  readonly adopt: (settings: Settings) => void;
};

/**
 * Keeps `<html data-theme>` equal to the theme setting. The stylesheet does the rest: 'system'
 * follows prefers-color-scheme through CSS `color-scheme` and `light-dark()`.
 */
export function useThemeSetting(): ThemeSetting {
  const stored = useInvoke('settings:get', {});
  const [adopted, setAdopted] = useState<Settings['theme'] | undefined>(undefined);
  const adopt = useCallback((settings: Settings) => setAdopted(settings.theme), []);
  useBridgeEvent('settings:changed', adopt);

  const theme = adopted ?? stored.data?.theme ?? 'system';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return { theme, adopt };
}
