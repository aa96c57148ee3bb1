import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hostChannels, invokeChannels } from '#shared/ipc/channels.ts';
import { lockDataFolder } from '../../../electron/host/lockDataFolder.ts';
import { FakeEmitter, FakeSession, type FakeWebContents } from './fakeElectron.ts';

// The whole host started against a fake Electron and the real engine (SQLite in a temp folder):
// the lifecycle wiring of electron/main/index.ts, which runs on import.

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

type FakeState = ReturnType<typeof setup>;
type FakeWindow = { webContents: FakeWebContents; loadFile: ReturnType<typeof vi.fn> };

const fake = vi.hoisted(() => ({ state: null as FakeState | null }));

vi.mock('electron', async () => {
  // Imported here: the factory is hoisted above this file's own imports.
  const { FakeEmitter, FakeWebContents } = await import('./fakeElectron.ts');
  const state = () => {
    if (fake.state === null) {
      throw new Error('fake electron used before setup');
    }
    return fake.state;
  };
  class BrowserWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents();
    readonly loadFile = vi.fn((_file: string) =>
      state().loadFails ? Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6) loading index.html')) : Promise.resolve(),
    );
    constructor(_options: unknown) {
      super();
      state().windows.push(this);
    }
    static getAllWindows(): unknown[] {
      return state().windows;
    }
    isMinimized(): boolean {
      return false;
    }
    focus(): void {}
    show(): void {}
  }
  return {
    get app() {
      return state().app;
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (_title: string, message: string) => {
        state().errors.push(message);
      },
      // Attached to the main window when there is one: (window, options) or (options).
      showOpenDialog: (...args: unknown[]) => {
        state().folderDialogs.push(args);
        return Promise.resolve({ canceled: false, filePaths: ['/home/ada/notes'] });
      },
    },
    Notification: { isSupported: () => false },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        state().handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => {
        state().handlers.delete(channel);
      },
    },
    get session() {
      return { defaultSession: state().session };
    },
    shell: { openExternal: () => Promise.resolve() },
    // No keychain in the fake: the host falls back to its key file.
    safeStorage: { isEncryptionAvailable: () => false },
  };
});

let dataDir: string;

type HostOptions = { hasLock?: boolean; loadFails?: boolean };

function setup(options: HostOptions = {}) {
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    getAppPath: () => '/repo',
    getPath: (name: string) => (name === 'userData' ? dataDir : os.tmpdir()),
    setPath: vi.fn(),
    getVersion: () => '9.9.9',
    requestSingleInstanceLock: () => options.hasLock ?? true,
    enableSandbox: vi.fn(),
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  return {
    app,
    handlers: new Map<string, Handler>(),
    windows: [] as FakeWindow[],
    session: new FakeSession(),
    errors: [] as string[],
    folderDialogs: [] as unknown[][],
    loadFails: options.loadFails ?? false,
  };
}

async function startHost(options: HostOptions = {}) {
  const state = setup(options);
  fake.state = state;
  vi.resetModules();
  await import('../../../electron/main/index.ts');
  return state;
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-main-'));
  vi.stubEnv('ATROPOS_DATA_DIR', '');
  vi.stubEnv('ATROPOS_LOG_LEVEL', 'error');
});

/** What Electron hands a 'will-quit' listener: the host defers the quit until the engine has closed. */
function quitEvent() {
  return { preventDefault: vi.fn() };
}

