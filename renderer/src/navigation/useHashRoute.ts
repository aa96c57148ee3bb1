import { useSyncExternalStore } from 'react';
import { screens, type ScreenId } from './screens.ts';

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

function readHash(): string {
  return window.location.hash;
}

/** The screen named by a hash such as `#/history`; the first screen for anything else. */
export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return screens.find((screen) => screen.id === id)?.id ?? 'chat';
}

/**
 * The current screen from `location.hash`. Hash routing needs no server support, which matters
 * because Electron loads the page from file://.
 */
export function useHashRoute(): ScreenId {
  return screenFromHash(useSyncExternalStore(subscribe, readHash));
}
