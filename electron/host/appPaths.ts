import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerScript } from '#core/ports.ts';

/** The folder name Electron uses for userData (the productName), so every host shares one data folder. */
export const productName = 'Atropos Desktop';

/**
 * The per-user data folder, where Electron's `app.getPath('userData')` would put it, unless
 * ATROPOS_DATA_DIR says otherwise.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['ATROPOS_DATA_DIR'];
  if (override !== undefined && override !== '') {
    return path.resolve(override);
  }
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', productName);
    case 'win32':
      return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), productName);
    default:
      return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), productName);
  }
}

/** The repository root, for hosts that run from source (web host, CLI). */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The app version from package.json. */
export function readAppVersion(root: string = repositoryRoot): string {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** Worker entry points when running from source: TypeScript modules started through tsx. */
export function sourceWorkers(root: string = repositoryRoot): { predictorRetraining: WorkerScript } {
  return {
    predictorRetraining: {
      url: pathToFileURL(path.join(root, 'electron', 'host', 'typeScriptWorker.mjs')),
      argv: [pathToFileURL(path.join(root, 'electron', 'core', 'predictor', 'retrainWorker.ts')).href],
    },
  };
}
