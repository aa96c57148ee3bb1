import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ensureElectronSqliteBinding,
  queryElectronVersions,
  rebuildWithElectronRebuild,
  sqliteAddonFile,
  sqliteModule,
  type RebuildRequest,
} from '../../../scripts/electronNative.mjs';
import { createStandInElectron, useTempFolders } from './standInElectron.ts';

const temp = useTempFolders('atropos-native-');
const tempFolder = (): string => temp.make();

/** A stand-in Electron 45.5.0 (ABI 140) and the options that find it, a module and a cache. */
function standInOptions() {
  const electron = createStandInElectron({ electron: '45.5.0', modules: '140' });
  temp.keep(electron.dist);
  return {
    root: tempFolder(),
    executable: path.join(electron.dist, 'electron'),
    cacheRoot: tempFolder(),
    moduleDir: fakeModule('12.11.1'),
    log: () => undefined,
  };
}

/** A module folder shaped like the real one: its manifest and a Node build of the addon. */
function fakeModule(version: string): string {
  const moduleDir = path.join(tempFolder(), sqliteModule);
  mkdirSync(path.join(moduleDir, 'build', 'Release'), { recursive: true });
  mkdirSync(path.join(moduleDir, 'src'), { recursive: true });
  writeFileSync(path.join(moduleDir, 'package.json'), JSON.stringify({ name: sqliteModule, version }));
  writeFileSync(path.join(moduleDir, 'src', 'addon.cpp'), '// the sources a rebuild compiles');
  writeFileSync(path.join(moduleDir, 'build', 'Release', sqliteAddonFile), 'node build');
  return moduleDir;
}

/** A rebuild that records its requests and writes an addon naming what it was built for. */
function recordingRebuild(): { requests: RebuildRequest[]; rebuild: (request: RebuildRequest) => Promise<void> } {
  const requests: RebuildRequest[] = [];
  return {
    requests,
    rebuild: (request) => {
      requests.push(request);
      writeFileSync(request.outputFile, `electron ${request.electronVersion} build of ${request.moduleVersion}`);
      return Promise.resolve();
    },
  };
}

describe('ensureElectronSqliteBinding with a stand-in Electron binary', () => {
  it('rebuilds on the first run only, and again when Electron or the module changes', async () => {
    const electron = createStandInElectron({ electron: '45.5.0', modules: '140' });
    temp.keep(electron.dist);
    const executable = path.join(electron.dist, 'electron');
    const cacheRoot = tempFolder();
    let moduleDir = fakeModule('12.11.1');
    const { requests, rebuild } = recordingRebuild();
    const lines: string[] = [];
    const ensure = () =>
      ensureElectronSqliteBinding({
        root: tempFolder(),
        executable,
        rebuild,
        cacheRoot,
        moduleDir,
        log: (line) => lines.push(line),
      });

    const first = await ensure();
    expect(first).toMatchObject({ wasRebuilt: true, versions: { electron: '45.5.0', modules: '140' } });
    expect(path.relative(cacheRoot, first.bindingFile)).toBe(
      path.join(`electron-140-${process.platform}-${process.arch}`, sqliteAddonFile),
    );
    expect(readFileSync(first.bindingFile, 'utf8')).toBe('electron 45.5.0 build of 12.11.1');
    expect(requests[0]).toMatchObject({
      moduleDir,
      moduleName: sqliteModule,
      electronVersion: '45.5.0',
      arch: process.arch,
    });
    expect(lines).toHaveLength(1);
    // node_modules' Node build is left as it was.
    expect(readFileSync(path.join(moduleDir, 'build', 'Release', sqliteAddonFile), 'utf8')).toBe('node build');

    const second = await ensure();
    expect(second).toEqual({ ...first, wasRebuilt: false });
    expect(requests).toHaveLength(1);

    electron.setVersions({ electron: '45.6.0', modules: '140' });
    await expect(ensure()).resolves.toMatchObject({ wasRebuilt: true, bindingFile: first.bindingFile });
    expect(readFileSync(first.bindingFile, 'utf8')).toBe('electron 45.6.0 build of 12.11.1');

    moduleDir = fakeModule('12.12.0');
    await expect(ensure()).resolves.toMatchObject({ wasRebuilt: true });
    await expect(ensure()).resolves.toMatchObject({ wasRebuilt: false });

    // Another ABI gets a folder of its own; the first build stays for a switch back.
    electron.setVersions({ electron: '46.0.0', modules: '143' });
    const other = await ensure();
    expect(other.wasRebuilt).toBe(true);
    expect(other.bindingFile).not.toBe(first.bindingFile);
    expect(existsSync(first.bindingFile)).toBe(true);
    expect(requests.map((request) => `${request.electronVersion}/${request.moduleVersion}`)).toEqual([
      '45.5.0/12.11.1',
      '45.6.0/12.11.1',
      '45.6.0/12.12.0',
      '46.0.0/12.12.0',
    ]);
  });

  it('rebuilds when the cached addon is gone though its record is there', async () => {
    const options = standInOptions();
    const { requests, rebuild } = recordingRebuild();
    const first = await ensureElectronSqliteBinding({ ...options, rebuild });
    rmSync(first.bindingFile);
    await expect(ensureElectronSqliteBinding({ ...options, rebuild })).resolves.toMatchObject({ wasRebuilt: true });
    expect(requests).toHaveLength(2);
  });

  it('says what failed when the rebuild fails, keeps nothing, and tries again next time', async () => {
    const options = standInOptions();
    const failing = (request: RebuildRequest): Promise<void> => {
      writeFileSync(request.outputFile, 'half');
      return Promise.reject(new Error('gyp ERR! connect ENETUNREACH'));
    };
    await expect(ensureElectronSqliteBinding({ ...options, rebuild: failing })).rejects.toThrow(
      /^Could not build better-sqlite3 for Electron 45\.5\.0 \(gyp ERR! connect ENETUNREACH\)\..*npm run start:web/,
    );
    const folder = path.join(options.cacheRoot, `electron-140-${process.platform}-${process.arch}`);
    expect(readdirSync(folder)).toEqual([]);
    const { requests, rebuild } = recordingRebuild();
    await expect(ensureElectronSqliteBinding({ ...options, rebuild })).resolves.toMatchObject({ wasRebuilt: true });
    expect(requests).toHaveLength(1);
  });
});

