import type { StdioOptions } from 'node:child_process';
import type { RebuildRequest } from './electronNative.d.mts';

export type StartOptions = {
  /** The repository. */
  readonly root: string;
  /** Passed on to the app after the repository path. Defaults to none. */
  readonly argv?: readonly string[];
  /** Where Electron is looked up, and the app's environment. Defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Builds the app; returns its exit code. Defaults to `npm run build`. */
  readonly build?: (root: string) => number;
  /** Defaults to rebuildWithElectronRebuild. */
  readonly rebuild?: (request: RebuildRequest) => Promise<void>;
  /** Where the Electron builds of the addon are kept. Defaults to defaultNativeCache(root). */
  readonly cacheRoot?: string;
  /** The app's stdio. Defaults to 'inherit'. */
  readonly stdio?: StdioOptions;
  /** Where failures are said. Defaults to console.error. */
  readonly error?: (line: string) => void;
};

/** What `npm start` does; resolves to its exit code. */
export function startElectron(options: StartOptions): Promise<number>;
