// What `npm start` does, with its outside effects injectable so tests can run it against a
// stand-in Electron binary and a stand-in rebuild (scripts/start.mjs passes the real ones).
import { spawn, spawnSync } from 'node:child_process';
import { electronExecutable, missingElectronMessage } from './electronBinary.mjs';
import { ensureElectronSqliteBinding, sqliteBindingVariable } from './electronNative.mjs';

/** `npm run build`, its output shown; resolves to its exit code. */
function buildApp(root) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return built.status ?? 1;
}

/**
 * Finds Electron (or says how to get it), makes sure better-sqlite3 is built for its ABI (once),
 * builds the app and runs it, passing the Electron build of the addon in ATROPOS_SQLITE_BINDING.
 * Resolves to the exit code `npm start` should end with.
 * @param {import('./startElectron.d.mts').StartOptions} options
 * @returns {Promise<number>}
 */
export async function startElectron(options) {
  const { root, argv = [], env = process.env, build = buildApp, rebuild, cacheRoot, stdio = 'inherit' } = options;
  const report = options.error ?? ((line) => console.error(line));
  const executable = electronExecutable(env);
  if (executable === null) {
    report(missingElectronMessage);
    return 1;
  }
  let binding;
  try {
    binding = await ensureElectronSqliteBinding({
      root,
      executable,
      ...(rebuild === undefined ? {} : { rebuild }),
      ...(cacheRoot === undefined ? {} : { cacheRoot }),
    });
  } catch (error) {
    report(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const built = build(root);
  if (built !== 0) return built;

  // ELECTRON_RUN_AS_NODE (set by some tools) would make Electron behave as plain Node.
  const childEnv = { ...env, [sqliteBindingVariable]: binding.bindingFile };
  delete childEnv['ELECTRON_RUN_AS_NODE'];
  const child = spawn(executable, [root, ...argv], { cwd: root, env: childEnv, stdio });
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 0 : 1)));
    child.on('error', (error) => {
      report(`Could not start Electron (${executable}): ${error.message}`);
      resolve(1);
    });
  }).finally(() => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, forward);
  });
}
