import type { RebuildOptions } from '@electron/rebuild';

/** The SQLite package as the app imports it (package.json may alias it): the one name to change. */
export const sqliteModule: string;

/** The addon file that package builds (build/Release/<this>). */
export const sqliteAddonFile: string;

/** Names the Electron build of the addon for the app's main process (electron/host/sqliteBinding.ts). */
export const sqliteBindingVariable: string;

/** What an Electron binary says about itself. */
export type ElectronVersions = { readonly electron: string; readonly modules: string };

/** What a rebuild is asked for: build `moduleDir` for Electron and write the addon to `outputFile`. */
export type RebuildRequest = {
  readonly moduleDir: string;
  readonly moduleName: string;
  readonly moduleVersion: string;
  readonly electronVersion: string;
  readonly arch: string;
  readonly outputFile: string;
  /** A folder of its own the rebuild may use and remove. */
  readonly workDir: string;
};

export type EnsureBindingOptions = {
  /** The repository (where node_modules is). */
  readonly root: string;
  readonly executable: string;
  /** Defaults to rebuildWithElectronRebuild. */
  readonly rebuild?: (request: RebuildRequest) => Promise<void>;
  /** Defaults to queryElectronVersions. */
  readonly queryVersions?: (executable: string) => ElectronVersions;
  /** Defaults to defaultNativeCache(root). */
  readonly cacheRoot?: string;
  /** Defaults to the installed sqliteModule's folder. */
  readonly moduleDir?: string;
  /** Defaults to process.platform. */
  readonly platform?: string;
  /** Defaults to process.arch. */
  readonly arch?: string;
  /** Defaults to console.log. */
  readonly log?: (line: string) => void;
};

/** The Electron build of the addon, and whether this call made it. */
export type ElectronBinding = {
  readonly bindingFile: string;
  readonly versions: ElectronVersions;
  readonly wasRebuilt: boolean;
};

/** Where the Electron builds live: inside node_modules, so a fresh `npm ci` starts them again. */
export function defaultNativeCache(root: string): string;

/** Asks the Electron binary for its version and ABI (ELECTRON_RUN_AS_NODE); throws a sentence. */
export function queryElectronVersions(executable: string): ElectronVersions;

/** The addon built for this Electron, rebuilt first when the cached one is missing or stale. */
export function ensureElectronSqliteBinding(options: EnsureBindingOptions): Promise<ElectronBinding>;

/** Rebuilds a copy of the module in `workDir` with @electron/rebuild and copies the addon out. */
export function rebuildWithElectronRebuild(
  request: RebuildRequest,
  runRebuild?: (options: RebuildOptions) => Promise<void>,
): Promise<void>;
