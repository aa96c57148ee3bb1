import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow, secureWebPreferences } from '../../../electron/main/createMainWindow.ts';

// A stand-in BrowserWindow that records what it was built with and asked to load.
const created = vi.hoisted((): { options: Record<string, unknown>; loadFile: ReturnType<typeof vi.fn> }[] => []);
const loadResult = vi.hoisted((): { current: Promise<void> } => ({ current: Promise.resolve() }));

vi.mock('electron', () => {
  class BrowserWindow {
    readonly loadFile = vi.fn((_file: string) => loadResult.current);
    readonly once = vi.fn();
    readonly show = vi.fn();
    constructor(options: Record<string, unknown>) {
      created.push({ options, loadFile: this.loadFile });
    }
  }
  return { BrowserWindow };
});

const locations = { indexFile: '/app/dist/renderer/index.html', preloadFile: '/app/dist-electron/preload.cjs' };

beforeEach(() => {
  created.length = 0;
  loadResult.current = Promise.resolve();
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer, without Node or <webview>', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('createMainWindow', () => {
  it('builds the window with the secure preferences and the bundled preload, and loads the index file', () => {
    createMainWindow(locations, () => undefined);
    expect(created).toHaveLength(1);
    const [window] = created;
    expect(window?.options['webPreferences']).toEqual(secureWebPreferences(locations.preloadFile));
    expect(window?.options['show']).toBe(false);
    expect(window?.loadFile).toHaveBeenCalledExactlyOnceWith(locations.indexFile);
  });

  it('reports a page that cannot load', async () => {
    const failure = new Error('ERR_FILE_NOT_FOUND (-6)');
    loadResult.current = Promise.reject(failure);
    const onLoadFailed = vi.fn();
    createMainWindow(locations, onLoadFailed);
    await vi.waitFor(() => expect(onLoadFailed).toHaveBeenCalledExactlyOnceWith(failure));
  });
});
