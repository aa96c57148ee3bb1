import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, safeStorage, session, shell } from 'electron';
import { createEngine, type Engine } from '#core/engine.ts';
import type { Logger } from '#core/ports.ts';
import { createIpcHandlers, createIpcRouter } from '#core/ipcRouter.ts';
import { createFileKeyCipher, createFileSecretStore, type SecretCipher } from '../host/createFileSecretStore.ts';
import { createNodePorts } from '../host/createNodePorts.ts';
import { lockDataFolder, type DataFolderLock } from '../host/lockDataFolder.ts';
import { secureDataFolder } from '../host/secureDataFolder.ts';
import { sqliteBindingOptions } from '../host/sqliteBinding.ts';
import { notifyWaitingApprovals } from './approvalNotice.ts';
import { resolveAppLocations } from './appLocations.ts';
import { createMainWindow } from './createMainWindow.ts';
import { registerFolderPicker } from './folderPicker.ts';
import { forwardEngineEvents, registerIpc } from './ipc.ts';
import { applySecurityPolicy } from './security.ts';

/**
 * Everything before the app is ready: the data folder (moved by ATROPOS_DATA_DIR, locked, private),
 * the single instance, the sandbox, and the ports the engine gets. Null when this instance must not
 * run (another one has the app or the folder; it has already quit or said why).
 */
function prepareHost(): {
  locations: ReturnType<typeof resolveAppLocations>;
  folderLock: DataFolderLock;
  ports: ReturnType<typeof createNodePorts>;
} | null {
  // ATROPOS_DATA_DIR moves all per-user data (ours and Chromium's), like the web host and CLI
  // honour it; tests use it to start from an empty profile. Must happen before 'ready'.
  const dataDirOverride = process.env['ATROPOS_DATA_DIR'];
  if (dataDirOverride !== undefined && dataDirOverride !== '') {
    app.setPath('userData', path.resolve(dataDirOverride));
  }
  // A second instance would open the same SQLite file; hand its launch to the first one instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // Sandbox every renderer, including any a bug might create without our webPreferences.
  app.enableSandbox();

  const locations = resolveAppLocations({
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  });
  const dataDir = app.getPath('userData');
  // requestSingleInstanceLock covers other Electron instances; the data folder's lock covers the
  // web host and CLI commands that write, in either order. Everything created there is private.
  process.umask(0o077);
  let folderLock: DataFolderLock;
  try {
    folderLock = lockDataFolder(dataDir, 'electron');
    secureDataFolder(dataDir);
  } catch (error) {
    dialog.showErrorBox('Atropos Desktop', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return null;
  }
  // API keys are sealed by the operating system's keychain when it offers one (safeStorage), else
  // with a key file only this user can read.
  const cipher: SecretCipher = safeStorage.isEncryptionAvailable()
    ? {
        seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
        open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
      }
    : createFileKeyCipher(path.join(dataDir, 'secrets.key'));
  const ports = createNodePorts({
    kind: 'electron',
    appVersion: app.getVersion(),
    dataDir,
    secrets: createFileSecretStore(path.join(dataDir, 'secrets.json'), cipher),
    bundledModelsDir: locations.bundledModelsDir,
    electronVersions: { electron: process.versions.electron, chrome: process.versions.chrome },
    workers: { predictorRetraining: { url: pathToFileURL(locations.retrainWorkerFile), argv: [] } },
  });
  return { locations, folderLock, ports };
}

/**
 * Connects a started engine to Electron: its IPC channels, its events to the window, the folder
 * dialog and the notice of an approval that waits in the background. Returns the clean-ups.
 */
function connectEngine(
  engine: Engine,
  appIndexUrl: string,
  logger: Logger,
  mainWindow: () => BrowserWindow | null,
): (() => void)[] {
  const router = createIpcRouter(createIpcHandlers(engine), logger);
  return [
    registerIpc({ ipcMain, router, appIndexUrl, logger }),
    forwardEngineEvents(engine, () => mainWindow()?.webContents ?? null),
    registerFolderPicker({
      ipcMain,
      appIndexUrl,
      logger,
      showOpenDialog: (options) => {
        const window = mainWindow();
        return window === null ? dialog.showOpenDialog(options) : dialog.showOpenDialog(window, options);
      },
    }),
    notifyWaitingApprovals({
      engine,
      window: mainWindow,
      isSupported: () => Notification.isSupported(),
      createNotification: (notice) => new Notification(notice),
    }),
  ];
}

/**
 * The Electron host: lifecycle, one window, security, IPC wiring. Everything the app does lives in
 * the engine (electron/core); this file only connects it to Electron and owns its lifetime.
 */
function main(): void {
  const prepared = prepareHost();
  if (prepared === null) return;
  const { locations, folderLock, ports } = prepared;
  const logger = ports.logger;
  let engine: Engine | null = null;
  let mainWindow: BrowserWindow | null = null;
  const cleanups: (() => void)[] = [];

  let closing: Promise<void> | null = null;
  let isClosed = false;

  /**
   * Unwires IPC, closes the engine (running tasks are aborted and their clean-up awaited, then the
   * database closes) and lets go of the data folder. Safe to call twice.
   */
  function shutdown(): Promise<void> {
    closing ??= (async () => {
      for (const cleanup of cleanups.splice(0).reverse()) {
        cleanup();
      }
      const open = engine;
      engine = null;
      try {
        await open?.dispose();
      } finally {
        folderLock.release();
        isClosed = true;
      }
    })();
    return closing;
  }

  /** Reports a startup failure to the log and the person, then exits with a failure code. */
  function fail(message: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    logger.error(message, { error: detail });
    dialog.showErrorBox('Atropos Desktop', `${message}\n\n${error instanceof Error ? error.message : detail}`);
    // app.exit skips 'will-quit', so close the database here.
    void shutdown().finally(() => app.exit(1));
  }

  function openWindow(): void {
    const window = createMainWindow(locations, (error) => {
      fail(`The app page could not load from ${locations.indexFile}. Run "npm run build" first.`, error);
    });
    window.on('closed', () => {
      if (mainWindow === window) {
        mainWindow = null;
      }
    });
    mainWindow = window;
  }

  function start(): void {
    applySecurityPolicy(app, session.defaultSession, {
      appIndexUrl: locations.indexUrl,
      openExternal: (url) => shell.openExternal(url),
      logger,
    });
    // Under `npm start`, better-sqlite3's addon built for Electron's ABI (node_modules' is Node's).
    const started = createEngine(ports, sqliteBindingOptions());
    engine = started;
    cleanups.push(...connectEngine(started, locations.indexUrl, logger, () => mainWindow));
    openWindow();
    logger.info('Atropos Desktop started', { dataDir: ports.paths.dataDir, modelsDir: locations.bundledModelsDir });
  }

  app.on('second-instance', () => {
    if (mainWindow === null) {
      if (engine !== null) {
        openWindow();
      }
      return;
    }
    if (mainWindow.isMinimized()) {
      mainWindow.restore();
    }
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    // macOS apps stay running without windows until the person quits them.
    if (process.platform !== 'darwin') {
      app.quit();
    }
  });
  app.on('activate', () => {
    if (engine !== null && BrowserWindow.getAllWindows().length === 0) {
      openWindow();
    }
  });
  app.on('will-quit', (event) => {
    if (isClosed) return;
    // The engine closes asynchronously (tasks record their end first): quit again once it has.
    event.preventDefault();
    void shutdown().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      fail('Atropos Desktop could not start.', error);
    });
}

main();
