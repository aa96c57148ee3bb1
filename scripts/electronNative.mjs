// better-sqlite3 for Electron, beside Node's build. Its addon is written against V8's C++ API, so
// a build loads only in the runtime whose ABI (NODE_MODULE_VERSION) it was compiled for: Electron 45
// refuses node_modules' build, which the CLI, the web host and the tests need as it is. So `npm
// start` keeps a second build for Electron's ABI in a cache folder, made once per Electron version
// and module version, and points the app at it through better-sqlite3's `nativeBinding` option.
// node-llama-cpp needs none of this: its addon uses N-API only (ABI-stable across Node and Electron).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The SQLite package as the app imports it: the one name to change if the app switches packages.
 * package.json may alias it (`"better-sqlite3": "npm:better-sqlite3-multiple-ciphers@..."`); the
 * rebuild then works under the installed package's own name, read from its manifest.
 */
export const sqliteModule = 'better-sqlite3';

/** The addon file that package builds (build/Release/<this>). */
export const sqliteAddonFile = 'better_sqlite3.node';

/** Names the Electron build of the addon for the app's main process (electron/host/sqliteBinding.ts). */
export const sqliteBindingVariable = 'ATROPOS_SQLITE_BINDING';

/** Where the Electron builds live: inside node_modules, so a fresh `npm ci` starts them again. */
export function defaultNativeCache(root) {
  return path.join(root, 'node_modules', '.cache', 'atropos-desktop', 'electron-native');
}

/**
 * Asks the Electron binary which Electron it is and which ABI its Node has, by running it as plain
 * Node (ELECTRON_RUN_AS_NODE). Throws an Error whose message is a sentence for the person.
 * @param {string} executable
 * @returns {{ electron: string, modules: string }}
 */
export function queryElectronVersions(executable) {
  const script =
    'process.stdout.write(JSON.stringify({electron:process.versions.electron,modules:process.versions.modules}))';
  const answer = spawnSync(executable, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 60_000,
  });
  let versions;
  try {
    versions = JSON.parse(answer.stdout ?? '');
  } catch {
    versions = null;
  }
  const isValid =
    answer.status === 0 &&
    typeof versions?.electron === 'string' &&
    /^\d+\.\d+\.\d+/.test(versions.electron) &&
    typeof versions?.modules === 'string' &&
    /^\d+$/.test(versions.modules);
  if (!isValid) {
    const why = (answer.error?.message ?? (answer.stderr || `exit code ${answer.status}`)).trim().replace(/\.$/, '');
    throw new Error(
      `The Electron binary at ${executable} did not say which version it is (${why}). ` +
        'Fetch it again with `npm run electron:fetch`, or run `npm run start:web` instead.',
    );
  }
  return { electron: versions.electron, modules: versions.modules };
}

/**
 * What an Electron build of the addon depends on; a cached build is used only when all of it matches.
 * @param {{ electron: string, modules: string }} versions
 * @param {string} moduleDir
 */
function buildKey(versions, moduleDir, platform, arch) {
  const manifest = JSON.parse(readFileSync(path.join(moduleDir, 'package.json'), 'utf8'));
  return {
    module: manifest.name,
    moduleVersion: manifest.version,
    electron: versions.electron,
    modules: versions.modules,
    platform,
    arch,
  };
}

function readStamp(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function sameKey(a, b) {
  return a !== null && Object.keys(b).every((name) => a[name] === b[name]);
}

/**
 * The addon built for this Electron, rebuilt first when the cached one is missing or was made for
 * another Electron, ABI, module version, platform or architecture. node_modules is never written.
 * @param {import('./electronNative.d.mts').EnsureBindingOptions} options
 * @returns {Promise<import('./electronNative.d.mts').ElectronBinding>}
 */
export async function ensureElectronSqliteBinding(options) {
  const {
    root,
    executable,
    rebuild = rebuildWithElectronRebuild,
    queryVersions = queryElectronVersions,
    cacheRoot = defaultNativeCache(root),
    moduleDir = path.dirname(require.resolve(`${sqliteModule}/package.json`, { paths: [root] })),
    platform = process.platform,
    arch = process.arch,
    log = (line) => console.log(line),
  } = options;
  const versions = queryVersions(executable);
  const key = buildKey(versions, moduleDir, platform, arch);
  const folder = path.join(cacheRoot, `electron-${versions.modules}-${platform}-${arch}`);
  const bindingFile = path.join(folder, sqliteAddonFile);
  const stampFile = path.join(folder, 'build.json');
  if (existsSync(bindingFile) && sameKey(readStamp(stampFile), key)) {
    return { bindingFile, versions, wasRebuilt: false };
  }
  log(
    `Building ${key.module} ${key.moduleVersion} for Electron ${versions.electron} (once; node_modules keeps the Node build)...`,
  );
  mkdirSync(folder, { recursive: true });
  rmSync(stampFile, { force: true });
  const partFile = `${bindingFile}.part`;
  rmSync(partFile, { force: true });
  try {
    await rebuild({
      moduleDir,
      moduleName: key.module,
      moduleVersion: key.moduleVersion,
      electronVersion: versions.electron,
      arch,
      outputFile: partFile,
      workDir: path.join(folder, 'work'),
    });
    if (!existsSync(partFile)) throw new Error(`the rebuild left no ${sqliteAddonFile}`);
  } catch (error) {
    rmSync(partFile, { force: true });
    throw new Error(
      `Could not build ${key.module} for Electron ${versions.electron} (${error instanceof Error ? error.message : String(error)}). ` +
        'It needs internet access (for a prebuilt binary or Electron headers) or a C++ toolchain; meanwhile `npm run start:web` runs the app in your browser.',
      { cause: error },
    );
  }
  renameSync(partFile, bindingFile);
  writeFileSync(stampFile, `${JSON.stringify(key, null, 2)}\n`);
  return { bindingFile, versions, wasRebuilt: true };
}

/**
 * Rebuilds a copy of the module (without its Node build) in `workDir` with @electron/rebuild, which
 * takes the module's prebuilt Electron binary when one can be downloaded and compiles it against
 * Electron's headers otherwise, then copies the addon to `outputFile`.
 * @param {import('./electronNative.d.mts').RebuildRequest} request
 * @param {(options: import('@electron/rebuild').RebuildOptions) => Promise<void>} [runRebuild]
 */
export async function rebuildWithElectronRebuild(request, runRebuild) {
  const { moduleDir, moduleName, moduleVersion, electronVersion, arch, outputFile, workDir } = request;
  rmSync(workDir, { recursive: true, force: true });
  const staged = path.join(workDir, 'node_modules', moduleName);
  const nodeBuild = path.join(moduleDir, 'build');
  cpSync(moduleDir, staged, {
    recursive: true,
    filter: (source) => source !== nodeBuild && !source.startsWith(`${nodeBuild}${path.sep}`),
  });
  const manifest = {
    name: 'atropos-electron-native',
    version: '0.0.0',
    private: true,
    dependencies: { [moduleName]: moduleVersion },
  };
  writeFileSync(path.join(workDir, 'package.json'), JSON.stringify(manifest));
  const rebuild = runRebuild ?? (await import('@electron/rebuild')).rebuild;
  await rebuild({ buildPath: workDir, electronVersion, arch, onlyModules: [moduleName], force: true });
  copyFileSync(path.join(staged, 'build', 'Release', sqliteAddonFile), outputFile);
  rmSync(workDir, { recursive: true, force: true });
}
