// Finds the Electron executable WITHOUT downloading it. electron >= 42 fetches its binary lazily
// on the first require('electron') from Node, which fails (and takes time) on an offline machine,
// so this reads what that download would have left behind instead. Never require('electron') here.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The absolute path of the installed Electron executable, or null when it is not installed (the
 * binary was never downloaded, or the electron package itself is missing). Mirrors the lookup in
 * node_modules/electron/index.js, including ELECTRON_OVERRIDE_DIST_PATH.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | null}
 */
export function electronExecutable(env = process.env) {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  // path.txt names the executable inside dist/ (platform-specific); it appears after a download.
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  let candidate;
  if (override !== undefined && override !== '') {
    candidate = path.resolve(override, relative ?? 'electron');
  } else if (relative !== null && relative !== '') {
    candidate = path.join(packageDir, 'dist', relative);
  } else {
    return null;
  }
  return existsSync(candidate) ? candidate : null;
}

/** The few lines `npm start` and the tests print when there is no binary. */
export const missingElectronMessage = [
  'The Electron binary is not installed on this machine (node_modules/electron has no dist/).',
  'On a machine with internet access, fetch it with:  npx install-electron   (or: npm run electron:fetch)',
  'Meanwhile, `npm run start:web` runs the same app in your browser.',
].join('\n');
