import { BrowserWindow, type WebPreferences } from 'electron';
import type { AppLocations } from './appLocations.ts';

/**
 * The renderer's web preferences: an isolated, sandboxed page without Node, whose only way out
 * is the preload's allow-listed bridge. Each line is Electron's security checklist.
 */
export function secureWebPreferences(preloadFile: string): WebPreferences {
  return {
    preload: preloadFile,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/**
 * Creates the one app window and starts loading the renderer's built index.html; `onLoadFailed`
 * hears about a page that cannot load (usually: the renderer was never built). The window stays
 * hidden until the first paint so it never flashes white.
 */
export function createMainWindow(
  locations: Pick<AppLocations, 'indexFile' | 'preloadFile'>,
  onLoadFailed: (error: unknown) => void,
): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Atropos Desktop',
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(locations.preloadFile),
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  window.loadFile(locations.indexFile).catch(onLoadFailed);
  return window;
}