describe('queryElectronVersions', () => {
  it('reads the version and ABI the binary reports when run as Node', () => {
    const electron = createStandInElectron({ electron: '45.5.0', modules: '140' });
    temp.keep(electron.dist);
    expect(queryElectronVersions(path.join(electron.dist, 'electron'))).toEqual({ electron: '45.5.0', modules: '140' });
    expect(electron.launched()).toBeNull();
  });

  it('says so in a sentence when the binary answers something else', () => {
    const electron = createStandInElectron({ electron: '45.5.0', modules: '140' });
    temp.keep(electron.dist);
    writeFileSync(path.join(electron.dist, 'versions.json'), 'This is a placeholder Electron binary.');
    expect(() => queryElectronVersions(path.join(electron.dist, 'electron'))).toThrow(
      /did not say which version it is .*npm run electron:fetch.*npm run start:web/,
    );
  });

  it('refuses a plain Node, which runs the query but reports no Electron version', () => {
    expect(() => queryElectronVersions(process.execPath)).toThrow(/did not say which version it is \(exit code 0\)/);
  });
});

describe('rebuildWithElectronRebuild', () => {
  it('rebuilds a copy without the Node build, takes its addon out, and leaves the module alone', async () => {
    const moduleDir = fakeModule('12.11.1');
    const nodeAddon = path.join(moduleDir, 'build', 'Release', sqliteAddonFile);
    const before = createHash('sha256').update(readFileSync(nodeAddon)).digest('hex');
    const workDir = path.join(tempFolder(), 'work');
    const outputFile = path.join(tempFolder(), `${sqliteAddonFile}.part`);
    const seen: { options: unknown; staged: string[]; manifest: unknown }[] = [];
    await rebuildWithElectronRebuild(
      {
        moduleDir,
        moduleName: sqliteModule,
        moduleVersion: '12.11.1',
        electronVersion: '45.5.0',
        arch: 'x64',
        outputFile,
        workDir,
      },
      (options) => {
        const staged = path.join(options.buildPath, 'node_modules', sqliteModule);
        seen.push({
          options,
          staged: readdirSync(staged, { recursive: true }).map(String).sort(),
          manifest: JSON.parse(readFileSync(path.join(options.buildPath, 'package.json'), 'utf8')),
        });
        mkdirSync(path.join(staged, 'build', 'Release'), { recursive: true });
        writeFileSync(path.join(staged, 'build', 'Release', sqliteAddonFile), 'electron build');
        return Promise.resolve();
      },
    );
    expect(seen).toEqual([
      {
        options: {
          buildPath: workDir,
          electronVersion: '45.5.0',
          arch: 'x64',
          onlyModules: [sqliteModule],
          force: true,
        },
        staged: ['package.json', 'src', path.join('src', 'addon.cpp')],
        manifest: {
          name: 'atropos-electron-native',
          version: '0.0.0',
          private: true,
          dependencies: { [sqliteModule]: '12.11.1' },
        },
      },
    ]);
    expect(readFileSync(outputFile, 'utf8')).toBe('electron build');
    expect(existsSync(workDir)).toBe(false);
    expect(createHash('sha256').update(readFileSync(nodeAddon)).digest('hex')).toBe(before);
  });
});