afterEach(async () => {
  const app = fake.state?.app;
  if (app !== undefined) {
    const quitsBefore = app.quit.mock.calls.length;
    const event = quitEvent();
    app.emit('will-quit', event);
    // A host that deferred the quit closes its engine before the data folder is removed.
    if (event.preventDefault.mock.calls.length > 0) {
      await vi.waitFor(() => expect(app.quit.mock.calls.length).toBeGreaterThan(quitsBefore));
    }
  }
  fake.state = null;
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

const indexUrl = pathToFileURL(path.join('/repo', 'dist', 'renderer', 'index.html')).href;

describe('the Electron host', () => {
  it('starts the engine, wires IPC for every channel, secures the session and opens one window', async () => {
    const state = await startHost();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    expect(state.app.enableSandbox).toHaveBeenCalledOnce();
    expect([...state.handlers.keys()].sort()).toEqual([...invokeChannels, hostChannels.pickFolder].sort());
    expect(state.session.permissionRequestHandler).not.toBeNull();
    expect(state.session.headersListener).not.toBeNull();
    expect(state.windows[0]?.loadFile).toHaveBeenCalledExactlyOnceWith(
      path.join('/repo', 'dist', 'renderer', 'index.html'),
    );
    expect(state.errors).toEqual([]);
  });

  it('answers the app page through the real engine and refuses other pages', async () => {
    const state = await startHost();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const getInfo = state.handlers.get('app:get-info');
    const trusted = await getInfo?.({ senderFrame: { url: indexUrl } }, {});
    expect(trusted).toMatchObject({ ok: true, value: { version: '9.9.9', host: 'electron', dataDir } });
    const untrusted = await getInfo?.({ senderFrame: { url: 'https://evil.example/' } }, {});
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('offers the app page the folder dialog, attached to the main window', async () => {
    const state = await startHost();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const picked = await state.handlers.get(hostChannels.pickFolder)?.({ senderFrame: { url: indexUrl } }, undefined);
    expect(picked).toEqual({ ok: true, value: { path: '/home/ada/notes' } });
    expect(state.folderDialogs).toHaveLength(1);
    expect(state.folderDialogs[0]?.[0]).toBe(state.windows[0]);
    expect(state.folderDialogs[0]?.[1]).toMatchObject({ properties: ['openDirectory', 'dontAddToRecent'] });
  });

  it('forwards engine events to the window', async () => {
    const state = await startHost();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const created = await state.handlers.get('profile:create')?.({ senderFrame: { url: indexUrl } }, { name: 'Team' });
    expect(created).toMatchObject({ ok: true });
    const profileId = (created as { value: { id: string } }).value.id;
    await state.handlers.get('profile:switch')?.({ senderFrame: { url: indexUrl } }, { profileId });
    expect(state.windows[0]?.webContents.sent.map((message) => message.channel)).toContain('profile:changed');
  });

  it('removes the IPC handlers and disposes the engine on quit', async () => {
    const state = await startHost();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const event = quitEvent();
    state.app.emit('will-quit', event);
    expect(state.handlers.size).toBe(0);
    // The quit waits for the engine to close, then goes ahead; a second quit event disposes nothing.
    expect(event.preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(state.app.quit).toHaveBeenCalledOnce());
    const again = quitEvent();
    expect(() => state.app.emit('will-quit', again)).not.toThrow();
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('quits when the last window closes (outside macOS)', async () => {
    const state = await startHost();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    state.app.emit('window-all-closed');
    expect(state.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('hands over to the running instance instead of opening the database twice', async () => {
    const state = await startHost({ hasLock: false });
    expect(state.app.quit).toHaveBeenCalledOnce();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.windows).toHaveLength(0);
    expect(state.handlers.size).toBe(0);
  });

  it('refuses a data folder another Atropos process writes, naming it, and opens nothing', async () => {
    const other = lockDataFolder(dataDir, 'web', { argv: ['/usr/bin/node', 'electron/web/main.ts', '--port', '0'] });
    try {
      const state = await startHost();
      expect(state.app.exit).toHaveBeenCalledExactlyOnceWith(1);
      expect(state.errors).toEqual([
        expect.stringContaining(
          `the web version (npm run start:web), pid ${process.pid} ("node electron/web/main.ts --port 0")`,
        ),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(state.windows).toHaveLength(0);
      expect(state.handlers.size).toBe(0);
    } finally {
      other.release();
    }
  });

  it.skipIf(process.platform === 'win32')('makes the data folder 0700 and its files 0600', async () => {
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, 'old-log.txt'), 'x', { mode: 0o644 });
    const state = await startHost();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const modeOf = (name: string): number => statSync(path.join(dataDir, name)).mode & 0o777;
    expect(modeOf('.')).toBe(0o700);
    expect(['old-log.txt', 'atropos.sqlite', 'atropos.sqlite-wal', 'atropos.lock'].map(modeOf)).toEqual([
      0o600, 0o600, 0o600, 0o600,
    ]);
  });

  it('holds the data folder while it runs and lets go on quit', async () => {
    const state = await startHost();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    expect(() => lockDataFolder(dataDir, 'cli')).toThrow(/in use by the desktop app, pid \d+/);
    state.app.emit('will-quit', quitEvent());
    await vi.waitFor(() => lockDataFolder(dataDir, 'cli').release());
  });

  it('explains a missing renderer build, closes the engine and exits 1', async () => {
    const state = await startHost({ loadFails: true });
    await vi.waitFor(() => expect(state.app.exit).toHaveBeenCalledExactlyOnceWith(1));
    expect(state.errors).toHaveLength(1);
    expect(state.errors[0]).toMatch(/npm run build/);
    expect(state.handlers.size).toBe(0);
  });

  it('honours ATROPOS_DATA_DIR for all per-user data', async () => {
    vi.stubEnv('ATROPOS_DATA_DIR', dataDir);
    const state = await startHost();
    expect(state.app.setPath).toHaveBeenCalledExactlyOnceWith('userData', path.resolve(dataDir));
  });
});
